"""The dashboard figures, the demo loader and the national-scale generator."""

import datetime

from django.utils import timezone
from django_scopes import scopes_disabled

from skanse.inventory.demo import generate_inventory
from skanse.inventory.models import Contract, ITSystem, Supplier
from skanse.inventory.selectors import dashboard_cards
from skanse.inventory.tests.conftest import make_contract, make_system
from skanse.kitos.demo import load_inventory_demo


def test_the_dashboard_counts_systems_needing_attention(personas, django_assert_max_num_queries):
    make_system(personas.org, name="A", data_sensitivity_levels=["PersonData"])
    make_system(
        personas.org,
        name="B",
        data_sensitivity_levels=["PersonData", "SensitiveData"],
        risk_assessment="Yes",
    )
    make_system(personas.org, name="C", life_cycle_status="PhasingOut")
    make_system(personas.org, name="D", data_sensitivity_levels=["None"])
    make_system(personas.other_org, name="Fremmed", data_sensitivity_levels=["PersonData"])
    soon = timezone.localdate() + datetime.timedelta(days=30)
    make_contract(personas.org, name="Udløber", valid_to=soon)
    make_contract(personas.org, name="Lang", valid_to=soon + datetime.timedelta(days=400))
    with scopes_disabled(), django_assert_max_num_queries(3):
        cards = dashboard_cards(personas.org)
    assert cards == {
        "systems": 4,
        "personal_data": 2,
        "personal_data_without_risk_assessment": 1,
        "phasing_out": 1,
        "contracts_ending_90_days": 1,
        "suppliers": 0,
        "last_kitos_sync": None,
    }


def test_the_demo_imports_kitos_data_beside_local_systems_and_is_idempotent(personas):
    assert load_inventory_demo() > 0
    with scopes_disabled():
        aarhus = ITSystem.objects.filter(organisation=personas.org)
        counted = aarhus.count()
        assert aarhus.filter(source="file").count() == 60
        assert aarhus.filter(source="local").count() == 3
        assert Contract.objects.filter(organisation=personas.org).exists()
    assert load_inventory_demo() == 0
    with scopes_disabled():
        assert ITSystem.objects.filter(organisation=personas.org).count() == counted
        assert dashboard_cards(personas.org)["last_kitos_sync"] is not None


def test_the_generator_makes_800_systems_and_150_suppliers_once(personas):
    assert generate_inventory(personas.org)
    assert not generate_inventory(personas.org)
    with scopes_disabled():
        assert ITSystem.objects.filter(organisation=personas.org).count() == 800
        assert Supplier.objects.filter(organisation=personas.org).count() == 150
        assert ITSystem.objects.filter(organisation=personas.org, has_personal_data=True).exists()
        assert not ITSystem.objects.filter(organisation=personas.other_org).exists()
