"""Show a kind's field value in a page: text, a choice's label, a list, or a small table."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from skanse.commons import kinds

register = template.Library()


def _label(choices, value) -> str:
    return str(dict((str(k), v) for k, v in choices).get(value, value))


@register.simple_tag
def field_value(spec: kinds.Field, value):
    empty = format_html('<span class="text-muted">{}</span>', _("(empty)"))
    if spec.type in (kinds.TEXT, kinds.TEXTAREA):
        if not value:
            return empty
        lines = str(value).splitlines()
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))
    if spec.type == kinds.CHOICE:
        return _label(spec.choice_list(), value) if value else empty
    if spec.type == kinds.MULTIPLE:
        if not value:
            return empty
        choices = spec.choice_list()
        items = format_html_join("", "<li>{}</li>", ((_label(choices, v),) for v in value))
        return format_html('<ul class="nobullet-list">{}</ul>', items)
    if not value:
        return empty
    head = format_html_join("", '<th scope="col">{}</th>', ((c.label,) for c in spec.columns))
    body = format_html_join(
        "",
        "<tr>{}</tr>",
        (
            (
                format_html_join(
                    "",
                    "<td>{}</td>",
                    (
                        (_label(c.choices, row.get(c.name, "")) if c.choices else row.get(c.name),)
                        for c in spec.columns
                    ),
                ),
            )
            for row in value
        ),
    )
    return format_html(
        '<div class="table--responsive-scroll"><table class="table table--compact">'
        '<caption class="sr-only">{}</caption><thead><tr>{}</tr></thead><tbody>{}</tbody>'
        "</table></div>",
        spec.label,
        head,
        body,
    )


@register.simple_tag
def field_change(spec: kinds.Field, local, theirs):
    """The template's value, marked in words against the organisation's copy: for a list,
    which values are new and which would go; for rows, which rows are new, changed or gone
    (rows are matched by their first column, e.g. a requirement's code)."""
    if spec.type == kinds.MULTIPLE:
        local, theirs = local or [], theirs or []
        choices = spec.choice_list()
        items = [(_label(choices, v), _("new") if v not in local else "") for v in theirs]
        items += [(_label(choices, v), _("removed")) for v in local if v not in theirs]
        if not items:
            return format_html('<span class="text-muted">{}</span>', _("(empty)"))
        return format_html(
            '<ul class="nobullet-list">{}</ul>',
            format_html_join(
                "",
                "<li>{}{}</li>",
                (
                    (label, format_html(" <strong>({})</strong>", mark) if mark else "")
                    for label, mark in items
                ),
            ),
        )
    if spec.type != kinds.ROWS:
        return field_value(spec, theirs)
    key = spec.columns[0].name
    mine = {row.get(key): row for row in local or []}
    new_keys = {row.get(key) for row in theirs or []}
    marked = []
    for row in theirs or []:
        before = mine.get(row.get(key))
        mark = _("New") if before is None else (_("Changed") if before != row else "")
        marked.append((mark, row))
    marked += [(_("Removed"), row) for row in local or [] if row.get(key) not in new_keys]
    head = format_html_join("", '<th scope="col">{}</th>', ((c.label,) for c in spec.columns))
    body = format_html_join(
        "",
        "<tr><td>{}</td>{}</tr>",
        (
            (
                format_html("<strong>{}</strong>", mark) if mark else "—",
                format_html_join(
                    "",
                    "<td>{}</td>",
                    (
                        (_label(c.choices, row.get(c.name, "")) if c.choices else row.get(c.name),)
                        for c in spec.columns
                    ),
                ),
            )
            for mark, row in marked
        ),
    )
    return format_html(
        '<div class="table--responsive-scroll"><table class="table table--compact">'
        '<caption class="sr-only">{}</caption><thead><tr><th scope="col">{}</th>{}</tr></thead>'
        "<tbody>{}</tbody></table></div>",
        spec.label,
        _("Change"),
        head,
        body,
    )
