from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from skanse.tenancy import services
from skanse.tenancy.models import Invitation
from tests.helpers import da, events, invitation_link_secret, shows


def _invite(personas, org, actor, capture):
    with capture(execute=True), scopes_disabled():
        return services.invitation_create(
            actor=actor, organisation=org, email="invitee@example.test", role="dpo"
        )


def _url(org, invitation):
    return reverse("invitation_resend", args=[org.slug, invitation.uuid])


def test_it_sends_a_fresh_link(personas, django_capture_on_commit_callbacks):
    invitation = _invite(personas, personas.org, personas.admin, django_capture_on_commit_callbacks)
    old_secret = invitation_link_secret()
    with django_capture_on_commit_callbacks(execute=True):
        response = personas.client(personas.admin).post(_url(personas.org, invitation))
    assert response.status_code == 302
    assert response["Location"] == reverse("member_list", args=[personas.org.slug])
    assert len(mail.outbox) == 2
    new_secret = invitation_link_secret()
    assert new_secret != old_secret
    assert services.invitation_by_secret(old_secret) is None
    assert services.invitation_by_secret(new_secret).pk == invitation.pk
    [event] = events(personas.org, "tenancy.invitation.resent")
    assert event.actor == personas.admin


def test_it_hides_other_tenants(personas, django_capture_on_commit_callbacks):
    foreign = _invite(
        personas, personas.other_org, personas.outsider, django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = personas.client(personas.admin).post(_url(personas.org, foreign))
    assert response.status_code == 404
    assert len(mail.outbox) == 1
    assert events(personas.other_org, "tenancy.invitation.resent") == []


def test_it_requires_members_manage(personas, django_capture_on_commit_callbacks):
    invitation = _invite(personas, personas.org, personas.admin, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        response = personas.client(personas.auditor).post(_url(personas.org, invitation))
    assert response.status_code == 403
    assert len(mail.outbox) == 1


def test_it_rejects_get(personas, django_capture_on_commit_callbacks):
    invitation = _invite(personas, personas.org, personas.admin, django_capture_on_commit_callbacks)
    assert personas.client(personas.admin).get(_url(personas.org, invitation)).status_code == 405


def test_it_refuses_a_withdrawn_invitation(personas, django_capture_on_commit_callbacks):
    invitation = _invite(personas, personas.org, personas.admin, django_capture_on_commit_callbacks)
    with scopes_disabled():
        Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    client = personas.client(personas.admin)
    response = client.post(_url(personas.org, invitation), follow=True)
    assert shows(response, da("This invitation is no longer open."))
    assert len(mail.outbox) == 1
