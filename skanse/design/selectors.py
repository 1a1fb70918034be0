"""Reads for Art. 25: the library's EDPB elements, systems by assessment status, gaps by
principle, open measures, the supplier's requirements and the national aggregate.

Status of a system (one SQL CASE, so counting and filtering 800 systems is one query):
- never: no completed assessment;
- overdue: the next re-assessment date has passed;
- due: the date is within DUE_SOON_DAYS, or a re-assessment was triggered (by hand; by an
  incident involving the system; by a processing activity that came to use the system), or
  since the last assessment the system was changed in the inventory;
- current: otherwise.

Privacy by default for the coordinator: a figure over fewer than CAMPAIGN_MIN_GROUP
municipalities is not shown, and no municipality is named.
"""

import datetime
import statistics

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from skanse.design.models import (
    EDPB_FRAMEWORK_URN,
    GAP_RESULTS,
    Assessment,
    DesignProfile,
    ElementAssessment,
    Response,
    Trigger,
)
from skanse.inventory.models import ITSystem
from skanse.library.models import FrameworkVersion, Requirement
from skanse.tenancy.models import Organisation

DUE_SOON_DAYS = 60


class Status(models.TextChoices):
    NEVER = "never", _("Never assessed")
    OVERDUE = "overdue", _("Overdue")
    DUE = "due", _("Re-assessment due")
    CURRENT = "current", _("Current")


def min_group() -> int:
    return settings.CAMPAIGN_MIN_GROUP


# --- The library ---------------------------------------------------------------------------


def edpb_version():
    """The latest published version of the EDPB elements in the library, or None."""
    return (
        FrameworkVersion.objects.filter(
            framework__urn=EDPB_FRAMEWORK_URN, status=FrameworkVersion.Status.PUBLISHED
        )
        .order_by("-published_at", "-id")
        .first()
    )


def edpb_elements(version):
    """The assessable elements (children of a principle), in tree order."""
    return Requirement.objects.filter(
        version=version, assessable=True, withdrawn=False, parent__isnull=False
    ).order_by("position")


def edpb_principles(version) -> list:
    if version is None:
        return []
    return list(
        Requirement.objects.filter(version=version, parent__isnull=True).order_by("position")
    )


# --- Systems by status ---------------------------------------------------------------------


def _status(profile: str, system: str, today=None) -> dict:
    """The annotations `changed_since`, `new_activity` and `status`, for a queryset whose
    schedule fields are under `profile` and whose system is `system` (paths, "" for self)."""
    today = today or timezone.localdate()
    last = f"{profile}last_assessed_at"
    changed = Q(**{f"{system}updated_at__gt": F(last)})
    return {
        "changed_since": Case(When(changed, then=Value(True)), default=Value(False)),
        "new_activity": Case(
            When(**{f"{profile}trigger": Trigger.NEW_ACTIVITY}, then=Value(True)),
            default=Value(False),
        ),
        "status": Case(
            When(**{f"{last}__isnull": True}, then=Value(Status.NEVER)),
            When(**{f"{profile}next_due_on__lt": today}, then=Value(Status.OVERDUE)),
            When(
                Q(**{f"{profile}triggered_at__isnull": False})
                | Q(**{f"{profile}next_due_on__lte": today + datetime.timedelta(DUE_SOON_DAYS)})
                | changed,
                then=Value(Status.DUE),
            ),
            default=Value(Status.CURRENT),
            output_field=models.CharField(),
        ),
    }


def _with_status(systems, today=None):
    return systems.annotate(**_status("design_profile__", "", today))


def system_list(organisation, *, status: str = "", q: str = ""):
    systems = _with_status(
        ITSystem.objects.filter(organisation=organisation).select_related(
            "supplier", "design_profile__current_assessment"
        )
    )
    if status:
        systems = systems.filter(status=status)
    if q:
        systems = systems.filter(Q(name__icontains=q) | Q(supplier__name__icontains=q))
    return systems.order_by("name", "id")


def _assessed_status_rows(profiles):
    """(organisation, status, n) of the systems that have been assessed: read from their
    schedules (few) rather than from every system (many)."""
    return (
        profiles.filter(last_assessed_at__isnull=False)
        .annotate(**_status("", "system__"))
        .values("organisation_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )


def status_counts(organisation) -> dict:
    """{status: number of systems} for every status (two queries)."""
    counts = dict.fromkeys(Status.values, 0)
    for row in _assessed_status_rows(DesignProfile.objects.filter(organisation=organisation)):
        counts[row["status"]] = row["n"]
    systems = ITSystem.objects.filter(organisation=organisation).count()
    counts[Status.NEVER] = systems - sum(counts.values())
    return counts


def system_get(organisation, system_uuid):
    return _with_status(
        ITSystem.objects.filter(organisation=organisation).select_related(
            "supplier", "design_profile__current_assessment"
        )
    ).get(uuid=system_uuid)


def assessments_of(system):
    return (
        Assessment.objects.filter(organisation=system.organisation, system=system)
        .select_related("assessor", "framework_version")
        .annotate(
            gaps=Count("elements", filter=Q(elements__result__in=GAP_RESULTS)),
            unanswered=Count("elements", filter=Q(elements__result="")),
        )
        .order_by("-assessed_on", "-id")
    )


def assessment_queryset(organisation):
    return Assessment.objects.filter(organisation=organisation).select_related(
        "system__supplier", "framework_version", "assessor"
    )


def assessment_rows(assessment):
    """The assessment's elements in tree order, with their principle, supplier and set."""
    return assessment.elements.select_related(
        "element", "principle", "supplier", "requirement_set"
    ).order_by("position")


def gap_queryset(organisation):
    return ElementAssessment.objects.filter(
        organisation=organisation, result__in=GAP_RESULTS
    ).select_related("assessment__system__supplier", "element", "principle")


# --- Gaps and measures ---------------------------------------------------------------------


def _current_rows(organisation=None):
    """Element rows of each system's latest completed assessment."""
    rows = ElementAssessment.objects.filter(current=True)
    return rows if organisation is None else rows.filter(organisation=organisation)


OPEN = Q(response__in=[Response.ORGANISATIONAL, Response.SYSTEM_CHANGE], done_on__isnull=True)


def _by_ref(rows, keys) -> dict:
    """Rows grouped by `principle_id` summed by the principle's reference (TR, LA, …), so
    assessments made against older versions of the elements count under the same principle."""
    rows = list(rows)
    refs = dict(
        Requirement.objects.filter(pk__in={row["principle_id"] for row in rows}).values_list(
            "pk", "ref_id"
        )
    )
    summed: dict = {}
    for row in rows:
        key = (row.get("organisation_id"), refs[row["principle_id"]])
        bucket = summed.setdefault(key, dict.fromkeys(keys, 0))
        for name in keys:
            bucket[name] += row[name]
    return summed


def gaps_by_principle(organisation) -> list[dict]:
    """Per principle of the library's latest version: gaps, open measures, accepted gaps."""
    keys = ("gaps", "open", "accepted", "undecided")
    counts = _by_ref(
        _current_rows(organisation)
        .filter(result__in=GAP_RESULTS)
        .values("principle_id")
        .annotate(
            gaps=Count("id"),
            open=Count("id", filter=OPEN),
            accepted=Count("id", filter=Q(response=Response.ACCEPTED)),
            undecided=Count("id", filter=Q(response="")),
        )
        .order_by(),
        keys,
    )
    empty = dict.fromkeys(keys, 0)
    return [
        {"principle": p, **counts.get((None, p.ref_id), empty)}
        for p in edpb_principles(edpb_version())
    ]


def open_measures(organisation):
    """Measures decided for gaps of current assessments and not done, soonest due first."""
    return (
        _current_rows(organisation)
        .filter(OPEN, result__in=GAP_RESULTS)
        .select_related("assessment__system", "element", "principle", "supplier")
        .order_by(F("due_on").asc(nulls_last=True), "id")
    )


def measure_list(organisation, *, state: str = "", kind: str = "", q: str = ""):
    """Measures (organisational, or changes to a system) decided for gaps of current
    assessments: open (default), `overdue`, `done` or `all`; soonest due first."""
    rows = _current_rows(organisation).filter(
        result__in=GAP_RESULTS, response__in=[Response.ORGANISATIONAL, Response.SYSTEM_CHANGE]
    )
    if state in ("", "open"):
        rows = rows.filter(done_on__isnull=True)
    elif state == "overdue":
        rows = rows.filter(done_on__isnull=True, due_on__lt=timezone.localdate())
    elif state == "done":
        rows = rows.filter(done_on__isnull=False)
    if kind:
        rows = rows.filter(response=kind)
    if q:
        rows = rows.filter(
            Q(assessment__system__name__icontains=q)
            | Q(measure__icontains=q)
            | Q(responsible__icontains=q)
            | Q(supplier__name__icontains=q)
        )
    return rows.select_related("assessment__system", "element", "principle", "supplier").order_by(
        F("due_on").asc(nulls_last=True), "assessment__system__name", "position"
    )


def supplier_requirements(organisation, supplier):
    """The requirements to `supplier` arising from gaps (changes to a system), by due date."""
    return (
        _current_rows(organisation)
        .filter(result__in=GAP_RESULTS, response=Response.SYSTEM_CHANGE, supplier=supplier)
        .select_related("assessment__system", "element", "principle", "requirement_set")
        .order_by(F("due_on").asc(nulls_last=True), "assessment__system__name", "position")
    )


def suppliers_with_requirements(organisation) -> list[dict]:
    rows = (
        _current_rows(organisation)
        .filter(result__in=GAP_RESULTS, response=Response.SYSTEM_CHANGE)
        .values("supplier__uuid", "supplier__name")
        .annotate(n=Count("id"), open=Count("id", filter=Q(done_on__isnull=True)))
        .order_by("supplier__name")
    )
    return list(rows)


def dashboard_cards(organisation) -> dict:
    """Figures for the organisation's dashboard (three queries): systems due and overdue for
    Art. 25 re-assessment, never assessed, and measures open (and past their due date)."""
    counts = status_counts(organisation)
    measures = (
        _current_rows(organisation)
        .filter(OPEN, result__in=GAP_RESULTS)
        .aggregate(
            open_measures=Count("id"),
            overdue_measures=Count("id", filter=Q(due_on__lt=timezone.localdate())),
        )
    )
    return {
        "design_due": counts[Status.DUE],
        "design_overdue": counts[Status.OVERDUE],
        "design_never_assessed": counts[Status.NEVER],
        **measures,
    }


# --- The coordinator's national view -------------------------------------------------------


def _spread(values: list[float]) -> dict | None:
    if len(values) < min_group():
        return None
    if len(values) == 1:  # a minimum group of one (set so in a test or a small installation)
        return {"n": 1, "q1": values[0], "median": values[0], "q3": values[0]}
    q1, median, q3 = statistics.quantiles(sorted(values), n=4, method="inclusive")
    return {"n": len(values), "q1": q1, "median": median, "q3": q3}


def _group(name, members, per_org, gaps_per_org, principles) -> dict:
    """One group of municipalities: totals and the spread of the share of current systems,
    or only the group's size when it has fewer than min_group() municipalities that assess."""
    assessing = [m for m in members if per_org.get(m.pk, {}).get("assessed", 0)]
    group = {"name": name, "municipalities": len(members), "assessing": len(assessing)}
    if len(assessing) < min_group():
        group["suppressed"] = True
        return group
    totals = dict.fromkeys(Status.values, 0)
    for member in assessing:
        for status in Status.values:
            totals[status] += per_org[member.pk].get(status, 0)
    shares = [
        100 * per_org[m.pk].get(Status.CURRENT, 0) / per_org[m.pk]["systems"] for m in assessing
    ]
    gap_totals = {p.ref_id: 0 for p in principles}
    open_total = 0
    for member in assessing:
        for ref, (gaps, opened) in gaps_per_org.get(member.pk, {}).items():
            gap_totals[ref] = gap_totals.get(ref, 0) + gaps
            open_total += opened
    group.update(
        suppressed=False,
        status=totals,
        current_share=_spread(shares),
        gaps=[{"principle": p, "gaps": gap_totals.get(p.ref_id, 0)} for p in principles],
        open_measures=open_total,
    )
    return group


def national_overview() -> dict:
    """Across all active municipalities, with small groups suppressed (four queries)."""
    with scopes_disabled():
        municipalities = list(
            Organisation.objects.filter(kind="municipality", is_active=True)
            .select_related("region")
            .order_by("name")
        )
        per_org: dict[int, dict] = {
            row["organisation_id"]: {"systems": row["n"]}
            for row in ITSystem.objects.filter(organisation__in=municipalities)
            .values("organisation_id")
            .annotate(n=Count("id"))
            .order_by()
        }
        for row in _assessed_status_rows(
            DesignProfile.objects.filter(organisation__in=municipalities)
        ):
            counts = per_org.setdefault(row["organisation_id"], {"systems": 0})
            counts[row["status"]] = row["n"]
            counts["assessed"] = counts.get("assessed", 0) + row["n"]
        for counts in per_org.values():
            counts[Status.NEVER] = counts["systems"] - counts.get("assessed", 0)
        gaps_per_org: dict[int, dict] = {}
        summed = _by_ref(
            _current_rows()
            .filter(result__in=GAP_RESULTS, organisation__in=municipalities)
            .values("organisation_id", "principle_id")
            .annotate(gaps=Count("id"), open=Count("id", filter=OPEN))
            .order_by(),
            ("gaps", "open"),
        )
        for (organisation_id, ref), row in summed.items():
            gaps_per_org.setdefault(organisation_id, {})[ref] = (row["gaps"], row["open"])
        principles = edpb_principles(edpb_version())
    regions: dict = {}
    for municipality in municipalities:
        if municipality.region_id:
            regions.setdefault(municipality.region, []).append(municipality)
    national = _group(_("All municipalities"), municipalities, per_org, gaps_per_org, principles)
    groups = [
        _group(region.name, members, per_org, gaps_per_org, principles)
        for region, members in sorted(regions.items(), key=lambda item: item[0].name)
    ]
    if not national["suppressed"]:
        _suppress_complement(national, groups)
    return {
        "min_group": min_group(),
        "national": national,
        "regions": groups,
        "principles": principles,
    }


def _suppress_complement(whole: dict, parts: list[dict]) -> None:
    """Secondary suppression: the whole minus the parts that are shown must not give away the
    figures of fewer than min_group() municipalities. While it would, the smallest part still
    shown is suppressed too."""
    shown = [part for part in parts if not part["suppressed"]]
    while shown:
        hidden = whole["assessing"] - sum(part["assessing"] for part in shown)
        if hidden == 0 or hidden >= min_group():
            return
        smallest = min(shown, key=lambda part: (part["assessing"], part["name"]))
        for key in ("status", "current_share", "gaps", "open_measures"):
            smallest.pop(key, None)
        smallest["suppressed"] = True
        smallest["complement"] = True
        shown.remove(smallest)
