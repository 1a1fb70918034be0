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
    assessment = start(system)
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
