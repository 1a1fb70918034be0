"""Input shapes for the DPIA pages; the services decide what is valid."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils.translation import gettext_lazy as _

from skanse.dpia import criteria as k
from skanse.dpia.services import may_fill_in
from skanse.inventory.models import ITSystem
from skanse.privacy.models import ProcessingActivity
from skanse.tenancy.roles import Role

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 4})


def _uuid_choice(queryset, label, required=False, help_text=""):
    return forms.ModelChoiceField(
        queryset=queryset,
        to_field_name="uuid",
        required=required,
        label=label,
        help_text=help_text,
    )


def _required(message):
    """A field the service requires: marked as such, with the service's own message."""
    return {"required": message}


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
    activity = _uuid_choice(
        ProcessingActivity.objects.none(),
        _("Processing activity"),
        help_text=_("Choose the processing activity, the IT system, or both."),
    )
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
        label=_("Outcome"),
        choices=k.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Choose the outcome of the screening.")),
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=TEXT,
        help_text=_(
            "Why a DPIA is or is not required: the criteria that apply and how. Keep this "
            "even when the rule of thumb decides."
        ),
        error_messages=_required(
            _("Give the reasons for the outcome: the assessment must be documented.")
        ),
    )
    screened_on = forms.DateField(
        label=_("Screened on"),
        widget=DATE,
        required=False,
        help_text=_("Today when left empty."),
    )


class DpiaForm(_Org):
    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        error_messages=_required(_("Give the DPIA a title.")),
    )
    activity = _uuid_choice(ProcessingActivity.objects.none(), _("Processing activity"))
    system = _uuid_choice(ITSystem.objects.none(), _("IT system"))
    reassess_on = forms.DateField(
        label=_("Re-assess by"),
        widget=DATE,
        required=False,
        help_text=_("Set when management approves; change it here if the plan changes."),
    )


class DocumentForm(forms.Form):
    """The version's document: systematic description, necessity, the risk matrix — all of
    it, or one `part` ("description", "necessity", "matrix")."""

    def __init__(self, *args, part=None, **kwargs):
        super().__init__(*args, **kwargs)
        rows = {
            "description": k.DESCRIPTION,
            "necessity": k.PRINCIPLES,
            "matrix": (),
        }
        texts = rows[part] if part else (*k.DESCRIPTION, *k.PRINCIPLES)
        for name, label in texts:
            self.fields[name] = forms.CharField(label=label, widget=TEXT, required=False)
        if part in (None, "matrix"):
            for name, label, help_text in (
                ("likelihood_levels", _("Levels of likelihood"), _("From 2 to 6.")),
                ("severity_levels", _("Levels of severity"), _("From 2 to 6.")),
                (
                    "high_from",
                    _("High risk from score (likelihood × severity)"),
                    _(
                        "A risk with this score or more is high; after the measures, it calls "
                        "for Datatilsynet's prior consultation (Art. 36)."
                    ),
                ),
            ):
                self.fields[name] = forms.IntegerField(label=label, help_text=help_text)


def _level_choices(levels):
    choices = [(n, str(n)) for n in range(1, levels + 1)]
    choices[0] = (1, _("1 (lowest)"))
    choices[-1] = (levels, _("%(n)d (highest)") % {"n": levels})
    return [("", BLANK_CHOICE_LABEL), *choices]


class RiskForm(forms.Form):
    """A risk on the version's scale: the levels are the matrix's (1…levels)."""

    title = forms.CharField(
        label=_("Risk to the data subjects"),
        max_length=255,
        error_messages=_required(_("Name the risk.")),
    )
    description = forms.CharField(label=_("Description"), widget=TEXT, required=False)
    likelihood = forms.TypedChoiceField(label=_("Likelihood"), coerce=int)
    severity = forms.TypedChoiceField(label=_("Severity"), coerce=int)
    measures = forms.CharField(
        label=_("Measures"),
        widget=TEXT,
        required=False,
        help_text=_("What lowers the risk: technical and organisational measures."),
    )
    residual_likelihood = forms.TypedChoiceField(
        label=_("Residual likelihood"), coerce=int, help_text=_("After the measures.")
    )
    residual_severity = forms.TypedChoiceField(
        label=_("Residual severity"), coerce=int, help_text=_("After the measures.")
    )

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        for name, levels in (
            ("likelihood", version.likelihood_levels),
            ("severity", version.severity_levels),
            ("residual_likelihood", version.likelihood_levels),
            ("residual_severity", version.severity_levels),
        ):
            message = _("Give a number from 1 to %(top)d (the matrix's scale).") % {"top": levels}
            field = self.fields[name]
            field.choices = _level_choices(levels)
            field.error_messages = {
                **field.error_messages,
                "required": message,
                "invalid_choice": message,
            }


class ConsultationForm(forms.Form):
    dpo_name = forms.CharField(
        label=_("Data protection officer"),
        max_length=200,
        error_messages=_required(_("Name the data protection officer who was consulted.")),
    )
    dpo_consulted_on = forms.DateField(
        label=_("Consulted on"),
        widget=DATE,
        error_messages=_required(_("Give the date the DPO was consulted.")),
    )
    dpo_opinion = forms.CharField(
        label=_("The DPO's opinion"),
        widget=TEXT,
        help_text=_(
            "The advice as the DPO gave it (Art. 35(2)); management sees it before it approves."
        ),
        error_messages=_required(_("Record the DPO's opinion.")),
    )


class ApprovalForm(forms.Form):
    approved_by_name = forms.CharField(
        label=_("Approved by"),
        max_length=200,
        help_text=_("The manager who approves, with title."),
        error_messages=_required(_("Give the name of the manager who approves.")),
    )
    approved_on = forms.DateField(
        label=_("Approved on"),
        widget=DATE,
        error_messages=_required(_("Give the date of the approval.")),
    )
    reassess_on = forms.DateField(
        label=_("Re-assess by"),
        widget=DATE,
        help_text=_("Usually within a year, and whenever the processing changes."),
        error_messages=_required(_("Set the date by which the DPIA is re-assessed.")),
    )
    divergence_reasons = forms.CharField(
        label=_("Reasons for not following the DPO's advice"),
        widget=TEXT,
        required=False,
        help_text=_("Only when management decides otherwise than the DPO advised."),
    )


class PriorConsultationForm(forms.Form):
    prior_consultation_on = forms.DateField(
        label=_("Datatilsynet consulted on (Art. 36)"),
        widget=DATE,
        error_messages=_required(_("Give the date Datatilsynet was consulted.")),
    )
    prior_consultation_notes = forms.CharField(
        label=_("Prior consultation, details"),
        widget=TEXT,
        required=False,
        help_text=_("Case number, Datatilsynet's written advice and what was done about it."),
    )


class AssignmentForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), choices=k.pairs(k.SECTIONS))
    assignee = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        to_field_name="uuid",
        label=_("Colleague"),
        help_text=_("A contributor may then edit this section, and nothing else."),
        error_messages=_required(_("Choose a member of the organisation.")),
    )
    due_on = forms.DateField(label=_("Due"), widget=DATE, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        roles = [role for role, _label in Role.choices if may_fill_in(role)]
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(memberships__organisation=organisation, memberships__role__in=roles)
            .order_by("name", "email")
        )
