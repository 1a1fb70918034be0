"""`{% breach_clock breach %}`: the 72-hour countdown, computed on the server, in words."""

from django import template

from skanse.breaches import deadline

register = template.Library()


@register.inclusion_tag("breaches/_clock.html")
def breach_clock(breach, clock=None):
    return {"clock": clock or deadline.clock(breach)}
