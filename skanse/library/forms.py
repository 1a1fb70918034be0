from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Library file"),
        help_text=_(
            "A Skanse library file (YAML or JSON), an OSCAL catalog or profile (JSON "
            "or XML), or a CISO Assistant library (YAML). The format is recognised "
            "from the content."
        ),
    )
    profile_base = forms.ModelChoiceField(
        label=_("Catalog for an OSCAL profile"),
        required=False,
        queryset=None,
        help_text=_("Only for a profile: the imported catalog it selects controls from."),
    )

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile_base"].queryset = versions

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.LIBRARY_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.")
                % {"mb": settings.LIBRARY_IMPORT_MAX_BYTES // 1_000_000}
            )
        return upload


class FrameworkForm(forms.Form):
    name = forms.CharField(label=_("Name (English)"), max_length=255)
    name_da = forms.CharField(label=_("Name (Danish)"), max_length=255, required=False)
    ref_id = forms.CharField(
        label=_("Short reference"),
        max_length=100,
        help_text=_("E.g. “KL-ANB-2026”. It becomes part of the URN."),
    )
    description = forms.CharField(
        label=_("Description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_da = forms.CharField(
        label=_("Description (Danish)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RequirementForm(forms.Form):
    ref_id = forms.CharField(label=_("Identifier"), max_length=100)
    parent = forms.ModelChoiceField(
        label=_("Placed under"), required=False, queryset=None, empty_label=_("(top level)")
    )
    name = forms.CharField(label=_("Title (English)"), max_length=500)
    name_da = forms.CharField(label=_("Title (Danish)"), max_length=500, required=False)
    description = forms.CharField(
        label=_("Text (English)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    description_da = forms.CharField(
        label=_("Text (Danish)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    assessable = forms.BooleanField(
        label=_("Organisations assess this requirement"),
        required=False,
        initial=True,
        help_text=_("Untick for a section heading."),
    )

    def __init__(self, *args, version, exclude=None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = version.requirements.order_by("position")
        if exclude is not None:
            parents = parents.exclude(pk=exclude.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].label_from_instance = lambda r: f"{'— ' * (r.depth - 1)}{r}"
