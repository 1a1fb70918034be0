"""Presenting audit events in the reader's language: what happened, the changed fields and
their values, the channel. The trail stores codes; this is where they become words."""

import re

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from skanse.auditlog import codes

CHANNELS = {
    "web": _("Web"),
    "api": _("API"),
    "cli": _("Command line"),
    "task": _("Background job"),
    "workbook": _("Workbook import"),
}

# Actions that read best as a phrase of their own, whatever the object.
ACTIONS = {
    "tenancy.membership.added": _("Member added"),
    "tenancy.membership.role_changed": _("Role changed"),
    "tenancy.membership.removed": _("Member removed"),
    "tenancy.invitation.created": _("Invitation sent"),
    "tenancy.invitation.resent": _("Invitation sent again"),
    "tenancy.invitation.revoked": _("Invitation withdrawn"),
    "tenancy.invitation.accepted": _("Invitation accepted"),
    "tenancy.organisation.created": _("Organisation created"),
    "tenancy.organisation.deactivated": _("Organisation deactivated"),
    "tenancy.organisation.reactivated": _("Organisation reactivated"),
    "tenancy.organisation.settings_changed": _("Settings changed"),
    "tenancy.api_token.created": _("API token created"),
    "tenancy.api_token.revoked": _("API token revoked"),
    "design.element.assessed": _("Element assessed"),
    "design.gap.decided": _("Gap answered"),
    "design.reassessment.triggered": _("Re-assessment triggered"),
}

# The last part of an action code (`privacy.activity.created`) for the other actions: the
# object's kind and what happened to it ("Processing activity: created"). Every verb used in
# the code needs one (tests/test_action_coverage.py checks it).
VERBS = {
    "accepted": _("%(object)s: accepted"),
    "added": _("%(object)s: added"),
    "adopted": _("%(object)s: adopted"),
    "alerted": _("%(object)s: deadline alert sent"),
    "approved": _("%(object)s: approved"),
    "assessed": _("%(object)s: assessed"),
    "assigned": _("%(object)s: assigned"),
    "changed": _("%(object)s: changed"),
    "closed": _("%(object)s: closed"),
    "completed": _("%(object)s: completed"),
    "confirmed": _("%(object)s: confirmed"),
    "consulted": _("%(object)s: DPO consulted"),
    "created": _("%(object)s: created"),
    "decided": _("%(object)s: decided"),
    "deleted": _("%(object)s: deleted"),
    "dismissed": _("%(object)s: update dismissed"),
    "draft_saved": _("%(object)s: draft saved"),
    "drafted": _("%(object)s: new draft"),
    "extended": _("%(object)s: deadline extended"),
    "generated": _("%(object)s: generated"),
    "imported": _("%(object)s: imported"),
    "launched": _("%(object)s: launched"),
    "moved": _("%(object)s: moved"),
    "published": _("%(object)s: published"),
    "reminded": _("%(object)s: reminder sent"),
    "removed": _("%(object)s: removed"),
    "reopened": _("%(object)s: reopened"),
    "requested": _("%(object)s: requested"),
    "returned": _("%(object)s: returned for correction"),
    "revoked": _("%(object)s: revoked"),
    "saved": _("%(object)s: saved"),
    "sharing_changed": _("%(object)s: sharing changed"),
    "started": _("%(object)s: started"),
    "submitted": _("%(object)s: submitted"),
    "superseded": _("%(object)s: superseded"),
    "synced": _("%(object)s: updated from the template"),
    "systems_changed": _("%(object)s: systems changed"),
    "triggered": _("%(object)s: triggered"),
}


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def type_label(object_type: str) -> str:
    """The object type's name with a capital first letter ("DPIA screening", not "Dpia …")."""
    model = _model(object_type)
    return capfirst(str(model._meta.verbose_name)) if model else object_type


def action_label(action: str, object_type: str = "") -> str:
    """A readable name for an action; the code itself if there is none."""
    if action in ACTIONS:
        return str(ACTIONS[action])
    verb = action.rsplit(".", 1)[-1]
    model = _model(object_type)
    if model is not None and verb in VERBS:
        return VERBS[verb] % {"object": capfirst(str(model._meta.verbose_name))}
    return action


def channel_label(via: str) -> str:
    return str(CHANNELS.get(via, via))


# What ISO 8601 looks like where the trail stores a date or a time (core.audit._plain).
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def _when(field, value: str):
    """A stored ISO date or time in the reader's format and local time; None if it is not."""
    if isinstance(field, models.DateTimeField) or (field is None and _DATETIME.match(value)):
        moment = parse_datetime(value)
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    if isinstance(field, models.DateField) or (field is None and _DATE.match(value)):
        try:
            day = parse_date(value)
        except ValueError:
            day = None
        if day is not None:
            return formats.date_format(day, "SHORT_DATE_FORMAT")
    return None


def _one(field, labels: dict | None, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if labels and isinstance(value, (str, int)) and value in labels:
        return str(labels[value])
    if isinstance(value, (int, float)):
        return formats.localize(value)
    if isinstance(value, str):
        return _when(field, value) or value
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_one(None, None, v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "; ".join(_one(None, None, item) for item in value)
    return str(value)


def _value(field, labels: dict | None, value) -> str:
    """A stored value as the reader should see it; "" for nothing."""
    if isinstance(value, (list, tuple)):
        if any(isinstance(item, dict) for item in value):
            # Rows of a table (a template's requirements or risks): the export has them whole.
            count = len(value)
            return ngettext("%(count)s row", "%(count)s rows", count) % {"count": count}
        # Labels may hold commas themselves ("Art. 6, stk. 1, litra e"): items are split by ";".
        return "; ".join(text for item in value if (text := _one(field, labels, item)))
    return _one(field, labels, value)


def _field(model, name: str):
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    # A reverse relation has neither a name to show nor choices.
    return field if isinstance(field, models.Field) else None


def _describe(object_type: str, model, name: str) -> tuple[str, object, dict | None]:
    """(label, model field or None, {code: label} or None) for one changed key."""
    field = _field(model, name)
    labels = codes.registered_codes(object_type, name)
    if field is not None:
        if labels is None and field.choices:
            labels = dict(field.flatchoices)
        # A JSON value is stored as it is: a date in it is only known by its shape.
        shape_only = isinstance(field, models.JSONField)
        return capfirst(str(field.verbose_name)), (None if shape_only else field), labels
    found = codes.looked_up(object_type, name)
    if found:
        label, choices = found
        return capfirst(str(label)) if label else name, None, labels or choices
    return name, None, labels


def change_rows(event) -> list[tuple[str, str, str]]:
    """[(field label, before, after)] in the reader's language; unchanged blanks left out."""
    model = _model(event.object_type)
    rows = []
    for name, pair in event.changes.items():
        label, field, labels = _describe(event.object_type, model, name)
        before, after = _value(field, labels, pair[0]), _value(field, labels, pair[1])
        if before or after:
            rows.append((label, before, after))
    return rows
