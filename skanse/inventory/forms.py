from django import forms
from django.utils.translation import gettext_lazy as _

from skanse.inventory.models import (
    Contract,
    DataSensitivityLevel,
    ITSystem,
    LifeCycleStatus,
    Source,
    SpecificPersonalData,
    Supplier,
    TechnicalPrecaution,
    YesNoDontKnow,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SENSITIVITY_CHOICES = [
    ("none", _("No personal data")),
    ("personal", _("Personal data")),
    ("sensitive", _("Sensitive personal data")),
    ("criminal", _("Criminal convictions and offences")),
    ("cpr", _("CPR number")),
]


def _names(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class SystemFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    life_cycle = forms.ChoiceField(
        label=_("Life-cycle status"),
        required=False,
        choices=[("", _("All")), *LifeCycleStatus.choices],
    )
    critical = forms.ChoiceField(
        label=_("Business critical"),
        required=False,
        choices=[("", _("All")), *YesNoDontKnow.choices],
    )
    sensitivity = forms.ChoiceField(
        label=_("Data sensitivity"), required=False, choices=[("", _("All")), *SENSITIVITY_CHOICES]
    )
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("All")), *Source.choices]
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class SupplierForm(forms.ModelForm):
    # "1234 5678" is how a CVR number is often written; the spaces are not stored.
    cvr = forms.CharField(label=_("CVR number"), required=False, max_length=12)

    class Meta:
        model = Supplier
        fields = ["name", "cvr", "contact_name", "contact_email", "contact_phone", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean_cvr(self):
        return self.cleaned_data["cvr"].replace(" ", "")


def _none(model):
    # The real queryset (of the organisation) is set in __init__; at import no scope is active.
    return model.objects.with_scopes_disabled().none()


class SystemForm(forms.ModelForm):
    supplier = forms.ModelChoiceField(label=_("Supplier"), queryset=_none(Supplier), required=False)
    data_sensitivity_levels = forms.MultipleChoiceField(
        label=_("Data sensitivity"),
        required=False,
        choices=DataSensitivityLevel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    specific_personal_data = forms.MultipleChoiceField(
        label=_("Specific personal data"),
        required=False,
        choices=SpecificPersonalData.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    sensitive_personal_data = forms.CharField(
        label=_("Kinds of sensitive personal data"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. health data."),
    )
    registered_data_categories = forms.CharField(
        label=_("Categories of data subjects"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. citizens, employees."),
    )
    technical_precautions = forms.MultipleChoiceField(
        label=_("Technical precautions applied"),
        required=False,
        choices=TechnicalPrecaution.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ITSystem
        fields = [
            "name",
            "local_call_name",
            "local_system_id",
            "system_version",
            "supplier",
            "purpose",
            "responsible_unit",
            "owner",
            "life_cycle_status",
            "valid_from",
            "valid_to",
            "business_critical",
            "hosted_at",
            "data_classification",
            "data_sensitivity_levels",
            "specific_personal_data",
            "sensitive_personal_data",
            "registered_data_categories",
            "technical_precautions_in_place",
            "technical_precautions",
            "user_supervision",
            "user_supervision_date",
            "risk_assessment",
            "risk_assessment_date",
            "risk_assessment_result",
            "risk_assessment_notes",
            "planned_risk_assessment_date",
            "dpia",
            "dpia_date",
            "retention_period_defined",
            "next_retention_evaluation",
            "retention_evaluation_months",
            "archive_duty",
            "notes",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "risk_assessment_notes": forms.Textarea(attrs={"rows": 3}),
            **{
                name: DATE
                for name in (
                    "valid_from",
                    "valid_to",
                    "user_supervision_date",
                    "risk_assessment_date",
                    "planned_risk_assessment_date",
                    "dpia_date",
                    "next_retention_evaluation",
                )
            },
        }

    def __init__(self, *args, organisation, **kwargs):
        initial = kwargs.get("initial") or {}
        for name in ("sensitive_personal_data", "registered_data_categories"):
            if isinstance(initial.get(name), list):
                initial[name] = "\n".join(initial[name])
        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = Supplier.objects.filter(organisation=organisation)

    GROUPS = [
        (_("General"), 0, "data_classification"),
        (_("Personal data"), "data_sensitivity_levels", "registered_data_categories"),
        (_("Security and assessments"), "technical_precautions_in_place", "notes"),
    ]

    def grouped(self):
        """The fields in the page's sections: (legend, [bound fields]), in Meta order."""
        names = self._meta.fields
        groups = []
        for legend, first, last in self.GROUPS:
            start = 0 if first == 0 else names.index(first)
            groups.append((legend, [self[n] for n in names[start : names.index(last) + 1]]))
        return groups

    def clean_sensitive_personal_data(self):
        return _names(self.cleaned_data["sensitive_personal_data"])

    def clean_registered_data_categories(self):
        return _names(self.cleaned_data["registered_data_categories"])


class ContractForm(forms.ModelForm):
    supplier = forms.ModelChoiceField(label=_("Supplier"), queryset=_none(Supplier), required=False)
    systems = forms.ModelMultipleChoiceField(
        label=_("IT systems"),
        queryset=_none(ITSystem),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Contract
        fields = [
            "name",
            "contract_id",
            "contract_type",
            "supplier",
            "systems",
            "valid_from",
            "valid_to",
            "notice_period_months",
            "terminated_at",
            "notes",
        ]
        widgets = {
            "valid_from": DATE,
            "valid_to": DATE,
            "terminated_at": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = Supplier.objects.filter(organisation=organisation)
        self.fields["systems"].queryset = ITSystem.objects.filter(organisation=organisation)
