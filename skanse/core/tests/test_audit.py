"""The audit trail is append-only, and it never copies a secret."""

import pytest
from django_scopes import scope

from skanse.core.audit import audit_record, diff, snapshot
from skanse.core.models import AuditEvent
from skanse.tenancy.models import ApiToken
from tests.helpers import AUDIT


@pytest.fixture
def event(personas):
    membership = personas.membership[personas.dpo.email]
    return audit_record(
        actor=personas.admin, organisation=personas.org, action="test.event", obj=membership
    )


def test_an_event_cannot_be_changed(event):
    event.action = "test.rewritten"
    with pytest.raises(PermissionError):
        event.save()
    assert AUDIT.get(pk=event.pk).action == "test.event"


def test_an_event_cannot_be_deleted(event):
    with pytest.raises(PermissionError):
        event.delete()
    assert AUDIT.filter(pk=event.pk).exists()


def test_a_queryset_of_events_can_be_neither_updated_nor_deleted(personas, event):
    with pytest.raises(PermissionError):
        AUDIT.filter(pk=event.pk).update(action="test.rewritten")
    with pytest.raises(PermissionError):
        AUDIT.filter(pk=event.pk).delete()
    with scope(organisation=personas.org):
        with pytest.raises(PermissionError):
            AuditEvent.objects.all().update(changes={})
        with pytest.raises(PermissionError):
            AuditEvent.objects.all().delete()
    assert AUDIT.get(pk=event.pk).action == "test.event"


def test_an_event_keeps_who_acted_when_the_person_is_deleted(personas, event):
    personas.admin.delete()
    kept = AUDIT.get(pk=event.pk)
    assert (kept.actor, kept.actor_label) == (None, "admin@aarhus.test")


def test_an_event_without_a_person_says_system(personas):
    membership = personas.membership[personas.dpo.email]
    recorded = audit_record(actor=None, organisation=personas.org, action="t", obj=membership)
    assert (recorded.actor, recorded.actor_label) == (None, "system")


def test_snapshots_leave_out_secrets():
    token = ApiToken(name="sync", prefix="abcd1234", token_hash="0" * 64)
    assert snapshot(token, ["name", "prefix", "token_hash"]) == {
        "name": "sync",
        "prefix": "abcd1234",
    }


def test_diff_keeps_only_what_changed():
    assert diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == {"b": [2, 3], "c": [None, 4]}
    assert diff({"a": 1}, {}) == {"a": [1, None]}
    assert diff({"a": 1}, {"a": 1}) == {}
