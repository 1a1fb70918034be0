"""Presenting audit events: field labels in the reader's language, channel names."""

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

register = template.Library()

CHANNELS = {
    "web": _("Web"),
    "api": _("API"),
    "cli": _("Command line"),
    "task": _("Background job"),
}


def _field_label(object_type: str, name: str) -> str:
    try:
        field = apps.get_model(object_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return name
    return str(getattr(field, "verbose_name", name)).capitalize()


@register.simple_tag
def audit_changes(event):
    """[(label, old, new)] for an event's changed fields."""
    return [
        (_field_label(event.object_type, name), pair[0], pair[1])
        for name, pair in event.changes.items()
    ]


@register.filter
def audit_channel(via: str) -> str:
    return CHANNELS.get(via, via)
