"""The demo loader (through the audited services, idempotent) and the national generator."""

from django_scopes import scopes_disabled

from skanse.design import selectors
from skanse.design.demo import generate_design_for, load_design_demo
from skanse.design.models import Assessment
from skanse.design.tests.conftest import make_supplier, make_system
from skanse.inventory.demo import generate_inventory
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
