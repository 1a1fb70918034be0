"""Presenting audit events: field labels in the reader's language, channel names."""

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from skanse.tenancy.roles import Role

register = template.Library()

CHANNELS = {
    "web": _("Web"),
    "api": _("API"),
    "cli": _("Command line"),
    "task": _("Background job"),
}


def _field(object_type: str, name: str):
    try:
        return apps.get_model(object_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None


# The last part of an action code (`privacy.activity.created`), for actions without a label
# of their own: the object's kind and this word make one ("Processing activity: created").
VERBS = {
    "created": _("created"),
    "changed": _("changed"),
    "deleted": _("deleted"),
    "added": _("added"),
    "removed": _("removed"),
    "published": _("published"),
    "adopted": _("adopted"),
    "synced": _("updated from the template"),
    "dismissed": _("update dismissed"),
    "requested": _("requested"),
    "imported": _("imported"),
    "submitted": _("submitted"),
    "returned": _("returned for correction"),
    "moved": _("moved"),
    "saved": _("saved"),
    "generated": _("generated"),
    "alerted": _("deadline alert sent"),
    "approved": _("approved"),
    "consulted": _("DPO consulted"),
    "superseded": _("superseded"),
}


@register.simple_tag
def audit_action(action: str, object_type: str = "") -> str:
    """A readable name for an action that has no label of its own."""
    verb = action.rsplit(".", 1)[-1]
    try:
        kind = str(apps.get_model(object_type)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        kind = ""
    if kind and verb in VERBS:
        return _("%(object)s: %(verb)s") % {"object": kind, "verb": VERBS[verb]}
    return action


def _value(field, value):
    """A stored code shown by its label in the reader's language (a list: each item)."""
    choices = dict(field.flatchoices) if getattr(field, "choices", None) else None
    if choices is None and field is not None and field.name == "mfa_required_roles":
        choices = dict(Role.choices)
    if not choices:
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return value
    if isinstance(value, list):
        return ", ".join(str(choices.get(item, item)) for item in value)
    return choices.get(value, value)


@register.simple_tag
def audit_changes(event):
    """[(label, old, new)] for an event's changed fields, labels in the reader's language."""
    rows = []
    for name, pair in event.changes.items():
        field = _field(event.object_type, name)
        verbose = getattr(field, "verbose_name", None)  # a reverse relation has none
        label = str(verbose).capitalize() if verbose else name
        rows.append((label, _value(field, pair[0]), _value(field, pair[1])))
    return rows


@register.filter
def audit_channel(via: str) -> str:
    return CHANNELS.get(via, via)
