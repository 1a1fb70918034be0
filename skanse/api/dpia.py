"""API: DPIA screenings, DPIAs with their versions, risks, consultation and approval.

Read with `records.view`, write with `records.edit`. Activities and systems are named by their
UUIDs; codes of criteria and lists are those in docs/dpia.md."""

from datetime import date, datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from skanse.api.base import Error, need
from skanse.dpia import selectors, services
from skanse.dpia.models import Dpia, DpiaAssignment, DpiaRisk, DpiaVersion, Screening
from skanse.tenancy.roles import Cap

router = Router(tags=["DPIA"])


class ScreeningIn(Schema):
    activity: UUID | None = None
    system: UUID | None = None
    criteria: list[str] | None = None
    art35_3: list[str] | None = None
    danish_list: list[str] | None = None
    outcome: str | None = None
    reasons: str | None = None
    screened_on: date | None = None


class ScreeningOut(Schema):
    uuid: UUID
    activity: UUID | None
    system: UUID | None
    criteria: list[str]
    art35_3: list[str]
    danish_list: list[str]
    likely_required: bool
    outcome: str
    reasons: str
    screened_on: date
    updated_at: datetime

    @staticmethod
    def resolve_activity(obj):
        return obj.activity.uuid if obj.activity_id else None

    @staticmethod
    def resolve_system(obj):
        return obj.system.uuid if obj.system_id else None


class RiskIn(Schema):
    title: str | None = None
    description: str | None = None
    likelihood: int | None = None
    severity: int | None = None
    measures: str | None = None
    residual_likelihood: int | None = None
    residual_severity: int | None = None


class RiskOut(Schema):
    uuid: UUID
    title: str
    description: str
    likelihood: int
    severity: int
    measures: str
    residual_likelihood: int
    residual_severity: int
    score: int
    residual_score: int


class VersionIn(Schema):
    purposes: str | None = None
    data_flows: str | None = None
    data_categories: str | None = None
    recipients: str | None = None
    technical_support: str | None = None
    nec_lawfulness: str | None = None
    nec_purpose: str | None = None
    nec_minimisation: str | None = None
    nec_accuracy: str | None = None
    nec_storage: str | None = None
    nec_security: str | None = None
    nec_accountability: str | None = None
    likelihood_levels: int | None = None
    severity_levels: int | None = None
    high_from: int | None = None


class VersionOut(Schema):
    uuid: UUID
    number: int
    status: str
    purposes: str
    data_flows: str
    data_categories: str
    recipients: str
    technical_support: str
    nec_lawfulness: str
    nec_purpose: str
    nec_minimisation: str
    nec_accuracy: str
    nec_storage: str
    nec_security: str
    nec_accountability: str
    likelihood_levels: int
    severity_levels: int
    high_from: int
    dpo_name: str
    dpo_consulted_on: date | None
    dpo_opinion: str
    approved_by_name: str
    approved_on: date | None
    divergence_reasons: str
    prior_consultation_required: bool
    prior_consultation_on: date | None
    prior_consultation_notes: str
    risks: list[RiskOut]
    assignments: list["AssignmentOut"]

    @staticmethod
    def resolve_assignments(obj):
        return list(obj.assignments.select_related("assignee"))

    @staticmethod
    def resolve_risks(obj):
        return list(obj.risks.all())

    @staticmethod
    def resolve_prior_consultation_required(obj):
        return bool(services.high_residual(obj))


class DpiaIn(Schema):
    title: str | None = None
    activity: UUID | None = None
    system: UUID | None = None
    screening: UUID | None = None
    reassess_on: date | None = None


class DpiaOut(Schema):
    uuid: UUID
    title: str
    activity: UUID | None
    system: UUID | None
    reassess_on: date | None
    versions: list[VersionOut]

    @staticmethod
    def resolve_activity(obj):
        return obj.activity.uuid if obj.activity_id else None

    @staticmethod
    def resolve_system(obj):
        return obj.system.uuid if obj.system_id else None

    @staticmethod
    def resolve_versions(obj):
        return list(obj.versions.order_by("-number").prefetch_related("risks"))


class ConsultationIn(Schema):
    dpo_name: str = ""
    dpo_consulted_on: date | None = None
    dpo_opinion: str = ""


class ApprovalIn(Schema):
    approved_by_name: str = ""
    approved_on: date | None = None
    reassess_on: date | None = None
    divergence_reasons: str = ""
    prior_consultation_on: date | None = None
    prior_consultation_notes: str = ""


class AssignmentOut(Schema):
    uuid: UUID
    section: str
    assignee: UUID
    due_on: date | None

    @staticmethod
    def resolve_assignee(obj):
        return obj.assignee.uuid


class AssignmentIn(Schema):
    section: str = ""
    assignee: UUID | None = None
    due_on: date | None = None


class PriorConsultationIn(Schema):
    prior_consultation_on: date | None = None
    prior_consultation_notes: str = ""


VersionOut.model_rebuild()


class CardOut(Schema):
    key: str
    title: str
    count: int
    text: str


def _given(payload) -> dict:
    return payload.dict(exclude_unset=True)


def _get(request, model, uuid, *related):
    queryset = model.objects.filter(organisation=request.organisation)
    if related:
        queryset = queryset.select_related(*related)
    return get_object_or_404(queryset, uuid=uuid)


@router.get("/dpia/summary", response=list[CardOut])
def dpia_summary(request):
    """The dashboard's cards: re-assessments due, DPIAs missing, DPIAs awaiting approval."""
    need(request, Cap.RECORDS_VIEW)
    return selectors.dashboard_cards(request.organisation)


@router.get("/dpia/screenings", response=list[ScreeningOut])
@paginate(PageNumberPagination, page_size=100)
def list_screenings(request):
    need(request, Cap.RECORDS_VIEW)
    return selectors.screening_list(request.organisation)


@router.post("/dpia/screenings", response={201: ScreeningOut, 400: Error})
def create_screening(request, payload: ScreeningIn):
    need(request, Cap.RECORDS_EDIT)
    screening = services.screening_create(
        actor=request.user, organisation=request.organisation, via="api", **_given(payload)
    )
    return Status(201, screening)


@router.get("/dpia/screenings/{uuid}", response={200: ScreeningOut, 404: Error})
def get_screening(request, uuid: UUID):
    need(request, Cap.RECORDS_VIEW)
    return _get(request, Screening, uuid, "activity", "system")


@router.patch("/dpia/screenings/{uuid}", response={200: ScreeningOut, 400: Error, 404: Error})
def update_screening(request, uuid: UUID, payload: ScreeningIn):
    need(request, Cap.RECORDS_EDIT)
    screening = _get(request, Screening, uuid)
    return services.screening_update(
        actor=request.user, screening=screening, via="api", **_given(payload)
    )


@router.delete("/dpia/screenings/{uuid}", response={204: None, 404: Error})
def delete_screening(request, uuid: UUID):
    need(request, Cap.RECORDS_EDIT)
    services.screening_delete(
        actor=request.user, screening=_get(request, Screening, uuid), via="api"
    )
    return Status(204, None)


@router.get("/dpias", response=list[DpiaOut])
@paginate(PageNumberPagination, page_size=50)
def list_dpias(request, q: str = ""):
    need(request, Cap.RECORDS_VIEW)
    return selectors.dpia_list(request.organisation, {"q": q})


@router.post("/dpias", response={201: DpiaOut, 400: Error})
def create_dpia(request, payload: DpiaIn):
    need(request, Cap.RECORDS_EDIT)
    dpia = services.dpia_create(
        actor=request.user, organisation=request.organisation, via="api", **_given(payload)
    )
    return Status(201, dpia)


@router.get("/dpias/{uuid}", response={200: DpiaOut, 404: Error})
def get_dpia(request, uuid: UUID):
    need(request, Cap.RECORDS_VIEW)
    return _get(request, Dpia, uuid, "activity", "system")


@router.post("/dpias/{uuid}/reassessment", response={201: VersionOut, 400: Error, 404: Error})
def reassess_dpia(request, uuid: UUID):
    """Start a new version (a draft copied from the newest, approved one)."""
    need(request, Cap.RECORDS_EDIT)
    version = services.dpia_reassess(actor=request.user, dpia=_get(request, Dpia, uuid), via="api")
    return Status(201, version)


@router.patch("/dpia-versions/{uuid}", response={200: VersionOut, 400: Error, 404: Error})
def update_version(request, uuid: UUID, payload: VersionIn):
    need(request, Cap.RECORDS_EDIT)
    version = _get(request, DpiaVersion, uuid)
    return services.version_update(
        actor=request.user, version=version, via="api", **_given(payload)
    )


@router.post("/dpia-versions/{uuid}/risks", response={201: RiskOut, 400: Error, 404: Error})
def add_risk(request, uuid: UUID, payload: RiskIn):
    need(request, Cap.RECORDS_EDIT)
    version = _get(request, DpiaVersion, uuid)
    risk = services.risk_add(actor=request.user, version=version, via="api", **_given(payload))
    return Status(201, risk)


@router.patch("/dpia-risks/{uuid}", response={200: RiskOut, 400: Error, 404: Error})
def update_risk(request, uuid: UUID, payload: RiskIn):
    need(request, Cap.RECORDS_EDIT)
    risk = _get(request, DpiaRisk, uuid, "version")
    return services.risk_update(actor=request.user, risk=risk, via="api", **_given(payload))


@router.delete("/dpia-risks/{uuid}", response={204: None, 400: Error, 404: Error})
def delete_risk(request, uuid: UUID):
    need(request, Cap.RECORDS_EDIT)
    services.risk_delete(
        actor=request.user, risk=_get(request, DpiaRisk, uuid, "version"), via="api"
    )
    return Status(204, None)


@router.post(
    "/dpia-versions/{uuid}/consultation", response={200: VersionOut, 400: Error, 404: Error}
)
def consult(request, uuid: UUID, payload: ConsultationIn):
    """Art. 35(2): record the DPO's opinion."""
    need(request, Cap.RECORDS_EDIT)
    version = _get(request, DpiaVersion, uuid)
    return services.version_consult(
        actor=request.user, version=version, via="api", **payload.dict()
    )


@router.post("/dpia-versions/{uuid}/submission", response={200: VersionOut, 400: Error, 404: Error})
def submit(request, uuid: UUID):
    need(request, Cap.RECORDS_EDIT)
    return services.version_submit(
        actor=request.user, version=_get(request, DpiaVersion, uuid), via="api"
    )


@router.post("/dpia-versions/{uuid}/approval", response={200: VersionOut, 400: Error, 404: Error})
def approve(request, uuid: UUID, payload: ApprovalIn):
    """Management's approval; refused before the DPO was consulted. The version is frozen."""
    need(request, Cap.RECORDS_EDIT)
    version = _get(request, DpiaVersion, uuid, "dpia")
    return services.version_approve(
        actor=request.user, version=version, via="api", **payload.dict()
    )


@router.patch("/dpias/{uuid}", response={200: DpiaOut, 400: Error, 404: Error})
def update_dpia(request, uuid: UUID, payload: DpiaIn):
    """Title, links and re-assessment date (allowed on an approved DPIA too)."""
    need(request, Cap.RECORDS_EDIT)
    return services.dpia_update(
        actor=request.user, dpia=_get(request, Dpia, uuid), via="api", **_given(payload)
    )


@router.delete("/dpias/{uuid}", response={204: None, 400: Error, 404: Error})
def delete_dpia(request, uuid: UUID):
    """Refused (400) once a version was approved: it stays on record."""
    need(request, Cap.RECORDS_EDIT)
    services.dpia_delete(actor=request.user, dpia=_get(request, Dpia, uuid), via="api")
    return Status(204, None)


@router.get("/dpia-versions/{uuid}", response={200: VersionOut, 404: Error})
def get_version(request, uuid: UUID):
    need(request, Cap.RECORDS_VIEW)
    return _get(request, DpiaVersion, uuid)


@router.post(
    "/dpia-versions/{uuid}/prior-consultation",
    response={200: VersionOut, 400: Error, 404: Error},
)
def prior_consultation(request, uuid: UUID, payload: PriorConsultationIn):
    """Art. 36: when Datatilsynet was consulted; also on an approved version."""
    need(request, Cap.RECORDS_EDIT)
    return services.version_prior_consultation(
        actor=request.user, version=_get(request, DpiaVersion, uuid), via="api", **payload.dict()
    )


@router.post(
    "/dpia-versions/{uuid}/assignments", response={201: AssignmentOut, 400: Error, 404: Error}
)
def assign_section(request, uuid: UUID, payload: AssignmentIn):
    need(request, Cap.RECORDS_EDIT)
    assignment = services.assignment_set(
        actor=request.user, version=_get(request, DpiaVersion, uuid), via="api", **payload.dict()
    )
    return Status(201, assignment)


@router.delete("/dpia-assignments/{uuid}", response={204: None, 400: Error, 404: Error})
def unassign_section(request, uuid: UUID):
    need(request, Cap.RECORDS_EDIT)
    services.assignment_remove(
        actor=request.user,
        assignment=_get(request, DpiaAssignment, uuid, "version", "assignee"),
        via="api",
    )
    return Status(204, None)
