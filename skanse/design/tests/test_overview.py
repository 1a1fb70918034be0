"""The municipality-wide Art. 25 view, the dashboard figures and the coordinator's national
view with small groups suppressed."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from skanse.design import selectors, services
from skanse.design.models import DesignProfile, Result
from skanse.design.tests.conftest import assess_all, assessed, gap, make_system, start, url
from skanse.inventory import services as inventory_services
from skanse.privacy.models import ProcessingActivity
from skanse.tenancy.models import Organisation
from tests.helpers import bearer, events

pytestmark = pytest.mark.usefixtures("edpb")


def _status(system):
    with scopes_disabled():
        return selectors.system_get(system.organisation, system.uuid).status


def test_a_system_is_never_assessed_until_an_assessment_is_completed(personas):
    system = make_system(personas.org)
    start(system)
    assert _status(system) == "never"


def test_a_fresh_assessment_is_current_and_becomes_due_then_overdue(personas):
    system = make_system(personas.org)
    assessed(system)
    assert _status(system) == "current"
    with scopes_disabled():
        DesignProfile.objects.filter(system=system).update(
            next_due_on=timezone.localdate() + datetime.timedelta(days=10)
        )
    assert _status(system) == "due"
    with scopes_disabled():
        DesignProfile.objects.filter(system=system).update(
            next_due_on=timezone.localdate() - datetime.timedelta(days=1)
        )
    assert _status(system) == "overdue"


def test_a_change_a_new_processing_activity_or_an_incident_makes_a_system_due(personas):
    changed, new_activity, incident = (make_system(personas.org, name=n) for n in "ABC")
    for system in (changed, new_activity, incident):
        assessed(system)
    with scopes_disabled():
        inventory_services.system_update(actor=None, system=changed, purpose="Ny funktion")
        activity = ProcessingActivity.objects.create(organisation=personas.org, name="Ny")
        activity.systems.add(new_activity)
        services.reassessment_trigger(actor=None, system=incident, trigger="incident")
    assert [_status(s) for s in (changed, new_activity, incident)] == ["due"] * 3
    assessed(incident)
    assert _status(incident) == "current"  # completing clears the trigger


def test_gaps_are_counted_by_principle_from_the_latest_assessment(personas):
    system = make_system(personas.org)
    assessed(system, gaps=["DM-01", "DM-02", "TR-01"], assessed_on=datetime.date(2025, 1, 1))
    assessed(system, gaps=["DM-01"])
    with scopes_disabled():
        rows = {p["principle"].ref_id: p for p in selectors.gaps_by_principle(personas.org)}
    assert rows["DM"]["gaps"] == 1
    assert rows["DM"]["accepted"] == 1
    assert rows["TR"]["gaps"] == 0


def test_the_dashboard_counts_systems_due_and_open_measures(
    personas, django_assert_max_num_queries
):
    make_system(personas.org, name="Aldrig")
    system = make_system(personas.org, name="Vurderet")
    assessment = start(system, assessed_on=timezone.localdate() - datetime.timedelta(days=30))
    assess_all(assessment, **{"IC-02": Result.PARTLY})
    with scopes_disabled():
        services.gap_decide(
            actor=None,
            row=gap(assessment, "IC-02"),
            response="organisational",
            measure="Kvartalsvis gennemgang af rettigheder",
            due_on=timezone.localdate() - datetime.timedelta(days=1),
        )
        services.assessment_complete(actor=None, assessment=assessment)
        with django_assert_max_num_queries(3):
            cards = selectors.dashboard_cards(personas.org)
    assert cards["design_never_assessed"] == 1
    assert cards["open_measures"] == 1
    assert cards["overdue_measures"] == 1


def test_the_overview_shows_the_organisations_systems_only(personas, keeper):
    make_system(personas.org, name="ESDH Aarhus")
    make_system(personas.other_org, name="ESDH Vejle")
    page = keeper.get(url("design_overview", personas.org))
    assert page.status_code == 200
    assert [s.name for s in page.context["page"].object_list] == ["ESDH Aarhus"]
    assert page.context["counts"]["never"] == 1


def test_the_overview_filters_by_status(personas, keeper):
    make_system(personas.org, name="Ny")
    assessed(make_system(personas.org, name="Vurderet"))
    page = keeper.get(url("design_overview", personas.org), {"status": "current"})
    assert [s.name for s in page.context["page"].object_list] == ["Vurderet"]


def test_the_overview_takes_the_same_number_of_queries_for_1_or_30_systems(personas, keeper):
    assessed(make_system(personas.org, name="S0"), gaps=["TR-01"])
    target = url("design_overview", personas.org)
    keeper.get(target)
    with CaptureQueriesContext(connection) as one:
        keeper.get(target)
    for n in range(1, 30):
        system = make_system(personas.org, name=f"S{n}")
        if n % 3 == 0:
            assessed(system, gaps=["DM-01"])
    with CaptureQueriesContext(connection) as many:
        keeper.get(target)
    assert len(many) == len(one)


def _assessing(count, *first):
    with scopes_disabled():
        orgs = list(first) + list(
            Organisation.objects.filter(kind="municipality")
            .exclude(pk__in=[o.pk for o in first])
            .order_by("code")[: count - len(first)]
        )
    for org in orgs:
        assessed(make_system(org, name=f"System {org.code}"), gaps=["DM-01"])
    return orgs


def test_the_national_view_hides_figures_over_too_few_municipalities(personas, settings):
    settings.CAMPAIGN_MIN_GROUP = 5
    _assessing(4, personas.org)
    client = personas.client(personas.coordinator)
    page = client.get(url("design_national", personas.coordinator_org))
    assert page.status_code == 200
    assert page.context["view"]["national"]["suppressed"] is True
    assert "status" not in page.context["view"]["national"]


def test_the_national_view_aggregates_without_naming_municipalities(personas, settings):
    settings.CAMPAIGN_MIN_GROUP = 5
    orgs = _assessing(6, personas.org)
    client = personas.client(personas.analyst)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url("design_national", personas.coordinator_org))
    national = page.context["view"]["national"]
    assert national["suppressed"] is False
    assert national["assessing"] == 6
    assert national["status"]["current"] == 6
    assert {g["principle"].ref_id: g["gaps"] for g in national["gaps"]}["DM"] == 6
    content = page.content.decode()
    assert all(org.name not in content for org in orgs)
    assert len(queries) < 25


def test_the_national_view_is_for_the_coordinator_only(personas):
    client = personas.client(personas.admin)
    page = client.get(url("design_national", personas.org))
    assert page.status_code == 403


def test_a_breach_that_involves_a_system_makes_it_due(personas):
    """The breach log tells the Art. 25 schedule through a core signal (the apps sit on one
    layer); a breach linked to a system later counts too, one already linked does not again."""
    from skanse.breaches import services as breach_services
    from skanse.breaches.tests.conftest import make_breach
    from skanse.design.models import DesignProfile

    hit, spared = make_system(personas.org, name="Ramt"), make_system(personas.org, name="Fri")
    for system in (hit, spared):
        assessed(system)
    breach = make_breach(personas.org, systems=[str(hit.uuid)])
    assert [_status(s) for s in (hit, spared)] == ["due", "current"]
    with scopes_disabled():
        profile = DesignProfile.objects.get(system=hit)
        assert profile.trigger == "incident" and breach.title in profile.trigger_note
    assessed(hit)
    with scope(organisation=personas.org):
        breach_services.breach_update(None, breach, systems=[str(hit.uuid), str(spared.uuid)])
    assert [_status(s) for s in (hit, spared)] == ["current", "due"]


def test_an_existing_processing_activity_that_comes_to_use_a_system_makes_it_due(personas):
    """Not only a new activity: an activity already in the record that the system is added to
    is a new processing activity on the system."""
    from skanse.privacy import services as privacy_services

    used, other = make_system(personas.org, name="Brugt"), make_system(personas.org, name="Andet")
    with scope(organisation=personas.org):
        activity = privacy_services.processing_activity_create(
            None, personas.org, name="Bostøtte", systems=[str(other.uuid)]
        )
    for system in (used, other):
        assessed(system)
    assert [_status(s) for s in (used, other)] == ["current", "current"]
    with scope(organisation=personas.org):
        privacy_services.processing_activity_update(
            None, activity, systems=[str(other.uuid), str(used.uuid)]
        )
    assert [_status(s) for s in (used, other)] == ["due", "current"]
    with scopes_disabled():
        profile = DesignProfile.objects.get(system=used)
    assert (profile.trigger, profile.trigger_note) == ("new_activity", "Bostøtte")
    assert events(personas.org, "design.reassessment.triggered")
    with scopes_disabled():
        used.processing_activities.remove(activity)
        activity.systems.remove(other)
        other.processing_activities.add(activity)  # the reverse side counts as well
    assert _status(other) == "due"


def _assess_in(orgs):
    for org in orgs:
        assessed(make_system(org, name=f"System {org.code}"), gaps=["DM-01"])


def _by_region(count_per_region: dict):
    with scopes_disabled():
        chosen = []
        for region, count in count_per_region.items():
            chosen += list(
                Organisation.objects.filter(kind="municipality", region__name=region).order_by(
                    "code"
                )[:count]
            )
    return chosen


def test_a_region_is_also_hidden_when_the_others_would_give_a_hidden_one_away(
    personas, settings, client
):
    """National minus the regions shown must not be a figure over fewer than the minimum
    group: then the smallest region shown is hidden too (page and API)."""
    settings.CAMPAIGN_MIN_GROUP = 2
    _assess_in(_by_region({"Region Nordjylland": 1, "Region Midtjylland": 3, "Region Sjælland": 2}))
    page = personas.client(personas.coordinator).get(
        url("design_national", personas.coordinator_org)
    )
    view = page.context["view"]
    regions = {group["name"]: group for group in view["regions"]}
    assert view["national"]["suppressed"] is False
    assert view["national"]["status"]["current"] == 6
    assert regions["Region Nordjylland"]["suppressed"] is True
    assert regions["Region Sjælland"]["suppressed"] is True  # 6 − 3 − 2 would be Nordjylland
    assert "status" not in regions["Region Sjælland"]
    assert regions["Region Midtjylland"]["status"]["current"] == 3
    api = client.get(
        "/api/v1/design/national", **bearer(personas.coordinator, personas.coordinator_org)
    ).json()
    shown = {g["name"]: g for g in api["regions"]}
    assert "status" not in shown["Region Sjælland"] and "gaps" not in shown["Region Sjælland"]
    assert shown["Region Midtjylland"]["status"]["current"] == 3


def test_no_region_is_hidden_for_its_neighbours_when_the_rest_is_large_enough(personas, settings):
    settings.CAMPAIGN_MIN_GROUP = 2
    _assess_in(
        _by_region({"Region Nordjylland": 1, "Region Syddanmark": 1, "Region Midtjylland": 2})
    )
    view = selectors.national_overview()
    regions = {group["name"]: group for group in view["regions"]}
    assert regions["Region Midtjylland"]["suppressed"] is False  # 4 − 2 = 2 hidden: enough
    assert regions["Region Nordjylland"]["suppressed"] is True


def test_the_national_view_takes_the_same_number_of_queries_for_more_municipalities(
    personas, settings
):
    settings.CAMPAIGN_MIN_GROUP = 1
    client = personas.client(personas.coordinator)
    target = url("design_national", personas.coordinator_org)
    _assess_in(_by_region({"Region Hovedstaden": 1}))
    client.get(target)
    with CaptureQueriesContext(connection) as few:
        client.get(target)
    _assess_in(_by_region({"Region Syddanmark": 4, "Region Sjælland": 3}))
    with CaptureQueriesContext(connection) as many:
        client.get(target)
    assert len(many) == len(few)


def _measures(personas, name="Økonomi"):
    system = make_system(personas.org, name=name)
    assessment = start(system, assessed_on=timezone.localdate() - datetime.timedelta(days=100))
    assess_all(assessment, **{ref: Result.NOT_MET for ref in ("TR-01", "TR-02", "TR-03")})
    today = timezone.localdate()
    with scopes_disabled():
        for ref, due, done in (
            ("TR-01", today - datetime.timedelta(days=5), None),
            ("TR-02", today + datetime.timedelta(days=30), None),
            ("TR-03", today - datetime.timedelta(days=50), today - datetime.timedelta(days=1)),
        ):
            services.gap_decide(
                actor=None,
                row=gap(assessment, ref),
                response="organisational",
                measure=f"Foranstaltning {ref}",
                responsible="Økonomichefen",
                due_on=due,
                done_on=done,
            )
        services.assessment_complete(actor=None, assessment=assessment)


def test_the_measures_page_lists_open_overdue_and_done_measures(personas, keeper):
    _measures(personas)
    target = url("design_measures", personas.org)

    def shown(**query):
        page = keeper.get(target, query)
        assert page.status_code == 200
        return [m.element.ref_id for m in page.context["page"].object_list]

    assert shown() == ["TR-01", "TR-02"]
    assert shown(state="overdue") == ["TR-01"]
    assert shown(state="done") == ["TR-03"]
    assert shown(state="all") == ["TR-03", "TR-01", "TR-02"]
    assert shown(q="TR-02") == ["TR-02"]
    assert shown(kind="system_change") == []
    assert keeper.get(target, {"state": "nonsense"}).status_code == 200


def test_the_measures_page_takes_the_same_number_of_queries_for_more_measures(personas, keeper):
    target = url("design_measures", personas.org)
    _measures(personas)
    keeper.get(target)
    with CaptureQueriesContext(connection) as few:
        keeper.get(target)
    for name in ("Løn", "Skole", "Borgerservice"):
        _measures(personas, name)
    with CaptureQueriesContext(connection) as many:
        keeper.get(target)
    assert len(many) == len(few)
