"""API: the breach log (GDPR Art. 33(5)). Read with `records.view`, write with `records.edit`.

Breaches are not deleted: every breach stays documented. Systems, processors, processing
activities and processor agreements are named by their UUIDs; pick lists by their codes
(docs/breaches.md).
"""

from datetime import datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from skanse.api.base import Error, need
from skanse.breaches import deadline, selectors, services
from skanse.tenancy.roles import Cap

router = Router(tags=["personal data breaches"])


class BreachIn(Schema):
    reference: str | None = None
    title: str | None = None
    status: str | None = None
    occurred_at: datetime | None = None
    aware_at: datetime | None = None
    description: str | None = None
    kinds: list[str] | None = None
    subject_categories: list[str] | None = None
    subjects_count: int | None = None
    data_categories: list[str] | None = None
    records_count: int | None = None
    systems: list[UUID] | None = None
    processors: list[UUID] | None = None
    activities: list[UUID] | None = None
    agreements: list[UUID] | None = None
    consequences: str | None = None
    measures: str | None = None
    risk: str | None = None
    risk_reasoning: str | None = None
    authority_notified_at: datetime | None = None
    authority_reference: str | None = None
    delay_reason: str | None = None
    subjects_notified_at: datetime | None = None
    subjects_notice: str | None = None


class BreachOut(Schema):
    uuid: UUID
    reference: str
    title: str
    status: str
    occurred_at: datetime
    aware_at: datetime
    deadline: datetime
    clock: str
    clock_text: str
    description: str
    kinds: list[str]
    subject_categories: list[str]
    subjects_count: int | None
    data_categories: list[str]
    records_count: int | None
    systems: list[UUID]
    processors: list[UUID]
    activities: list[UUID]
    agreements: list[UUID]
    consequences: str
    measures: str
    risk: str
    risk_reasoning: str
    authority_notified_at: datetime | None
    authority_reference: str
    delay_reason: str
    subjects_notified_at: datetime | None
    subjects_notice: str
    updated_at: datetime

    @staticmethod
    def resolve_deadline(obj):
        return deadline.deadline(obj)

    @staticmethod
    def resolve_clock(obj):
        return deadline.clock(obj).state

    @staticmethod
    def resolve_clock_text(obj):
        return deadline.clock(obj).words

    @staticmethod
    def resolve_systems(obj):
        return [o.uuid for o in obj.systems.all()]

    @staticmethod
    def resolve_processors(obj):
        return [o.uuid for o in obj.processors.all()]

    @staticmethod
    def resolve_activities(obj):
        return [o.uuid for o in obj.activities.all()]

    @staticmethod
    def resolve_agreements(obj):
        return [o.uuid for o in obj.agreements.all()]


def _breach(request, uuid):
    return get_object_or_404(selectors.breach_for_page(request.organisation), uuid=uuid)


@router.get("/breaches", response=list[BreachOut])
@paginate(PageNumberPagination, page_size=100)
def list_breaches(request, q: str = "", status: str = "", risk: str = ""):
    """The breach log, newest awareness first; `clock` says where the 72 hours stand."""
    need(request, Cap.RECORDS_VIEW)
    params = {"q": q, "status": status, "risk": risk}
    return selectors.breach_list(request.organisation, params).prefetch_related(
        "systems", "processors", "activities", "agreements"
    )


@router.get("/breaches/{uuid}", response={200: BreachOut, 404: Error})
def get_breach(request, uuid: UUID):
    need(request, Cap.RECORDS_VIEW)
    return _breach(request, uuid)


@router.post("/breaches", response={201: BreachOut, 400: Error})
def create_breach(request, payload: BreachIn):
    """Register a breach; the DPO and the security officer are alerted by email."""
    need(request, Cap.RECORDS_EDIT)
    breach = services.breach_create(
        request.user, request.organisation, via="api", **payload.dict(exclude_unset=True)
    )
    return Status(201, _breach(request, breach.uuid))


@router.patch("/breaches/{uuid}", response={200: BreachOut, 400: Error, 404: Error})
def update_breach(request, uuid: UUID, payload: BreachIn):
    """Change the fields you send; lists replace the stored ones."""
    need(request, Cap.RECORDS_EDIT)
    breach = services.breach_update(
        request.user, _breach(request, uuid), via="api", **payload.dict(exclude_unset=True)
    )
    return _breach(request, breach.uuid)
