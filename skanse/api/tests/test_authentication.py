"""Who the API lets in: a live token of a current member of an active organisation."""

import json

from django.test import Client
from django_scopes import scope, scopes_disabled

from skanse.tenancy import services
from skanse.tenancy.models import ApiToken, Membership, Organisation

URL = "/api/v1/memberships"


def _token(user, org):
    with scope(organisation=org):
        token, secret = services.token_create(actor=user, organisation=org, name="t")
    return token, {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_a_live_token_works_and_notes_its_use(personas, client):
    token, headers = _token(personas.dpo, personas.org)
    assert client.get(URL, **headers).status_code == 200
    with scopes_disabled():
        assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_no_token_or_a_made_up_one_is_401(personas, client):
    assert client.get(URL).status_code == 401
    assert client.get(URL, HTTP_AUTHORIZATION="Bearer skanse_0000_made-up").status_code == 401
    assert client.get(URL, HTTP_AUTHORIZATION="Token skanse_0000_made-up").status_code == 401


def test_a_logged_in_browser_session_is_not_enough(personas):
    """The API takes tokens only, so a page cannot call it with the visitor's cookies."""
    assert personas.client(personas.admin).get(URL).status_code == 401


def test_a_revoked_token_is_401(personas, client):
    token, headers = _token(personas.dpo, personas.org)
    with scope(organisation=personas.org):
        services.token_revoke(actor=personas.dpo, token=token)
    response = client.get(URL, **headers)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_a_removed_members_token_is_401(personas, client):
    _token_obj, headers = _token(personas.dpo, personas.org)
    with scope(organisation=personas.org):
        membership = Membership.objects.get(user=personas.dpo)
        services.membership_remove(actor=personas.admin, membership=membership)
    assert client.get(URL, **headers).status_code == 401


def test_a_deactivated_organisations_tokens_are_401(personas, client):
    _token_obj, headers = _token(personas.dpo, personas.org)
    Organisation.objects.filter(pk=personas.org.pk).update(is_active=False)
    assert client.get(URL, **headers).status_code == 401


def test_a_token_acts_with_the_owners_current_role(personas, client):
    _token_obj, headers = _token(personas.contributor, personas.org)
    url = f"{URL}/{personas.membership[personas.auditor.email].uuid}"
    assert client.delete(url, **headers).status_code == 403
    with scopes_disabled():
        Membership.objects.filter(user=personas.contributor).update(role="org_admin")
    assert client.delete(url, **headers).status_code == 204


def test_a_token_acts_in_its_own_organisation_only(personas, client):
    """A person in two organisations: the Aarhus token never reaches Vejle's members."""
    with scopes_disabled():
        Membership.objects.create(organisation=personas.other_org, user=personas.dpo, role="dpo")
    _token_obj, headers = _token(personas.dpo, personas.org)
    emails = {m["email"] for m in client.get(URL, **headers).json()["items"]}
    assert emails and all(e.endswith("@aarhus.test") for e in emails)


def test_a_token_needs_no_csrf_token(personas):
    """Programs send a bearer token, not cookies: CSRF protection does not apply to them."""
    _token_obj, headers = _token(personas.admin, personas.org)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/invitations",
        json.dumps({"email": "new@example.test", "role": "dpo"}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201
