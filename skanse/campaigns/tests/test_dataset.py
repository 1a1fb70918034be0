import io

from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from skanse.campaigns.tests.conftest import fill, launched, municipalities


def _sheet(content):
    return list(load_workbook(io.BytesIO(content), read_only=True).worksheets[0].values)


def test_the_dataset_has_a_row_per_submitted_response_and_no_names(personas, coordinator):
    orgs = municipalities(6, personas.org)
    campaign = launched(orgs)
    fill(campaign, {org: {"M1": 3, "T1": f"Secret about {org.name}"} for org in orgs[:5]})
    response = coordinator.get(reverse("campaign_dataset", args=["kl", campaign.uuid]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    header, *rows = _sheet(response.content)
    assert "M1" in header and "T1" in header
    assert len(rows) == 5  # the sixth did not submit
    text = repr(rows)
    for org in orgs:
        assert org.name not in text and org.cvr not in text
    assert "Secret" not in text  # free text is left out
    assert all(row[0].startswith("R-") for row in rows)


def test_a_small_group_gets_no_dataset(personas, coordinator):
    orgs = municipalities(4, personas.org)
    campaign = launched(orgs)
    fill(campaign, {org: {"M1": 3} for org in orgs})
    response = coordinator.get(reverse("campaign_dataset", args=["kl", campaign.uuid]))
    assert response.status_code == 302  # back to the campaign, with the message


def test_a_region_with_few_answers_is_not_named(personas, coordinator):
    orgs = municipalities(6, personas.org)
    campaign = launched(orgs)
    fill(campaign, {org: {"M1": 3} for org in orgs})
    with scopes_disabled():
        regions = {org.region.name for org in orgs}
    _header, *rows = _sheet(
        coordinator.get(reverse("campaign_dataset", args=["kl", campaign.uuid])).content
    )
    shown = {row[1] for row in rows}
    for name in shown - {"–"}:
        assert sum(1 for org in orgs if org.region.name == name) >= 5
    assert shown <= regions | {"–"}


def test_the_export_takes_the_same_number_of_queries_for_6_or_30(personas, coordinator, small):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    coordinator.get(reverse("campaign_list", args=["kl"]))  # the session's first visit
    counts = []
    for size in (6, 30):
        orgs = municipalities(size, personas.org)
        campaign = launched(orgs, small, name=f"Size {size}")
        fill(campaign, {org: {"M1": 3} for org in orgs})
        url = reverse("campaign_dataset", args=["kl", campaign.uuid])
        with CaptureQueriesContext(connection) as queries:
            assert coordinator.get(url).status_code == 200
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1] <= 12
