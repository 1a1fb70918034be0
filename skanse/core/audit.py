"""The audit trail: services call `audit_record` inside their transaction for every change.

Who, when, what: the actor, the time, a namespaced action code (`tenancy.membership.added`),
the object, and the changed fields as {field: [old, new]}. Events are never updated or deleted.
"""

import datetime
import decimal
import uuid
from collections.abc import Iterable

from django.db import models

from skanse.core.models import AuditEvent

# Values that must never be copied into the trail, whatever model they sit on.
SECRET_FIELDS = {"password", "key_hash", "token_hash", "secret"}


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (uuid.UUID, decimal.Decimal)):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict:
    """The current values of `fields` on `obj`, in a form the audit trail can store.

    Choices are stored as their codes, not their labels: the trail is read in Danish and in
    English, so labels are looked up when it is shown (auditlog's template tags)."""
    values = {}
    for name in fields:
        if name in SECRET_FIELDS:
            continue
        values[name] = _plain(getattr(obj, name))
    return values


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value changed."""
    keys = list(before) + [k for k in after if k not in before]
    return {
        key: [before.get(key), after.get(key)] for key in keys if before.get(key) != after.get(key)
    }


def audit_record(
    *,
    actor,
    organisation,
    action: str,
    obj: models.Model,
    changes: dict | None = None,
    via: str = "web",
) -> AuditEvent:
    """Append one event to `organisation`'s trail. Call it inside the service's transaction."""
    return AuditEvent.objects.with_scopes_disabled().create(
        organisation=organisation,
        actor=actor if actor is not None and actor.pk else None,
        actor_label=getattr(actor, "email", "") or "system",
        action=action,
        object_type=obj._meta.label_lower,
        object_uuid=getattr(obj, "uuid", None),
        object_repr=str(obj)[:200],
        changes=changes or {},
        via=via,
    )
