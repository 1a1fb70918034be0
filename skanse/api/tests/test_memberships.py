import json

from django_scopes import scopes_disabled

from skanse.tenancy.models import Membership
from skanse.tenancy.roles import Role
from tests.helpers import bearer, da, events, grow_members

LIST = "/api/v1/memberships"


def _patch(client, membership, body, headers):
    return client.patch(
        f"{LIST}/{membership.uuid}", json.dumps(body), content_type="application/json", **headers
    )


def _role(membership):
    with scopes_disabled():
        return Membership.objects.get(pk=membership.pk).role


def test_it_lists_the_organisations_members(personas, client):
    response = client.get(LIST, **bearer(personas.contributor, personas.org))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5
    assert {m["email"] for m in body["items"]} == {
        f"{who}@aarhus.test"
        for who in ("admin", "security_officer", "dpo", "contributor", "auditor")
    }
    dpo = next(m for m in body["items"] if m["email"] == "dpo@aarhus.test")
    assert set(dpo) == {"uuid", "email", "name", "role", "created_at"}
    assert (dpo["name"], dpo["role"]) == ("Dpo Aarhus", "dpo")


def test_it_gets_one_member(personas, client):
    membership = personas.membership[personas.dpo.email]
    response = client.get(f"{LIST}/{membership.uuid}", **bearer(personas.auditor, personas.org))
    assert response.status_code == 200
    assert response.json()["uuid"] == str(membership.uuid)


def test_it_hides_other_tenants(personas, client):
    headers = bearer(personas.admin, personas.org)
    foreign = personas.membership["dpo@vejle.test"]
    assert client.get(f"{LIST}/{foreign.uuid}", **headers).status_code == 404
    assert _patch(client, foreign, {"role": "auditor"}, headers).status_code == 404
    assert client.delete(f"{LIST}/{foreign.uuid}", **headers).status_code == 404
    assert _role(foreign) == "dpo"
    listed = client.get(LIST, **headers).json()["items"]
    assert not [m for m in listed if m["email"].endswith("vejle.test")]


def test_it_changes_a_role_and_records_it_as_done_through_the_api(personas, client):
    membership = personas.membership[personas.contributor.email]
    response = _patch(client, membership, {"role": "auditor"}, bearer(personas.admin, personas.org))
    assert response.status_code == 200
    assert response.json()["role"] == "auditor"
    assert _role(membership) == "auditor"
    [event] = events(personas.org, "tenancy.membership.role_changed")
    assert (event.actor, event.via) == (personas.admin, "api")
    assert event.changes == {"role": [Role.CONTRIBUTOR.value, Role.AUDITOR.value]}


def test_it_requires_members_manage_to_change(personas, client):
    membership = personas.membership[personas.contributor.email]
    headers = bearer(personas.security_officer, personas.org)
    response = _patch(client, membership, {"role": "org_admin"}, headers)
    assert response.status_code == 403
    assert client.delete(f"{LIST}/{membership.uuid}", **headers).status_code == 403
    assert _role(membership) == "contributor"


def test_it_rejects_unknown_and_foreign_roles_at_the_field(personas, client):
    membership = personas.membership[personas.contributor.email]
    headers = bearer(personas.admin, personas.org)
    for role in ("king", "coordinator_admin"):
        response = _patch(client, membership, {"role": role}, headers)
        assert response.status_code == 400
        body = response.json()
        assert set(body) == {"detail", "errors"}
        assert list(body["errors"]) == ["role"] and body["errors"]["role"]
    assert _role(membership) == "contributor"


def test_it_keeps_the_last_admin(personas, client):
    admin = personas.membership[personas.admin.email]
    headers = bearer(personas.admin, personas.org)
    message = da("The organisation must keep at least one admin.")
    demoted = _patch(client, admin, {"role": "dpo"}, headers)
    assert demoted.status_code == 400
    assert demoted.json() == {"detail": message, "errors": {"role": [message]}}
    removed = client.delete(f"{LIST}/{admin.uuid}", **headers)
    assert removed.status_code == 400
    assert removed.json()["detail"] == message
    assert _role(admin) == "org_admin"


def test_it_removes_a_member_and_records_it_as_done_through_the_api(personas, client):
    membership = personas.membership[personas.dpo.email]
    dpo_headers = bearer(personas.dpo, personas.org)
    response = client.delete(f"{LIST}/{membership.uuid}", **bearer(personas.admin, personas.org))
    assert response.status_code == 204
    with scopes_disabled():
        assert not Membership.objects.filter(pk=membership.pk).exists()
    [event] = events(personas.org, "tenancy.membership.removed")
    assert (event.actor, event.via) == (personas.admin, "api")
    assert {e.via for e in events(personas.org, "tenancy.api_token.revoked")} == {"api"}
    # The removed member's token stops working at once.
    assert client.get(LIST, **dpo_headers).status_code == 401


def test_its_query_count_stays_bounded(personas, client, django_assert_max_num_queries):
    headers = bearer(personas.contributor, personas.org)
    client.get(LIST, **headers)
    with django_assert_max_num_queries(4):
        assert client.get(LIST, **headers).status_code == 200
    grow_members(personas.org, 30)
    with django_assert_max_num_queries(4):
        body = client.get(LIST, **headers).json()
    assert (body["count"], len(body["items"])) == (35, 35)
