from django import forms
from django.utils.translation import gettext_lazy as _

from skanse.commons.forms import rows_to_text, text_to_rows
from skanse.requirements.commons_kinds import ITEMS


class RequirementSetForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    items = forms.CharField(
        label=_("Requirements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=ITEMS.help_text,
    )

    @classmethod
    def for_set(cls, data, requirement_set=None, items=None):
        initial = {}
        if requirement_set is not None:
            initial = {
                "name": requirement_set.name,
                "description": requirement_set.description,
                "items": rows_to_text(ITEMS, items or []),
            }
        return cls(data, initial=initial)

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["items"] = text_to_rows(ITEMS, data.get("items") or "")
        return data
