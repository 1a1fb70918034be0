"""Reads of the audit trail, always of one organisation."""

import datetime

from django.utils import timezone

from skanse.auditlog.display import type_label
from skanse.core.models import AuditEvent


def object_type_label(label_lower: str) -> str:
    return type_label(label_lower)


def audit_event_list(organisation, *, actor=None, object_type=None, date_from=None, date_to=None):
    events = AuditEvent.objects.filter(organisation=organisation).select_related("actor")
    if actor:
        events = events.filter(actor__uuid=actor)
    if object_type:
        events = events.filter(object_type=object_type)
    tz = timezone.get_current_timezone()
    if date_from:
        start = datetime.datetime.combine(date_from, datetime.time.min, tzinfo=tz)
        events = events.filter(created_at__gte=start)
    if date_to:
        end = datetime.datetime.combine(
            date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        events = events.filter(created_at__lt=end)
    return events


def audit_filter_choices(organisation):
    """The people and object types that occur in the organisation's trail."""
    events = AuditEvent.objects.filter(organisation=organisation, actor__isnull=False)
    # order_by(): the model's ordering would put created_at into the DISTINCT and repeat names.
    pairs = events.order_by().values_list("actor__uuid", "actor_label").distinct()
    actors = sorted(((str(u), label) for u, label in pairs), key=lambda item: item[1])
    types = (
        AuditEvent.objects.filter(organisation=organisation)
        .order_by()
        .values_list("object_type", flat=True)
        .distinct()
    )
    object_types = sorted(((t, object_type_label(t)) for t in types), key=lambda item: item[1])
    return actors, object_types


def object_history(organisation, object_uuid):
    return AuditEvent.objects.filter(
        organisation=organisation, object_uuid=object_uuid
    ).select_related("actor")
