"""The way from a draft to an approved DPIA as its users take it: the next step named, the
sections a colleague may fill in, the frozen approved version, Art. 36 after approval, bad
input at the field, and pages whose queries do not grow with the rows."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from skanse.core.errors import DomainError
from skanse.core.models import AuditEvent
from skanse.dpia import selectors, services
from skanse.dpia.models import Dpia, DpiaAssignment, DpiaRisk
from skanse.dpia.tests.conftest import approve, consult, make_version

RISK = {
    "title": "Forkert modtager",
    "likelihood": "2",
    "severity": "3",
    "measures": "Dobbelttjek",
    "residual_likelihood": "1",
    "residual_severity": "3",
}


def url(name, org, *args):
    return reverse(name, args=[org.slug, *args])


def assign(version, section, user, **fields):
    with scope(organisation=version.organisation):
        return services.assignment_set(
            actor=None, version=version, section=section, assignee=user, **fields
        )


# --- The workflow --------------------------------------------------------------------------


def test_a_draft_is_not_approved_before_it_is_sent_for_approval(personas):
    version = consult(make_version(personas.org))
    with scope(organisation=personas.org), pytest.raises(DomainError) as error:
        services.version_approve(
            actor=None,
            version=version,
            approved_by_name="Direktør",
            approved_on=datetime.date(2026, 1, 15),
            reassess_on=datetime.date(2027, 1, 15),
        )
    assert "Send the DPIA for approval first" in error.value.messages[0]
    version.refresh_from_db()
    assert version.status == "draft" and version.approved_on is None


def test_an_approval_in_the_future_is_refused_at_the_field(personas):
    version = consult(make_version(personas.org))
    with scope(organisation=personas.org):
        services.version_submit(actor=None, version=version)
    response = personas.client(personas.dpo).post(
        url("dpia_version_approve", personas.org, version.uuid),
        {"approved_by_name": "Direktør", "approved_on": "2099-01-01", "reassess_on": "2099-06-01"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_approved_on_error"' in body and "This date is in the future" in body
    version.refresh_from_db()
    assert version.status == "submitted"


def test_missing_approval_fields_get_the_services_messages_at_the_fields(personas):
    version = make_version(personas.org)
    body = (
        personas.client(personas.dpo)
        .post(url("dpia_version_approve", personas.org, version.uuid), {})
        .content.decode()
    )
    assert 'id="id_approved_by_name_error"' in body
    assert "Give the name of the manager who approves." in body
    assert "Set the date by which the DPIA is re-assessed." in body


def test_the_page_names_the_next_step_from_draft_to_approval(personas):
    version = make_version(personas.org, document={"purposes": "Visitation"})
    client = personas.client(personas.dpo)
    page = url("dpia_detail", personas.org, version.dpia.uuid)
    assert "Next step: Describe the processing" in client.get(page).content.decode()
    with scope(organisation=personas.org):
        services.version_update(
            actor=None,
            version=version,
            data_flows="a",
            data_categories="b",
            recipients="c",
            technical_support="d",
            **{name: "ok" for name, _label in services.k.PRINCIPLES},
        )
    assert "Next step: Ask the DPO" in client.get(page).content.decode()
    consult(version)
    body = client.get(page).content.decode()
    assert "Next step: Send for management" in body
    assert url("dpia_version_submit", personas.org, version.uuid) in body
    client.post(url("dpia_version_submit", personas.org, version.uuid))
    assert "Next step: Management approves" in client.get(page).content.decode()


def test_the_dpo_is_consulted_with_a_recorded_opinion_at_the_fields(personas):
    version = make_version(personas.org)
    response = personas.client(personas.dpo).post(
        url("dpia_version_consult", personas.org, version.uuid),
        {"dpo_name": "DPO", "dpo_consulted_on": "2026-01-10", "dpo_opinion": "  "},
    )
    assert response.status_code == 400
    assert "Record the DPO&#x27;s opinion." in response.content.decode()
    version.refresh_from_db()
    assert version.dpo_consulted_on is None


def test_a_too_long_name_from_the_api_is_refused_at_the_field(personas):
    version = make_version(personas.org)
    with scope(organisation=personas.org), pytest.raises(ValidationError) as error:
        services.version_consult(
            actor=None,
            version=version,
            dpo_name="D" * 201,
            dpo_consulted_on=datetime.date(2026, 1, 10),
            dpo_opinion="Enig",
        )
    assert "dpo_name" in error.value.error_dict


# --- The approved version is frozen ---------------------------------------------------------


def test_the_edit_pages_of_an_approved_version_say_why_and_go_back(personas):
    version = approve(consult(make_version(personas.org)))
    client = personas.client(personas.dpo)
    with scope(organisation=personas.org):
        risk = version.risks.get()
    for target in (
        url("dpia_version_edit", personas.org, version.uuid) + "?part=description",
        url("dpia_risk_add", personas.org, version.uuid),
        url("dpia_risk_edit", personas.org, risk.uuid),
        url("dpia_version_consult", personas.org, version.uuid),
        url("dpia_version_approve", personas.org, version.uuid),
    ):
        response = client.post(target, {**RISK, "purposes": "Ændret"}, follow=True)
        assert "Version 1 is approved and cannot be changed" in response.content.decode()
    client.post(url("dpia_risk_delete", personas.org, risk.uuid))
    version.refresh_from_db()
    assert version.purposes == "Visitation" and version.status == "approved"
    with scope(organisation=personas.org):
        assert DpiaRisk.objects.filter(version=version).count() == 1


def test_an_approved_dpia_stays_on_record(personas):
    version = approve(consult(make_version(personas.org)))
    response = personas.client(personas.dpo).post(
        url("dpia_delete", personas.org, version.dpia.uuid), follow=True
    )
    assert "stays on record" in response.content.decode()
    with scope(organisation=personas.org):
        assert Dpia.objects.filter(pk=version.dpia.pk).exists()


def test_the_reassessment_date_cannot_come_before_the_approval(personas):
    version = approve(consult(make_version(personas.org)))
    with scope(organisation=personas.org), pytest.raises(DomainError) as error:
        services.dpia_update(actor=None, dpia=version.dpia, reassess_on=datetime.date(2026, 1, 1))
    assert "reassess_on" in error.value.error_dict


def test_an_older_version_says_which_is_the_newest(personas):
    version = approve(consult(make_version(personas.org)))
    with scope(organisation=personas.org):
        services.dpia_reassess(actor=None, dpia=version.dpia)
    body = (
        personas.client(personas.auditor)
        .get(url("dpia_detail", personas.org, version.dpia.uuid) + "?version=1")
        .content.decode()
    )
    assert "You are reading version 1, as it was approved. The newest is version 2" in body


# --- Art. 36 ----------------------------------------------------------------------------------


def test_prior_consultation_is_recorded_after_the_approval_and_audited(personas):
    version = make_version(personas.org)
    with scope(organisation=personas.org):
        risk = version.risks.get()
        services.risk_update(actor=None, risk=risk, residual_likelihood=3)
    version = approve(consult(version))
    with scope(organisation=personas.org):
        cards = {c["key"] for c in selectors.dashboard_cards(personas.org)}
    assert "prior_consultation" in cards
    client = personas.client(personas.dpo)
    target = url("dpia_version_prior", personas.org, version.uuid)
    refused = client.post(target, {"prior_consultation_on": "2099-01-01"})
    assert refused.status_code == 400
    assert 'id="id_prior_consultation_on_error"' in refused.content.decode()
    response = client.post(
        target, {"prior_consultation_on": "2026-02-01", "prior_consultation_notes": "J.nr. 1"}
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.prior_consultation_on == datetime.date(2026, 2, 1)
    assert version.status == "approved"
    with scope(organisation=personas.org):
        event = AuditEvent.objects.filter(object_uuid=version.uuid).latest("id")
        cards = {c["key"] for c in selectors.dashboard_cards(personas.org)}
    assert event.changes["prior_consultation_on"] == [None, "2026-02-01"]
    assert "prior_consultation" not in cards


def test_a_superseded_version_takes_no_prior_consultation(personas):
    first = approve(consult(make_version(personas.org)))
    with scope(organisation=personas.org):
        second = services.dpia_reassess(actor=None, dpia=first.dpia)
    approve(consult(second), approved_on=datetime.date(2026, 3, 1))
    first.refresh_from_db()
    assert first.status == "superseded"
    with scope(organisation=personas.org), pytest.raises(DomainError):
        services.version_prior_consultation(
            actor=None, version=first, prior_consultation_on=datetime.date(2026, 2, 1)
        )


# --- Sections assigned to colleagues ----------------------------------------------------------


def test_a_contributor_edits_only_the_section_assigned_to_them(personas):
    version = make_version(personas.org)
    client = personas.client(personas.contributor)
    add = url("dpia_risk_add", personas.org, version.uuid)
    description = url("dpia_version_edit", personas.org, version.uuid) + "?part=description"
    assert client.post(add, RISK).status_code == 403
    assign(version, "risks", personas.contributor)
    assert client.post(add, RISK).status_code == 302
    with scope(organisation=personas.org):
        risk = version.risks.get(title=RISK["title"])
    assert client.post(url("dpia_risk_edit", personas.org, risk.uuid), RISK).status_code == 302
    for refused in (
        description,
        url("dpia_version_edit", personas.org, version.uuid) + "?part=matrix",
        url("dpia_version_edit", personas.org, version.uuid),
        url("dpia_version_consult", personas.org, version.uuid),
    ):
        assert client.get(refused).status_code == 403, refused
        assert client.post(refused, {"purposes": "x"}).status_code == 403, refused
    assert client.post(url("dpia_version_submit", personas.org, version.uuid)).status_code == 403
    assign(version, "description", personas.contributor)
    assert client.post(description, {"purposes": "Af bidragyderen"}).status_code == 302
    version.refresh_from_db()
    assert version.purposes == "Af bidragyderen"
    page = client.get(url("dpia_detail", personas.org, version.dpia.uuid)).content.decode()
    assert add in page and description in page
    assert url("dpia_version_consult", personas.org, version.uuid) not in page
    # The auditor reads, whatever is assigned.
    auditor = personas.client(personas.auditor)
    assert auditor.post(add, RISK).status_code == 403


def test_an_assigned_contributor_cannot_touch_another_version(personas):
    version = make_version(personas.org)
    other = make_version(personas.org, title="Andet")
    assign(version, "risks", personas.contributor)
    response = personas.client(personas.contributor).post(
        url("dpia_risk_add", personas.org, other.uuid), RISK
    )
    assert response.status_code == 403


def test_an_auditor_cannot_be_given_a_section(personas):
    version = make_version(personas.org)
    with pytest.raises(DomainError) as error:
        assign(version, "risks", personas.auditor)
    assert "assignee" in error.value.error_dict
    with scope(organisation=personas.org):
        assert not DpiaAssignment.objects.exists()


def test_a_due_date_that_has_passed_is_refused(personas):
    version = make_version(personas.org)
    with pytest.raises(DomainError) as error:
        assign(version, "risks", personas.contributor, due_on=datetime.date(2020, 1, 1))
    assert "due_on" in error.value.error_dict


def test_giving_a_section_to_someone_else_records_who_had_it(personas):
    version = make_version(personas.org)
    first = assign(version, "risks", personas.contributor)
    assign(version, "risks", personas.dpo)
    with scope(organisation=personas.org):
        events = list(
            AuditEvent.objects.filter(object_uuid=first.uuid)
            .order_by("id")
            .values_list("changes", flat=True)
        )
    assert events[-1]["assignee"] == [str(personas.contributor), str(personas.dpo)]


def test_the_assigned_section_links_to_its_place_on_the_page(personas):
    version = make_version(personas.org)
    assign(version, "necessity", personas.contributor)
    with scope(organisation=personas.org):
        rows = selectors.assigned_to(personas.contributor, personas.org)
    assert rows[0]["url"].endswith("#section-necessity")


# --- Bad input --------------------------------------------------------------------------------


def test_a_risk_needs_its_levels_and_a_name_at_the_fields(personas):
    version = make_version(personas.org, risks=[])
    response = personas.client(personas.dpo).post(
        url("dpia_risk_add", personas.org, version.uuid), {"title": " ", "likelihood": "0"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    for field in ("title", "likelihood", "severity", "residual_likelihood"):
        assert f'id="id_{field}_error"' in body, field
    assert "Give a number from 1 to 4 (the matrix&#x27;s scale)." in body
    with scope(organisation=personas.org):
        assert not DpiaRisk.objects.exists()


def test_a_matrix_out_of_range_is_refused_at_the_field(personas):
    version = make_version(personas.org)
    response = personas.client(personas.dpo).post(
        url("dpia_version_edit", personas.org, version.uuid) + "?part=matrix",
        {"likelihood_levels": "9", "severity_levels": "4", "high_from": "9"},
    )
    assert response.status_code == 400
    assert 'id="id_likelihood_levels_error"' in response.content.decode()
    version.refresh_from_db()
    assert version.likelihood_levels == 4


# --- Queries that do not grow with the rows ---------------------------------------------------


def _count(client, target) -> int:
    client.get(target)
    with CaptureQueriesContext(connection) as seen:
        assert client.get(target).status_code == 200
    return len(seen.captured_queries)


def test_the_dpia_page_takes_the_same_queries_for_more_risks_versions_and_sections(personas):
    version = make_version(personas.org)
    client = personas.client(personas.dpo)
    page = url("dpia_detail", personas.org, version.dpia.uuid)
    few = _count(client, page)
    with scope(organisation=personas.org):
        for n in range(6):
            services.risk_add(actor=None, version=version, title=f"R{n}", likelihood=2, severity=2)
    assign(version, "risks", personas.contributor)
    assign(version, "description", personas.dpo)
    version = approve(consult(version))
    with scope(organisation=personas.org):
        services.dpia_reassess(actor=None, dpia=version.dpia)
    assert _count(client, page) == few
    assert _count(client, page + "?version=1") <= few


def test_the_list_takes_the_same_queries_for_more_dpias_and_screenings(personas, activity):
    client = personas.client(personas.auditor)
    page = url("dpia_list", personas.org)
    make_version(personas.org, title="DPIA 0")
    with scope(organisation=personas.org):
        services.screening_create(
            actor=None,
            organisation=personas.org,
            activity=activity,
            outcome="required",
            reasons="S",
        )
    few = _count(client, page)
    with scope(organisation=personas.org):
        for n in range(5):
            services.screening_create(
                actor=None,
                organisation=personas.org,
                activity=activity,
                outcome="required",
                reasons=f"S{n}",
            )
    for n in range(1, 7):
        make_version(personas.org, title=f"DPIA {n}")
    assert _count(client, page) == few


# --- The PDF ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "word"), [("da", "konsekvensanalyse"), ("en", "dpia")])
def test_the_pdf_is_named_in_its_language(personas, language, word):
    version = make_version(personas.org, title="Visitation på ældreområdet")
    response = personas.client(personas.auditor).get(
        url("dpia_pdf", personas.org, version.uuid) + f"?language={language}"
    )
    assert response.content.startswith(b"%PDF-")
    assert f'filename="{word}-visitation-paa-aeldreomraadet-v1-' in response["Content-Disposition"]
