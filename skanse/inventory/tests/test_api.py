"""The inventory API: read and write under the register capabilities, audited, isolated."""

from django_scopes import scopes_disabled

from skanse.inventory.models import Contract, ITSystem
from skanse.inventory.tests.conftest import make_supplier, make_system
from tests.helpers import bearer, events


def test_systems_are_listed_with_their_provenance(personas, client):
    supplier = make_supplier(personas.org, name="Systemhuset", cvr="12345678")
    make_system(personas.org, name="Omsorg", supplier=supplier, source="kitos")
    make_system(personas.other_org, name="Fremmed")
    reply = client.get("/api/v1/it-systems", **bearer(personas.auditor, personas.org))
    assert reply.status_code == 200
    (item,) = reply.json()["items"]
    assert item["name"] == "Omsorg" and item["source"] == "kitos"
    assert item["supplier"] == str(supplier.uuid)


def test_a_system_is_created_and_changed_through_the_api_and_audited(personas, client):
    supplier = make_supplier(personas.org)
    headers = bearer(personas.dpo, personas.org)
    created = client.post(
        "/api/v1/it-systems",
        {
            "name": "API-system",
            "supplier": str(supplier.uuid),
            "data_sensitivity_levels": ["PersonData"],
        },
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201, created.content
    uuid = created.json()["uuid"]
    changed = client.patch(
        f"/api/v1/it-systems/{uuid}",
        {"dpia": "Yes", "dpia_date": "2026-02-01"},
        content_type="application/json",
        **headers,
    )
    assert changed.status_code == 200 and changed.json()["dpia"] == "Yes"
    (event,) = events(personas.org, "inventory.system.changed")
    assert event.via == "api" and event.changes["dpia"] == ["Undecided", "Yes"]


def test_bad_values_are_refused_at_the_field(personas, client):
    system = make_system(personas.org)
    headers = bearer(personas.dpo, personas.org)
    reply = client.patch(
        f"/api/v1/it-systems/{system.uuid}",
        {"dpia": "Maybe", "data_sensitivity_levels": ["PersonData"]},
        content_type="application/json",
        **headers,
    )
    assert reply.status_code == 400
    assert "dpia" in reply.json()["errors"]
    wrong_list = client.patch(
        f"/api/v1/it-systems/{system.uuid}",
        {"data_sensitivity_levels": ["Everything"]},
        content_type="application/json",
        **headers,
    )
    assert "data_sensitivity_levels" in wrong_list.json()["errors"]
    system.refresh_from_db()
    assert system.dpia == "Undecided" and system.data_sensitivity_levels == []


def test_another_organisations_supplier_cannot_be_linked(personas, client):
    foreign = make_supplier(personas.other_org, name="Fremmed")
    reply = client.post(
        "/api/v1/contracts",
        {"name": "K", "supplier": str(foreign.uuid)},
        content_type="application/json",
        **bearer(personas.dpo, personas.org),
    )
    assert reply.status_code == 400 and "supplier" in reply.json()["errors"]
    with scopes_disabled():
        assert not Contract.objects.exists()


def test_a_contract_links_systems_by_uuid(personas, client):
    one, two = make_system(personas.org, name="En"), make_system(personas.org, name="To")
    reply = client.post(
        "/api/v1/contracts",
        {"name": "K", "systems": [str(one.uuid), str(two.uuid)], "valid_from": "2026-01-01"},
        content_type="application/json",
        **bearer(personas.dpo, personas.org),
    )
    assert reply.status_code == 201
    assert sorted(reply.json()["systems"]) == sorted([str(one.uuid), str(two.uuid)])


def test_a_duplicate_cvr_is_refused(personas, client):
    make_supplier(personas.org, cvr="12345678")
    reply = client.post(
        "/api/v1/suppliers",
        {"name": "Dublet", "cvr": "12345678"},
        content_type="application/json",
        **bearer(personas.dpo, personas.org),
    )
    assert reply.status_code == 400 and "cvr" in reply.json()["errors"]


def test_the_list_has_a_bounded_number_of_queries(personas, client, django_assert_max_num_queries):
    for n in range(30):
        make_system(personas.org, name=f"S{n}", supplier=make_supplier(personas.org, f"L{n}"))
    headers = bearer(personas.auditor, personas.org)
    with django_assert_max_num_queries(10):
        reply = client.get("/api/v1/it-systems", **headers)
    assert reply.json()["count"] == 30
    with scopes_disabled():
        assert ITSystem.objects.count() == 30
