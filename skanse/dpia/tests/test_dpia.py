import datetime

import pytest
from django.urls import reverse
from django_scopes import scope

from skanse.core.errors import DomainError
from skanse.core.models import AuditEvent
from skanse.dpia import documents, selectors, services
from skanse.dpia.models import Dpia, DpiaRisk
from skanse.dpia.tests.conftest import approve, consult, make_dpia, make_version

_approve = approve


def test_approval_before_the_dpo_was_consulted_is_refused_at_the_field(personas):
    version = make_version(personas.org)
    with pytest.raises(DomainError) as error:
        _approve(version)
    assert "approved_on" in error.value.error_dict
    version.refresh_from_db()
    assert version.status == "submitted" and version.approved_on is None


def test_approval_dated_before_the_consultation_is_refused(personas):
    version = consult(make_version(personas.org), on=datetime.date(2026, 2, 1))
    with pytest.raises(DomainError) as error:
        _approve(version, approved_on=datetime.date(2026, 1, 20))
    assert "approved_on" in error.value.error_dict


def test_an_approved_version_is_frozen_and_a_reassessment_makes_a_new_one(personas):
    version = _approve(consult(make_version(personas.org)))
    dpia = version.dpia
    assert version.status == "approved"
    with scope(organisation=personas.org):
        with pytest.raises(DomainError):
            services.version_update(actor=None, version=version, purposes="Ændret")
        with pytest.raises(DomainError):
            services.risk_add(actor=None, version=version, title="Ny", likelihood=1, severity=1)
        second = services.dpia_reassess(actor=None, dpia=dpia)
        assert second.number == 2 and second.status == "draft"
        assert second.risks.count() == 1
        services.version_update(actor=None, version=second, purposes="Ændret")
        second = consult(second)
        _approve(
            second, approved_on=datetime.date(2026, 3, 1), reassess_on=datetime.date(2027, 3, 1)
        )
        version.refresh_from_db()
        assert version.status == "superseded"
        assert version.purposes == "Visitation"
        dpia.refresh_from_db()
        assert dpia.reassess_on == datetime.date(2027, 3, 1)


@pytest.mark.parametrize("field", ["likelihood", "severity", "residual_likelihood"])
def test_a_number_outside_the_matrix_is_refused_at_its_field(personas, field):
    version = make_version(personas.org, risks=[])
    values = {"title": "R", "likelihood": 2, "severity": 2, "residual_likelihood": 1}
    values["residual_severity"] = 2
    values["measures"] = "M"
    values[field] = 5
    with scope(organisation=personas.org):
        with pytest.raises(DomainError) as error:
            services.risk_add(actor=None, version=version, **values)
        assert field in error.value.error_dict
        assert "1 to 4" in error.value.error_dict[field][0].messages[0]
        assert not DpiaRisk.objects.exists()


def test_shrinking_the_matrix_below_a_risk_is_refused(personas):
    version = make_version(personas.org)
    with scope(organisation=personas.org), pytest.raises(DomainError) as error:
        services.version_update(actor=None, version=version, severity_levels=3, high_from=6)
    assert "severity_levels" in error.value.error_dict
    version.refresh_from_db()
    assert version.severity_levels == 4


def test_high_residual_risk_triggers_prior_consultation(personas):
    version = make_version(personas.org)
    with scope(organisation=personas.org):
        assert services.high_residual(version) == []
        risk = version.risks.get()
        services.risk_update(actor=None, risk=risk, residual_likelihood=3)
        assert [r.title for r in services.high_residual(version)] == ["Uautoriseret adgang"]


def test_every_change_is_audited(personas):
    version = make_version(personas.org)
    _approve(consult(version))
    with scope(organisation=personas.org):
        actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "dpia.dpia.created",
        "dpia.version.created",
        "dpia.risk.added",
        "dpia.version.consulted",
        "dpia.version.approved",
        "dpia.dpia.changed",
    } <= actions


def test_a_bad_risk_in_the_form_is_shown_at_the_field_and_nothing_saved(personas):
    version = make_version(personas.org, risks=[])
    response = personas.client(personas.dpo).post(
        reverse("dpia_risk_add", args=[personas.org.slug, version.uuid]),
        {
            "title": "R",
            "likelihood": 9,
            "severity": 2,
            "residual_likelihood": 1,
            "residual_severity": 2,
        },
    )
    assert response.status_code == 400
    assert "Give a number from 1 to 4" in response.content.decode()
    with scope(organisation=personas.org):
        assert not DpiaRisk.objects.exists()


def test_the_dpia_page_has_a_bounded_number_of_queries(personas, django_assert_max_num_queries):
    version = make_version(personas.org)
    dpia = version.dpia
    with scope(organisation=personas.org):
        for n in range(5):
            services.risk_add(actor=None, version=version, title=f"R{n}", likelihood=2, severity=2)
    client = personas.client(personas.dpo)
    url = reverse("dpia_detail", args=[personas.org.slug, dpia.uuid])
    client.get(url)
    with django_assert_max_num_queries(16):
        response = client.get(url)
    assert response.status_code == 200
    assert "R4" in response.content.decode()


def test_the_list_page_has_a_bounded_number_of_queries(personas, django_assert_max_num_queries):
    for n in range(6):
        make_dpia(personas.org, title=f"DPIA {n}")
    client = personas.client(personas.auditor)
    url = reverse("dpia_list", args=[personas.org.slug])
    client.get(url)
    with django_assert_max_num_queries(13):
        response = client.get(url)
    assert "DPIA 5" in response.content.decode()


def test_the_pdf_of_a_version_is_a_download(personas):
    version = make_version(personas.org)
    response = personas.client(personas.auditor).get(
        reverse("dpia_pdf", args=[personas.org.slug, version.uuid]) + "?language=en"
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert "-v1-" in response["Content-Disposition"]


def test_the_matrix_chart_names_the_residual_risks_in_their_cells(personas):
    version = make_version(personas.org)
    with scope(organisation=personas.org):
        markup = documents.matrix_chart(version, list(version.risks.all()))
    assert markup.startswith('<svg role="img"')
    assert "<title>Residual risks in the risk matrix (risk numbers)</title>" in markup


def test_dashboard_cards_count_due_missing_and_awaiting(personas, activity):
    with scope(organisation=personas.org):
        services.screening_create(
            actor=None,
            organisation=personas.org,
            activity=activity,
            outcome="required",
            reasons="x",
        )
        assert [c["key"] for c in selectors.dashboard_cards(personas.org)] == ["dpia_missing"]
        dpia = make_dpia(personas.org, activity=activity)
        services.version_submit(actor=None, version=dpia.versions.get())
        services.dpia_update(actor=None, dpia=dpia, reassess_on=datetime.date(2020, 1, 1))
        cards = {c["key"]: c["count"] for c in selectors.dashboard_cards(personas.org)}
    assert cards == {"reassessment_due": 1, "awaiting_approval": 1}


def test_assigned_sections_are_listed_for_the_colleague(personas):
    version = make_version(personas.org)
    with scope(organisation=personas.org):
        services.assignment_set(
            actor=None, version=version, section="risks", assignee=personas.contributor
        )
        rows = selectors.assigned_to(personas.contributor, personas.org)
    assert [r["title"] for r in rows] == ["DPIA: visitation: Risks to data subjects"]


def test_a_section_cannot_go_to_someone_outside_the_organisation(personas):
    version = make_version(personas.org)
    with scope(organisation=personas.org), pytest.raises(DomainError) as error:
        services.assignment_set(
            actor=None, version=version, section="risks", assignee=personas.outsider
        )
    assert "assignee" in error.value.error_dict


def test_another_organisations_dpia_is_a_404(personas):
    foreign = make_dpia(personas.other_org)
    response = personas.client(personas.admin).get(
        reverse("dpia_detail", args=[personas.org.slug, foreign.uuid])
    )
    assert response.status_code == 404
    with scope(organisation=personas.other_org):
        assert Dpia.objects.count() == 1


def test_the_pages_take_a_dpia_from_draft_through_approval_to_a_new_version(personas):
    version = make_version(personas.org)
    client = personas.client(personas.dpo)
    slug = personas.org.slug
    approval = {
        "approved_by_name": "Direktør",
        "approved_on": "2026-01-15",
        "reassess_on": "2027-01-15",
    }
    refused = client.post(reverse("dpia_version_approve", args=[slug, version.uuid]), approval)
    assert refused.status_code == 400
    assert "The DPO must be consulted before the DPIA is approved" in refused.content.decode()
    client.post(
        reverse("dpia_version_consult", args=[slug, version.uuid]),
        {"dpo_name": "DPO", "dpo_consulted_on": "2026-01-10", "dpo_opinion": "Enig."},
    )
    client.post(reverse("dpia_version_submit", args=[slug, version.uuid]))
    response = client.post(reverse("dpia_version_approve", args=[slug, version.uuid]), approval)
    assert response.status_code == 302
    client.post(reverse("dpia_reassess", args=[slug, version.dpia.uuid]))
    page = client.get(reverse("dpia_detail", args=[slug, version.dpia.uuid])).content.decode()
    assert "Version 2" in page
    with scope(organisation=personas.org):
        assert [v.status for v in version.dpia.versions.order_by("number")] == [
            "approved",
            "draft",
        ]


def test_a_change_to_a_version_awaiting_approval_sends_it_back_to_draft(personas):
    version = make_version(personas.org)
    client = personas.client(personas.dpo)
    slug = personas.org.slug
    with scope(organisation=personas.org):
        version = services.version_submit(actor=None, version=consult(version))
    edit = reverse("dpia_version_edit", args=[slug, version.uuid])
    page = client.get(edit)
    assert "Saving a change sends it back to draft" in page.content.decode()
    with scope(organisation=personas.org):
        risk = version.risks.first()
        services.risk_update(actor=personas.dpo, risk=risk, title=risk.title)  # no change
        version.refresh_from_db()
        assert version.status == "submitted"
        services.risk_update(actor=personas.dpo, risk=risk, title="Forkert afgørelse")
        version.refresh_from_db()
        assert version.status == "draft"
        [event] = AuditEvent.objects.filter(action="dpia.version.reopened")
        assert event.changes == {"status": ["submitted", "draft"]}
        assert event.actor == personas.dpo
    # Approval is of what was sent: a draft again must be sent again.
    approval = {"approved_by_name": "D", "approved_on": "2026-01-15", "reassess_on": "2027-01-15"}
    refused = client.post(reverse("dpia_version_approve", args=[slug, version.uuid]), approval)
    assert refused.status_code == 400
