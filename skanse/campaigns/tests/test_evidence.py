"""Evidence files on answers: checked before they are stored, listed with the answer,
downloadable by the organisation's readers, removable while the response is open, audited."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from django_scopes import scopes_disabled

from skanse.campaigns.models import Evidence, Question, Response, SectionAssignment
from skanse.campaigns.tests.conftest import url
from skanse.core.models import AuditEvent
from tests.helpers import da

PDF = b"%PDF-1.7\n% a tiny document\n"


def question(response, key="M1") -> Question:
    return Question.objects.get(section__version=response.campaign.questionnaire_version, key=key)


def upload(client, org, response, name="policy.pdf", content=PDF, key="M1", htmx=True):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(
        url("evidence_upload", org, response.uuid, question(response, key).uuid),
        {"file": SimpleUploadedFile(name, content, "application/pdf")},
        **headers,
    )


def stored(response) -> list[Evidence]:
    with scopes_disabled():
        return list(Evidence.objects.filter(answer__response=response))


def test_a_file_is_attached_listed_and_downloadable(personas, response):
    client = personas.client(personas.admin)
    page = upload(client, personas.org, response)
    assert page.status_code == 200
    assert "policy.pdf" in page.content.decode()
    [evidence] = stored(response)
    assert evidence.content_type == "application/pdf"
    assert evidence.uploaded_by == personas.admin
    download = client.get(reverse("evidence_download", args=[personas.org.slug, evidence.uuid]))
    assert download.content == PDF
    assert "attachment" in download["Content-Disposition"]
    with scopes_disabled():
        event = AuditEvent.objects.get(action="campaigns.evidence.added")
    assert event.actor == personas.admin
    assert event.changes["file"] == [None, "policy.pdf"]


def test_a_renamed_program_is_refused_and_nothing_is_stored(personas, response):
    page = upload(personas.client(personas.admin), personas.org, response, content=b"MZ\x90\x00")
    assert page.status_code == 400
    message = da("The file's content does not match its name (%(name)s).")
    assert escape(message % {"name": "policy.pdf"}) in page.content.decode()
    assert stored(response) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.exe", b"MZ", "Files of this type cannot be uploaded. Allowed: %(types)s."),
        ("empty.pdf", b"", "The file is empty."),
        ("notes.txt", b"\x00\x01binary", "The file's content does not match its name (%(name)s)."),
    ],
)
def test_other_refusals_say_why(personas, response, name, content, message):
    page = upload(personas.client(personas.admin), personas.org, response, name, content)
    assert page.status_code == 400
    assert escape(da(message).split("%")[0]) in page.content.decode()
    assert stored(response) == []


def test_a_file_over_the_limit_is_refused(personas, response, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    big = PDF + b"0" * (1024 * 1024)
    page = upload(personas.client(personas.admin), personas.org, response, content=big)
    assert page.status_code == 400
    assert da("The file is too large: at most %(mb)d MB.") % {"mb": 1} in page.content.decode()
    assert stored(response) == []


def test_a_removed_file_is_gone_from_storage_and_the_removal_audited(
    personas, response, django_capture_on_commit_callbacks
):
    client = personas.client(personas.admin)
    upload(client, personas.org, response)
    [evidence] = stored(response)
    storage, name = evidence.file.storage, evidence.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("evidence_delete", args=[personas.org.slug, evidence.uuid]))
    assert page.status_code == 302
    assert stored(response) == []
    assert not storage.exists(name)
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="campaigns.evidence.removed").exists()


def test_a_submitted_response_takes_no_more_files(personas, response):
    with scopes_disabled():
        Response.objects.filter(pk=response.pk).update(status=Response.Status.SUBMITTED)
    page = upload(personas.client(personas.admin), personas.org, response)
    # The card is no longer editable; the refusal comes from the service.
    assert page.status_code in (400, 403)
    assert stored(response) == []


def test_a_contributor_reaches_only_the_files_of_assigned_sections(personas, response):
    upload(personas.client(personas.admin), personas.org, response, key="M1")  # section "gov"
    [evidence] = stored(response)
    contributor = personas.client(personas.contributor)
    link = reverse("evidence_download", args=[personas.org.slug, evidence.uuid])
    assert contributor.get(link).status_code == 404
    assert upload(contributor, personas.org, response, key="M1").status_code == 403
    with scopes_disabled():
        SectionAssignment.objects.create(
            organisation=personas.org,
            response=response,
            section=question(response).section,
            assignee=personas.contributor,
        )
    allowed = contributor.get(link)
    assert allowed.status_code == 200


def test_the_section_page_lists_files_in_one_query_more(
    personas, response, django_assert_max_num_queries
):
    client = personas.client(personas.admin)
    for key in ("M1", "Y1", "P1"):
        upload(client, personas.org, response, key=key)
    section = question(response).section
    page_url = url("response_section", personas.org, response.uuid, section.uuid)
    client.get(page_url)
    with django_assert_max_num_queries(14):
        page = client.get(page_url)
    assert page.content.decode().count(">policy.pdf</a>") == 3
