"""Input shapes for the Art. 25 pages; the rules are in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from skanse.design.models import Occasion, Response, Result, Trigger
from skanse.design.selectors import Status
from skanse.design.services import MAX_INTERVAL_MONTHS, field_name
from skanse.inventory.models import Supplier
from skanse.requirements.models import RequirementSet

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OverviewFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Assessment status"), required=False, choices=[("", _("All")), *Status.choices]
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class MeasureFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("Open measures")),
            ("overdue", _("Open measures past their due date")),
            ("done", _("Measures done")),
            ("all", _("All measures")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[
            ("", _("All")),
            (Response.ORGANISATIONAL, Response.ORGANISATIONAL.label),
            (Response.SYSTEM_CHANGE, Response.SYSTEM_CHANGE.label),
        ],
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class AssessmentForm(forms.Form):
    occasion = forms.ChoiceField(label=_("Occasion"), choices=Occasion.choices)
    assessed_on = forms.DateField(label=_("Assessment date"), widget=DATE)


class ScheduleForm(forms.Form):
    interval_months = forms.IntegerField(
        label=_("Re-assess every (months)"),
        min_value=1,
        max_value=MAX_INTERVAL_MONTHS,
        help_text=_("12 months (yearly) unless the system's risk calls for more often."),
    )


class TriggerForm(forms.Form):
    trigger = forms.ChoiceField(label=_("What happened"), choices=Trigger.choices)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CompleteForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ElementsForm(forms.Form):
    """Result, evidence and note for every element of the assessment (one fieldset each)."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            ref = row.element.ref_id
            self.fields[field_name(ref, "result")] = forms.ChoiceField(
                label=_("Result"),
                required=False,
                choices=[("", _("Not assessed yet")), *Result.choices],
                initial=row.result,
            )
            self.fields[field_name(ref, "evidence")] = forms.CharField(
                label=_("Evidence"),
                required=False,
                max_length=4000,
                initial=row.evidence,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[field_name(ref, "note")] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=4000,
                initial=row.note,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def groups(self):
        """(principle, [(row, [bound fields])]) in tree order, for the template."""
        groups, current = [], None
        for row in self.rows:
            if current is None or current[0].pk != row.principle_id:
                current = (row.principle, [])
                groups.append(current)
            ref = row.element.ref_id
            current[1].append(
                (row, [self[field_name(ref, name)] for name in ("result", "evidence", "note")])
            )
        return groups

    def as_rows(self) -> list[dict]:
        return [
            {
                "element": row.element.ref_id,
                **{
                    name: self.cleaned_data.get(field_name(row.element.ref_id, name), "")
                    for name in ("result", "evidence", "note")
                },
            }
            for row in self.rows
        ]


def _none(model):
    # The organisation's queryset is set in __init__; at import no scope is active.
    return model.objects.with_scopes_disabled().none()


class GapForm(forms.Form):
    # Required for some answers only (the help text says which): not labelled "optional".
    conditional = ("measure", "due_on", "accept_reason", "accepted_by")

    response = forms.ChoiceField(
        label=_("How is the gap closed?"),
        choices=Response.choices,
        widget=forms.RadioSelect,
    )
    measure = forms.CharField(
        label=_("Measure, or requirement to the supplier"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for an organisational measure and for a change to the system."),
    )
    responsible = forms.CharField(label=_("Responsible"), required=False, max_length=200)
    due_on = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=DATE,
        help_text=_("Required for a change to the system: when the supplier is to deliver it."),
    )
    done_on = forms.DateField(
        label=_("Done on"),
        required=False,
        widget=DATE,
        help_text=_("Fill in when the measure has been carried out."),
    )
    supplier = forms.ModelChoiceField(
        label=_("Supplier"),
        queryset=_none(Supplier),
        required=False,
        help_text=_("For a change to the system. The system's supplier if left empty."),
    )
    requirement_set = forms.ModelChoiceField(
        label=_("Add to requirement set"),
        queryset=_none(RequirementSet),
        required=False,
        help_text=_("The requirement is added to this set of requirements to suppliers."),
    )
    accept_reason = forms.CharField(
        label=_("Reason for accepting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the gap is accepted."),
    )
    accepted_by = forms.CharField(
        label=_("Approved by"),
        required=False,
        max_length=200,
        help_text=_("Required when the gap is accepted: who approved accepting it."),
    )
    accepted_on = forms.DateField(
        label=_("Approved on"),
        required=False,
        widget=DATE,
        help_text=_("Today if left empty."),
    )

    def __init__(self, *args, organisation, system=None, **kwargs):
        super().__init__(*args, **kwargs)
        if system is not None and system.supplier_id:
            self.fields["supplier"].help_text = _(
                "For a change to the system. %(supplier)s (the system's supplier) if left empty."
            ) % {"supplier": system.supplier.name}
        self.fields["supplier"].queryset = Supplier.objects.filter(organisation=organisation)
        self.fields["requirement_set"].queryset = RequirementSet.objects.filter(
            organisation=organisation
        )

    def grouped(self):
        return [
            (None, [self["response"]]),
            (
                _("Organisational measure or change to the system"),
                [self[n] for n in ("measure", "responsible", "due_on", "done_on")],
            ),
            (_("Change to the system"), [self["supplier"], self["requirement_set"]]),
            (_("Accepted gap"), [self[n] for n in ("accept_reason", "accepted_by", "accepted_on")]),
        ]
