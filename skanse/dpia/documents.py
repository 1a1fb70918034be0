"""What the DPIA page and its PDF show: one context for both, the matrix chart, the PDF."""

from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from skanse.dpia import criteria as k
from skanse.dpia import selectors, services
from skanse.reporting import charts
from skanse.reporting.pdf import render_pdf


def version_context(dpia, version) -> dict:
    risks = list(version.risks.all())
    high = services.high_residual(version, risks)
    assignments = list(version.assignments.all())
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
        "assignments": assignments,
        "steps": steps(version, risks, high, assignments),
    }


def _short(day) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _filled(version, rows) -> int:
    return sum(1 for name, _label in rows if getattr(version, name).strip())


def steps(version, risks, high, assignments) -> list[dict]:
    """The way from a draft to an approved DPIA, each step done or not, with who has the
    section: {"key", "label", "done", "detail", "assignment"}. The page shows them as a
    checklist and names the first step not done as the next one."""
    by_section = {a.section: a for a in assignments}
    status = version.status
    sent = status in (k.Status.SUBMITTED, *k.FROZEN)
    described = _filled(version, k.DESCRIPTION)
    answered = _filled(version, k.PRINCIPLES)
    rows = [
        {
            "key": "description",
            "label": _("Describe the processing"),
            "done": bool(version.purposes.strip()) and described == len(k.DESCRIPTION),
            "detail": _("%(n)d of %(total)d filled in")
            % {"n": described, "total": len(k.DESCRIPTION)},
        },
        {
            "key": "necessity",
            "label": _("Assess necessity and proportionality"),
            "done": answered == len(k.PRINCIPLES),
            "detail": _("%(n)d of %(total)d principles answered")
            % {"n": answered, "total": len(k.PRINCIPLES)},
        },
        {
            "key": "risks",
            "label": _("Assess the risks and the measures"),
            "done": bool(risks),
            "detail": ngettext(
                "%(n)d risk; %(high)d stays high after the measures",
                "%(n)d risks; %(high)d stay high after the measures",
                len(risks),
            )
            % {"n": len(risks), "high": len(high)},
        },
        {
            "key": "consultation",
            "label": _("Ask the DPO and record the opinion"),
            "done": bool(version.dpo_consulted_on and version.dpo_opinion.strip()),
            "detail": _("Consulted on %(date)s") % {"date": _short(version.dpo_consulted_on)}
            if version.dpo_consulted_on
            else "",
        },
        {
            "key": "submit",
            "label": _("Send for management's approval"),
            "done": sent,
            "detail": "",
        },
        {
            "key": "approve",
            "label": _("Management approves (name and date)"),
            "done": status in k.FROZEN,
            "detail": _("Approved by %(name)s on %(date)s")
            % {
                "name": version.approved_by_name,
                "date": _short(version.approved_on),
            }
            if version.approved_on
            else "",
        },
    ]
    if high:
        rows.append(
            {
                "key": "prior",
                "label": _("Consult Datatilsynet before the processing starts (Art. 36)"),
                "done": version.prior_consultation_on is not None,
                "detail": _("Consulted on %(date)s")
                % {"date": _short(version.prior_consultation_on)}
                if version.prior_consultation_on
                else "",
            }
        )
    for row in rows:
        row["assignment"] = by_section.get(row["key"])
    return rows


def next_step(version, rows) -> dict | None:
    """What to do next: in a draft, the first step not done; once sent, the DPO's opinion
    if it is missing, then the approval; once approved, Datatilsynet where a risk stays
    high. A superseded version has none."""
    keys = {
        k.Status.DRAFT: ("description", "necessity", "risks", "consultation", "submit"),
        k.Status.SUBMITTED: ("consultation", "approve"),
        k.Status.APPROVED: ("prior",),
    }.get(version.status, ())
    return next((r for r in rows if r["key"] in keys and not r["done"]), None)


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
    with translation.override(language or translation.get_language()):
        context = version_context(version.dpia, version)
        context["chart"] = matrix_chart(version, context["risks"])
    context["organisation"] = version.organisation
    context["screening"] = version.dpia.screening
    context["made"] = timezone.now()
    return render_pdf("dpia/dpia.pdf.html", context, language=language)


DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def file_name(version, *, language=None) -> str:
    """`konsekvensanalyse-<title>-v<n>-<date>.pdf`, the first word in the PDF's language."""
    day = timezone.localdate().isoformat()
    title = slugify(version.dpia.title.translate(DANISH_LETTERS))[:60]
    if language not in ("da", "en"):
        language = translation.get_language()
    with translation.override(language):
        word = _("dpia")
    if not title.startswith(word):
        title = f"{word}-{title}"
    return f"{title}-v{version.number}-{day}.pdf"
