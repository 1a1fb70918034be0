"""API: the record of processing, processor agreements, sub-processors and supervision.

Read with `records.view`, write with `records.edit`. Pick-list fields take and give the codes
listed in docs/privacy.md; systems, suppliers and activities are named by their UUIDs.
"""

from datetime import date, datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from skanse.api.base import Error, need
from skanse.privacy import selectors, services
from skanse.privacy.models import (
    ProcessingActivity,
    ProcessorAgreement,
    SubProcessor,
    Supervision,
)
from skanse.tenancy.roles import Cap

router = Router(tags=["records of processing and processors"])


class ControllerDetailsSchema(Schema):
    address: str = ""
    email: str = ""
    phone: str = ""
    representative: str = ""
    dpo_name: str = ""
    dpo_email: str = ""
    dpo_phone: str = ""


class ActivityIn(Schema):
    reference: str | None = None
    name: str | None = None
    description: str | None = None
    status: str | None = None
    role: str | None = None
    joint_controllers: str | None = None
    controller_name: str | None = None
    controller_contact: str | None = None
    purposes: str | None = None
    legal_bases: list[str] | None = None
    legal_basis_notes: str | None = None
    subject_categories: list[str] | None = None
    subject_notes: str | None = None
    subject_count: str | None = None
    data_categories: list[str] | None = None
    data_notes: str | None = None
    recipients: list[str] | None = None
    recipient_notes: str | None = None
    third_country_transfer: bool | None = None
    third_countries: str | None = None
    transfer_basis: str | None = None
    transfer_safeguards: str | None = None
    erasure: str | None = None
    erasure_notes: str | None = None
    security_measures: str | None = None
    kle_numbers: list[str] | None = None
    responsible_unit: str | None = None
    systems: list[UUID] | None = None
    processors: list[UUID] | None = None
    information_duty: str | None = None
    information_duty_notes: str | None = None
    dpia_need: str | None = None


class ActivityOut(Schema):
    uuid: UUID
    reference: str
    name: str
    description: str
    status: str
    role: str
    joint_controllers: str
    controller_name: str
    controller_contact: str
    purposes: str
    legal_bases: list[str]
    legal_basis_notes: str
    subject_categories: list[str]
    subject_notes: str
    subject_count: str
    data_categories: list[str]
    data_notes: str
    recipients: list[str]
    recipient_notes: str
    third_country_transfer: bool
    third_countries: str
    transfer_basis: str
    transfer_safeguards: str
    erasure: str
    erasure_notes: str
    security_measures: str
    kle_numbers: list[str]
    responsible_unit: str
    systems: list[UUID]
    processors: list[UUID]
    information_duty: str
    information_duty_notes: str
    dpia_need: str
    kitos_uuid: UUID | None
    source: str
    updated_at: datetime

    @staticmethod
    def resolve_systems(obj):
        return [s.uuid for s in obj.systems.all()]

    @staticmethod
    def resolve_processors(obj):
        return [p.uuid for p in obj.processors.all()]


class AgreementIn(Schema):
    name: str | None = None
    supplier: UUID | None = None
    systems: list[UUID] | None = None
    activities: list[UUID] | None = None
    status: str | None = None
    concluded_on: date | None = None
    valid_until: date | None = None
    template: str | None = None
    third_country_transfer: bool | None = None
    third_countries: str | None = None
    transfer_basis: str | None = None
    breach_notice: str | None = None
    document_link: str | None = None
    notes: str | None = None
    risk_subjects: str | None = None
    risk_sensitive: bool | None = None
    risk_cpr: bool | None = None
    risk_processing: str | None = None
    supervision_method: str | None = None
    supervision_interval: str | None = None
    next_supervision_on: date | None = None


class AgreementOut(Schema):
    uuid: UUID
    name: str
    supplier: UUID | None
    systems: list[UUID]
    activities: list[UUID]
    status: str
    concluded_on: date | None
    valid_until: date | None
    template: str
    third_country_transfer: bool
    third_countries: str
    transfer_basis: str
    breach_notice: str
    document_name: str
    document_type: str
    document_size: int | None
    document_link: str
    notes: str
    risk_subjects: str
    risk_sensitive: bool
    risk_cpr: bool
    risk_processing: str
    risk_points: int | None
    supervision_method: str
    supervision_interval: str
    next_supervision_on: date | None
    kitos_uuid: UUID | None
    source: str
    updated_at: datetime

    @staticmethod
    def resolve_supplier(obj):
        return obj.supplier.uuid if obj.supplier_id else None

    @staticmethod
    def resolve_systems(obj):
        return [s.uuid for s in obj.systems.all()]

    @staticmethod
    def resolve_activities(obj):
        return [a.uuid for a in obj.activities.all()]


class SubProcessorIn(Schema):
    name: str
    cvr: str = ""
    processing: str = ""
    country: str = ""
    third_country: bool = False
    transfer_basis: str = "none"


class SubProcessorOut(SubProcessorIn):
    uuid: UUID
    agreement: UUID

    @staticmethod
    def resolve_agreement(obj):
        return obj.agreement.uuid


class SupervisionIn(Schema):
    performed_on: date | None = None
    method: str | None = None
    statement_type: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    opinion: str | None = None
    deviations: str | None = None
    assessment: str | None = None
    follow_up: str | None = None
    follow_up_due: date | None = None
    follow_up_done: bool | None = None
    evidence_link: str | None = None


class SupervisionOut(Schema):
    uuid: UUID
    agreement: UUID
    performed_on: date
    method: str
    statement_type: str
    period_start: date | None
    period_end: date | None
    opinion: str
    deviations: str
    assessment: str
    follow_up: str
    follow_up_due: date | None
    follow_up_done: bool
    evidence_link: str

    @staticmethod
    def resolve_agreement(obj):
        return obj.agreement.uuid


class SummaryOut(Schema):
    activities: int
    activities_without_legal_basis: int
    systems_without_agreement: int
    supervisions_overdue: int
    supervisions_due_soon: int


def _given(payload) -> dict:
    return payload.dict(exclude_unset=True)


# --- Controller details and summary ------------------------------------------------------------


@router.get("/controller-details", response=ControllerDetailsSchema)
def get_controller_details(request):
    """Art. 30(1)(a): the controller's contact details, representative and DPO."""
    need(request, Cap.RECORDS_VIEW)
    return selectors.controller_details(request.organisation)


@router.put("/controller-details", response={200: ControllerDetailsSchema, 400: Error})
def put_controller_details(request, payload: ControllerDetailsSchema):
    need(request, Cap.RECORDS_EDIT)
    return services.controller_details_update(
        actor=request.user, organisation=request.organisation, via="api", **payload.dict()
    )


@router.get("/privacy/summary", response=SummaryOut)
def privacy_summary(request):
    """The counts the dashboard shows: gaps in the record, agreements and supervision."""
    need(request, Cap.RECORDS_VIEW)
    return selectors.dashboard_cards(request.organisation)


# --- Processing activities ---------------------------------------------------------------------


def _activity(request, uuid) -> ProcessingActivity:
    return get_object_or_404(
        ProcessingActivity.objects.filter(organisation=request.organisation).prefetch_related(
            "systems", "processors"
        ),
        uuid=uuid,
    )


@router.get("/processing-activities", response=list[ActivityOut])
@paginate(PageNumberPagination, page_size=100)
def list_activities(request, q: str = "", status: str = "", legal_basis: str = ""):
    need(request, Cap.RECORDS_VIEW)
    params = {"q": q, "status": status, "legal_basis": legal_basis}
    return selectors.activity_list(request.organisation, params)


@router.get("/processing-activities/{uuid}", response={200: ActivityOut, 404: Error})
def get_activity(request, uuid: UUID):
    need(request, Cap.RECORDS_VIEW)
    return _activity(request, uuid)


@router.post("/processing-activities", response={201: ActivityOut, 400: Error})
def create_activity(request, payload: ActivityIn):
    need(request, Cap.RECORDS_EDIT)
    activity = services.processing_activity_create(
        request.user, request.organisation, via="api", **_given(payload)
    )
    return Status(201, _activity(request, activity.uuid))


@router.patch("/processing-activities/{uuid}", response={200: ActivityOut, 400: Error, 404: Error})
def update_activity(request, uuid: UUID, payload: ActivityIn):
    """Change the fields you send; lists (and systems, processors) replace the stored ones."""
    need(request, Cap.RECORDS_EDIT)
    activity = services.processing_activity_update(
        request.user, _activity(request, uuid), via="api", **_given(payload)
    )
    return _activity(request, activity.uuid)


@router.delete("/processing-activities/{uuid}", response={204: None, 404: Error})
def delete_activity(request, uuid: UUID):
    need(request, Cap.RECORDS_EDIT)
    services.processing_activity_delete(request.user, _activity(request, uuid), via="api")
    return Status(204, None)


# --- Processor agreements ----------------------------------------------------------------------


def _agreement(request, uuid) -> ProcessorAgreement:
    return get_object_or_404(
        ProcessorAgreement.objects.filter(organisation=request.organisation)
        .select_related("supplier")
        .prefetch_related("systems", "activities"),
        uuid=uuid,
    )


@router.get("/processor-agreements", response=list[AgreementOut])
@paginate(PageNumberPagination, page_size=100)
def list_agreements(request, q: str = "", status: str = ""):
    need(request, Cap.RECORDS_VIEW)
    return selectors.agreement_list(
        request.organisation, {"q": q, "status": status}
    ).prefetch_related("systems", "activities")


@router.get("/processor-agreements/{uuid}", response={200: AgreementOut, 404: Error})
def get_agreement(request, uuid: UUID):
    need(request, Cap.RECORDS_VIEW)
    return _agreement(request, uuid)


@router.post("/processor-agreements", response={201: AgreementOut, 400: Error})
def create_agreement(request, payload: AgreementIn):
    """A new agreement. Upload the document in the interface, or give `document_link`."""
    need(request, Cap.RECORDS_EDIT)
    agreement = services.processor_agreement_create(
        request.user, request.organisation, via="api", **_given(payload)
    )
    return Status(201, _agreement(request, agreement.uuid))


@router.patch("/processor-agreements/{uuid}", response={200: AgreementOut, 400: Error, 404: Error})
def update_agreement(request, uuid: UUID, payload: AgreementIn):
    need(request, Cap.RECORDS_EDIT)
    agreement = services.processor_agreement_update(
        request.user, _agreement(request, uuid), via="api", **_given(payload)
    )
    return _agreement(request, agreement.uuid)


@router.delete("/processor-agreements/{uuid}", response={204: None, 404: Error})
def delete_agreement(request, uuid: UUID):
    need(request, Cap.RECORDS_EDIT)
    services.processor_agreement_delete(request.user, _agreement(request, uuid), via="api")
    return Status(204, None)


@router.get("/processor-agreements/{uuid}/sub-processors", response=list[SubProcessorOut])
def list_sub_processors(request, uuid: UUID):
    need(request, Cap.RECORDS_VIEW)
    return _agreement(request, uuid).sub_processors.select_related("agreement")


@router.post(
    "/processor-agreements/{uuid}/sub-processors",
    response={201: SubProcessorOut, 400: Error, 404: Error},
)
def add_sub_processor(request, uuid: UUID, payload: SubProcessorIn):
    need(request, Cap.RECORDS_EDIT)
    sub = services.sub_processor_add(
        request.user, _agreement(request, uuid), via="api", **payload.dict()
    )
    return Status(201, sub)


@router.delete("/sub-processors/{uuid}", response={204: None, 404: Error})
def remove_sub_processor(request, uuid: UUID):
    need(request, Cap.RECORDS_EDIT)
    sub = get_object_or_404(
        SubProcessor.objects.filter(organisation=request.organisation).select_related("agreement"),
        uuid=uuid,
    )
    services.sub_processor_remove(request.user, sub, via="api")
    return Status(204, None)


# --- Supervision -------------------------------------------------------------------------------


def _supervision(request, uuid) -> Supervision:
    return get_object_or_404(
        Supervision.objects.filter(organisation=request.organisation).select_related("agreement"),
        uuid=uuid,
    )


@router.get("/supervisions", response=list[SupervisionOut])
@paginate(PageNumberPagination, page_size=100)
def list_supervisions(request, agreement: UUID | None = None):
    need(request, Cap.RECORDS_VIEW)
    records = Supervision.objects.filter(organisation=request.organisation).select_related(
        "agreement"
    )
    if agreement is not None:
        records = records.filter(agreement__uuid=agreement)
    return records


@router.get("/supervisions/{uuid}", response={200: SupervisionOut, 404: Error})
def get_supervision(request, uuid: UUID):
    need(request, Cap.RECORDS_VIEW)
    return _supervision(request, uuid)


@router.post(
    "/processor-agreements/{uuid}/supervisions",
    response={201: SupervisionOut, 400: Error, 404: Error},
)
def create_supervision(request, uuid: UUID, payload: SupervisionIn):
    """Record a supervision; the agreement's next due date follows from its interval."""
    need(request, Cap.RECORDS_EDIT)
    record = services.supervision_create(
        request.user, _agreement(request, uuid), via="api", **_given(payload)
    )
    return Status(201, record)


@router.patch("/supervisions/{uuid}", response={200: SupervisionOut, 400: Error, 404: Error})
def update_supervision(request, uuid: UUID, payload: SupervisionIn):
    need(request, Cap.RECORDS_EDIT)
    return services.supervision_update(
        request.user, _supervision(request, uuid), via="api", **_given(payload)
    )


@router.delete("/supervisions/{uuid}", response={204: None, 404: Error})
def delete_supervision(request, uuid: UUID):
    need(request, Cap.RECORDS_EDIT)
    services.supervision_delete(request.user, _supervision(request, uuid), via="api")
    return Status(204, None)
