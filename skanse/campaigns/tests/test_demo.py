import pytest
from django_scopes import scopes_disabled

from skanse.campaigns import selectors
from skanse.campaigns.demo import BASELINE, FOLLOW_UPS, load_campaign_demo
from skanse.campaigns.models import Answer, Campaign, Response
from skanse.campaigns.tests.conftest import load_catalogues

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_closed_baseline_and_an_open_follow_up_for_98_municipalities():
    load_catalogues()
    baseline, follow_up = sorted(load_campaign_demo(), key=lambda c: c.opens_on)
    assert (baseline.name, baseline.status) == (BASELINE, "closed")
    assert (follow_up.name, follow_up.status) == (FOLLOW_UPS[0], "open")
    assert follow_up.previous == baseline and follow_up.follow_up_number == 1
    with scopes_disabled():
        for campaign in (baseline, follow_up):
            responses = Response.objects.filter(campaign=campaign)
            assert responses.count() == 98
            assert set(responses.values_list("organisation__kind", flat=True)) == {"municipality"}
        assert not Response.objects.filter(campaign=baseline).exclude(status="submitted").exists()
        assert Response.objects.filter(campaign=follow_up, status="submitted").count() >= 5
        answers = Answer.objects.count()
    # Idempotent: the second run finds the campaigns and writes nothing.
    again = load_campaign_demo()
    assert {c.pk for c in again} == {baseline.pk, follow_up.pk}
    assert Campaign.objects.count() == 2
    with scopes_disabled():
        assert Answer.objects.count() == answers
    # Security work gets stronger: the follow-up's median is higher on most sections.
    before = {r["section"].key: r["national"] for r in selectors.campaign_results(baseline)}
    after = {r["section"].key: r["national"] for r in selectors.campaign_results(follow_up)}
    assert all(before[key] and after[key] for key in before)
    higher = [key for key in before if after[key]["median"] > before[key]["median"]]
    assert len(higher) > len(before) / 2, (before, after)


def test_the_demo_compares_each_municipality_with_its_size_group():
    from skanse.tenancy.models import Organisation

    load_catalogues()
    baseline = sorted(load_campaign_demo(), key=lambda c: c.opens_on)[0]
    aarhus = Organisation.objects.get(slug="aarhus")
    assert aarhus.peer_groups.count() == 1  # large municipalities
    rows = selectors.campaign_results(baseline, organisation=aarhus)
    assert all(row["peers"] is not None and row["peers"]["n"] >= 5 for row in rows)
