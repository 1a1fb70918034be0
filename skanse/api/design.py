"""API: privacy by design and by default (GDPR Art. 25) — systems by assessment status with
their schedule, a system's assessments, assessments against the EDPB elements, the gaps and
their answers, the measures, the requirements to suppliers, and the national aggregate.

Read with records.view, write with records.edit; the national aggregate needs
organisations.view in the coordinator organisation. The rules are the services'; this module
only finds the organisation's objects (another organisation's are a 404) and shapes them."""

from datetime import date, datetime
from uuid import UUID

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from skanse.api.base import Error, need
from skanse.core.errors import DomainError
from skanse.design import selectors, services
from skanse.design.models import Response
from skanse.inventory.models import ITSystem, Supplier
from skanse.requirements.models import RequirementSet
from skanse.tenancy.roles import Cap

router = Router(tags=["privacy by design"])


class SystemStatusOut(Schema):
    uuid: UUID
    name: str
    supplier: UUID | None
    status: str
    interval_months: int
    last_assessed_at: datetime | None
    next_due_on: date | None
    trigger: str
    trigger_note: str
    triggered_at: datetime | None
    current_assessment: UUID | None
    changed_since: bool | None
    new_activity: bool

    @staticmethod
    def resolve_supplier(obj):
        return obj.supplier.uuid if obj.supplier_id else None

    @staticmethod
    def _profile(obj, name, default=None):
        profile = getattr(obj, "design_profile", None)
        return getattr(profile, name) if profile is not None else default

    @staticmethod
    def resolve_interval_months(obj):
        return SystemStatusOut._profile(obj, "interval_months", 12)

    @staticmethod
    def resolve_last_assessed_at(obj):
        return SystemStatusOut._profile(obj, "last_assessed_at")

    @staticmethod
    def resolve_next_due_on(obj):
        return SystemStatusOut._profile(obj, "next_due_on")

    @staticmethod
    def resolve_trigger(obj):
        return SystemStatusOut._profile(obj, "trigger", "")

    @staticmethod
    def resolve_trigger_note(obj):
        return SystemStatusOut._profile(obj, "trigger_note", "")

    @staticmethod
    def resolve_triggered_at(obj):
        return SystemStatusOut._profile(obj, "triggered_at")

    @staticmethod
    def resolve_current_assessment(obj):
        current = SystemStatusOut._profile(obj, "current_assessment")
        return current.uuid if current is not None else None


class ElementOut(Schema):
    uuid: UUID
    element: str
    element_urn: str
    name: str
    principle: str
    result: str
    evidence: str
    note: str
    response: str
    measure: str
    responsible: str
    due_on: date | None
    done_on: date | None
    supplier: UUID | None
    requirement_set: UUID | None
    accept_reason: str
    accepted_by: str
    accepted_on: date | None

    @staticmethod
    def resolve_element(obj):
        return obj.element.ref_id

    @staticmethod
    def resolve_element_urn(obj):
        return obj.element.urn

    @staticmethod
    def resolve_name(obj):
        return obj.element.name_i18n

    @staticmethod
    def resolve_principle(obj):
        return obj.principle.ref_id

    @staticmethod
    def resolve_supplier(obj):
        return obj.supplier.uuid if obj.supplier_id else None

    @staticmethod
    def resolve_requirement_set(obj):
        return obj.requirement_set.uuid if obj.requirement_set_id else None


class GapOut(ElementOut):
    """One gap (or measure) with where it belongs: its assessment and system. `current`: the
    gap is in the system's current assessment (it counts, and can still be followed up);
    `overdue`: an open measure past its due date."""

    assessment: UUID
    assessment_status: str
    system: UUID
    system_name: str
    current: bool
    overdue: bool

    @staticmethod
    def resolve_assessment(obj):
        return obj.assessment.uuid

    @staticmethod
    def resolve_assessment_status(obj):
        return obj.assessment.status

    @staticmethod
    def resolve_system(obj):
        return obj.assessment.system.uuid

    @staticmethod
    def resolve_system_name(obj):
        return obj.assessment.system.name

    @staticmethod
    def resolve_overdue(obj):
        return bool(obj.is_open_measure and obj.due_on and obj.due_on < timezone.localdate())


class _AssessmentFields(Schema):
    uuid: UUID
    system: UUID
    occasion: str
    status: str
    assessed_on: date
    assessor: str | None
    summary: str
    completed_at: datetime | None
    framework_version: UUID

    @staticmethod
    def resolve_system(obj):
        return obj.system.uuid

    @staticmethod
    def resolve_assessor(obj):
        return obj.assessor.email if obj.assessor_id else None

    @staticmethod
    def resolve_framework_version(obj):
        return obj.framework_version.uuid


class AssessmentSummaryOut(_AssessmentFields):
    """An assessment in a system's list: without its elements, with the number of gaps and of
    elements not assessed yet."""

    gaps: int
    not_assessed: int

    @staticmethod
    def resolve_not_assessed(obj):
        return obj.unanswered


class AssessmentOut(_AssessmentFields):
    elements: list[ElementOut]

    @staticmethod
    def resolve_elements(obj):
        return list(selectors.assessment_rows(obj))


class SupplierRequirementsOut(Schema):
    """A supplier with requirements from gaps of current assessments (changes to a system)."""

    supplier: UUID
    name: str
    requirements: int
    open: int

    @staticmethod
    def resolve_supplier(obj):
        return obj["supplier__uuid"]

    @staticmethod
    def resolve_name(obj):
        return obj["supplier__name"]

    @staticmethod
    def resolve_requirements(obj):
        return obj["n"]


class AssessmentIn(Schema):
    system: UUID
    occasion: str
    assessed_on: date | None = None


class ElementIn(Schema):
    element: str
    result: str | None = None
    evidence: str | None = None
    note: str | None = None


class ElementsIn(Schema):
    elements: list[ElementIn]


class CompleteIn(Schema):
    summary: str | None = None


class GapIn(Schema):
    response: str
    measure: str = ""
    responsible: str = ""
    due_on: date | None = None
    done_on: date | None = None
    supplier: UUID | None = None
    requirement_set: UUID | None = None
    accept_reason: str = ""
    accepted_by: str = ""
    accepted_on: date | None = None


class ScheduleIn(Schema):
    interval_months: int


class TriggerIn(Schema):
    trigger: str
    note: str = ""


class OverviewOut(Schema):
    status: dict[str, int]
    gaps_by_principle: list[dict]
    open_measures: int
    overdue_measures: int


# The filters of the measures page (design/measures/): what `selectors.measure_list` takes.
MEASURE_STATES = ("", "open", "overdue", "done", "all")
MEASURE_KINDS = ("", Response.ORGANISATIONAL, Response.SYSTEM_CHANGE)
# The element rows read by the API carry the supplier and requirement set they name.
ROW_RELATED = ("supplier", "requirement_set")


def _related(request, model, uuid, field):
    found = model.objects.filter(organisation=request.organisation, uuid=uuid).first()
    if found is None:
        raise DomainError(_("No such object in your organisation."), field)
    return found


def _system(request, uuid, capability=Cap.RECORDS_VIEW):
    need(request, capability)
    try:
        return selectors.system_get(request.organisation, uuid)
    except ITSystem.DoesNotExist:
        raise Http404 from None


def _assessment(request, uuid, capability=Cap.RECORDS_VIEW):
    need(request, capability)
    return get_object_or_404(selectors.assessment_queryset(request.organisation), uuid=uuid)


@router.get("/design/systems", response=list[SystemStatusOut])
@paginate(PageNumberPagination, page_size=100)
def list_systems(request, status: str = "", q: str = ""):
    """IT systems with their Art. 25 status: never, overdue, due or current."""
    need(request, Cap.RECORDS_VIEW)
    if status and status not in selectors.Status.values:
        raise DomainError(_("Choose never, overdue, due or current."), "status")
    return selectors.system_list(request.organisation, status=status, q=q[:100])


@router.get("/design/systems/{uuid}", response={200: SystemStatusOut, 404: Error})
def get_system(request, uuid: UUID):
    return _system(request, uuid)


@router.get(
    "/design/systems/{uuid}/assessments", response={200: list[AssessmentSummaryOut], 404: Error}
)
@paginate(PageNumberPagination, page_size=100)
def list_assessments(request, uuid: UUID):
    """The system's assessments, newest first (drafts too), without their elements."""
    system = _system(request, uuid)
    return selectors.assessments_of(system).select_related("system")


@router.put(
    "/design/systems/{uuid}/schedule", response={200: SystemStatusOut, 400: Error, 404: Error}
)
def set_schedule(request, uuid: UUID, payload: ScheduleIn):
    system = _system(request, uuid, Cap.RECORDS_EDIT)
    services.schedule_update(
        actor=request.user, system=system, interval_months=payload.interval_months, via="api"
    )
    return selectors.system_get(request.organisation, uuid)


@router.post(
    "/design/systems/{uuid}/trigger", response={200: SystemStatusOut, 400: Error, 404: Error}
)
def trigger(request, uuid: UUID, payload: TriggerIn):
    """Mark the system for re-assessment: a change, a new processing activity, an incident."""
    system = _system(request, uuid, Cap.RECORDS_EDIT)
    services.reassessment_trigger(
        actor=request.user, system=system, trigger=payload.trigger, note=payload.note, via="api"
    )
    return selectors.system_get(request.organisation, uuid)


@router.post("/design/assessments", response={201: AssessmentOut, 400: Error})
def create_assessment(request, payload: AssessmentIn):
    need(request, Cap.RECORDS_EDIT)
    assessment = services.assessment_create(
        actor=request.user,
        organisation=request.organisation,
        system=_related(request, ITSystem, payload.system, "system"),
        occasion=payload.occasion,
        assessed_on=payload.assessed_on,
        via="api",
    )
    return Status(201, assessment)


@router.get("/design/assessments/{uuid}", response={200: AssessmentOut, 404: Error})
def get_assessment(request, uuid: UUID):
    return _assessment(request, uuid)


@router.delete("/design/assessments/{uuid}", response={204: None, 400: Error, 404: Error})
def delete_assessment(request, uuid: UUID):
    """Delete a draft; a completed assessment is evidence and stays (400). A requirement the
    draft carried over from the current assessment is put back in its set as it was there."""
    assessment = _assessment(request, uuid, Cap.RECORDS_EDIT)
    services.assessment_delete(actor=request.user, assessment=assessment, via="api")
    return Status(204, None)


@router.patch(
    "/design/assessments/{uuid}/elements", response={200: AssessmentOut, 400: Error, 404: Error}
)
def save_elements(request, uuid: UUID, payload: ElementsIn):
    """Results, evidence and notes of any elements; all or nothing."""
    assessment = _assessment(request, uuid, Cap.RECORDS_EDIT)
    rows = [row.dict(exclude_unset=True) for row in payload.elements]
    services.elements_save(actor=request.user, assessment=assessment, rows=rows, via="api")
    return assessment


@router.post(
    "/design/assessments/{uuid}/complete", response={200: AssessmentOut, 400: Error, 404: Error}
)
def complete_assessment(request, uuid: UUID, payload: CompleteIn):
    assessment = _assessment(request, uuid, Cap.RECORDS_EDIT)
    return services.assessment_complete(
        actor=request.user, assessment=assessment, summary=payload.summary, via="api"
    )


def _gap(request, uuid, capability=Cap.RECORDS_VIEW):
    need(request, capability)
    return get_object_or_404(
        selectors.gap_queryset(request.organisation).select_related(*ROW_RELATED), uuid=uuid
    )


@router.get("/design/measures", response={200: list[GapOut], 400: Error})
@paginate(PageNumberPagination, page_size=100)
def list_measures(request, state: str = "", kind: str = "", q: str = ""):
    """The measures decided for gaps of current assessments, soonest due first, as on the
    measures page: `state` open (default), overdue (open and past the due date), done or all;
    `kind` organisational or system_change; `q` searches the system, the measure, the
    responsible and the supplier."""
    need(request, Cap.RECORDS_VIEW)
    if state not in MEASURE_STATES:
        raise DomainError(_("Choose open, overdue, done or all."), "state")
    if kind not in MEASURE_KINDS:
        raise DomainError(_("Choose organisational or system_change."), "kind")
    rows = selectors.measure_list(request.organisation, state=state, kind=kind, q=q[:100])
    return rows.select_related(*ROW_RELATED)


@router.get("/design/gaps/{uuid}", response={200: GapOut, 404: Error})
def get_gap(request, uuid: UUID):
    """One gap (an element partly or not met) with its answer."""
    return _gap(request, uuid)


@router.put("/design/gaps/{uuid}", response={200: GapOut, 400: Error, 404: Error})
def decide_gap(request, uuid: UUID, payload: GapIn):
    """Answer a gap: organisational, system_change (needs due_on) or accepted (needs
    accept_reason and accepted_by); the whole answer each time (fields left out are emptied).
    A measure is marked done by giving its done_on with the rest of the answer."""
    row = _gap(request, uuid, Cap.RECORDS_EDIT)
    data = payload.dict()
    if data["supplier"] is not None:
        data["supplier"] = _related(request, Supplier, data["supplier"], "supplier")
    if data["requirement_set"] is not None:
        data["requirement_set"] = _related(
            request, RequirementSet, data["requirement_set"], "requirement_set"
        )
    return services.gap_decide(actor=request.user, row=row, via="api", **data)


@router.get("/design/suppliers", response=list[SupplierRequirementsOut])
def list_suppliers(request):
    """The suppliers with requirements (changes to a system) from current assessments, with
    the number of requirements and of those not done."""
    need(request, Cap.RECORDS_VIEW)
    return selectors.suppliers_with_requirements(request.organisation)


@router.get("/design/suppliers/{uuid}/requirements", response={200: list[GapOut], 404: Error})
@paginate(PageNumberPagination, page_size=100)
def list_supplier_requirements(request, uuid: UUID):
    """The requirements to the supplier from current assessments, soonest due first — the
    rows of the supplier's Excel and PDF list."""
    need(request, Cap.RECORDS_VIEW)
    supplier = get_object_or_404(
        Supplier.objects.filter(organisation=request.organisation), uuid=uuid
    )
    return selectors.supplier_requirements(request.organisation, supplier).select_related(
        "supplier"
    )


@router.get("/design/overview", response=OverviewOut)
def overview(request):
    """Systems by status, gaps by principle and measures open, for the organisation."""
    need(request, Cap.RECORDS_VIEW)
    cards = selectors.dashboard_cards(request.organisation)
    return {
        "status": selectors.status_counts(request.organisation),
        "gaps_by_principle": [
            {"principle": p["principle"].ref_id, **{k: v for k, v in p.items() if k != "principle"}}
            for p in selectors.gaps_by_principle(request.organisation)
        ],
        "open_measures": cards["open_measures"],
        "overdue_measures": cards["overdue_measures"],
    }


@router.get("/design/national", response={200: dict, 404: Error})
def national(request):
    """The coordinator's aggregate across municipalities; groups smaller than the minimum
    group size carry only their size."""
    need(request, Cap.ORGANISATIONS_VIEW)
    if not request.organisation.is_coordinator:
        raise Http404
    view = selectors.national_overview()

    def plain(group):
        if group.get("suppressed"):
            return group
        return {
            **group,
            "gaps": [
                {"principle": g["principle"].ref_id, "gaps": g["gaps"]} for g in group["gaps"]
            ],
        }

    return {
        "min_group": view["min_group"],
        "national": plain(view["national"]),
        "regions": [plain(group) for group in view["regions"]],
    }
