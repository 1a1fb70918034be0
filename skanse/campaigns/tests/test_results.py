"""Results and privacy: no figure over fewer than CAMPAIGN_MIN_GROUP organisations, only
submitted responses count, and identified scores only of organisations that share them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, translation
from django_scopes import scopes_disabled

from skanse.campaigns import selectors, services
from skanse.campaigns.models import PeerGroup, Response
from skanse.campaigns.tests.conftest import (
    fill,
    import_small,
    launched,
    municipalities,
    response_of,
    small_data,
    url,
)
from skanse.tenancy.models import Organisation
from tests.helpers import da

AGGREGATES = ("national", "region", "peers")


def at_levels(campaign, levels: dict, **kwargs):
    """Each organisation answers M1 (section "gov") at its level."""
    fill(campaign, {org: {"M1": level} for org, level in levels.items()}, **kwargs)


def results(campaign, organisation=None, coordinator=False) -> dict:
    rows = selectors.campaign_results(campaign, organisation=organisation, coordinator=coordinator)
    return {row["section"].key: row for row in rows}


def number(value) -> str:
    """A figure as the Danish page shows it (decimal comma)."""
    with translation.override("da"):
        return formats.localize(value)


def results_table(page) -> str:
    """The coordinator page from the results heading on (the participation table lists every
    participant by name, as it should)."""
    after = page.content.decode().split(da("Results across the country"), 1)[1]
    return after.split(da("Maturity by track"), 1)[0]


def test_below_the_minimum_group_every_aggregate_is_hidden(personas, small, coordinator):
    orgs = municipalities(14, personas.org)
    campaign = launched(orgs, small)
    with scopes_disabled():
        PeerGroup.objects.create(name="Large").members.set(orgs)
    at_levels(campaign, dict(zip(orgs[:4], [1, 2, 3, 4], strict=True)))
    # Ten more have answered but not submitted: they do not count.
    at_levels(campaign, dict.fromkeys(orgs[4:], 5), status=Response.Status.IN_PROGRESS)
    for row in results(campaign, personas.org, coordinator=True).values():
        assert all(row[key] is None for key in AGGREGATES)
    mine = response_of(campaign, personas.org)
    page = personas.client(personas.admin).get(url("response_results", personas.org, mine.uuid))
    sections = page.content.decode().split(da("Maturity by track"))[0]
    assert sections.count(da("Not shown")) == 2 * 3  # 2 sections × 3 figures
    detail = coordinator.get(url("campaign_detail", personas.coordinator_org, campaign.uuid))
    assert results_table(detail).count(da("Too few responses to show")) == 2


def test_from_the_minimum_group_on_median_and_quartiles_are_shown(personas, small, coordinator):
    orgs = municipalities(6, personas.org)
    campaign = launched(orgs, small)
    at_levels(campaign, dict(zip(orgs, [1, 2, 3, 3, 4, 5], strict=True)))
    gov = results(campaign)["gov"]
    # Scores 0, .25, .5, .5, .75, 1; inclusive quartiles at positions 1.25, 2.5 and 3.75:
    # .3125, .5 and .6875, i.e. 2.25, 3 and 3.75 on the scale 1–5.
    assert gov["national"] == {"n": 6, "q1": 2.25, "median": 3.0, "q3": 3.75}
    assert results(campaign)["ops"]["national"] is None  # nobody answered it
    detail = coordinator.get(url("campaign_detail", personas.coordinator_org, campaign.uuid))
    table = results_table(detail)
    assert f"<td>6</td><td>{number(2.25)}</td><td>{number(3.0)}</td><td>{number(3.75)}</td>" in (
        table
    )
    mine = response_of(campaign, personas.org)
    page = personas.client(personas.admin).get(url("response_results", personas.org, mine.uuid))
    assert f"{number(3.0)} ({number(2.25)}–{number(3.75)})" in page.content.decode()


def test_exactly_the_minimum_group_is_shown_and_the_setting_moves_it(personas, small, settings):
    orgs = municipalities(5, personas.org)
    campaign = launched(orgs, small)
    at_levels(campaign, dict(zip(orgs, [1, 2, 3, 4, 5], strict=True)))
    assert results(campaign)["gov"]["national"] == {"n": 5, "q1": 2.0, "median": 3.0, "q3": 4.0}
    settings.CAMPAIGN_MIN_GROUP = 6
    assert results(campaign)["gov"]["national"] is None


def test_only_submitted_responses_count(personas, small):
    orgs = municipalities(10, personas.org)
    campaign = launched(orgs, small)
    at_levels(campaign, dict(zip(orgs[:5], [1, 2, 3, 4, 5], strict=True)))
    at_levels(campaign, dict.fromkeys(orgs[5:8], 5), status=Response.Status.IN_PROGRESS)
    at_levels(campaign, dict.fromkeys(orgs[8:], 5), status=Response.Status.RETURNED)
    assert results(campaign)["gov"]["national"] == {"n": 5, "q1": 2.0, "median": 3.0, "q3": 4.0}


def test_the_coordinator_sees_identified_scores_only_of_those_who_share(
    personas, small, coordinator
):
    orgs = municipalities(8, personas.org, personas.other_org)
    campaign = launched(orgs, small)
    sharing = orgs[1:3]  # Vejle and one more; Aarhus does not share
    at_levels(campaign, dict(zip(orgs, [2, 3, 4, 5, 1, 2, 3, 4], strict=True)), share=sharing)
    gov = results(campaign, coordinator=True)["gov"]
    assert gov["shared"] == sorted([(sharing[0].name, 3.0), (sharing[1].name, 4.0)])
    assert results(campaign)["gov"]["shared"] == []  # not for anyone else
    for user in (personas.coordinator, personas.analyst):
        page = personas.client(user).get(
            url("campaign_detail", personas.coordinator_org, campaign.uuid)
        )
        table = results_table(page)
        for org in sharing:
            assert org.name in table
        for org in set(orgs) - set(sharing):
            assert org.name not in table
    # A sharing organisation that has not submitted is not shown either.
    with scopes_disabled():
        Response.objects.filter(campaign=campaign, organisation=sharing[1]).update(
            status=Response.Status.IN_PROGRESS
        )
    assert [name for name, _level in results(campaign, coordinator=True)["gov"]["shared"]] == [
        sharing[0].name
    ]


def test_a_municipality_never_sees_other_organisations_by_name(personas, small):
    orgs = municipalities(8, personas.org, personas.other_org)
    campaign = launched(orgs, small)
    at_levels(campaign, dict(zip(orgs, [2, 3, 4, 5, 1, 2, 3, 4], strict=True)), share=orgs)
    mine = response_of(campaign, personas.org)
    page = personas.client(personas.admin).get(url("response_results", personas.org, mine.uuid))
    assert all(row["shared"] == [] for row in page.context["results"])
    content = page.content.decode()
    for org in orgs[1:]:
        assert org.name not in content


def _region_mates(organisation, count):
    return list(
        Organisation.objects.filter(kind="municipality", region=organisation.region)
        .exclude(pk=organisation.pk)
        .order_by("code")[:count]
    )


def _elsewhere(organisation, count):
    return list(
        Organisation.objects.filter(kind="municipality")
        .exclude(region=organisation.region)
        .order_by("code")[:count]
    )


@pytest.mark.parametrize(("mates", "shown"), [(3, False), (4, True)])
def test_the_region_figure_is_hidden_below_the_minimum_group(personas, small, mates, shown):
    region = [personas.org, *_region_mates(personas.org, mates)]
    orgs = region + _elsewhere(personas.org, 5)
    campaign = launched(orgs, small)
    at_levels(campaign, dict.fromkeys(region, 4) | dict.fromkeys(orgs[len(region) :], 2))
    gov = results(campaign, personas.org)["gov"]
    assert gov["national"]["n"] == len(orgs)
    if shown:
        assert gov["region"] == {"n": 5, "q1": 4.0, "median": 4.0, "q3": 4.0}
    else:
        assert gov["region"] is None


@pytest.mark.parametrize(("members", "shown"), [(4, False), (5, True)])
def test_the_peer_group_figure_is_hidden_below_the_minimum_group(personas, small, members, shown):
    orgs = municipalities(10, personas.org)
    campaign = launched(orgs, small)
    peers = orgs[:members]
    with scopes_disabled():
        PeerGroup.objects.create(name="Large towns").members.set(peers)
    at_levels(campaign, dict.fromkeys(peers, 5) | dict.fromkeys(orgs[members:], 1))
    gov = results(campaign, personas.org)["gov"]
    assert gov["national"]["n"] == 10
    if shown:
        assert gov["peers"] == {"n": 5, "q1": 5.0, "median": 5.0, "q3": 5.0}
    else:
        assert gov["peers"] is None
    # An organisation in no peer group gets no peer figure.
    assert results(campaign, orgs[-1])["gov"]["peers"] is None


def test_a_municipality_sees_its_own_score_the_previous_one_and_the_change(personas, small):
    orgs = municipalities(6, personas.org)
    baseline = launched(orgs, small)
    at_levels(baseline, dict(zip(orgs, [2, 1, 1, 1, 1, 1], strict=True)))
    services.campaign_close(actor=None, campaign=baseline)
    follow_up = launched(orgs, small, name="1st follow-up", kind="follow_up", previous=baseline)
    with scopes_disabled():
        Response.objects.filter(campaign=follow_up).delete()  # start from empty responses
        for org in orgs:
            Response.objects.create(organisation=org, campaign=follow_up, deadline="2099-12-31")
    at_levels(follow_up, dict(zip(orgs, [4, 2, 2, 2, 2, 2], strict=True)))
    mine = response_of(follow_up, personas.org)
    page = personas.client(personas.admin).get(url("response_results", personas.org, mine.uuid))
    rows = {row["section"].key: row for row in page.context["results"]}
    assert (rows["gov"]["own"], rows["gov"]["previous"], rows["gov"]["change"]) == (4.0, 2.0, 2.0)
    assert (rows["ops"]["own"], rows["ops"]["previous"], rows["ops"]["change"]) == (
        None,
        None,
        None,
    )
    content = page.content.decode()
    assert f'{number(2.0)} <span class="badge">+{number(2.0)}</span>' in content


def test_the_own_score_is_shown_before_submitting(personas, campaign):
    fill(campaign, {personas.org: {"M1": 3}}, status=Response.Status.IN_PROGRESS)
    assert results(campaign, personas.org)["gov"]["own"] == 3.0


def _pages(personas, count, key):
    """A baseline and a follow-up of `count` municipalities, everyone submitted."""
    data = small_data()
    data["key"] = key
    version = import_small(data)
    orgs = municipalities(count, personas.org)
    baseline = launched(orgs, version, name=f"Baseline {key}")
    at_levels(baseline, {org: 1 + n % 5 for n, org in enumerate(orgs)}, share=orgs[::2])
    services.campaign_close(actor=None, campaign=baseline)
    follow_up = launched(
        orgs, version, name=f"Follow-up {key}", kind="follow_up", previous=baseline
    )
    with scopes_disabled():
        Response.objects.filter(campaign=follow_up).update(status=Response.Status.SUBMITTED)
    return (
        url("campaign_detail", personas.coordinator_org, follow_up.uuid),
        url("response_results", personas.org, response_of(follow_up, personas.org).uuid),
    )


def _queries(client, page) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200
    return len(queries)


def test_the_result_pages_take_the_same_number_of_queries_for_6_or_40(personas, coordinator):
    few = _pages(personas, 6, "few")
    many = _pages(personas, 40, "many")
    municipal = personas.client(personas.admin)
    for client, pages in ((coordinator, (few[0], many[0])), (municipal, (few[1], many[1]))):
        for page in pages:
            client.get(page)  # warm up the session and caches (a chart is drawn once)
    assert _queries(coordinator, few[0]) == _queries(coordinator, many[0]) <= 22
    assert _queries(municipal, few[1]) == _queries(municipal, many[1]) <= 28


def test_the_trend_shows_the_national_median_along_the_series(personas, coordinator):
    from django.urls import reverse

    from skanse.campaigns.selectors import campaign_trend
    from skanse.campaigns.tests.conftest import fill, launched, municipalities

    orgs = municipalities(6, personas.org)
    baseline = launched(orgs)
    fill(baseline, {org: {"M1": 2} for org in orgs})
    follow_up = launched(
        orgs, baseline.questionnaire_version, name="Follow-up", kind="follow_up", previous=baseline
    )
    trend = campaign_trend(follow_up)
    assert trend["campaigns"] == [baseline, follow_up]
    gov = dict((section.key, medians) for section, medians in trend["rows"])["gov"]
    # Level 2 everywhere at the baseline; nothing submitted yet in the follow-up.
    assert gov == [2.0, None]
    page = coordinator.get(reverse("campaign_detail", args=["kl", follow_up.uuid]))
    assert page.context["trend"]["rows"]


def test_a_closed_campaigns_medians_are_kept_until_a_response_changes(personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from skanse.campaigns import services
    from skanse.campaigns.selectors import campaign_trend
    from skanse.campaigns.tests.conftest import fill, launched, municipalities, response_of

    orgs = municipalities(6, personas.org)
    baseline = launched(orgs)
    fill(baseline, {org: {"M1": 1 if i < 3 else 5} for i, org in enumerate(orgs)})
    services.campaign_close(actor=None, campaign=baseline)
    follow_up = launched(
        orgs, baseline.questionnaire_version, name="Follow-up", kind="follow_up", previous=baseline
    )

    def gov():
        rows = campaign_trend(follow_up)["rows"]
        return dict((section.key, medians) for section, medians in rows)["gov"]

    assert gov() == [3.0, None]
    with CaptureQueriesContext(connection) as kept:
        assert gov() == [3.0, None]
    assert not any("SUM" in q["sql"] and f"= {baseline.pk}" in q["sql"] for q in kept)
    # A response returned for correction leaves the closed campaign's results: recomputed.
    with scopes_disabled():
        services.response_return(
            actor=None, response=response_of(baseline, orgs[-1]), reason="Tjek M1"
        )
    assert gov() == [1.0, None]
