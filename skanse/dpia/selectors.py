"""Reads for screenings and DPIAs, tenant first, with what each page needs prefetched."""

import datetime

from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from skanse.auditlog.selectors import object_history
from skanse.core.models import AuditEvent
from skanse.dpia import criteria as k
from skanse.dpia.models import Dpia, DpiaAssignment, DpiaRisk, DpiaVersion, Screening
from skanse.inventory.models import ITSystem, YesNoDontKnow
from skanse.library.models import FrameworkVersion, Requirement
from skanse.tenancy.roles import Cap

DUE_SOON_DAYS = 60


def today() -> datetime.date:
    return timezone.localdate()


def screening_list(organisation):
    return Screening.objects.filter(organisation=organisation).select_related("activity", "system")


def screening_for_page(organisation):
    return screening_list(organisation).prefetch_related(
        Prefetch("dpias", queryset=Dpia.objects.only("id", "uuid", "title", "screening_id"))
    )


def _latest_versions():
    return Prefetch(
        "versions",
        queryset=DpiaVersion.objects.only(
            "id", "uuid", "dpia_id", "number", "status", "approved_on"
        ).order_by("-number"),
        to_attr="version_rows",
    )


def dpia_list(organisation, params=None):
    """The organisation's DPIAs with their versions (newest first) for the status column."""
    params = params or {}
    dpias = (
        Dpia.objects.filter(organisation=organisation)
        .select_related("activity", "system")
        .prefetch_related(_latest_versions())
    )
    query = (params.get("q") or "").strip()[:100]
    if query:
        dpias = dpias.filter(Q(title__icontains=query) | Q(activity__name__icontains=query))
    if params.get("status") in k.Status.values:
        dpias = dpias.filter(versions__status=params["status"]).distinct()
    return dpias


def dpia_for_page(organisation):
    return Dpia.objects.filter(organisation=organisation).select_related(
        "activity", "system", "screening"
    )


def version_for_page(dpia, number=None) -> DpiaVersion:
    """One version of `dpia` (the newest when `number` is None) with risks and assignments."""
    versions = (
        DpiaVersion.objects.filter(organisation=dpia.organisation, dpia=dpia)
        .prefetch_related(
            Prefetch("risks", queryset=DpiaRisk.objects.order_by("id")),
            Prefetch("assignments", queryset=DpiaAssignment.objects.select_related("assignee")),
        )
        .order_by("-number")
    )
    if number is not None:
        versions = versions.filter(number=number)
    return versions.first()


def may_edit(user, capabilities, version, section=None, assignments=None, any_status=False) -> bool:
    """May `user` change `section` of `version`? Those who keep the registers change every
    part; a colleague only the section assigned to them (`section` None: a part that is not
    assigned, such as the matrix). `assignments` (the version's, when the page has them)
    saves a query. Nobody changes a frozen version (`any_status`: the person's right alone)."""
    if not version.editable and not any_status:
        return False
    if Cap.RECORDS_EDIT in capabilities:
        return True
    if section is None or Cap.RECORDS_VIEW not in capabilities:
        return False
    if assignments is not None:
        return any(a.section == section and a.assignee_id == user.pk for a in assignments)
    return DpiaAssignment.objects.filter(
        organisation=version.organisation, version=version, section=section, assignee=user
    ).exists()


def criteria_in_library() -> dict:
    """The WP248 criteria in the library's newest published catalogue, by URN: the page
    shows their description and links to them. One query; empty when it is not loaded."""
    latest = (
        FrameworkVersion.objects.filter(framework__urn=k.WP248, status="published")
        .order_by("-created_at")
        .values("id")[:1]
    )
    urns = [urn for _code, _label, urn in k.CRITERIA]
    return {r.urn: r for r in Requirement.objects.filter(version_id__in=latest, urn__in=urns)}


def wp248_catalogue():
    return (
        FrameworkVersion.objects.filter(framework__urn=k.WP248, status="published")
        .order_by("-created_at")
        .only("id", "uuid")
        .first()
    )


def versions_of(dpia):
    return list(
        DpiaVersion.objects.filter(organisation=dpia.organisation, dpia=dpia)
        .only("id", "uuid", "number", "status", "approved_on", "approved_by_name", "dpia_id")
        .order_by("-number")
    )


def history(organisation, dpia, limit=50):
    """The DPIA's events with those of its versions, risks and assignments."""
    version_ids = DpiaVersion.objects.filter(organisation=organisation, dpia=dpia)
    uuids = [dpia.uuid]
    uuids += list(version_ids.values_list("uuid", flat=True))
    uuids += list(
        DpiaRisk.objects.filter(organisation=organisation, version__dpia=dpia).values_list(
            "uuid", flat=True
        )
    )
    uuids += list(
        DpiaAssignment.objects.filter(organisation=organisation, version__dpia=dpia).values_list(
            "uuid", flat=True
        )
    )
    return list(
        AuditEvent.objects.filter(organisation=organisation, object_uuid__in=uuids)
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )


def screening_history(organisation, screening, limit=50):
    return list(object_history(organisation, screening.uuid)[:limit])


def matrix(version, risks) -> list[dict]:
    """Cells of the likelihood × severity matrix with the risks in each, before and after."""
    cells = []
    for likelihood in range(version.likelihood_levels, 0, -1):
        for severity in range(1, version.severity_levels + 1):
            score = likelihood * severity
            cells.append(
                {
                    "likelihood": likelihood,
                    "severity": severity,
                    "score": score,
                    "high": score >= version.high_from,
                    "before": [
                        n
                        for n, r in enumerate(risks, 1)
                        if (r.likelihood, r.severity) == (likelihood, severity)
                    ],
                    "after": [
                        n
                        for n, r in enumerate(risks, 1)
                        if (r.residual_likelihood, r.residual_severity) == (likelihood, severity)
                    ],
                }
            )
    return cells


def matrix_rows(version, risks) -> list[list[dict]]:
    cells = matrix(version, risks)
    width = version.severity_levels
    return [cells[i : i + width] for i in range(0, len(cells), width)]


# --- Dashboard ---------------------------------------------------------------------------------


def due_for_reassessment(organisation, on=None):
    on = on or today()
    return Dpia.objects.filter(
        organisation=organisation,
        reassess_on__lte=on + datetime.timedelta(days=DUE_SOON_DAYS),
    ).order_by("reassess_on")


def screenings_without_dpia(organisation):
    """Screenings that say a DPIA is required, where no DPIA exists for the screening or for
    the activity (or system) it screened."""
    dpias = Dpia.objects.filter(organisation=organisation)
    return (
        Screening.objects.filter(organisation=organisation, outcome=k.Outcome.REQUIRED)
        .exclude(Exists(dpias.filter(screening=OuterRef("pk"))))
        .exclude(Q(activity__isnull=False) & Exists(dpias.filter(activity=OuterRef("activity"))))
        .exclude(Q(system__isnull=False) & Exists(dpias.filter(system=OuterRef("system"))))
        .select_related("activity", "system")
    )


def awaiting_approval(organisation):
    return DpiaVersion.objects.filter(
        organisation=organisation, status=k.Status.SUBMITTED
    ).select_related("dpia")


def prior_consultation_pending(organisation):
    """Approved versions where a risk stays high after the measures (Art. 36) and no
    consultation of Datatilsynet is recorded."""
    high = DpiaRisk.objects.alias(
        residual=F("residual_likelihood") * F("residual_severity")
    ).filter(version=OuterRef("pk"), residual__gte=OuterRef("high_from"))
    return DpiaVersion.objects.filter(
        Exists(high),
        organisation=organisation,
        status=k.Status.APPROVED,
        prior_consultation_on__isnull=True,
    ).select_related("dpia")


def reassessment_state(dpia, on=None) -> str:
    """ "overdue", "due" (within DUE_SOON_DAYS) or "" for the list and the page."""
    if dpia.reassess_on is None:
        return ""
    on = on or today()
    if dpia.reassess_on < on:
        return "overdue"
    if dpia.reassess_on <= on + datetime.timedelta(days=DUE_SOON_DAYS):
        return "due"
    return ""


def assigned_to(user, organisation) -> list[dict]:
    """Sections of editable DPIA versions assigned to `user` ({"title", "url", "due"})."""
    rows = (
        DpiaAssignment.objects.filter(
            organisation=organisation, assignee=user, version__status__in=k.EDITABLE
        )
        .select_related("version__dpia")
        .order_by("due_on", "id")
    )
    return [
        {
            "title": f"{a.version.dpia.title}: {a.get_section_display()}",
            "url": reverse("dpia_detail", args=[organisation.slug, a.version.dpia.uuid])
            + f"#section-{a.section}",
            "due": a.due_on,
        }
        for a in rows
    ]


def dashboard_cards(organisation) -> list[dict]:
    """Cards for the dashboard, in the commons' shape: {"title", "count", "text", "url_name"}
    (the URL takes org=). Four queries; a card only when there is something to do."""
    due = due_for_reassessment(organisation).count()
    missing = screenings_without_dpia(organisation).count()
    waiting = awaiting_approval(organisation).count()
    pending = prior_consultation_pending(organisation).count()
    cards = []
    if due:
        cards.append(
            {
                "key": "reassessment_due",
                "title": _("DPIAs to re-assess"),
                "count": due,
                "text": ngettext(
                    "%(n)d DPIA is due for re-assessment within %(days)d days or overdue.",
                    "%(n)d DPIAs are due for re-assessment within %(days)d days or overdue.",
                    due,
                )
                % {"n": due, "days": DUE_SOON_DAYS},
                "url_name": "dpia_list",
            }
        )
    if missing:
        cards.append(
            {
                "key": "dpia_missing",
                "title": _("DPIAs missing"),
                "count": missing,
                "text": ngettext(
                    "%(n)d screening says a DPIA is required, but there is none.",
                    "%(n)d screenings say a DPIA is required, but there is none.",
                    missing,
                )
                % {"n": missing},
                "url_name": "dpia_list",
            }
        )
    if waiting:
        cards.append(
            {
                "key": "awaiting_approval",
                "title": _("DPIAs awaiting approval"),
                "count": waiting,
                "text": ngettext(
                    "%(n)d DPIA awaits management's approval.",
                    "%(n)d DPIAs await management's approval.",
                    waiting,
                )
                % {"n": waiting},
                "url_name": "dpia_list",
            }
        )
    if pending:
        cards.append(
            {
                "key": "prior_consultation",
                "title": _("Prior consultation of Datatilsynet"),
                "count": pending,
                "text": ngettext(
                    "%(n)d approved DPIA leaves a high risk, and Datatilsynet's consultation "
                    "(Art. 36) is not recorded.",
                    "%(n)d approved DPIAs leave a high risk, and Datatilsynet's consultation "
                    "(Art. 36) is not recorded.",
                    pending,
                )
                % {"n": pending},
                "url_name": "dpia_list",
            }
        )
    return cards


def sensitive_systems_without_dpia(organisation) -> int:
    """IT systems with sensitive or criminal-offence data that no DPIA covers: none of the
    system itself, none of a processing activity on it, and KITOS does not say one was made."""
    return (
        ITSystem.objects.filter(organisation=organisation)
        .filter(Q(has_sensitive_data=True) | Q(has_criminal_data=True))
        .exclude(dpia=YesNoDontKnow.YES)
        .exclude(Exists(Dpia.objects.filter(system=OuterRef("pk"))))
        .exclude(
            Exists(Dpia.objects.filter(activity__systems=OuterRef("pk"), organisation=organisation))
        )
        .count()
    )
