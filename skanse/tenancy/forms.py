from django import forms
from django.utils.translation import gettext_lazy as _

from skanse.tenancy.roles import OrganisationKind, role_choices_for


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices_for(organisation.kind)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices_for(organisation.kind)


class AcceptInvitationForm(forms.Form):
    """For a person without an account: their name and a password."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    password = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common or all-numeric password."),
    )


class SettingsForm(forms.Form):
    mfa_required_roles = forms.MultipleChoiceField(
        label=_("Roles that must use two-factor login"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mfa_required_roles"].choices = role_choices_for(organisation.kind)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("Say what uses the token, e.g. “KITOS synchronisation”."),
    )


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[c for c in OrganisationKind.choices if c[0] != OrganisationKind.COORDINATOR],
        initial=OrganisationKind.OTHER,
    )
    cvr = forms.CharField(label=_("CVR number"), max_length=8, required=False)
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=60,
        required=False,
        help_text=_("Leave empty to make one from the name."),
    )


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *OrganisationKind.choices],
    )
