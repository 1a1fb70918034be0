"""Field values of a kind: checking a payload, and the three-way comparison behind sync.

The comparison of one field looks at three values: the *base* (what the organisation last
took from the template), the *template's* value in the newest published version, and the
*local* value of the organisation's object now.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from skanse.commons import kinds
from skanse.core.errors import DomainError

# The states of one field in the comparison.
UNCHANGED = "unchanged"  # nobody changed it
THEIRS = "theirs"  # changed by the association only: take it
OURS = "ours"  # changed by the organisation only: nothing to take
SAME = "same"  # both made the same change
CONFLICT = "conflict"  # both changed it, differently


def _text(value, where: str, *, max_length: int, required: bool) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(_("Expected text."), where)
    value = value.strip()
    if required and not value:
        raise DomainError(_("This field is required."), where)
    if len(value) > max_length:
        raise DomainError(
            _("At most %(n)d characters (this has %(m)d).") % {"n": max_length, "m": len(value)},
            where,
        )
    if "\x00" in value:
        raise DomainError(_("The text contains a null character."), where)
    return value


def clean(kind: kinds.Kind, raw, *, partial: bool = False, complete: bool = True) -> dict:
    """`raw` checked against the kind's fields: {field: value}, every field present (missing
    ones empty) unless `partial`. A DomainError names the field (and row) at fault. A draft
    may be incomplete (`complete=False`: required fields may be empty)."""
    if not isinstance(raw, dict):
        raise DomainError(_("The content must be an object of field values."))
    unknown = sorted(set(raw) - set(kind.field_names))
    if unknown:
        raise DomainError(
            _("Unknown field “%(field)s”.") % {"field": unknown[0]}, None, code="unknown_field"
        )
    values = {}
    for spec in kind.fields:
        if spec.name not in raw:
            if partial:
                continue
            if spec.required and complete:
                raise DomainError(_("This field is required."), spec.name)
        values[spec.name] = clean_field(spec, raw.get(spec.name), complete=complete)
    return values


def clean_field(spec: kinds.Field, value, *, complete: bool = True):
    name = spec.name
    required = spec.required and complete
    if spec.type in (kinds.TEXT, kinds.TEXTAREA):
        return _text(value, name, max_length=spec.max_length, required=required)
    if spec.type == kinds.CHOICE:
        value = _text(value, name, max_length=200, required=required)
        allowed = {str(v) for v, _label in spec.choice_list()}
        if value and value not in allowed:
            raise DomainError(_("“%(value)s” is not one of the choices.") % {"value": value}, name)
        return value
    if spec.type == kinds.MULTIPLE:
        if value is None:
            value = []
        if not isinstance(value, list):
            raise DomainError(_("Expected a list."), name)
        allowed = {str(v) for v, _label in spec.choice_list()}
        out = []
        for item in value:
            if not isinstance(item, str) or (allowed and item not in allowed):
                raise DomainError(
                    _("“%(value)s” is not one of the choices.") % {"value": item}, name
                )
            if item not in out:
                out.append(item)
        if len(out) > 500:
            raise DomainError(_("Too many values."), name)
        if required and not out:
            raise DomainError(_("This field is required."), name)
        return out
    if spec.type == kinds.ROWS:
        if value is None:
            value = []
        if not isinstance(value, list):
            raise DomainError(_("Expected a list."), name)
        if len(value) > 1000:
            raise DomainError(_("At most 1000 rows."), name)
        rows = []
        for number, row in enumerate(value, start=1):
            if not isinstance(row, dict):
                raise DomainError(_("Row %(n)d: expected an object.") % {"n": number}, name)
            unknown = sorted(set(row) - {c.name for c in spec.columns})
            if unknown:
                raise DomainError(
                    _("Row %(n)d: unknown column “%(column)s”.")
                    % {"n": number, "column": unknown[0]},
                    name,
                )
            cleaned = {}
            for column in spec.columns:
                cell = row.get(column.name, "")
                try:
                    cell = _text(cell, name, max_length=column.max_length, required=column.required)
                except DomainError as error:
                    raise DomainError(
                        _("Row %(n)d, %(column)s: %(message)s")
                        % {"n": number, "column": column.label, "message": error.messages[0]},
                        name,
                    ) from None
                allowed = {str(v) for v, _label in column.choices}
                if cell and allowed and cell not in allowed:
                    raise DomainError(
                        _("Row %(n)d, %(column)s: “%(value)s” is not one of the choices.")
                        % {"n": number, "column": column.label, "value": cell},
                        name,
                    )
                cleaned[column.name] = cell
            rows.append(cleaned)
        if required and not rows:
            raise DomainError(_("This field is required."), name)
        return rows
    raise DomainError(_("Unknown field type."), name)


@dataclass
class FieldDiff:
    field: kinds.Field
    base: object
    theirs: object
    local: object
    state: str

    @property
    def takes_by_default(self) -> bool:
        """Only what the association changed and the organisation did not."""
        return self.state == THEIRS

    @property
    def can_take(self) -> bool:
        return self.state in (THEIRS, CONFLICT)


def state(base, theirs, local) -> str:
    if theirs == base:
        return UNCHANGED if local == base else OURS
    if local == base:
        return THEIRS
    return SAME if local == theirs else CONFLICT


def compare(kind: kinds.Kind, base: dict, theirs: dict, local: dict) -> list[FieldDiff]:
    """One FieldDiff per field of the kind, in the kind's order."""
    rows = []
    for spec in kind.fields:
        empty = spec.empty()
        b, t, loc = (
            base.get(spec.name, empty),
            theirs.get(spec.name, empty),
            local.get(spec.name, empty),
        )
        rows.append(FieldDiff(spec, b, t, loc, state(b, t, loc)))
    return rows
