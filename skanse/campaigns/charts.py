"""The campaign charts as Vega-Lite specifications. Each is drawn on the server as SVG
(`reporting.charts.svg`) for the page and for the PDF report alike; the page shows the same
figures in a table beside it for those who do not see the chart."""

from django.utils.translation import gettext as _

from skanse.reporting.charts import PALETTE
from skanse.reporting.charts import svg as svg  # re-exported for the views and reports

_ROW = 26  # pixels per category on a band axis


def _levels_axis(scale: dict, title: str) -> dict:
    low, high = scale.get("min", 1), scale.get("max", 5)
    return {
        "type": "quantitative",
        "scale": {"domain": [low, high], "nice": False},
        "axis": {"title": title, "tickMinStep": 1, "values": list(range(int(low), int(high) + 1))},
    }


def _legend(domain: list[str], colours: list[str]) -> dict:
    return {
        "scale": {"domain": domain, "range": colours},
        "legend": {"title": None, "orient": "bottom", "direction": "horizontal"},
    }


def comparison(results: list[dict], scale: dict, *, own: bool = True) -> dict:
    """Per section: the national interquartile range as a bar, the median as a tick, and (for
    a participant) its own level as a diamond. Suppressed figures are simply absent."""
    quartiles, median, yours = _("National quartiles"), _("National median"), _("You")
    rows = []
    for order, row in enumerate(results):
        label = row["section"].name_i18n if "section" in row else row["name"]
        national = row.get("national") or {}
        rows.append(
            {
                "order": order,
                "label": label,
                "q1": national.get("q1"),
                "q3": national.get("q3"),
                "median": national.get("median"),
                "own": row.get("own"),
            }
        )
    y = {"field": "label", "type": "nominal", "sort": {"field": "order"}, "title": None}
    x = _levels_axis(scale, _("Maturity level"))
    domain = [quartiles, median] + ([yours] if own else [])
    colours = ["#9cc3e6", "#0059b3", "#b35f00"][: len(domain)]
    layers = [
        {
            "mark": {"type": "bar", "height": 12},
            "transform": [{"filter": "datum.q1 != null"}],
            "encoding": {
                "y": y,
                "x": {**x, "field": "q1"},
                "x2": {"field": "q3"},
                "color": {"datum": quartiles, **_legend(domain, colours)},
            },
        },
        {
            "mark": {"type": "tick", "thickness": 3, "size": 18},
            "transform": [{"filter": "datum.median != null"}],
            "encoding": {"y": y, "x": {**x, "field": "median"}, "color": {"datum": median}},
        },
    ]
    if own:
        layers.append(
            {
                "mark": {"type": "point", "shape": "diamond", "filled": True, "size": 110},
                "transform": [{"filter": "datum.own != null"}],
                "encoding": {"y": y, "x": {**x, "field": "own"}, "color": {"datum": yours}},
            }
        )
    return {
        "width": 420,
        "height": {"step": _ROW},
        "data": {"values": rows},
        "layer": layers,
    }


def trend(trend_data: dict) -> dict:
    """The national median per section across the series, baseline first."""
    campaigns = trend_data["campaigns"]
    values = []
    for section, medians in trend_data["rows"]:
        for index, value in enumerate(medians):
            if value is not None:
                values.append(
                    {
                        "campaign": campaigns[index].name,
                        "step": index,
                        "section": section.name_i18n,
                        "median": value,
                    }
                )
    scale = campaigns[-1].questionnaire_version.scale if campaigns else {}
    return {
        "width": 460,
        "height": 260,
        "data": {"values": values},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {
                "field": "campaign",
                "type": "ordinal",
                "sort": {"field": "step"},
                "title": None,
                "axis": {"labelAngle": 0, "labelLimit": 140},
            },
            "y": {**_levels_axis(scale, _("National median")), "field": "median"},
            "color": {
                "field": "section",
                "type": "nominal",
                "title": None,
                "scale": {"range": [*PALETTE, "#4d4d4d", "#7a5c00", "#005a8c", "#8c0050"]},
                "legend": {"orient": "right", "labelLimit": 220},
            },
        },
    }


def attainment(objectives: list) -> dict:
    """Each objective's latest computed share against its target."""
    share, target = _("Share of organisations"), _("Target")
    values = []
    for order, objective in enumerate(objectives):
        latest = next((r for r in reversed(objective.results) if r["share"] is not None), None)
        values.append(
            {
                "order": order,
                # Objectives often share a long opening ("80 % … at level 3: Risk management"):
                # the chart names each by what differs.
                "objective": objective.name_i18n.split(": ", 1)[-1],
                "share": latest["share"] if latest else None,
                "target": objective.target_share,
            }
        )
    y = {"field": "objective", "type": "nominal", "sort": {"field": "order"}, "title": None}
    domain = [share, target]
    return {
        "width": 380,
        "height": {"step": _ROW},
        "data": {"values": values},
        "layer": [
            {
                "mark": {"type": "bar", "height": 14},
                "transform": [{"filter": "datum.share != null"}],
                "encoding": {
                    "y": y,
                    "x": {
                        "field": "share",
                        "type": "quantitative",
                        "scale": {"domain": [0, 1]},
                        "axis": {"format": "%", "title": None},
                    },
                    "color": {"datum": share, **_legend(domain, ["#0059b3", "#b35f00"])},
                },
            },
            {
                "mark": {"type": "tick", "thickness": 3, "size": 20},
                "encoding": {
                    "y": y,
                    "x": {"field": "target", "type": "quantitative"},
                    "color": {"datum": target},
                },
            },
        ],
    }


def timeline(milestones, tracks) -> dict:
    """The master timeline (hovedtidsplan): a row per track, a column per quarter, a mark per
    milestone — filled when done."""
    done, planned = _("Done"), _("Planned")
    values = [
        {
            "quarter": f"{m.year} Q{m.quarter}",
            "sort": m.year * 10 + m.quarter,
            "track": m.track.name_i18n,
            "milestone": m.name_i18n,
            "state": done if m.done else planned,
        }
        for m in milestones
    ]
    order = [t.name_i18n for t in tracks]
    return {
        "width": {"step": 64},
        "height": {"step": 40},
        "data": {"values": values},
        "mark": {"type": "point", "size": 160, "strokeWidth": 2},
        "encoding": {
            "x": {
                "field": "quarter",
                "type": "ordinal",
                "sort": {"field": "sort"},
                "title": None,
                "axis": {"labelAngle": -45},
            },
            "y": {"field": "track", "type": "nominal", "sort": order, "title": None},
            "shape": {"field": "state", "type": "nominal", "legend": None},
            "color": {
                "field": "state",
                "type": "nominal",
                "title": None,
                **_legend([done, planned], ["#008139", "#0059b3"]),
            },
            "fill": {
                "field": "state",
                "type": "nominal",
                "scale": {"domain": [done, planned], "range": ["#008139", "white"]},
                "legend": None,
            },
            "tooltip": [{"field": "milestone"}, {"field": "quarter"}],
        },
    }
