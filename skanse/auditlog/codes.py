"""Labels for the codes that the audit trail stores, so it can be read in Danish and English.

The trail keeps codes (`"confidentiality"`, `["c3", "c8"]`), never labels: labels are looked
up when it is shown, in the reader's language. A model field with Django `choices` needs
nothing more (its labels are found through the model). A field that holds a JSON list of codes
has no choices on the field, so its app registers them from `AppConfig.ready()`:

    def ready(self):
        from skanse.auditlog.codes import register_codes
        register_codes("breaches.breach", "kinds", KINDS)

`auditlog` sits low in the layers and imports no domain app: the apps fill this registry in.
`choices` is a sequence of `(code, label, …)` rows (a `TextChoices.choices`, a list of pairs,
or longer rows whose second item is the label), or a function returning one, called when the
trail is shown. The function must not query the database: it runs once for each change shown.

A JSON document whose keys are not model fields (a commons template's payload) can name a
lookup instead: `register_field_lookup(model, lookup)`, where `lookup(key)` returns
`(label, choices)` for the key, or None.
"""

from collections.abc import Callable, Iterable

from django.db import models

Rows = Iterable[tuple] | Callable[[], Iterable[tuple]]

_CODES: dict[tuple[str, str], Rows] = {}
_LOOKUPS: dict[str, Callable[[str], tuple | None]] = {}


def _key(model) -> str:
    if isinstance(model, type) and issubclass(model, models.Model):
        return model._meta.label_lower
    return str(model).lower()


def register_codes(model, field: str, choices: Rows) -> None:
    """Show the codes stored in `model`'s `field` by their labels (idempotent)."""
    _CODES[(_key(model), field)] = choices


def register_field_lookup(model, lookup: Callable[[str], tuple | None]) -> None:
    """Name and label the keys of `model`'s changes that are not its fields (idempotent)."""
    _LOOKUPS[_key(model)] = lookup


def _as_dict(rows: Rows) -> dict:
    rows = rows() if callable(rows) else rows
    return {row[0]: row[1] for row in rows}


def registered_codes(object_type: str, field: str) -> dict | None:
    """{code: label} registered for the field, or None."""
    rows = _CODES.get((object_type, field))
    return None if rows is None else _as_dict(rows)


def looked_up(object_type: str, key: str) -> tuple[str | None, dict | None] | None:
    """(label, {code: label} or None) for a key that is not a field, or None if unknown."""
    lookup = _LOOKUPS.get(object_type)
    found = lookup(key) if lookup else None
    if not found:
        return None
    label, choices = found
    return label, (_as_dict(choices) if choices else None)
