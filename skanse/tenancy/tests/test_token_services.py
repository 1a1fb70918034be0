import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from skanse.core.errors import DomainError
from skanse.tenancy import services
from skanse.tenancy.models import ApiToken, Membership, Organisation
from tests.helpers import events


def _create(user, org, name="sync"):
    with scope(organisation=org):
        return services.token_create(actor=user, organisation=org, name=name)


def test_token_create_returns_the_secret_and_stores_only_its_hash(personas):
    token, secret = _create(personas.dpo, personas.org, "  KITOS  ")
    assert token.name == "KITOS"
    assert secret.startswith(f"skanse_{token.prefix}_")
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    [event] = events(personas.org, "tenancy.api_token.created")
    assert (event.actor, event.organisation, event.object_uuid) == (
        personas.dpo,
        personas.org,
        token.uuid,
    )
    assert event.changes == {"name": [None, "KITOS"], "prefix": [None, token.prefix]}


def test_token_create_wants_a_name(personas):
    with pytest.raises(DomainError) as error:
        _create(personas.dpo, personas.org, "   ")
    assert error.value.field == "name"


def test_token_authenticate_gives_the_token_with_the_owners_current_role(personas):
    token, secret = _create(personas.dpo, personas.org)
    found = services.token_authenticate(secret)
    assert found == token
    assert (found.user, found.organisation, found.membership.role) == (
        personas.dpo,
        personas.org,
        "dpo",
    )
    with scopes_disabled():
        Membership.objects.filter(pk=found.membership.pk).update(role="auditor")
    assert services.token_authenticate(secret).membership.role == "auditor"


def test_token_authenticate_refuses_made_up_and_look_alike_secrets(personas):
    _token, secret = _create(personas.dpo, personas.org)
    assert services.token_authenticate(secret + "x") is None
    assert services.token_authenticate(secret.removeprefix("skanse_")) is None
    assert services.token_authenticate("") is None


def test_token_revoke_stops_the_token_and_records_it_once(personas):
    token, secret = _create(personas.dpo, personas.org)
    with scope(organisation=personas.org):
        services.token_revoke(actor=personas.dpo, token=token)
        services.token_revoke(actor=personas.dpo, token=token)
    assert services.token_authenticate(secret) is None
    assert len(events(personas.org, "tenancy.api_token.revoked")) == 1


def test_a_removed_members_tokens_stop_working(personas):
    """Even a token that was somehow not revoked: it needs a current membership."""
    _token, secret = _create(personas.dpo, personas.org)
    with scopes_disabled():
        Membership.objects.filter(organisation=personas.org, user=personas.dpo).delete()
    assert services.token_authenticate(secret) is None


def test_tokens_stop_working_for_a_deactivated_organisation_or_person(personas):
    _token, secret = _create(personas.dpo, personas.org)
    _token, other_secret = _create(personas.outsider, personas.other_org)
    Organisation.objects.filter(pk=personas.org.pk).update(is_active=False)
    assert services.token_authenticate(secret) is None
    personas.outsider.is_active = False
    personas.outsider.save()
    assert services.token_authenticate(other_secret) is None


def test_token_authenticate_notes_the_last_use_at_most_once_a_minute(
    personas, django_assert_num_queries
):
    token, secret = _create(personas.dpo, personas.org)
    with django_assert_num_queries(3):  # the token, the membership, the note of use
        services.token_authenticate(secret)
    with django_assert_num_queries(2):
        services.token_authenticate(secret)
    with scopes_disabled():
        first_use = ApiToken.objects.get(pk=token.pk).last_used_at
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=first_use - timedelta(minutes=2))
    services.token_authenticate(secret)
    with scopes_disabled():
        assert ApiToken.objects.get(pk=token.pk).last_used_at > timezone.now() - timedelta(
            seconds=5
        )
