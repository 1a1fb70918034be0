"""Writes for Art. 25 assessments: create, record the elements' results (all or nothing),
answer each gap, complete, schedule and trigger re-assessment. Every change is audited."""

import calendar
import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scopes_disabled

from skanse.core.audit import audit_record, diff, snapshot
from skanse.core.errors import DomainError
from skanse.design.models import (
    GAP_RESULTS,
    Assessment,
    AssessmentStatus,
    DesignProfile,
    ElementAssessment,
    Occasion,
    Response,
    Result,
    Trigger,
)
from skanse.design.selectors import edpb_elements, edpb_version
from skanse.inventory.models import ITSystem, Supplier
from skanse.privacy.models import ProcessingActivity
from skanse.requirements import services as requirement_services
from skanse.requirements.models import RequirementSet

ELEMENT_FIELDS = ("result", "evidence", "note")
DECISION_FIELDS = (
    "response",
    "measure",
    "responsible",
    "due_on",
    "done_on",
    "supplier",
    "requirement_set",
    "accept_reason",
    "accepted_by",
    "accepted_on",
)
# Carried from the system's previous assessment into a new one, so work starts from last time.
CARRIED = ELEMENT_FIELDS + DECISION_FIELDS
# What completing an assessment moves on in the system's schedule (audited on the schedule).
SCHEDULE_FIELDS = (
    "current_assessment",
    "last_assessed_at",
    "next_due_on",
    "trigger",
    "trigger_note",
    "triggered_at",
)
TEXT_LIMITS = {"evidence": 4000, "note": 4000, "measure": 2000, "accept_reason": 2000}
MAX_INTERVAL_MONTHS = 60


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def profile_of(system: ITSystem) -> DesignProfile:
    profile, _created = DesignProfile.objects.get_or_create(
        organisation=system.organisation, system=system
    )
    return profile


EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)


def _check_date(value, field: str, *, after=None, after_message=None, future=True) -> None:
    """A date that can be true: within 2000–2100, not in the future unless `future`, and not
    before `after` (with `after_message`)."""
    if value is None:
        return
    if not isinstance(value, datetime.date):
        raise DomainError(_("Enter a valid date."), field)
    if not EARLIEST <= value <= LATEST:
        raise DomainError(_("Give a date from 2000 to 2100."), field)
    if not future and value > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field)
    if after is not None and value < after:
        raise DomainError(after_message, field)


def _check_system(organisation, system) -> None:
    if system is None or system.organisation_id != organisation.pk:
        raise DomainError(_("Choose an IT system of your organisation."), "system")


# --- Schedule ------------------------------------------------------------------------------


@transaction.atomic
def schedule_update(*, actor, system: ITSystem, interval_months, via: str = "web"):
    """Set how often the system is re-assessed; the next due date follows."""
    if not isinstance(interval_months, int) or not 1 <= interval_months <= MAX_INTERVAL_MONTHS:
        raise DomainError(
            _("Give a number of months from 1 to %(n)d.") % {"n": MAX_INTERVAL_MONTHS},
            "interval_months",
        )
    profile = profile_of(system)
    before = snapshot(profile, ["interval_months", "next_due_on"])
    profile.interval_months = interval_months
    if profile.current_assessment_id:
        profile.next_due_on = add_months(profile.current_assessment.assessed_on, interval_months)
    profile.save()
    changes = diff(before, snapshot(profile, ["interval_months", "next_due_on"]))
    if changes:
        audit_record(
            actor=actor,
            organisation=system.organisation,
            action="design.schedule.changed",
            obj=profile,
            changes=changes,
            via=via,
        )
    return profile


@transaction.atomic
def reassessment_trigger(*, actor, system: ITSystem, trigger: str, note: str = "", via="web"):
    """Mark the system for re-assessment because of a change, a new activity or an incident."""
    if trigger not in Trigger.values:
        raise DomainError(_("Choose what triggers the re-assessment."), "trigger")
    note = (note or "").strip()
    if len(note) > 2000:
        raise DomainError(_("At most 2000 characters."), "note")
    profile = profile_of(system)
    before = snapshot(profile, ["trigger", "trigger_note", "triggered_at"])
    profile.trigger, profile.trigger_note = trigger, note
    profile.triggered_at = timezone.now()
    profile.save()
    audit_record(
        actor=actor,
        organisation=system.organisation,
        action="design.reassessment.triggered",
        obj=profile,
        changes=diff(before, snapshot(profile, ["trigger", "trigger_note", "triggered_at"])),
        via=via,
    )
    return profile


def incident_triggers_reassessment(*, actor, organisation, systems, reference, via, **kwargs):
    """An incident involving systems (a breach registered or linked to them) makes each due
    for re-assessment — the receiver of `core.signals.incident_involves_systems`."""
    for system in systems:
        reassessment_trigger(
            actor=actor, system=system, trigger=Trigger.INCIDENT, note=reference[:2000], via=via
        )


def activity_triggers_reassessment(*, instance, action, reverse, pk_set, **kwargs):
    """A processing activity that comes to use a system — a new activity, or an existing one
    the system is added to — makes the system due for re-assessment: the receiver of
    `m2m_changed` on `ProcessingActivity.systems` (the record of processing sits below this
    app). The record's own trail says who linked them; this one is recorded by the system."""
    if action != "post_add" or not pk_set:
        return
    with scopes_disabled():
        if reverse:  # system.processing_activities.add(activity)
            systems = [instance]
            activities = list(ProcessingActivity.objects.filter(pk__in=pk_set))
        else:  # activity.systems.add(system) / .set([...])
            systems = list(
                ITSystem.objects.filter(pk__in=pk_set, organisation_id=instance.organisation_id)
            )
            activities = [instance]
        note = ", ".join(activity.name for activity in activities)[:2000]
        for system in systems:
            reassessment_trigger(actor=None, system=system, trigger=Trigger.NEW_ACTIVITY, note=note)


# --- Assessments ---------------------------------------------------------------------------


@transaction.atomic
def assessment_create(
    *, actor, organisation, system, occasion, assessed_on=None, via="web"
) -> Assessment:
    """A draft assessment with one row per EDPB element of the library's latest version,
    starting from the system's previous assessment where the element is the same."""
    _check_system(organisation, system)
    if occasion not in Occasion.values:
        raise DomainError(_("Choose the occasion of the assessment."), "occasion")
    _check_date(assessed_on, "assessed_on", future=False)
    version = edpb_version()
    if version is None:
        raise DomainError(
            _("The library has no EDPB elements (Art. 25). Ask the coordinator to load them.")
        )
    if Assessment.objects.filter(
        organisation=organisation, system=system, status=AssessmentStatus.DRAFT
    ).exists():
        raise DomainError(
            _("This system has an assessment in progress. Complete it first."), "system"
        )
    assessment = Assessment.objects.create(
        organisation=organisation,
        system=system,
        framework_version=version,
        occasion=occasion,
        assessed_on=assessed_on or timezone.localdate(),
        assessor=actor if actor is not None and actor.pk else None,
    )
    previous = _previous_rows(system)
    rows = []
    for position, element in enumerate(edpb_elements(version)):
        row = ElementAssessment(
            organisation=organisation,
            assessment=assessment,
            element=element,
            principle_id=element.parent_id,
            position=position,
        )
        earlier = previous.get(element.urn)
        if earlier is not None:
            for name in CARRIED:
                setattr(row, name, getattr(earlier, name))
        rows.append(row)
    ElementAssessment.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        organisation=organisation,
        action="design.assessment.created",
        obj=assessment,
        changes=diff(
            {},
            {
                "system": str(system),
                "occasion": occasion,
                "assessed_on": assessment.assessed_on.isoformat(),
                "framework_version": str(version),
                "elements": len(rows),
            },
        ),
        via=via,
    )
    return assessment


def _previous_rows(system) -> dict:
    latest = (
        Assessment.objects.filter(
            organisation=system.organisation, system=system, status=AssessmentStatus.COMPLETED
        )
        .order_by("-assessed_on", "-id")
        .first()
    )
    if latest is None:
        return {}
    return {row.element.urn: row for row in latest.elements.select_related("element")}


def _check_draft(assessment: Assessment) -> None:
    if not assessment.is_draft:
        raise DomainError(_("A completed assessment cannot be changed. Start a new one."))


def field_name(ref_id: str, name: str) -> str:
    """The form field (and API error key) of one element's value: `TR-01.result`."""
    return f"{ref_id}.{name}"


@transaction.atomic
def elements_save(*, actor, assessment: Assessment, rows, via="web") -> int:
    """Record results, evidence and notes for any of the assessment's elements, all or
    nothing: every row is checked first and the errors are given at the row's fields.
    `rows` is a list of {"element": ref_id, "result", "evidence", "note"}; returns the number
    of elements changed."""
    _check_draft(assessment)
    if not isinstance(rows, list):
        raise DomainError(_("Expected a list of elements."), "elements")
    current = {row.element.ref_id: row for row in assessment.elements.select_related("element")}
    errors, wanted = {}, []
    for number, raw in enumerate(rows, start=1):
        if not isinstance(raw, dict) or raw.get("element") not in current:
            errors.setdefault("elements", []).append(
                _("Row %(n)d: no such element in this assessment.") % {"n": number}
            )
            continue
        ref = raw["element"]
        values = {
            name: str(raw.get(name) if raw.get(name) is not None else "").strip()
            for name in ELEMENT_FIELDS
            if name in raw
        }
        if values.get("result", "") not in ("", *Result.values):
            errors[field_name(ref, "result")] = [_("Choose met, partly, not met or not relevant.")]
        for name in ("evidence", "note"):
            if len(values.get(name, "")) > TEXT_LIMITS[name]:
                errors[field_name(ref, name)] = [
                    _("At most %(n)d characters.") % {"n": TEXT_LIMITS[name]}
                ]
        wanted.append((current[ref], values))
    if errors:
        errors[NON_FIELD_ERRORS] = [_("Check the marked elements. Nothing was saved.")]
        raise ValidationError(errors)
    changed = 0
    for row, values in wanted:
        before = snapshot(row, CARRIED)
        for name, value in values.items():
            setattr(row, name, value)
        if not diff(before, snapshot(row, ELEMENT_FIELDS)):
            continue
        if row.result not in GAP_RESULTS and row.response:
            # No longer a gap: its answer no longer applies (and the trail says so).
            _clear_decision(actor, row, via)
        row.save()
        changes = diff(before, snapshot(row, CARRIED))
        changed += 1
        audit_record(
            actor=actor,
            organisation=assessment.organisation,
            action="design.element.assessed",
            obj=row,
            changes=changes,
            via=via,
        )
    return changed


@transaction.atomic
def assessment_complete(*, actor, assessment: Assessment, summary=None, via="web") -> Assessment:
    """Complete the assessment: every element has a result and every gap an answer. The
    system's next re-assessment is then due after its interval; a pending trigger is cleared."""
    _check_draft(assessment)
    if summary is not None:
        if len(summary) > 5000:
            raise DomainError(_("At most 5000 characters."), "summary")
        assessment.summary = summary.strip()
    rows = list(assessment.elements.all())
    unanswered = sum(1 for row in rows if not row.result)
    if unanswered:
        raise DomainError(
            ngettext(
                "One element has no result yet.", "%(n)d elements have no result yet.", unanswered
            )
            % {"n": unanswered}
        )
    undecided = sum(1 for row in rows if row.result in GAP_RESULTS and not row.response)
    if undecided:
        raise DomainError(
            ngettext("One gap has no answer yet.", "%(n)d gaps have no answer yet.", undecided)
            % {"n": undecided}
        )
    before = snapshot(assessment, ["status", "summary", "completed_at"])
    assessment.status = AssessmentStatus.COMPLETED
    assessment.completed_at = timezone.now()
    assessment.save()
    audit_record(
        actor=actor,
        organisation=assessment.organisation,
        action="design.assessment.completed",
        obj=assessment,
        changes=diff(before, snapshot(assessment, ["status", "summary", "completed_at"])),
        via=via,
    )
    profile = profile_of(assessment.system)
    latest = profile.current_assessment
    if latest is None or latest.assessed_on <= assessment.assessed_on:
        if latest is not None:
            latest.elements.update(current=False)
        assessment.elements.update(current=True)
        before = snapshot(profile, SCHEDULE_FIELDS)
        profile.current_assessment = assessment
        profile.last_assessed_at = assessment.completed_at
        profile.next_due_on = add_months(assessment.assessed_on, profile.interval_months)
        profile.trigger, profile.trigger_note, profile.triggered_at = "", "", None
        profile.save()
        audit_record(
            actor=actor,
            organisation=assessment.organisation,
            action="design.schedule.changed",
            obj=profile,
            changes=diff(before, snapshot(profile, SCHEDULE_FIELDS)),
            via=via,
        )
    return assessment


@transaction.atomic
def assessment_delete(*, actor, assessment: Assessment, via="web") -> None:
    """Delete a draft (a completed assessment is evidence and stays)."""
    _check_draft(assessment)
    # A requirement carried over from the current assessment shares its code (system and
    # element): deleting the draft puts the current assessment's requirement back.
    current = {
        row.element_id: row
        for row in ElementAssessment.objects.filter(
            organisation=assessment.organisation,
            assessment__system=assessment.system,
            current=True,
            requirement_set__isnull=False,
        ).select_related("assessment__system", "element", "requirement_set")
    }
    for row in assessment.elements.filter(requirement_set__isnull=False).select_related(
        "assessment__system", "element", "requirement_set"
    ):
        kept = current.get(row.element_id)
        if kept is None or kept.requirement_set_id != row.requirement_set_id:
            _sync_requirement(actor, row, row.requirement_set, None, via)
    for kept in current.values():
        _sync_requirement(actor, kept, None, kept.requirement_set, via)
    audit_record(
        actor=actor,
        organisation=assessment.organisation,
        action="design.assessment.deleted",
        obj=assessment,
        changes=diff(snapshot(assessment, ["occasion", "assessed_on", "status"]), {}),
        via=via,
    )
    assessment.delete()


# --- Gaps ----------------------------------------------------------------------------------


def requirement_code(row: ElementAssessment) -> str:
    """The code of the gap's requirement in a requirement set: the same for the same system and
    element across assessments, so a carried-over requirement is replaced, not duplicated."""
    return f"A25-{row.assessment.system.uuid.hex[:8]}-{row.element.ref_id}"[:40]


def _sync_requirement(actor, row, old_set, new_set, via) -> None:
    """Remove the gap's requirement from `old_set` and put its current text in `new_set`."""
    code = requirement_code(row)
    if old_set is not None and (new_set is None or old_set.pk != new_set.pk):
        items = requirement_services.items_of(old_set)
        kept = [item for item in items if item["code"] != code]
        if kept != items:
            requirement_services.requirement_set_update(
                actor=actor, requirement_set=old_set, items=kept, via=via
            )
    if new_set is not None:
        item = {
            "code": code,
            "text": row.measure,
            "category": f"Art. 25: {row.assessment.system.name}"[:100],
            "priority": "must",
            "requirement": row.element.urn,
        }
        items = requirement_services.items_of(new_set)
        at = next((n for n, old in enumerate(items) if old["code"] == code), None)
        if at is None:
            items.append(item)
        elif items[at] == item:
            return  # already there as it is: nothing to write or audit
        else:
            items[at] = item  # changed in place: the set keeps its order
        requirement_services.requirement_set_update(
            actor=actor, requirement_set=new_set, items=items, via=via
        )


def _clear_decision(actor, row, via) -> None:
    if row.requirement_set_id:
        _sync_requirement(actor, row, row.requirement_set, None, via)
    for name in DECISION_FIELDS:
        field = row._meta.get_field(name)
        setattr(row, name, None if field.null else "")


def _clean_decision(row: ElementAssessment, data: dict) -> dict:
    """The decision's values for its kind of answer, or a DomainError at the field at fault."""
    response = data.get("response") or ""
    if response not in Response.values:
        raise DomainError(_("Choose how the gap is closed."), "response")
    text = {name: (data.get(name) or "").strip() for name in ("measure", "responsible")}
    text |= {name: (data.get(name) or "").strip() for name in ("accept_reason", "accepted_by")}
    for name, limit in (("measure", 2000), ("accept_reason", 2000)):
        if len(text[name]) > limit:
            raise DomainError(_("At most %(n)d characters.") % {"n": limit}, name)
    for name in ("responsible", "accepted_by"):
        if len(text[name]) > 200:
            raise DomainError(_("At most 200 characters."), name)
    clean = dict.fromkeys(DECISION_FIELDS)
    clean.update(response=response, measure="", responsible="", accept_reason="", accepted_by="")
    if response == Response.ACCEPTED:
        if not text["accept_reason"]:
            raise DomainError(_("Give the reason for accepting the gap."), "accept_reason")
        if not text["accepted_by"]:
            raise DomainError(_("Name who approved accepting the gap."), "accepted_by")
        _check_date(data.get("accepted_on"), "accepted_on", future=False)
        clean.update(
            accept_reason=text["accept_reason"],
            accepted_by=text["accepted_by"],
            accepted_on=data.get("accepted_on") or timezone.localdate(),
        )
        return clean
    if not text["measure"]:
        raise DomainError(
            _("Describe the measure.")
            if response == Response.ORGANISATIONAL
            else _("Write the requirement to the supplier."),
            "measure",
        )
    clean.update(
        measure=text["measure"],
        responsible=text["responsible"],
        due_on=data.get("due_on"),
        done_on=data.get("done_on"),
    )
    assessed_on = row.assessment.assessed_on
    # A due date carried over from an earlier assessment may lie before this one's date; a
    # new or changed due date may not.
    _check_date(
        clean["due_on"],
        "due_on",
        after=assessed_on if clean["due_on"] != row.due_on else None,
        after_message=_("The due date cannot be before the assessment date (%(date)s).")
        % {"date": date_format(assessed_on, "SHORT_DATE_FORMAT")},
    )
    _check_date(clean["done_on"], "done_on", future=False)
    if response == Response.SYSTEM_CHANGE:
        if not clean["due_on"]:
            raise DomainError(
                _("A change to the system needs a due date for the supplier."), "due_on"
            )
        supplier = data.get("supplier") or row.assessment.system.supplier
        if supplier is None:
            raise DomainError(_("Choose the supplier who is to make the change."), "supplier")
        if not isinstance(supplier, Supplier) or supplier.organisation_id != row.organisation_id:
            raise DomainError(_("Choose a supplier of your organisation."), "supplier")
        requirement_set = data.get("requirement_set")
        if requirement_set is not None and (
            not isinstance(requirement_set, RequirementSet)
            or requirement_set.organisation_id != row.organisation_id
        ):
            raise DomainError(
                _("Choose a requirement set of your organisation."), "requirement_set"
            )
        clean.update(supplier=supplier, requirement_set=requirement_set)
    return clean


@transaction.atomic
def gap_decide(*, actor, row: ElementAssessment, via="web", **data) -> ElementAssessment:
    """Answer a gap: an organisational measure, a change to the system (a requirement to the
    supplier with a due date, added to a requirement set if one is chosen), or acceptance
    with a reason and an approver. Nothing is saved when anything is missing."""
    if row.result not in GAP_RESULTS:
        raise DomainError(_("Only an element that is partly or not met is a gap."), "response")
    if not row.assessment.is_draft and not row.current:
        raise DomainError(
            _("A newer assessment of the system has replaced this one. Answer the gap there.")
        )
    unknown = set(data) - set(DECISION_FIELDS)
    if unknown:
        raise DomainError(_("Unknown field “%(field)s”.") % {"field": sorted(unknown)[0]})
    clean = _clean_decision(row, data)
    before = snapshot(row, DECISION_FIELDS)
    old_set = row.requirement_set
    for name, value in clean.items():
        setattr(row, name, value)
    changes = diff(before, snapshot(row, DECISION_FIELDS))
    if not changes:
        return row
    row.save()
    if old_set is not None or row.requirement_set is not None:
        _sync_requirement(actor, row, old_set, row.requirement_set, via)
    audit_record(
        actor=actor,
        organisation=row.organisation,
        action="design.gap.decided",
        obj=row,
        changes=changes,
        via=via,
    )
    return row
