from django import forms
from django.utils.translation import gettext_lazy as _

from skanse.campaigns.models import Campaign, QuestionnaireVersion, Response


class QuestionnaireImportForm(forms.Form):
    file = forms.FileField(label=_("Questionnaire file (YAML)"))


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    questionnaire_version = forms.ModelChoiceField(
        label=_("Questionnaire"),
        queryset=QuestionnaireVersion.objects.filter(status="published"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Campaign.Kind.choices)
    previous = forms.ModelChoiceField(
        label=_("Follows up on"),
        required=False,
        queryset=Campaign.objects.all(),
        help_text=_("A follow-up starts from each participant's answers in this campaign."),
    )
    opens_on = forms.DateField(label=_("Opens"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("Closes"), widget=forms.DateInput(attrs={"type": "date"}))
    reminder_days = forms.IntegerField(
        label=_("Automatic reminder, days before the deadline"),
        min_value=0,
        max_value=60,
        initial=7,
    )


class LaunchForm(forms.Form):
    participants = forms.ChoiceField(
        label=_("Participants"),
        choices=[
            ("municipalities", _("All active municipalities")),
            ("municipalities_regions", _("All active municipalities and regions")),
        ],
        widget=forms.RadioSelect,
        initial="municipalities",
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What needs correcting"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ParticipationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, data, *, counts: dict, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["status"].choices = [
            ("", _("All")),
            *((value, f"{label} ({counts[value]})") for value, label in Response.Status.choices),
        ]


class ExtendForm(forms.Form):
    deadline = forms.DateField(
        label=_("New deadline"), widget=forms.DateInput(attrs={"type": "date"})
    )


class AssignForm(forms.Form):
    section = forms.ModelChoiceField(label=_("Section"), queryset=None)
    assignee = forms.ModelChoiceField(label=_("Colleague"), queryset=None)

    def __init__(self, *args, sections, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections
        self.fields["assignee"].queryset = members
        self.fields["assignee"].label_from_instance = lambda user: user.display_name


class ResponseWorkbookForm(forms.Form):
    file = forms.FileField(label=_("Filled-in workbook (.xlsx)"))
