"""Forms for commons. The content form is generated from the kind's field list, so a new
kind needs no form of its own."""

from django import forms
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from skanse.commons import kinds
from skanse.commons.models import Template

ROW_SEPARATOR = "|"


class TemplateCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=())
    name = forms.CharField(label=_("Name"), max_length=200)
    key = forms.SlugField(
        label=_("Key"),
        max_length=100,
        help_text=_("A short stable identifier: letters, digits and hyphens, e.g. “it-drift”."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in the list of templates the organisations browse."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds.choices()


class TemplateEditForm(forms.ModelForm):
    class Meta:
        model = Template
        fields = ["name", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


def rows_to_text(spec: kinds.Field, rows: list) -> str:
    return "\n".join(
        f" {ROW_SEPARATOR} ".join(str(row.get(c.name, "")) for c in spec.columns) for row in rows
    )


def text_to_rows(spec: kinds.Field, text: str) -> list[dict]:
    """One row per non-empty line; cells separated by "|", the last column takes the rest."""
    rows = []
    for line in text.splitlines():
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split(ROW_SEPARATOR, len(spec.columns) - 1)]
        cells += [""] * (len(spec.columns) - len(cells))
        rows.append({c.name: cell for c, cell in zip(spec.columns, cells, strict=True)})
    return rows


def rows_help(spec: kinds.Field) -> str:
    columns = f" {ROW_SEPARATOR} ".join(str(c.label) for c in spec.columns)
    return _gettext("One per line: %(columns)s") % {"columns": columns}


class ContentForm(forms.Form):
    """The kind's fields, and a note on what changed (for a version after the first)."""

    change_note = forms.CharField(
        label=_("What changed"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The organisations read this when they decide whether to take the update."),
    )

    def __init__(self, *args, kind: kinds.Kind, payload: dict, change_note: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        change = self.fields.pop("change_note")
        for spec in kind.fields:
            self.fields[spec.name] = self._field(spec)
            value = payload.get(spec.name, spec.empty())
            if spec.type == kinds.ROWS:
                value = rows_to_text(spec, value)
            elif spec.type == kinds.MULTIPLE and not spec.choice_list():
                value = "\n".join(value)
            self.initial[spec.name] = value
        self.fields["change_note"] = change
        self.initial["change_note"] = change_note

    @staticmethod
    def _field(spec: kinds.Field) -> forms.Field:
        common = {"label": spec.label, "required": False, "help_text": spec.help_text}
        if spec.type == kinds.TEXT:
            return forms.CharField(max_length=spec.max_length, **common)
        if spec.type == kinds.TEXTAREA:
            return forms.CharField(
                max_length=spec.max_length, widget=forms.Textarea(attrs={"rows": 4}), **common
            )
        if spec.type == kinds.CHOICE:
            choices = [(v, label) for v, label in spec.choice_list() if v != ""]
            return forms.ChoiceField(choices=[("", "—"), *choices], **common)
        if spec.type == kinds.MULTIPLE and not spec.choice_list():
            # Free values (e.g. KLE numbers): one per line.
            common["help_text"] = spec.help_text or _("One per line.")
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)
        if spec.type == kinds.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=spec.choice_list(), widget=forms.CheckboxSelectMultiple, **common
            )
        common["help_text"] = spec.help_text or rows_help(spec)
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), **common)

    def payload(self) -> dict:
        """The cleaned values as the kind's JSON (rows parsed from their lines)."""
        out = {}
        for spec in self.kind.fields:
            value = self.cleaned_data.get(spec.name)
            if spec.type == kinds.ROWS:
                value = text_to_rows(spec, value or "")
            elif spec.type == kinds.MULTIPLE and isinstance(value, str):
                value = [line.strip() for line in value.splitlines() if line.strip()]
            elif spec.type == kinds.MULTIPLE:
                value = list(value or [])
            out[spec.name] = value if value is not None else spec.empty()
        return out


class SyncForm(forms.Form):
    """Which fields to take; the version the page showed, so a concurrent sync is noticed."""

    take = forms.MultipleChoiceField(required=False, choices=())
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, takeable: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["take"].choices = [(name, name) for name in takeable]
