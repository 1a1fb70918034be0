"""Input shapes for the DPIA pages; the services decide what is valid."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from skanse.dpia import criteria as k
from skanse.inventory.models import ITSystem
from skanse.privacy.models import ProcessingActivity

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 4})


def _uuid_choice(queryset, label, required=False):
    return forms.ModelChoiceField(
        queryset=queryset, to_field_name="uuid", required=required, label=label
    )


class _Org(forms.Form):
    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        if "activity" in self.fields:
            self.fields["activity"].queryset = ProcessingActivity.objects.filter(
                organisation=organisation
            ).only("id", "uuid", "name", "reference")
        if "system" in self.fields:
            self.fields["system"].queryset = ITSystem.objects.filter(
                organisation=organisation
            ).only("id", "uuid", "name")


class ScreeningForm(_Org):
    activity = _uuid_choice(ProcessingActivity.objects.none(), _("Processing activity"))
    system = _uuid_choice(ITSystem.objects.none(), _("IT system"))
    criteria = forms.MultipleChoiceField(
        label=_("WP248 criteria met"),
        choices=k.pairs(k.CRITERIA),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Rule of thumb: two or more criteria met means a DPIA is likely required."),
    )
    art35_3 = forms.MultipleChoiceField(
        label=_("Cases in Art. 35(3): a DPIA is always required"),
        choices=k.pairs(k.ART35_3),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    danish_list = forms.MultipleChoiceField(
        label=_("Datatilsynet's list (Art. 35(4))"),
        choices=k.pairs(k.DANISH_LIST),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The first four items make a DPIA mandatory together with at least one WP248 "
            "criterion; the others on their own."
        ),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=k.Outcome.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(label=_("Reasons"), widget=TEXT, required=False)
    screened_on = forms.DateField(label=_("Screened on"), widget=DATE, required=False)


class DpiaForm(_Org):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    activity = _uuid_choice(ProcessingActivity.objects.none(), _("Processing activity"))
    system = _uuid_choice(ITSystem.objects.none(), _("IT system"))
    reassess_on = forms.DateField(label=_("Re-assess by"), widget=DATE, required=False)


class DocumentForm(forms.Form):
    """The version's document: systematic description, necessity, the risk matrix."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in (*k.DESCRIPTION, *k.PRINCIPLES):
            self.fields[name] = forms.CharField(label=label, widget=TEXT, required=False)
        for name, label in (
            ("likelihood_levels", _("Levels of likelihood")),
            ("severity_levels", _("Levels of severity")),
            ("high_from", _("High risk from score (likelihood × severity)")),
        ):
            self.fields[name] = forms.IntegerField(label=label)


class RiskForm(forms.Form):
    title = forms.CharField(label=_("Risk to the data subjects"), max_length=255, required=False)
    description = forms.CharField(label=_("Description"), widget=TEXT, required=False)
    likelihood = forms.IntegerField(label=_("Likelihood"))
    severity = forms.IntegerField(label=_("Severity"))
    measures = forms.CharField(label=_("Measures"), widget=TEXT, required=False)
    residual_likelihood = forms.IntegerField(label=_("Residual likelihood"))
    residual_severity = forms.IntegerField(label=_("Residual severity"))


class ConsultationForm(forms.Form):
    dpo_name = forms.CharField(label=_("Data protection officer"), max_length=200, required=False)
    dpo_consulted_on = forms.DateField(label=_("Consulted on"), widget=DATE, required=False)
    dpo_opinion = forms.CharField(label=_("The DPO's opinion"), widget=TEXT, required=False)


class ApprovalForm(forms.Form):
    approved_by_name = forms.CharField(label=_("Approved by"), max_length=200, required=False)
    approved_on = forms.DateField(label=_("Approved on"), widget=DATE, required=False)
    reassess_on = forms.DateField(label=_("Re-assess by"), widget=DATE, required=False)
    divergence_reasons = forms.CharField(
        label=_("Reasons for not following the DPO's advice"),
        widget=TEXT,
        required=False,
        help_text=_("Only when management decides otherwise than the DPO advised."),
    )
    prior_consultation_on = forms.DateField(
        label=_("Datatilsynet consulted on (Art. 36)"), widget=DATE, required=False
    )
    prior_consultation_notes = forms.CharField(
        label=_("Prior consultation, details"), widget=TEXT, required=False
    )


class AssignmentForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), choices=k.pairs(k.SECTIONS))
    assignee = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), to_field_name="uuid", label=_("Colleague")
    )
    due_on = forms.DateField(label=_("Due"), widget=DATE, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(memberships__organisation=organisation)
            .order_by("name", "email")
        )
