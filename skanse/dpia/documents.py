"""What the DPIA page and its PDF show: one context for both, the matrix chart, the PDF."""

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from skanse.dpia import criteria as k
from skanse.dpia import selectors, services
from skanse.reporting import charts
from skanse.reporting.pdf import render_pdf


def version_context(dpia, version) -> dict:
    risks = list(version.risks.all())
    high = services.high_residual(version, risks)
    return {
        "dpia": dpia,
        "version": version,
        "risks": risks,
        "description": [(label, getattr(version, name)) for name, label in k.DESCRIPTION],
        "necessity": [(label, getattr(version, name)) for name, label in k.PRINCIPLES],
        "matrix": selectors.matrix_rows(version, risks),
        "severities": list(range(1, version.severity_levels + 1)),
        "high_residual": high,
        "prior_consultation_needed": bool(high),
        "assignments": list(version.assignments.all()),
    }


def matrix_chart(version, risks) -> str:
    """A heat map of the matrix with the number of risks in each cell after the measures."""
    values = [
        {
            "likelihood": cell["likelihood"],
            "severity": cell["severity"],
            "level": _("High") if cell["high"] else _("Lower"),
            "risks": ", ".join(str(n) for n in cell["after"]),
        }
        for cell in selectors.matrix(version, risks)
    ]
    spec = {
        "data": {"values": values},
        "width": 45 * version.severity_levels,
        "height": 45 * version.likelihood_levels,
        "encoding": {
            "x": {"field": "severity", "type": "ordinal", "title": _("Severity")},
            "y": {
                "field": "likelihood",
                "type": "ordinal",
                "title": _("Likelihood"),
                "sort": "descending",
            },
        },
        "layer": [
            {
                "mark": "rect",
                "encoding": {
                    "color": {
                        "field": "level",
                        "type": "nominal",
                        "title": _("Risk"),
                        "scale": {"range": ["#c5003e", "#d8e6f3"]},
                    }
                },
            },
            {"mark": {"type": "text", "fontSize": 12}, "encoding": {"text": {"field": "risks"}}},
        ],
    }
    return charts.svg(spec, title=_("Residual risks in the risk matrix (risk numbers)"))


def version_pdf(version, *, language=None) -> bytes:
    if language not in ("da", "en"):
        language = None
    context = version_context(version.dpia, version)
    context["chart"] = matrix_chart(version, context["risks"])
    context["organisation"] = version.organisation
    context["made"] = timezone.now()
    return render_pdf("dpia/dpia.pdf.html", context, language=language)


def file_name(version) -> str:
    day = timezone.localdate().isoformat()
    return f"{_('dpia')}-{slugify(version.dpia.title)[:60]}-v{version.number}-{day}.pdf"
