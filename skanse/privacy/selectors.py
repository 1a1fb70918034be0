"""Reads for the records of processing, processor agreements and supervision; tenant first."""

import datetime

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.utils import timezone

from skanse.auditlog.selectors import object_history
from skanse.core.models import AuditEvent
from skanse.inventory.models import ITSystem, Supplier
from skanse.privacy import choices as c
from skanse.privacy.models import (
    ControllerDetails,
    ProcessingActivity,
    ProcessorAgreement,
    Supervision,
)

DUE_SOON_DAYS = 60

# The filters the activity list accepts (anything else is ignored: no unbounded parameters).
ACTIVITY_FILTERS = ("q", "status", "role", "legal_basis", "data_category", "problem")
PROBLEMS = ("no_legal_basis", "no_erasure", "information_duty", "third_country")


def today() -> datetime.date:
    return timezone.localdate()


def controller_details(organisation) -> ControllerDetails:
    """The organisation's Art. 30(1)(a) details (unsaved and empty when none are stored)."""
    details = ControllerDetails.objects.filter(organisation=organisation).first()
    return details or ControllerDetails(organisation=organisation)


def activity_list(organisation, params=None):
    """The organisation's processing activities, filtered; systems and processors prefetched."""
    params = params or {}
    activities = ProcessingActivity.objects.filter(organisation=organisation).prefetch_related(
        Prefetch("systems", queryset=ITSystem.objects.only("id", "uuid", "name")),
        Prefetch("processors", queryset=Supplier.objects.only("id", "uuid", "name")),
    )
    query = (params.get("q") or "").strip()[:100]
    if query:
        activities = activities.filter(
            Q(name__icontains=query)
            | Q(reference__icontains=query)
            | Q(purposes__icontains=query)
            | Q(responsible_unit__icontains=query)
        )
    if params.get("status") in c.ActivityStatus.values:
        activities = activities.filter(status=params["status"])
    if params.get("role") in c.Role.values:
        activities = activities.filter(role=params["role"])
    # JSON lists are filtered in Python-free SQL with a text match on the quoted code, which
    # works the same on SQLite and PostgreSQL ("…" cannot occur inside another code).
    if params.get("legal_basis") in c.codes(c.LEGAL_BASES):
        activities = activities.filter(legal_bases__icontains=f'"{params["legal_basis"]}"')
    if params.get("data_category") in c.codes(c.DATA_CATEGORIES):
        activities = activities.filter(data_categories__icontains=f'"{params["data_category"]}"')
    problem = params.get("problem")
    if problem == "no_legal_basis":
        activities = activities.filter(legal_bases=[])
    elif problem == "no_erasure":
        activities = activities.filter(erasure="")
    elif problem == "information_duty":
        activities = activities.exclude(information_duty__in=["met", "exempt"])
    elif problem == "third_country":
        activities = activities.filter(third_country_transfer=True)
    return activities


def activity_for_page(organisation):
    return ProcessingActivity.objects.filter(organisation=organisation).prefetch_related(
        "systems", "processors", "agreements"
    )


def history(organisation, obj, limit=50):
    return list(object_history(organisation, obj.uuid)[:limit])


def agreement_history(organisation, agreement, limit=50):
    """The agreement's events with those of its current sub-processors and supervisions
    (the events of removed ones stay in the organisation's audit trail)."""
    uuids = [agreement.uuid]
    uuids += [s.uuid for s in agreement.sub_processors.all()]
    uuids += [r.uuid for r in agreement.supervisions.all()]
    return list(
        AuditEvent.objects.filter(organisation=organisation, object_uuid__in=uuids)
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )


def agreement_list(organisation, params=None):
    params = params or {}
    agreements = (
        ProcessorAgreement.objects.filter(organisation=organisation)
        .select_related("supplier")
        .annotate(system_count=Count("systems", distinct=True))
        .order_by("name", "id")
    )
    query = (params.get("q") or "").strip()[:100]
    if query:
        agreements = agreements.filter(
            Q(name__icontains=query) | Q(supplier__name__icontains=query)
        )
    if params.get("status") in c.AgreementStatus.values:
        agreements = agreements.filter(status=params["status"])
    return agreements


def agreement_for_page(organisation):
    return (
        ProcessorAgreement.objects.filter(organisation=organisation)
        .select_related("supplier")
        .prefetch_related("systems", "activities", "sub_processors", "supervisions")
    )


def supervision_overview(organisation):
    """Agreements with a supervision plan or a concluded status, most urgent first."""
    return (
        ProcessorAgreement.objects.filter(organisation=organisation)
        .exclude(status=c.AgreementStatus.NOT_RELEVANT)
        .select_related("supplier")
        .annotate(
            supervision_count=Count("supervisions"),
            has_open_follow_up=Exists(
                Supervision.objects.filter(agreement=OuterRef("pk"), follow_up_done=False).exclude(
                    follow_up=""
                )
            ),
        )
        .prefetch_related(
            Prefetch(
                "supervisions",
                queryset=Supervision.objects.order_by("-performed_on"),
                to_attr="supervision_rows",
            )
        )
        .order_by(F("next_supervision_on").asc(nulls_last=True), "name", "id")
    )


def supervision_state(agreement, on=None) -> str:
    """ "overdue", "due_soon", "planned" or "unplanned" for an agreement's next supervision."""
    on = on or today()
    if agreement.next_supervision_on is None:
        return "unplanned"
    if agreement.next_supervision_on < on:
        return "overdue"
    if agreement.next_supervision_on <= on + datetime.timedelta(days=DUE_SOON_DAYS):
        return "due_soon"
    return "planned"


def systems_without_agreement(organisation):
    """Systems with personal data and a supplier, where no concluded agreement with that
    supplier exists (Art. 28(3): processing by a processor is governed by a contract)."""
    concluded = ProcessorAgreement.objects.filter(
        organisation=organisation,
        supplier=OuterRef("supplier"),
        status=c.AgreementStatus.CONCLUDED,
    )
    return (
        ITSystem.objects.filter(
            organisation=organisation, has_personal_data=True, supplier__isnull=False
        )
        .exclude(Exists(concluded))
        .select_related("supplier")
    )


def dashboard_cards(organisation) -> dict:
    """Counts for the organisation's dashboard (a fixed number of queries)."""
    on = today()
    soon = on + datetime.timedelta(days=DUE_SOON_DAYS)
    activities = ProcessingActivity.objects.filter(organisation=organisation).exclude(
        status=c.ActivityStatus.ENDED
    )
    agreements = ProcessorAgreement.objects.filter(organisation=organisation).exclude(
        status=c.AgreementStatus.NOT_RELEVANT
    )
    counts = agreements.aggregate(
        overdue=Count("id", filter=Q(next_supervision_on__lt=on)),
        due_soon=Count("id", filter=Q(next_supervision_on__gte=on, next_supervision_on__lte=soon)),
    )
    return {
        "activities": activities.count(),
        "activities_without_legal_basis": activities.filter(legal_bases=[]).count(),
        "systems_without_agreement": systems_without_agreement(organisation).count(),
        "supervisions_overdue": counts["overdue"],
        "supervisions_due_soon": counts["due_soon"],
    }
