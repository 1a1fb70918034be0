"""The kind registry: what a kind of template is, and how commons reaches its objects.

Commons knows nothing about processing activities or requirement sets. Each kind registers a
`Kind` from its own app (in `AppConfig.ready()`), saying:

- its key and labels;
- the fields that are synced, with a label and a type that decides how they are edited and
  compared (`text`, `textarea`, `choice`, `multiple`, `rows`);
- how to create the adopting organisation's object from field values, how to update it, and
  how to read an object's current values — each through the kind's own services, so the
  kind's validation and audit apply to adoption and sync too.

Field values are plain JSON: a string, a list of strings (`multiple`), or a list of objects
with the field's `columns` as keys (`rows`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

TEXT, TEXTAREA, CHOICE, MULTIPLE, ROWS = "text", "textarea", "choice", "multiple", "rows"


@dataclass(frozen=True)
class Column:
    """One column of a `rows` field (e.g. a requirement's code, text, category, priority)."""

    name: str
    label: str
    required: bool = False
    choices: tuple = ()  # ((value, label), …); empty: free text
    max_length: int = 2000


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    type: str = TEXT
    required: bool = False
    max_length: int = 5000
    help_text: str = ""
    # ((value, label), …) for `choice` and `multiple`; a callable is called when needed, so a
    # kind may read its choices from the database or from its model's TextChoices.
    choices: tuple | Callable = ()
    columns: tuple[Column, ...] = ()  # for `rows`

    def choice_list(self) -> list[tuple[str, str]]:
        return list(self.choices() if callable(self.choices) else self.choices)

    def empty(self):
        return [] if self.type in (MULTIPLE, ROWS) else ""


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    label_plural: str
    fields: tuple[Field, ...]
    # The adopting organisation's model, as "app_label.ModelName" (a TenantModel).
    model: str
    # create(organisation=, actor=, values=, via=) -> the new object (through the kind's service)
    create: Callable
    # update(obj=, actor=, values=, via=) -> obj; `values` holds only the fields to change
    update: Callable
    # read(obj) -> {field name: current value} for every field in `fields`
    read: Callable
    # The URL name of the object's own page, reversed with org= and the object's uuid as
    # `url_kwarg`; None when the kind has no page yet.
    url_name: str | None = None
    url_kwarg: str = "uuid"
    description: str = ""
    # demo() -> [{"key", "name", "summary", "versions": [{"payload", "note"}, …]}, …]: the
    # templates the demo publishes for this kind (skanse/commons/demo.py).
    demo: Callable | None = None
    extra: dict = field(default_factory=dict)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(name)

    def blank(self) -> dict:
        return {f.name: f.empty() for f in self.fields}


_REGISTRY: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    """Register `kind` (idempotent for the same key, so `ready()` may run twice in tests)."""
    _REGISTRY[kind.key] = kind
    return kind


def get(key: str) -> Kind | None:
    return _REGISTRY.get(key)


def all_kinds() -> list[Kind]:
    return sorted(_REGISTRY.values(), key=lambda k: str(k.label))


def choices() -> list[tuple[str, str]]:
    return [(k.key, k.label) for k in all_kinds()]


UNKNOWN_KIND = _("This kind of template is not available.")
