import pytest
from django.core.exceptions import ValidationError

from skanse.core.errors import DomainError
from skanse.tenancy import services
from skanse.tenancy.models import Organisation
from tests.helpers import da, events


def _create(personas, **fields):
    return services.organisation_create(
        actor=personas.coordinator, coordinator=personas.coordinator_org, **fields
    )


def test_organisation_create_makes_a_short_name_and_records_it_twice(personas):
    created = _create(personas, name="Styrelsen for Dataforsyning", kind="other")
    assert created.slug == "styrelsen-for-dataforsyning"
    for org in (personas.coordinator_org, created):
        [event] = events(org, "tenancy.organisation.created")
        assert (event.actor, event.organisation, event.object_uuid) == (
            personas.coordinator,
            org,
            created.uuid,
        )
        assert event.changes["slug"] == [None, "styrelsen-for-dataforsyning"]


def test_organisation_create_keeps_short_names_unique(personas):
    _create(personas, name="Styrelsen", kind="other")
    with pytest.raises(DomainError) as error:
        _create(personas, name="Anden styrelse", kind="other", slug="styrelsen")
    assert error.value.message_dict == {
        "slug": [da("An organisation with this short name exists already.")]
    }
    # The same name makes the same short name.
    with pytest.raises(DomainError) as error:
        _create(personas, name="Styrelsen", kind="region")
    assert error.value.field == "slug"


@pytest.mark.parametrize("cvr", ["1234567", "123456789", "1234567a", "12 34567"])
def test_organisation_create_wants_a_cvr_number_of_eight_digits(personas, cvr):
    with pytest.raises(ValidationError) as error:
        _create(personas, name="Styrelsen", kind="other", cvr=cvr)
    assert "cvr" in error.value.message_dict
    assert not Organisation.objects.filter(name="Styrelsen").exists()


def test_organisation_create_refuses_a_second_coordinator(personas):
    with pytest.raises(DomainError) as error:
        _create(personas, name="KL 2", kind="coordinator")
    assert error.value.field == "kind"


def test_organisation_set_active_records_the_change_in_both_trails(personas):
    services.organisation_set_active(
        actor=personas.coordinator,
        coordinator=personas.coordinator_org,
        organisation=personas.other_org,
        active=False,
    )
    assert not Organisation.objects.get(pk=personas.other_org.pk).is_active
    for org in (personas.coordinator_org, personas.other_org):
        [event] = events(org, "tenancy.organisation.deactivated")
        assert event.changes == {"is_active": [True, False]}
    # Deactivating again changes and records nothing.
    services.organisation_set_active(
        actor=personas.coordinator,
        coordinator=personas.coordinator_org,
        organisation=personas.other_org,
        active=False,
    )
    assert len(events(personas.other_org, "tenancy.organisation.deactivated")) == 1


def test_the_coordinator_cannot_be_deactivated(personas):
    with pytest.raises(DomainError) as error:
        services.organisation_set_active(
            actor=personas.coordinator,
            coordinator=personas.coordinator_org,
            organisation=personas.coordinator_org,
            active=False,
        )
    assert error.value.messages == [da("The coordinator organisation cannot be deactivated.")]
    assert Organisation.objects.get(pk=personas.coordinator_org.pk).is_active


def test_organisation_update_settings_records_the_policy_change(personas):
    services.organisation_update_settings(
        actor=personas.admin,
        organisation=Organisation.objects.get(pk=personas.org.pk),
        mfa_required_roles=["security_officer", "dpo"],
    )
    assert Organisation.objects.get(pk=personas.org.pk).mfa_required_roles == [
        "dpo",
        "security_officer",
    ]
    [event] = events(personas.org, "tenancy.organisation.settings_changed")
    assert (event.actor, event.organisation) == (personas.admin, personas.org)
    assert event.changes == {"mfa_required_roles": [[], ["dpo", "security_officer"]]}


@pytest.mark.parametrize(
    ("who", "foreign_role"), [("org", "coordinator_admin"), ("coordinator_org", "org_admin")]
)
def test_organisation_update_settings_rejects_roles_of_another_kind(personas, who, foreign_role):
    organisation = getattr(personas, who)
    with pytest.raises(DomainError) as error:
        services.organisation_update_settings(
            actor=None, organisation=organisation, mfa_required_roles=[foreign_role]
        )
    assert error.value.message_dict == {
        "mfa_required_roles": [da("Choose roles of this organisation.")]
    }
    assert Organisation.objects.get(pk=organisation.pk).mfa_required_roles == []
    assert events(organisation, "tenancy.organisation.settings_changed") == []
