"""Presenting audit events in templates; the words come from `skanse.auditlog.display`."""

from django import template

from skanse.auditlog import display

register = template.Library()


@register.simple_tag
def audit_action(action: str, object_type: str = "") -> str:
    """A readable name for an action; the code itself if there is none."""
    return display.action_label(action, object_type)


@register.simple_tag
def audit_changes(event):
    """[(label, old, new)] for an event's changed fields, in the reader's language."""
    return display.change_rows(event)


@register.filter
def audit_channel(via: str) -> str:
    return display.channel_label(via)
