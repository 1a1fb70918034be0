"""The DPIA template as a kind of commons template: the association publishes a common DPIA
(for a shared system, say) and a municipality adopts it as its own draft DPIA."""

from django.utils.translation import gettext_lazy as _

from skanse.commons import kinds
from skanse.dpia import criteria as k
from skanse.dpia import services
from skanse.dpia.models import DpiaRisk, DpiaVersion

LEVEL = (("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"))
RISKS = kinds.Field(
    "risks",
    _("Risks to the data subjects"),
    kinds.ROWS,
    columns=(
        kinds.Column("title", _("Risk"), required=True, max_length=255),
        kinds.Column("likelihood", _("Likelihood"), required=True, choices=LEVEL, max_length=1),
        kinds.Column("severity", _("Severity"), required=True, choices=LEVEL, max_length=1),
        kinds.Column("residual_likelihood", _("Residual likelihood"), choices=LEVEL, max_length=1),
        kinds.Column("residual_severity", _("Residual severity"), choices=LEVEL, max_length=1),
        kinds.Column("measures", _("Measures"), max_length=2000),
    ),
    help_text=_(
        "One risk per line: risk | likelihood (1–4) | severity (1–4) | residual likelihood | "
        "residual severity | measures."
    ),
)
TEXT_FIELDS = tuple(
    kinds.Field(name, label, kinds.TEXTAREA) for name, label in (*k.DESCRIPTION, *k.PRINCIPLES)
)
FIELDS = (
    kinds.Field("title", _("Title"), kinds.TEXT, required=True, max_length=255),
    *TEXT_FIELDS,
    RISKS,
)
DOCUMENT = [f.name for f in TEXT_FIELDS]


def _risk_rows(rows) -> list[dict]:
    made = []
    for row in rows or []:
        made.append(
            {
                "title": row.get("title", ""),
                "likelihood": row.get("likelihood") or None,
                "severity": row.get("severity") or None,
                "residual_likelihood": row.get("residual_likelihood") or row.get("likelihood"),
                "residual_severity": row.get("residual_severity") or row.get("severity"),
                "measures": row.get("measures", ""),
            }
        )
    return made


def _create(*, organisation, actor, values, via):
    return services.dpia_create(
        actor=actor,
        organisation=organisation,
        via=via,
        title=values.get("title", ""),
        document={name: values[name] for name in DOCUMENT if name in values},
        risks=_risk_rows(values.get("risks")),
    )


def _latest(dpia) -> DpiaVersion:
    return dpia.versions.order_by("-number").first()


def _update(*, obj, actor, values, via):
    """Sync changes the newest version, which must still be editable (an approved DPIA is
    frozen: start a re-assessment, then take the update)."""
    version = _latest(obj)
    if "title" in values:
        services.dpia_update(actor=actor, dpia=obj, title=values["title"], via=via)
    document = {name: values[name] for name in DOCUMENT if name in values}
    if document or "risks" in values:
        services.version_update(actor=actor, version=version, via=via, **document)
    if "risks" in values:
        for risk in list(version.risks.all()):
            services.risk_delete(actor=actor, risk=risk, via=via)
        for row in _risk_rows(values["risks"]):
            services.risk_add(actor=actor, version=version, via=via, **row)
    return obj


def _read(obj) -> dict:
    version = _latest(obj)
    values = {"title": obj.title}
    values.update({name: getattr(version, name) for name in DOCUMENT})
    values["risks"] = [
        {
            "title": r.title,
            "likelihood": str(r.likelihood),
            "severity": str(r.severity),
            "residual_likelihood": str(r.residual_likelihood),
            "residual_severity": str(r.residual_severity),
            "measures": r.measures,
        }
        for r in DpiaRisk.objects.filter(version=version).order_by("id")
    ]
    return values


DPIA_TEMPLATE = kinds.Kind(
    key="dpia_template",
    label=_("DPIA template"),
    label_plural=_("DPIA templates"),
    description=_(
        "A common data protection impact assessment (description, necessity, typical risks) "
        "that a municipality adopts as its own draft DPIA."
    ),
    fields=FIELDS,
    model="dpia.Dpia",
    create=_create,
    update=_update,
    read=_read,
    url_name="dpia_detail",
    url_kwarg="dpia",
    demo=lambda: demo(),
)


def register() -> None:
    kinds.register(DPIA_TEMPLATE)


def _risk(title, likelihood, severity, residual_l, residual_s, measures):
    return {
        "title": title,
        "likelihood": str(likelihood),
        "severity": str(severity),
        "residual_likelihood": str(residual_l),
        "residual_severity": str(residual_s),
        "measures": measures,
    }


def demo() -> list[dict]:
    """A fictional common DPIA of a shared video-meeting platform (written for Skanse)."""
    payload = {
        "title": "Konsekvensanalyse: videomøder i borgersager",
        "purposes": "Afholdelse af videomøder mellem sagsbehandlere og borgere.",
        "data_flows": "Borgeren deltager via link; lyd og billede går via leverandørens "
        "servere i EU; der optages ikke.",
        "data_categories": "Borgere og medarbejdere; navn, billede, lyd, oplysninger, der "
        "nævnes i mødet, herunder helbredsoplysninger.",
        "recipients": "Leverandøren som databehandler.",
        "technical_support": "Fælleskommunal videoplatform; kommunens pc'er og mobiler.",
        "nec_lawfulness": "Art. 6, stk. 1, litra e, og art. 9, stk. 2, litra b og h.",
        "nec_purpose": "",
        "nec_minimisation": "Ingen optagelse; chat slettes efter mødet.",
        "nec_accuracy": "",
        "nec_storage": "Mødelog slettes efter 30 dage.",
        "nec_security": "Kryptering under transport; log-in via kommunens IdP.",
        "nec_accountability": "",
        "risks": [
            _risk("Uvedkommende deltager i mødet", 3, 3, 1, 3, "Venteværelse og engangslink."),
            _risk("Overførsel til tredjeland via support", 2, 3, 1, 3, "Support kun fra EU."),
        ],
    }
    payload_v2 = {
        **payload,
        "risks": [
            *payload["risks"],
            _risk("Optagelse uden samtykke", 2, 4, 1, 4, "Optagelse slået fra centralt."),
        ],
    }
    return [
        {
            "key": "videomoeder",
            "name": "Konsekvensanalyse: videomøder i borgersager",
            "summary": "Fælles konsekvensanalyse af den fælleskommunale videoplatform.",
            "versions": [
                {"payload": payload},
                {"payload": payload_v2, "note": "Ny risiko: optagelse uden samtykke."},
            ],
        }
    ]
