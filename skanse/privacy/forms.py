"""Input shapes for the privacy pages; the services decide what is valid."""

from django import forms
from django.utils.translation import gettext_lazy as _

from skanse.inventory.models import ITSystem, Supplier
from skanse.privacy import choices as c
from skanse.privacy.models import (
    ControllerDetails,
    ProcessingActivity,
    ProcessorAgreement,
    SubProcessor,
    Supervision,
)
from skanse.privacy.selectors import PROBLEMS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SMALL_TEXT = forms.Textarea(attrs={"rows": 3})


def _scoped(field, queryset):
    field.queryset = queryset
    field.to_field_name = "uuid"


class ControllerDetailsForm(forms.ModelForm):
    class Meta:
        model = ControllerDetails
        fields = [
            "address",
            "email",
            "phone",
            "representative",
            "dpo_name",
            "dpo_email",
            "dpo_phone",
        ]
        widgets = {"address": SMALL_TEXT, "representative": SMALL_TEXT}


class ActivityForm(forms.ModelForm):
    legal_bases = forms.MultipleChoiceField(
        label=_("Legal bases"),
        choices=c.LEGAL_BASES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("GDPR Art. 6(1), 9(2), 10 and the Danish Data Protection Act."),
    )
    subject_categories = forms.MultipleChoiceField(
        label=_("Categories of data subjects"),
        choices=c.SUBJECT_CATEGORIES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    data_categories = forms.MultipleChoiceField(
        label=_("Categories of personal data"),
        choices=c.DATA_CATEGORIES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recipients = forms.MultipleChoiceField(
        label=_("Categories of recipients"),
        choices=c.RECIPIENTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    systems = forms.ModelMultipleChoiceField(
        label=_("IT systems"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    processors = forms.ModelMultipleChoiceField(
        label=_("Data processors"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kle_numbers = forms.CharField(
        label=_("KLE subject numbers"),
        required=False,
        max_length=500,
        help_text=_("Separated by commas, e.g. 27.24.00, 27.36"),
    )

    class Meta:
        model = ProcessingActivity
        fields = [
            "reference",
            "name",
            "description",
            "status",
            "role",
            "responsible_unit",
            "joint_controllers",
            "controller_name",
            "controller_contact",
            "purposes",
            "legal_bases",
            "legal_basis_notes",
            "subject_categories",
            "subject_count",
            "subject_notes",
            "data_categories",
            "data_notes",
            "recipients",
            "recipient_notes",
            "third_country_transfer",
            "third_countries",
            "transfer_basis",
            "transfer_safeguards",
            "erasure",
            "erasure_notes",
            "security_measures",
            "kle_numbers",
            "information_duty",
            "information_duty_notes",
            "dpia_need",
        ]
        widgets = {
            name: SMALL_TEXT
            for name in (
                "description",
                "joint_controllers",
                "controller_contact",
                "purposes",
                "legal_basis_notes",
                "subject_notes",
                "data_notes",
                "recipient_notes",
                "transfer_safeguards",
                "erasure_notes",
                "security_measures",
                "information_duty_notes",
            )
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        _scoped(self.fields["systems"], ITSystem.objects.filter(organisation=organisation))
        _scoped(self.fields["processors"], Supplier.objects.filter(organisation=organisation))
        if self.instance.pk and not self.is_bound:
            self.initial["kle_numbers"] = ", ".join(self.instance.kle_numbers)
            self.initial["systems"] = [s.uuid for s in self.instance.systems.all()]
            self.initial["processors"] = [p.uuid for p in self.instance.processors.all()]
        # Systems and processors are listed after the KLE numbers, as in the record.
        order = [n for n in self.Meta.fields]
        order.insert(order.index("kle_numbers") + 1, "systems")
        order.insert(order.index("systems") + 1, "processors")
        self.order_fields(order)

    def _post_clean(self):
        # The services validate the whole activity; only shape is checked here.
        pass

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["systems"] = [s.uuid for s in data["systems"]]
        data["processors"] = [p.uuid for p in data["processors"]]
        return data


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *c.ActivityStatus.choices]
    )
    role = forms.ChoiceField(
        label=_("Our role"), required=False, choices=[("", _("All")), *c.Role.choices]
    )
    legal_basis = forms.ChoiceField(
        label=_("Legal basis"), required=False, choices=[("", _("All")), *c.LEGAL_BASES]
    )
    data_category = forms.ChoiceField(
        label=_("Category of personal data"),
        required=False,
        choices=[("", _("All")), *c.DATA_CATEGORIES],
    )
    problem = forms.ChoiceField(
        label=_("Needs attention"),
        required=False,
        choices=[
            ("", _("All")),
            *zip(
                PROBLEMS,
                [
                    _("No legal basis"),
                    _("No erasure deadline"),
                    _("Duty to inform not met"),
                    _("Transfers to third countries"),
                ],
                strict=True,
            ),
        ],
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel workbook (.xlsx)"),
        help_text=_("The “Import” sheet of the exported record, filled in."),
    )


class AgreementForm(forms.ModelForm):
    PLAN_FIELDS = (
        "risk_subjects",
        "risk_sensitive",
        "risk_cpr",
        "risk_processing",
        "supervision_method",
        "supervision_interval",
        "next_supervision_on",
    )
    upload = forms.FileField(
        label=_("Upload the agreement"),
        required=False,
        help_text=_("PDF, Word (.docx) or OpenDocument (.odt), at most 20 MB."),
    )
    remove_document = forms.BooleanField(label=_("Remove the uploaded file"), required=False)
    supplier = forms.ModelChoiceField(label=_("Data processor"), queryset=None, required=False)
    systems = forms.ModelMultipleChoiceField(
        label=_("IT systems"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    activities = forms.ModelMultipleChoiceField(
        label=_("Processing activities"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ProcessorAgreement
        fields = [
            "name",
            "status",
            "concluded_on",
            "valid_until",
            "template",
            "third_country_transfer",
            "third_countries",
            "transfer_basis",
            "breach_notice",
            "document_link",
            "notes",
            "risk_subjects",
            "risk_sensitive",
            "risk_cpr",
            "risk_processing",
            "supervision_method",
            "supervision_interval",
            "next_supervision_on",
        ]
        widgets = {
            "concluded_on": DATE,
            "valid_until": DATE,
            "next_supervision_on": DATE,
            "notes": SMALL_TEXT,
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        _scoped(self.fields["supplier"], Supplier.objects.filter(organisation=organisation))
        _scoped(self.fields["systems"], ITSystem.objects.filter(organisation=organisation))
        _scoped(
            self.fields["activities"],
            ProcessingActivity.objects.filter(organisation=organisation),
        )
        if self.instance.pk and not self.is_bound:
            self.initial["supplier"] = (
                self.instance.supplier.uuid if self.instance.supplier else None
            )
            self.initial["systems"] = [s.uuid for s in self.instance.systems.all()]
            self.initial["activities"] = [a.uuid for a in self.instance.activities.all()]
        order = ["name", "supplier", "status", "concluded_on", "valid_until", "template"]
        order += ["systems", "activities"]
        self.order_fields(order + [n for n in self.fields if n not in order])

    def _post_clean(self):
        pass

    def agreement_fields(self):
        return [self[name] for name in self.fields if name not in self.PLAN_FIELDS]

    def plan_fields(self):
        return [self[name] for name in self.PLAN_FIELDS]

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["supplier"] = data["supplier"].uuid if data["supplier"] else None
        data["systems"] = [s.uuid for s in data["systems"]]
        data["activities"] = [a.uuid for a in data["activities"]]
        data["document"] = data.pop("upload")
        return data


class SubProcessorForm(forms.ModelForm):
    class Meta:
        model = SubProcessor
        fields = ["name", "cvr", "processing", "country", "third_country", "transfer_basis"]

    def _post_clean(self):
        pass


class SupervisionForm(forms.ModelForm):
    class Meta:
        model = Supervision
        fields = [
            "performed_on",
            "method",
            "statement_type",
            "period_start",
            "period_end",
            "opinion",
            "deviations",
            "assessment",
            "follow_up",
            "follow_up_due",
            "follow_up_done",
            "evidence_link",
        ]
        widgets = {
            "performed_on": DATE,
            "period_start": DATE,
            "period_end": DATE,
            "follow_up_due": DATE,
            "deviations": SMALL_TEXT,
            "follow_up": SMALL_TEXT,
            "assessment": forms.RadioSelect,
        }

    def _post_clean(self):
        pass
