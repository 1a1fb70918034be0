"""The demo loader (through the audited services, idempotent) and the national generator."""

from django_scopes import scopes_disabled

from skanse.design import selectors
from skanse.design.demo import generate_design_for, load_design_demo
from skanse.design.models import Assessment
from skanse.design.tests.conftest import make_supplier, make_system
from skanse.inventory.demo import generate_inventory
from skanse.inventory.models import ITSystem
from tests.helpers import events


def test_the_demo_shows_every_status_and_every_kind_of_answer_once(personas):
    supplier = make_supplier(personas.org)
    for name in ("Borgerservice", "ESDH", "Løn", "Omsorg", "Skole"):
        make_system(personas.org, name=name, supplier=supplier)
    assert load_design_demo() == 1  # Aarhus has systems; the other demo municipalities none
    assert load_design_demo() == 0
    with scopes_disabled():
        counts = selectors.status_counts(personas.org)
        responses = set(
            Assessment.objects.filter(organisation=personas.org)
            .values_list("elements__response", flat=True)
            .distinct()
        )
        assert selectors.supplier_requirements(personas.org, supplier).exists()
    assert counts == {"never": 2, "overdue": 1, "due": 1, "current": 1}
    assert {"organisational", "system_change", "accepted"} <= responses
    assert events(personas.org, "design.assessment.completed")


def test_the_generator_assesses_systems_in_bulk_once(personas):
    load_design_demo()  # loads the EDPB elements into the library
    generate_inventory(personas.org, systems=30, suppliers=3, contracts=2)
    assert generate_design_for(personas.org, assessed=10)
    assert not generate_design_for(personas.org, assessed=10)
    with scopes_disabled():
        counts = selectors.status_counts(personas.org)
    assert counts["never"] == 20
    assert sum(counts.values()) == 30


def test_the_generator_brings_an_existing_schedule_up_to_date(personas):
    """A system whose re-assessment was triggered before it was ever assessed (a breach, a
    processing activity) has a schedule already: the generated assessment becomes its
    current one, as completing would make it."""
    from skanse.design import services
    from skanse.design.models import DesignProfile

    load_design_demo()
    generate_inventory(personas.org, systems=5, suppliers=1, contracts=0)
    with scopes_disabled():
        first = ITSystem.objects.filter(organisation=personas.org).order_by("id").first()
        services.reassessment_trigger(actor=None, system=first, trigger="incident")
    assert generate_design_for(personas.org, assessed=5)
    with scopes_disabled():
        profile = DesignProfile.objects.get(system=first)
        counts = selectors.status_counts(personas.org)
    assert profile.current_assessment is not None and profile.trigger == ""
    assert counts["never"] == 0 and sum(counts.values()) == 5
