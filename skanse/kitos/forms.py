from django import forms
from django.utils.translation import gettext_lazy as _

from skanse.kitos.importer import MAX_FILE_BYTES


class SettingsForm(forms.Form):
    base_url = forms.URLField(
        label=_("KITOS address"), initial="https://kitos.dk", max_length=200, assume_scheme="https"
    )
    kitos_organisation_uuid = forms.UUIDField(
        label=_("KITOS organisation UUID"),
        required=False,
        help_text=_("Leave empty to find the organisation in KITOS by its CVR number."),
    )
    api_email = forms.EmailField(label=_("API user's e-mail address"))
    password = forms.CharField(
        label=_("API user's password"),
        required=False,
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Stored encrypted and never shown again. Leave empty to keep the saved one."),
    )

    def __init__(self, *args, has_password=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_password = has_password

    def clean(self):
        data = super().clean()
        if not self.has_password and not data.get("password"):
            self.add_error("password", _("Give the API user's password."))
        return data


class SyncForm(forms.Form):
    full = forms.BooleanField(
        label=_("Full sync (read everything, not only what changed)"), required=False
    )


class FileImportForm(forms.Form):
    file = forms.FileField(
        label=_("File of KITOS API responses (JSON)"),
        help_text=_("For municipalities without API access; see the documentation for the shape."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": MAX_FILE_BYTES // 1_048_576}
            )
        return upload
