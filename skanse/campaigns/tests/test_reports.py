"""Campaign reports: made in the worker, stored, downloadable by those allowed, with the
page rules — small groups suppressed, and no organisation named in the national report."""

import io

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from pypdf import PdfReader

from skanse.campaigns import reports
from skanse.campaigns.tests.conftest import fill, launched, municipalities, response_of, url
from skanse.core.models import AuditEvent
from skanse.reporting import registry
from skanse.reporting.models import Report
from tests.helpers import da


def pdf_text(response) -> str:
    content = response.content
    assert content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture(autouse=True)
def _worker(django_capture_on_commit_callbacks):
    """Run the report task when the request's transaction commits, as the worker would."""
    global _capture
    _capture = django_capture_on_commit_callbacks


_capture = None


def make(client, url_name, org, subject, language="da"):
    with _capture(execute=True):
        response = client.post(url(url_name, org, subject.uuid), {"language": language})
    assert response.status_code == 302
    with scopes_disabled():
        report = Report.objects.get(uuid=response["Location"].rstrip("/").split("/")[-1])
    return report


def levels(campaign, orgs, values, **kwargs):
    fill(campaign, {org: {"M1": v} for org, v in zip(orgs, values, strict=True)}, **kwargs)


@pytest.fixture
def national(personas, small):
    orgs = municipalities(8, personas.org, personas.other_org)
    campaign = launched(orgs, small)
    levels(campaign, orgs, [1, 2, 3, 4, 5, 2, 3, 4], share=[personas.other_org])
    return campaign, orgs


def test_a_municipality_gets_its_report_with_its_results_and_the_national_figures(
    personas, national
):
    campaign, _orgs = national
    mine = response_of(campaign, personas.org)
    client = personas.client(personas.admin)
    report = make(client, "response_report", personas.org, mine)
    assert report.status == Report.Status.DONE  # the test worker runs tasks at once
    assert report.organisation == personas.org
    page = client.get(reverse("report_detail", args=[personas.org.slug, report.uuid]))
    assert da("Download") in page.content.decode()
    text = pdf_text(client.get(reverse("report_download", args=[personas.org.slug, report.uuid])))
    assert personas.org.name in text
    assert personas.other_org.name not in text
    assert da("National median (quartiles)") in text
    # Its own level in the governance section (M1 = 1) and the national median (3).
    assert "Governance" in text or "Styring" in text


def test_the_report_is_made_in_the_language_asked_for(personas, national):
    campaign, _orgs = national
    client = personas.client(personas.admin)
    report = make(
        client, "response_report", personas.org, response_of(campaign, personas.org), "en"
    )
    text = pdf_text(client.get(reverse("report_download", args=[personas.org.slug, report.uuid])))
    assert "Maturity by section" in text
    assert da("Maturity by section") not in text


def test_the_national_report_names_no_organisation_even_those_that_share(personas, national):
    campaign, orgs = national
    client = personas.client(personas.coordinator)
    report = make(client, "campaign_report", personas.coordinator_org, campaign)
    assert report.organisation == personas.coordinator_org
    link = reverse("report_download", args=[personas.coordinator_org.slug, report.uuid])
    text = pdf_text(client.get(link))
    assert da("Participation") in text
    for org in orgs:
        assert org.name not in text


def test_the_national_report_suppresses_groups_under_the_minimum(personas, small):
    orgs = municipalities(8, personas.org)
    campaign = launched(orgs, small)
    levels(campaign, orgs[:4], [1, 2, 3, 4])  # four submitted: under the minimum of five
    client = personas.client(personas.coordinator)
    report = make(client, "campaign_report", personas.coordinator_org, campaign)
    link = reverse("report_download", args=[personas.coordinator_org.slug, report.uuid])
    text = pdf_text(client.get(link))
    assert da("Too few responses to show") in text


def test_a_second_request_while_one_is_being_made_returns_the_same_report(personas, national):
    from skanse.reporting.services import report_request

    campaign, _orgs = national
    mine = response_of(campaign, personas.org)
    with scopes_disabled():
        pending = Report.objects.create(
            organisation=personas.org,
            kind=reports.MUNICIPALITY,
            subject_uuid=mine.uuid,
            title="t",
            language="da",
            status=Report.Status.RUNNING,
        )
        again = report_request(
            actor=personas.admin,
            organisation=personas.org,
            kind=reports.MUNICIPALITY,
            subject_uuid=mine.uuid,
            title="t",
            language="da",
        )
    assert again == pending


def test_a_request_is_audited_and_a_bad_language_is_refused(personas, national):
    campaign, _orgs = national
    mine = response_of(campaign, personas.org)
    client = personas.client(personas.admin)
    make(client, "response_report", personas.org, mine)
    with scopes_disabled():
        assert AuditEvent.objects.filter(
            organisation=personas.org, action="report.requested", actor=personas.admin
        ).exists()
        before = Report.objects.count()
    response = client.post(url("response_report", personas.org, mine.uuid), {"language": "fr"})
    assert response.status_code == 302
    with scopes_disabled():
        assert Report.objects.count() == before


def test_a_report_that_fails_says_so_and_keeps_no_file(personas, national, monkeypatch):
    campaign, _orgs = national

    def broken(report, progress):
        raise RuntimeError("boom")

    kind = registry.get(reports.MUNICIPALITY)
    monkeypatch.setitem(
        registry.KINDS,
        reports.MUNICIPALITY,
        registry.ReportKind(kind.key, kind.label, kind.capability, broken),
    )
    client = personas.client(personas.admin)
    report = make(client, "response_report", personas.org, response_of(campaign, personas.org))
    assert report.status == Report.Status.FAILED
    assert not report.file
    download = reverse("report_download", args=[personas.org.slug, report.uuid])
    assert client.get(download).status_code == 404


def test_a_role_that_may_not_read_the_kind_cannot_download(personas, national):
    campaign, _orgs = national
    report = make(
        personas.client(personas.coordinator),
        "campaign_report",
        personas.coordinator_org,
        campaign,
    )
    # Coordinator analysts follow campaigns; a report of theirs is readable by them too …
    analyst = personas.client(personas.analyst)
    link = reverse("report_download", args=[personas.coordinator_org.slug, report.uuid])
    allowed = analyst.get(link)
    assert allowed.status_code == 200
    # … but a municipality's report kind is not readable in the coordinator organisation.
    with scopes_disabled():
        Report.objects.filter(pk=report.pk).update(kind=reports.MUNICIPALITY)
    assert analyst.get(link).status_code == 403


def test_the_report_list_shows_the_organisations_reports(personas, national):
    campaign, _orgs = national
    client = personas.client(personas.admin)
    report = make(client, "response_report", personas.org, response_of(campaign, personas.org))
    page = client.get(reverse("report_list", args=[personas.org.slug]))
    assert report.title in page.content.decode()


def test_the_report_list_takes_a_bounded_number_of_queries(
    personas, national, django_assert_max_num_queries
):
    campaign, _orgs = national
    client = personas.client(personas.admin)
    mine = response_of(campaign, personas.org)
    with scopes_disabled():
        for n in range(12):
            Report.objects.create(
                organisation=personas.org,
                kind=reports.MUNICIPALITY,
                subject_uuid=mine.uuid,
                title=f"R{n}",
                language="da",
                requested_by=personas.admin,
            )
    link = reverse("report_list", args=[personas.org.slug])
    client.get(link)
    with django_assert_max_num_queries(8):
        assert client.get(link).status_code == 200
