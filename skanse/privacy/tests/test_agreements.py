import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope

from skanse.core.errors import DomainError
from skanse.core.models import AuditEvent
from skanse.privacy import services
from skanse.privacy.models import ProcessorAgreement
from skanse.privacy.tests.conftest import make_activity, make_agreement

PDF = b"%PDF-1.4\n% a small agreement\n"


def _url(personas, name, **kwargs):
    return reverse(name, kwargs={"org": personas.org.slug, **kwargs})


def test_an_agreement_links_processor_systems_and_activities(personas, inv):
    activity = make_activity(personas.org)
    agreement = make_agreement(
        personas.org,
        supplier=inv["own"]["nordlys"].uuid,
        systems=[inv["own"]["social"].uuid],
        activities=[activity.uuid],
        status="concluded",
        concluded_on=datetime.date(2024, 1, 1),
        template="dt_scc",
        breach_notice="24",
    )
    with scope(organisation=personas.org):
        assert agreement.supplier == inv["own"]["nordlys"]
        assert list(agreement.systems.all()) == [inv["own"]["social"]]
        assert list(activity.agreements.all()) == [agreement]


def test_a_concluded_agreement_needs_its_date(personas):
    with pytest.raises(DomainError) as refused:
        make_agreement(personas.org, status="concluded")
    assert "concluded_on" in refused.value.error_dict


def test_another_organisations_supplier_is_refused(personas, inv):
    with pytest.raises(DomainError) as refused:
        make_agreement(personas.org, supplier=inv["other"]["nordlys"].uuid)
    assert "supplier" in refused.value.error_dict


def test_a_pdf_is_stored_with_its_name_type_and_size(personas):
    upload = SimpleUploadedFile("DPA Nordlys.pdf", PDF, content_type="application/pdf")
    agreement = make_agreement(personas.org, document=upload)
    assert agreement.document_name == "DPA Nordlys.pdf"
    assert agreement.document_type == "application/pdf"
    assert agreement.document_size == len(PDF)
    response = personas.client(personas.auditor).get(
        _url(personas, "agreement_document", agreement=agreement.uuid)
    )
    assert response.content == PDF
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("agreement.exe", b"MZ\x90\x00"),
        ("agreement.html", b"<script>alert(1)</script>"),
        ("agreement.pdf", b"<html>not a pdf</html>"),
        ("agreement.docx", PDF),
    ],
)
def test_other_files_are_refused_at_the_field(personas, name, content):
    with pytest.raises(DomainError) as refused:
        make_agreement(personas.org, document=SimpleUploadedFile(name, content))
    assert "document" in refused.value.error_dict


def test_a_too_large_file_is_refused(personas, monkeypatch):
    monkeypatch.setattr(services, "DOCUMENT_MAX_BYTES", 10)
    with pytest.raises(DomainError) as refused:
        make_agreement(personas.org, document=SimpleUploadedFile("a.pdf", PDF))
    assert "MB" in refused.value.messages[0]


def test_the_upload_page_shows_a_refused_file_at_the_field(personas):
    response = personas.client(personas.dpo).post(
        _url(personas, "agreement_create"),
        {
            "name": "Aftale",
            "status": "in_progress",
            "transfer_basis": "none",
            "risk_processing": "ordinary",
            "upload": SimpleUploadedFile("virus.exe", b"MZ"),
        },
    )
    assert response.status_code == 400
    assert b"form-error" in response.content
    with scope(organisation=personas.org):
        assert not ProcessorAgreement.objects.exists()


def test_sub_processors_are_added_and_removed_with_an_audit_trail(personas):
    agreement = make_agreement(personas.org)
    with scope(organisation=personas.org):
        with pytest.raises(DomainError):
            services.sub_processor_add(None, agreement, name="Cloud", third_country=True)
        sub = services.sub_processor_add(
            personas.dpo,
            agreement,
            name="Cloud Inc.",
            country="USA",
            third_country=True,
            transfer_basis="scc",
        )
        services.sub_processor_remove(personas.dpo, sub)
        events = list(AuditEvent.objects.filter(object_uuid=sub.uuid).order_by("id"))
    assert [e.action for e in events] == [
        "privacy.sub_processor.added",
        "privacy.sub_processor.removed",
    ]
    assert events[0].changes["transfer_basis"] == [None, "scc"]
    assert events[1].actor == personas.dpo


def test_the_list_names_systems_with_personal_data_and_no_concluded_agreement(personas, inv):
    make_agreement(
        personas.org,
        supplier=inv["own"]["nordlys"].uuid,
        status="concluded",
        concluded_on=datetime.date(2024, 1, 1),
    )
    response = personas.client(personas.dpo).get(_url(personas, "agreement_list"))
    content = response.content.decode()
    missing = content.split("Systems with personal data but no concluded agreement")[-1]
    if "Systemer med personoplysninger" in content:
        missing = content.split("Systemer med personoplysninger")[-1]
    assert "Booking" in missing
    assert "Sagssystem" not in missing


def test_the_list_runs_a_bounded_number_of_queries(personas, inv, django_assert_max_num_queries):
    for n in range(25):
        make_agreement(personas.org, name=f"Aftale {n}", systems=[inv["own"]["social"].uuid])
    client = personas.client(personas.dpo)
    client.get(_url(personas, "agreement_list"))
    with django_assert_max_num_queries(12):
        assert client.get(_url(personas, "agreement_list")).status_code == 200


def test_the_detail_runs_a_bounded_number_of_queries(personas, inv, django_assert_max_num_queries):
    agreement = make_agreement(personas.org, systems=[inv["own"]["social"].uuid])
    with scope(organisation=personas.org):
        for n in range(5):
            services.sub_processor_add(None, agreement, name=f"Sub {n}")
    client = personas.client(personas.dpo)
    url = _url(personas, "agreement_detail", agreement=agreement.uuid)
    client.get(url)
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


def test_the_list_shows_only_the_organisations_agreements(personas):
    make_agreement(personas.org, name="Aarhus aftale")
    make_agreement(personas.other_org, name="Vejle aftale")
    response = personas.client(personas.contributor).get(_url(personas, "agreement_list"))
    assert b"Aarhus aftale" in response.content
    assert b"Vejle aftale" not in response.content


def test_another_organisations_document_is_a_404(personas):
    upload = SimpleUploadedFile("dpa.pdf", PDF, content_type="application/pdf")
    foreign = make_agreement(personas.other_org, document=upload)
    response = personas.client(personas.dpo).get(
        _url(personas, "agreement_document", agreement=foreign.uuid)
    )
    assert response.status_code == 404


def test_an_uploaded_file_is_stored_under_a_random_name(personas):
    upload = SimpleUploadedFile("../../etc/evil name.pdf", PDF, content_type="application/pdf")
    agreement = make_agreement(personas.org, document=upload)
    assert agreement.document_name == "evil name.pdf"
    assert ".." not in agreement.document.name
    assert "evil" not in agreement.document.name
    assert agreement.document.name.endswith(".pdf")
