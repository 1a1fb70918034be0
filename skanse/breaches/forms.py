"""Input shapes for the breach pages; the services decide what is valid."""

from django import forms
from django.utils.translation import gettext_lazy as _

from skanse.breaches.models import KINDS, Breach, Risk, Status
from skanse.breaches.services import FIELDS
from skanse.inventory.models import ITSystem, Supplier
from skanse.privacy import choices as pc
from skanse.privacy.models import ProcessingActivity, ProcessorAgreement

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FIELDS = ("occurred_at", "aware_at", "authority_notified_at", "subjects_notified_at")
TEXT = forms.Textarea(attrs={"rows": 4})
LINKS = {
    "systems": (ITSystem, _("IT systems involved")),
    "processors": (Supplier, _("Data processors involved")),
    "activities": (ProcessingActivity, _("Processing activities affected")),
    "agreements": (ProcessorAgreement, _("Processor agreements concerned")),
}


class BreachForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("Kind of breach"),
        choices=KINDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    subject_categories = forms.MultipleChoiceField(
        label=_("Categories of data subjects"),
        choices=pc.SUBJECT_CATEGORIES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    data_categories = forms.MultipleChoiceField(
        label=_("Categories of personal data"),
        choices=pc.DATA_CATEGORIES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Plain integer fields: the service gives the message for a negative number.
    subjects_count = forms.IntegerField(
        label=_("Approximate number of data subjects"), required=False
    )
    records_count = forms.IntegerField(
        label=_("Approximate number of records"),
        required=False,
        help_text=_("Records of personal data concerned, e.g. documents, rows or e-mails."),
    )

    class Meta:
        model = Breach
        fields = list(FIELDS)  # the fields the service writes, in the same order
        widgets = {
            **dict.fromkeys(DATETIME_FIELDS, DATETIME),
            "description": TEXT,
            "consequences": TEXT,
            "measures": TEXT,
            "risk_reasoning": TEXT,
            "delay_reason": TEXT,
            "subjects_notice": TEXT,
        }
        help_texts = {
            "aware_at": _(
                "The 72 hours for notifying the supervisory authority run from this moment "
                "(Art. 33(1))."
            ),
            "risk_reasoning": _("Required when you assess that there is no risk."),
            "delay_reason": _("Required when the notification came more than 72 hours late."),
            "subjects_notice": _(
                "How and when the data subjects were told in clear and plain language, or why "
                "they were not (Art. 34(3))."
            ),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["risk"] = forms.ChoiceField(
            label=_("Risk assessment"), choices=Risk.choices, required=False
        )
        self.fields["status"] = forms.ChoiceField(
            label=_("Status"), choices=Status.choices, initial=Status.OPEN
        )
        for name, (model, label) in LINKS.items():
            self.fields[name] = forms.ModelMultipleChoiceField(
                label=label,
                queryset=model.objects.filter(organisation=organisation),
                to_field_name="uuid",
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            if self.instance.pk and not self.is_bound:
                self.initial[name] = [o.uuid for o in getattr(self.instance, name).all()]
        if self.instance.pk:
            self.initial["risk"] = self.instance.risk
            self.initial["status"] = self.instance.status
        for name in ("title", "description", "occurred_at", "aware_at"):
            self.fields[name].required = True

    SECTIONS = (
        (
            _("What happened"),
            ("reference", "title", "occurred_at", "aware_at", "description", "kinds"),
        ),
        (
            _("Who and what is affected"),
            (
                "subject_categories",
                "subjects_count",
                "data_categories",
                "records_count",
                "systems",
                "processors",
                "activities",
                "agreements",
            ),
        ),
        (_("Consequences and measures"), ("consequences", "measures")),
        (_("Risk assessment"), ("risk", "risk_reasoning")),
        (
            _("Notification"),
            (
                "authority_notified_at",
                "authority_reference",
                "delay_reason",
                "subjects_notified_at",
                "subjects_notice",
                "status",
            ),
        ),
    )

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def _post_clean(self):
        pass  # the service validates the instance; the form only shapes the input

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        for name in LINKS:
            data[name] = [o.uuid for o in data[name]]
        for name in DATETIME_FIELDS:
            # The input shows minutes; a time from the API or the demo may have seconds. The
            # same minute sent back is the stored time, not a change (nor a shifted deadline).
            stored = getattr(self.instance, name) if self.instance.pk else None
            sent = data.get(name)
            if stored and sent and sent == stored.replace(second=0, microsecond=0):
                data[name] = stored
        return data


class BreachFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Status.choices]
    )
    risk = forms.ChoiceField(
        label=_("Risk assessment"),
        required=False,
        choices=[
            ("", _("All")),
            ("unassessed", _("Not assessed yet")),
            ("none", _("No risk")),
            ("risk", _("Risk")),
            ("high", _("High risk")),
        ],
    )
