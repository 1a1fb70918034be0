"""The campaign reports, made in the worker (see skanse.reporting): a participant's own report
and the national report to the government. Both apply the page rules — small groups are
suppressed; the national report names no organisation at all."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled

from skanse.campaigns import charts, selectors
from skanse.campaigns import objectives as objectives_module
from skanse.campaigns.models import Campaign, Objective, Response
from skanse.reporting.pdf import render_pdf
from skanse.reporting.registry import ReportKind, register
from skanse.tenancy.roles import Cap

MUNICIPALITY = "campaigns.response"
NATIONAL = "campaigns.national"


def build_municipality(report, progress) -> tuple[bytes, str]:
    progress(10, _("Reading the answers"))
    response = Response.objects.select_related(
        "organisation", "campaign__questionnaire_version", "campaign__previous"
    ).get(uuid=report.subject_uuid, organisation=report.organisation)
    campaign = response.campaign
    scale = campaign.questionnaire_version.scale
    results = selectors.own_results(response)
    tracks = selectors.track_results(campaign, organisation=response.organisation)
    progress(50, _("Drawing the charts"))
    chart = charts.svg(
        charts.comparison(results, scale), title=_("Your maturity by section, compared")
    )
    track_chart = charts.svg(
        charts.comparison(tracks, scale), title=_("Your maturity by track, compared")
    )
    progress(70, _("Writing the PDF"))
    context = {
        "response": response,
        "campaign": campaign,
        "organisation": response.organisation,
        "results": results,
        "tracks": tracks,
        "improved": [r for r in results if r["change"] is not None and r["change"] > 0],
        "fell_back": [r for r in results if r["change"] is not None and r["change"] < 0],
        "scale": scale,
        "chart": chart,
        "track_chart": track_chart,
        "min_group": selectors.min_group(),
        "made_at": timezone.now(),
    }
    content = render_pdf("campaigns/report_municipality.pdf.html", context)
    name = f"{response.organisation.slug}-{campaign.uuid.hex[:8]}-{report.language}.pdf"
    return content, name


def build_national(report, progress) -> tuple[bytes, str]:
    progress(5, _("Reading participation"))
    with scopes_disabled():
        campaign = Campaign.objects.select_related(
            "questionnaire_version", "previous", "programme"
        ).get(uuid=report.subject_uuid)
        rows, counts, total = selectors.participation(campaign)
        progress(20, _("Computing the results"))
        scale = campaign.questionnaire_version.scale
        results = selectors.campaign_results(campaign)
        tracks = selectors.track_results(campaign)
        progress(40, _("Computing the trend"))
        trend = selectors.campaign_trend(campaign)
        progress(55, _("Computing the objectives"))
        objectives = list(
            Objective.objects.filter(due_campaign__isnull=False)
            .select_related("track", "due_campaign__questionnaire_version")
            .order_by("track__order", "name")
        )
        chain = {c.pk for c in objectives_module.series(campaign)}
        objectives = [o for o in objectives if o.due_campaign_id in chain or _follows(o, campaign)]
        for objective in objectives:
            objective.results = objectives_module.attainment(objective)
        regions = _participation_by_region(rows)
    progress(70, _("Drawing the charts"))
    context = {
        "campaign": campaign,
        "counts": counts,
        "participants": len(rows),
        "submitted_share": counts["submitted"] / len(rows) if rows else 0,
        "regions": regions,
        "total_questions": total,
        "results": results,
        "tracks": tracks,
        "trend": trend,
        "objectives": objectives,
        "scale": scale,
        "chart": charts.svg(
            charts.comparison(results, scale, own=False),
            title=_("National maturity by section"),
        ),
        "track_chart": charts.svg(
            charts.comparison(tracks, scale, own=False), title=_("National maturity by track")
        ),
        "trend_chart": (
            charts.svg(charts.trend(trend), title=_("Trend since the baseline"))
            if len(trend["campaigns"]) > 1
            else None
        ),
        "objective_chart": (
            charts.svg(charts.attainment(objectives), title=_("Objective attainment"))
            if objectives
            else None
        ),
        "min_group": selectors.min_group(),
        "made_at": timezone.now(),
    }
    progress(85, _("Writing the PDF"))
    content = render_pdf("campaigns/report_national.pdf.html", context)
    return content, f"national-{campaign.uuid.hex[:8]}-{report.language}.pdf"


def _follows(objective, campaign) -> bool:
    """An objective due by a later campaign of this series still shows its attainment so far."""
    return any(c.pk == campaign.pk for c in objectives_module.series(objective.due_campaign))


def _participation_by_region(rows) -> list[dict]:
    regions: dict[str, dict] = {}
    for row in rows:
        region = row.organisation.region.name if row.organisation.region_id else _("No region")
        entry = regions.setdefault(region, {"name": region, "total": 0, "submitted": 0})
        entry["total"] += 1
        entry["submitted"] += row.status == Response.Status.SUBMITTED
    return sorted(regions.values(), key=lambda r: r["name"])


def register_kinds() -> None:
    register(
        ReportKind(
            MUNICIPALITY,
            gettext_lazy("Campaign report for the organisation"),
            Cap.RESPONSES_VIEW,
            build_municipality,
        )
    )
    register(
        ReportKind(
            NATIONAL,
            gettext_lazy("National campaign report"),
            Cap.CAMPAIGNS_VIEW,
            build_national,
        )
    )
