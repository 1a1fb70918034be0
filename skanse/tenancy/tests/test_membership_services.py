import pytest
from django_scopes import scope

from skanse.core.errors import DomainError
from skanse.tenancy import services
from skanse.tenancy.models import ApiToken, Membership
from skanse.tenancy.roles import Role
from tests.helpers import da, events
from tests.personas import make_user


def test_membership_add_records_who_joined_in_which_role(personas):
    newcomer = make_user("new@aarhus.test", name="Ny Person")
    with scope(organisation=personas.org):
        membership = services.membership_add(
            actor=personas.admin, organisation=personas.org, user=newcomer, role="dpo"
        )
    event = events(personas.org, "tenancy.membership.added")[-1]
    assert (event.actor, event.organisation, event.object_uuid, event.via) == (
        personas.admin,
        personas.org,
        membership.uuid,
        "web",
    )
    assert event.object_type == "tenancy.membership"
    assert event.changes == {"user": [None, "Ny Person"], "role": [None, Role.DPO.value]}


def test_membership_add_refuses_a_member_twice_and_foreign_roles(personas):
    with scope(organisation=personas.org), pytest.raises(DomainError) as error:
        services.membership_add(
            actor=None, organisation=personas.org, user=personas.dpo, role="auditor"
        )
    assert error.value.message_dict == {"email": [da("This person is already a member.")]}
    with scope(organisation=personas.org), pytest.raises(DomainError) as error:
        services.membership_add(
            actor=None,
            organisation=personas.org,
            user=make_user("x@x.test"),
            role="coordinator_admin",
        )
    assert error.value.field == "role"


def test_membership_change_role_records_the_labels_before_and_after(personas):
    membership = personas.membership[personas.contributor.email]
    with scope(organisation=personas.org):
        services.membership_change_role(
            actor=personas.admin, membership=membership, role="auditor", via="api"
        )
    [event] = events(personas.org, "tenancy.membership.role_changed")
    assert (event.actor, event.organisation, event.via) == (personas.admin, personas.org, "api")
    assert event.changes == {"role": [Role.CONTRIBUTOR.value, Role.AUDITOR.value]}


def test_membership_change_role_to_the_same_role_records_nothing(personas):
    membership = personas.membership[personas.contributor.email]
    with scope(organisation=personas.org):
        services.membership_change_role(
            actor=personas.admin, membership=membership, role="contributor"
        )
    assert events(personas.org, "tenancy.membership.role_changed") == []


@pytest.mark.parametrize("who", ["admin", "coordinator"])
def test_the_last_admin_can_be_neither_demoted_nor_removed(personas, who):
    membership = personas.membership[getattr(personas, who).email]
    organisation = membership.organisation
    other_role = "contributor" if who == "admin" else "coordinator_analyst"
    with scope(organisation=organisation):
        with pytest.raises(DomainError) as error:
            services.membership_change_role(actor=None, membership=membership, role=other_role)
        assert error.value.message_dict == {
            "role": [da("The organisation must keep at least one admin.")]
        }
        with pytest.raises(DomainError) as error:
            services.membership_remove(actor=None, membership=membership)
        assert error.value.messages == [da("The organisation must keep at least one admin.")]
        assert Membership.objects.get(pk=membership.pk).role == membership.role


def test_membership_remove_records_the_event_and_revokes_the_members_tokens(personas):
    membership = personas.membership[personas.dpo.email]
    with scope(organisation=personas.org):
        token, secret = services.token_create(
            actor=personas.dpo, organisation=personas.org, name="sync"
        )
        services.membership_remove(actor=personas.admin, membership=membership)
        assert not Membership.objects.filter(pk=membership.pk).exists()
        assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    [removed] = events(personas.org, "tenancy.membership.removed")
    assert (removed.actor, removed.object_uuid) == (personas.admin, membership.uuid)
    assert removed.changes == {
        "user": [str(personas.dpo), None],
        "role": [Role.DPO.value, None],
    }
    [revoked] = events(personas.org, "tenancy.api_token.revoked")
    assert (revoked.actor, revoked.object_uuid) == (personas.admin, token.uuid)
    assert services.token_authenticate(secret) is None
