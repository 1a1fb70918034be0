"""Supplier and contract pages: lists, create with the CVR rule, edit, delete, history."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from skanse.inventory.models import Contract, Supplier
from skanse.inventory.tests.conftest import make_contract, make_supplier, make_system, url
from tests.helpers import events, field_errors


def test_a_supplier_is_created_and_its_cvr_must_have_8_digits(personas, keeper):
    bad = keeper.post(url("supplier_create", personas.org), {"name": "Firma", "cvr": "1234"})
    assert bad.status_code == 400 and field_errors(bad, "cvr")
    good = keeper.post(url("supplier_create", personas.org), {"name": "Firma", "cvr": "1234 5678"})
    with scopes_disabled():
        supplier = Supplier.objects.get(organisation=personas.org)
    assert good.status_code == 302 and supplier.cvr == "12345678"
    assert events(personas.org, "inventory.supplier.created")


def test_suppliers_dedupe_by_cvr_within_the_organisation_only(personas, keeper):
    make_supplier(personas.org, name="Første", cvr="12345678")
    make_supplier(personas.other_org, name="Vejles", cvr="87654321")
    again = keeper.post(url("supplier_create", personas.org), {"name": "Anden", "cvr": "12345678"})
    assert again.status_code == 400 and field_errors(again, "cvr")
    # The same CVR in another municipality is that municipality's own supplier.
    other = keeper.post(url("supplier_create", personas.org), {"name": "Ny", "cvr": "87654321"})
    assert other.status_code == 302


def test_the_supplier_list_counts_systems_and_contracts_in_bounded_queries(personas, keeper):
    supplier = make_supplier(personas.org, name="Systemhuset")
    target = url("supplier_list", personas.org)
    keeper.get(target)
    with CaptureQueriesContext(connection) as one:
        keeper.get(target)
    for n in range(20):
        other = make_supplier(personas.org, name=f"L{n}")
        make_system(personas.org, name=f"S{n}", supplier=other)
    make_contract(personas.org, supplier=supplier)
    with CaptureQueriesContext(connection) as many:
        page = keeper.get(target)
    assert len(one) == len(many)
    first = page.context["page"].object_list[0]
    assert (first.name, first.contract_count) == ("L0", 0)


def test_a_contract_is_created_with_its_systems_and_both_are_audited(personas, keeper):
    supplier = make_supplier(personas.org)
    one, two = make_system(personas.org, name="En"), make_system(personas.org, name="To")
    reply = keeper.post(
        url("contract_create", personas.org),
        {
            "name": "Driftsaftale",
            "supplier": supplier.pk,
            "systems": [one.pk, two.pk],
            "valid_from": "2026-01-01",
            "valid_to": "2028-12-31",
        },
    )
    assert reply.status_code == 302
    with scopes_disabled():
        contract = Contract.objects.get()
        assert set(contract.systems.all()) == {one, two}
    (linked,) = events(personas.org, "inventory.contract.systems_changed")
    assert linked.changes == {"systems": [[], ["En", "To"]]}
    page = keeper.get(url("contract_detail", personas.org, contract.uuid))
    assert url("object_history", personas.org, contract.uuid) in page.content.decode()


def test_a_foreign_system_cannot_be_put_on_a_contract(personas, keeper):
    foreign = make_system(personas.other_org, name="Fremmed")
    reply = keeper.post(
        url("contract_create", personas.org), {"name": "K", "systems": [foreign.pk]}
    )
    assert reply.status_code == 400 and field_errors(reply, "systems")


def test_the_contract_list_takes_the_same_queries_for_1_or_20(personas, keeper):
    make_contract(personas.org, name="K0", supplier=make_supplier(personas.org))
    target = url("contract_list", personas.org)
    keeper.get(target)
    with CaptureQueriesContext(connection) as one:
        keeper.get(target)
    for n in range(1, 20):
        make_contract(
            personas.org,
            name=f"K{n}",
            supplier=make_supplier(personas.org, name=f"L{n}"),
            systems=[make_system(personas.org, name=f"S{n}")],
        )
    with CaptureQueriesContext(connection) as many:
        assert len(keeper.get(target).context["page"].object_list) == 20
    assert len(one) == len(many)


def test_deleting_a_supplier_keeps_its_systems_without_supplier(personas, keeper):
    supplier = make_supplier(personas.org, name="Ophørt")
    system = make_system(personas.org, name="Bliver", supplier=supplier)
    reply = keeper.post(url("supplier_delete", personas.org, supplier.uuid))
    assert reply.status_code == 302
    system.refresh_from_db()
    assert system.supplier is None
    (event,) = events(personas.org, "inventory.supplier.deleted")
    assert event.changes["name"] == ["Ophørt", None]
