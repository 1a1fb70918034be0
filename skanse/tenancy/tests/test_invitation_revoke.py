from django.urls import reverse
from django_scopes import scopes_disabled

from skanse.tenancy import services
from skanse.tenancy.models import Invitation
from tests.helpers import da, events, invitation_link_secret, shows


def _invite(org, actor, capture):
    with capture(execute=True), scopes_disabled():
        return services.invitation_create(
            actor=actor, organisation=org, email="invitee@example.test", role="dpo"
        )


def _url(org, invitation):
    return reverse("invitation_revoke", args=[org.slug, invitation.uuid])


def _revoked(invitation):
    with scopes_disabled():
        return Invitation.objects.get(pk=invitation.pk).revoked_at is not None


def test_it_withdraws_the_invitation(personas, django_capture_on_commit_callbacks):
    invitation = _invite(personas.org, personas.admin, django_capture_on_commit_callbacks)
    secret = invitation_link_secret()
    response = personas.client(personas.admin).post(_url(personas.org, invitation))
    assert response.status_code == 302
    assert response["Location"] == reverse("member_list", args=[personas.org.slug])
    assert _revoked(invitation)
    assert services.invitation_by_secret(secret) is None
    [event] = events(personas.org, "tenancy.invitation.revoked")
    assert (event.actor, event.object_uuid) == (personas.admin, invitation.uuid)


def test_it_hides_other_tenants(personas, django_capture_on_commit_callbacks):
    foreign = _invite(personas.other_org, personas.outsider, django_capture_on_commit_callbacks)
    response = personas.client(personas.admin).post(_url(personas.org, foreign))
    assert response.status_code == 404
    assert not _revoked(foreign)


def test_it_requires_members_manage(personas, django_capture_on_commit_callbacks):
    invitation = _invite(personas.org, personas.admin, django_capture_on_commit_callbacks)
    response = personas.client(personas.contributor).post(_url(personas.org, invitation))
    assert response.status_code == 403
    assert not _revoked(invitation)


def test_it_rejects_get(personas, django_capture_on_commit_callbacks):
    invitation = _invite(personas.org, personas.admin, django_capture_on_commit_callbacks)
    assert personas.client(personas.admin).get(_url(personas.org, invitation)).status_code == 405
    assert not _revoked(invitation)


def test_it_refuses_an_invitation_withdrawn_already(personas, django_capture_on_commit_callbacks):
    invitation = _invite(personas.org, personas.admin, django_capture_on_commit_callbacks)
    client = personas.client(personas.admin)
    client.post(_url(personas.org, invitation))
    response = client.post(_url(personas.org, invitation), follow=True)
    assert shows(response, da("This invitation is no longer open."))
    assert len(events(personas.org, "tenancy.invitation.revoked")) == 1
