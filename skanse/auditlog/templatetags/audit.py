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


def _value(field, value):
    """A stored code shown by its label in the reader's language (a list: each item)."""
    choices = dict(field.flatchoices) if field is not None and field.choices else None
    if choices is None and field is not None and field.name == "mfa_required_roles":
        choices = dict(Role.choices)
    if not choices:
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
        label = str(field.verbose_name).capitalize() if field is not None else name
        rows.append((label, _value(field, pair[0]), _value(field, pair[1])))
    return rows


@register.filter
def audit_channel(via: str) -> str:
    return CHANNELS.get(via, via)
