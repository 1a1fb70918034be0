from django.core import mail
from django.urls import reverse
from django_scopes import scopes_disabled

from skanse.tenancy.models import Invitation
from tests.helpers import da, events, field_errors, invitation_link_secret
from tests.personas import add_member, make_user


def _url(org):
    return reverse("member_invite", args=[org.slug])


def _invitations(org):
    with scopes_disabled():
        return list(Invitation.objects.filter(organisation=org))


def test_it_offers_the_roles_of_the_organisations_kind(personas):
    response = personas.client(personas.admin).get(_url(personas.org))
    assert response.status_code == 200
    offered = [value for value, _label in response.context["form"].fields["role"].choices]
    assert offered == ["org_admin", "security_officer", "dpo", "contributor", "auditor"]
    response = personas.client(personas.coordinator).get(_url(personas.coordinator_org))
    offered = [value for value, _label in response.context["form"].fields["role"].choices]
    assert offered == ["coordinator_admin", "coordinator_analyst"]


def test_it_invites_by_email(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = personas.client(personas.admin).post(
            _url(personas.org), {"email": "New.Person@Example.test", "role": "dpo"}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("member_list", args=[personas.org.slug])
    [invitation] = _invitations(personas.org)
    assert (invitation.email, invitation.role) == ("new.person@example.test", "dpo")
    assert invitation.invited_by == personas.admin
    [message] = mail.outbox
    assert message.to == ["new.person@example.test"]
    assert personas.org.name in message.subject
    assert invitation_link_secret(message)
    [event] = events(personas.org, "tenancy.invitation.created")
    assert event.actor == personas.admin
    assert event.changes["email"] == [None, "new.person@example.test"]


def test_it_hides_other_tenants(personas, django_capture_on_commit_callbacks):
    """A member of Vejle can be invited to Aarhus: membership elsewhere is neither told nor used."""
    with django_capture_on_commit_callbacks(execute=True):
        response = personas.client(personas.admin).post(
            _url(personas.org), {"email": "dpo@vejle.test", "role": "dpo"}
        )
    assert response.status_code == 302
    assert [i.email for i in _invitations(personas.org)] == ["dpo@vejle.test"]
    assert _invitations(personas.other_org) == []


def test_it_requires_members_manage(personas):
    response = personas.client(personas.security_officer).post(
        _url(personas.org), {"email": "new@example.test", "role": "org_admin"}
    )
    assert response.status_code == 403
    assert _invitations(personas.org) == []
    assert mail.outbox == []


def test_it_rejects_an_invalid_email(personas):
    response = personas.client(personas.admin).post(
        _url(personas.org), {"email": "not-an-address", "role": "dpo"}
    )
    assert response.status_code == 400
    assert field_errors(response, "email")
    assert _invitations(personas.org) == []


def test_it_rejects_a_role_of_another_kind_of_organisation(personas):
    response = personas.client(personas.admin).post(
        _url(personas.org), {"email": "new@example.test", "role": "coordinator_admin"}
    )
    assert response.status_code == 400
    assert field_errors(response, "role")
    assert _invitations(personas.org) == []


def test_it_rejects_a_person_who_is_a_member_already(personas):
    add_member(personas.org, make_user("Existing@Example.test"), "auditor")
    response = personas.client(personas.admin).post(
        _url(personas.org), {"email": "EXISTING@example.test", "role": "dpo"}
    )
    assert response.status_code == 400
    assert field_errors(response, "email") == [da("This person is already a member.")]
    assert _invitations(personas.org) == []
