import json

from django.core import mail
from django_scopes import scopes_disabled

from skanse.tenancy import services
from skanse.tenancy.models import Invitation
from tests.helpers import bearer, da, events, invitation_link_secret

URL = "/api/v1/invitations"


def _post(client, body, headers):
    return client.post(URL, json.dumps(body), content_type="application/json", **headers)


def _invitations():
    with scopes_disabled():
        return list(Invitation.objects.all())


def test_it_invites_and_sends_the_email(personas, client, django_capture_on_commit_callbacks):
    headers = bearer(personas.admin, personas.org)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, {"email": "new@example.test", "role": "dpo"}, headers)
    assert response.status_code == 201
    body = response.json()
    [invitation] = _invitations()
    assert body["uuid"] == str(invitation.uuid)
    assert (body["email"], body["role"]) == ("new@example.test", "dpo")
    assert invitation.organisation == personas.org
    [message] = mail.outbox
    assert services.invitation_by_secret(invitation_link_secret(message)).pk == invitation.pk
    [event] = events(personas.org, "tenancy.invitation.created")
    assert (event.actor, event.via) == (personas.admin, "api")


def test_it_requires_members_manage(personas, client):
    headers = bearer(personas.auditor, personas.org)
    response = _post(client, {"email": "new@example.test", "role": "dpo"}, headers)
    assert response.status_code == 403
    assert _invitations() == []


def test_it_rejects_bad_input_at_the_field(personas, client):
    headers = bearer(personas.admin, personas.org)
    cases = [
        ({"email": "not-an-address", "role": "dpo"}, "email"),
        ({"email": "new@example.test", "role": "king"}, "role"),
        ({"email": "new@example.test", "role": "coordinator_analyst"}, "role"),
        ({"email": "new@example.test"}, "role"),
        ({"email": "dpo@aarhus.test", "role": "auditor"}, "email"),
    ]
    for body, field in cases:
        response = _post(client, body, headers)
        assert response.status_code == 400, body
        assert list(response.json()["errors"]) == [field], body
    member = _post(client, {"email": "dpo@aarhus.test", "role": "auditor"}, headers).json()
    assert member["errors"]["email"] == [da("This person is already a member.")]
    assert _invitations() == []
    assert mail.outbox == []
