import hashlib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from skanse.core.errors import DomainError
from skanse.tenancy import services
from skanse.tenancy.models import Invitation, Membership
from skanse.tenancy.roles import Role
from tests.helpers import AUDIT, da, events, invitation_link_secret


@pytest.fixture
def invite(personas, django_capture_on_commit_callbacks):
    """Invite by email as Aarhus's admin, running the email task; returns the invitation."""

    def invite(email="invitee@example.test", role="dpo", organisation=None):
        organisation = organisation or personas.org
        with django_capture_on_commit_callbacks(execute=True), scope(organisation=organisation):
            return services.invitation_create(
                actor=personas.admin, organisation=organisation, email=email, role=role
            )

    return invite


def _reload(invitation):
    with scopes_disabled():
        return Invitation.objects.get(pk=invitation.pk)


def test_an_invitation_goes_from_email_to_membership(personas, invite):
    invitation = invite(email="Invitee@Example.test")
    [message] = mail.outbox
    assert message.to == ["invitee@example.test"]
    assert personas.admin.name in message.body
    secret = invitation_link_secret(message)
    found = services.invitation_by_secret(secret)
    assert found.pk == invitation.pk
    membership = services.invitation_accept(
        invitation=found, name="Ny Person", password="a-long-passphrase-42"
    )
    with scopes_disabled():
        membership = Membership.objects.select_related("user").get(pk=membership.pk)
    assert (membership.organisation, membership.role) == (personas.org, "dpo")
    assert membership.user.email == "invitee@example.test"
    assert membership.user.check_password("a-long-passphrase-42")
    assert _reload(invitation).accepted_at is not None
    # The link is used up.
    assert services.invitation_by_secret(secret) is None
    created, accepted = (
        events(personas.org, "tenancy.invitation.created")[0],
        events(personas.org, "tenancy.invitation.accepted")[0],
    )
    assert created.actor == personas.admin
    assert created.changes["role"] == [None, Role.DPO.value]
    assert accepted.actor == membership.user
    joined = events(personas.org, "tenancy.membership.added")[-1]
    assert (joined.actor, joined.object_uuid) == (membership.user, membership.uuid)


def test_the_link_secret_is_never_stored_in_clear(personas, invite):
    invitation = invite()
    secret = invitation_link_secret()
    stored = _reload(invitation)
    assert stored.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    with scopes_disabled():
        assert not Invitation.objects.filter(token_hash=secret).exists()
    assert all(secret not in str(e.changes) for e in AUDIT.all())


def test_an_expired_withdrawn_or_used_link_finds_nothing(personas, invite):
    expired = invite(email="expired@example.test")
    expired_secret = invitation_link_secret()
    withdrawn = invite(email="withdrawn@example.test")
    withdrawn_secret = invitation_link_secret()
    invite(email="used@example.test")
    used_secret = invitation_link_secret()
    with scopes_disabled():
        Invitation.objects.filter(pk=expired.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
    with scope(organisation=personas.org):
        services.invitation_revoke(actor=personas.admin, invitation=withdrawn)
    services.invitation_accept(
        invitation=services.invitation_by_secret(used_secret),
        name="Used",
        password="a-long-passphrase-42",
    )
    assert services.invitation_by_secret(expired_secret) is None
    assert services.invitation_by_secret(withdrawn_secret) is None
    assert services.invitation_by_secret(used_secret) is None
    assert services.invitation_by_secret("never-issued") is None


def test_a_new_invitation_to_the_same_address_revokes_the_open_one(personas, invite):
    first = invite(role="dpo")
    first_secret = invitation_link_secret()
    second = invite(email="INVITEE@example.test", role="auditor")
    assert _reload(first).revoked_at is not None
    assert services.invitation_by_secret(first_secret) is None
    assert services.invitation_by_secret(invitation_link_secret()).pk == second.pk
    [revoked] = events(personas.org, "tenancy.invitation.revoked")
    assert (revoked.actor, revoked.object_uuid) == (personas.admin, first.uuid)


def test_an_invitation_to_the_same_address_elsewhere_is_left_alone(personas, invite):
    in_vejle = invite(organisation=personas.other_org)
    invite()
    assert _reload(in_vejle).revoked_at is None


def test_invitation_create_refuses_members_and_foreign_roles(personas, invite):
    with pytest.raises(DomainError) as error:
        invite(email="DPO@aarhus.test")
    assert error.value.message_dict == {"email": [da("This person is already a member.")]}
    with pytest.raises(DomainError) as error:
        invite(role="coordinator_analyst")
    assert error.value.field == "role"
    with pytest.raises(ValidationError) as error:
        invite(email="not-an-address")
    assert "email" in error.value.message_dict
    assert mail.outbox == []


def test_a_closed_invitation_cannot_be_resent_or_withdrawn(personas, invite):
    invitation = invite()
    with scope(organisation=personas.org):
        services.invitation_revoke(actor=personas.admin, invitation=invitation)
        for service in (services.invitation_resend, services.invitation_revoke):
            with pytest.raises(DomainError) as error:
                service(actor=personas.admin, invitation=_reload(invitation))
            assert error.value.messages == [da("This invitation is no longer open.")]


def test_invitation_accept_checks_the_address_of_a_logged_in_person(personas, invite):
    invitation = invite()
    with pytest.raises(DomainError):
        services.invitation_accept(invitation=invitation, user=personas.outsider)
    with scopes_disabled():
        assert not Membership.objects.filter(user=personas.outsider, organisation=personas.org)


def test_invitation_accept_validates_the_new_password_at_its_field(personas, invite):
    invitation = invite()
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(invitation=invitation, name="Ny", password="password")
    assert list(error.value.message_dict) == ["password"]
