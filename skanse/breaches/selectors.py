"""Reads for the breach log; tenant first."""

from django.db.models import Q
from django.utils import timezone

from skanse.auditlog.selectors import object_history
from skanse.breaches import deadline
from skanse.breaches.models import Breach, Risk, Status
from skanse.privacy.models import ControllerDetails

# The filters the list accepts (anything else is ignored: no unbounded parameters).
FILTERS = ("q", "status", "risk")
RISK_FILTERS = {
    "unassessed": Risk.UNASSESSED,
    "none": Risk.NONE,
    "risk": Risk.RISK,
    "high": Risk.HIGH,
}


def breach_list(organisation, params=None):
    """The organisation's breaches, newest awareness first, filtered."""
    params = params or {}
    breaches = Breach.objects.filter(organisation=organisation)
    if params.get("q"):
        q = params["q"]
        breaches = breaches.filter(
            Q(title__icontains=q) | Q(reference__icontains=q) | Q(description__icontains=q)
        )
    if params.get("status") in Status.values:
        breaches = breaches.filter(status=params["status"])
    if params.get("risk") in RISK_FILTERS:
        breaches = breaches.filter(risk=RISK_FILTERS[params["risk"]])
    return breaches.order_by("-aware_at", "-id")


def breach_for_page(organisation):
    """The queryset the detail and export pages read one breach from, links prefetched."""
    return Breach.objects.filter(organisation=organisation).prefetch_related(
        "systems",
        "activities",
        "agreements",
        "processors",
    )


def breach_log(organisation):
    """Every breach with its links, for the exports (a fixed number of queries)."""
    return list(breach_for_page(organisation).order_by("-aware_at", "-id"))


def controller_details(organisation) -> ControllerDetails | None:
    return ControllerDetails.objects.filter(organisation=organisation).first()


def history(organisation, breach, limit=50):
    return list(object_history(organisation, breach.uuid)[:limit])


def awaiting_notification(organisation):
    """Open breaches that may have to be notified and are not yet: the clock is running."""
    return (
        Breach.objects.filter(
            organisation=organisation, status=Status.OPEN, authority_notified_at__isnull=True
        )
        .exclude(risk=Risk.NONE)
        .order_by("aware_at", "id")
    )


def dashboard_cards(organisation, now=None) -> dict:
    """The dashboard's breach cards in two queries: the open breaches awaiting notification
    with the time left on each (soonest first), and how many of them are overdue."""
    now = now or timezone.now()
    waiting = list(
        awaiting_notification(organisation).only(
            "uuid", "reference", "title", "aware_at", "status", "risk", "authority_notified_at"
        )
    )
    clocks = [(breach, deadline.clock(breach, now)) for breach in waiting]
    return {
        "open": Breach.objects.filter(organisation=organisation, status=Status.OPEN).count(),
        "awaiting": clocks,
        "overdue": sum(1 for _breach, c in clocks if c.state == "overdue"),
        "due_soon": sum(1 for _breach, c in clocks if c.state == "due_soon"),
    }
