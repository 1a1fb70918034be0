"""The requirement set as a kind of commons template ("common supplier requirements")."""

from django.utils.translation import gettext_lazy as _

from skanse.commons import kinds
from skanse.requirements import services
from skanse.requirements.models import Priority

ITEMS = kinds.Field(
    "items",
    _("Requirements"),
    kinds.ROWS,
    columns=(
        kinds.Column("code", _("Code"), required=True, max_length=40),
        kinds.Column("priority", _("Priority"), choices=tuple(Priority.choices), max_length=10),
        kinds.Column("category", _("Category"), max_length=100),
        kinds.Column("requirement", _("Library requirement (URN)"), max_length=255),
        kinds.Column("text", _("Requirement"), required=True, max_length=2000),
    ),
    help_text=_(
        "One requirement per line: code | priority (must, should, could) | category | "
        "library requirement URN (optional) | text."
    ),
)

FIELDS = (
    kinds.Field("name", _("Name"), kinds.TEXT, required=True, max_length=200),
    kinds.Field("description", _("Description"), kinds.TEXTAREA),
    ITEMS,
)


def _create(*, organisation, actor, values, via):
    return services.requirement_set_create(
        actor=actor, organisation=organisation, via=via, **values
    )


def _update(*, obj, actor, values, via):
    return services.requirement_set_update(actor=actor, requirement_set=obj, via=via, **values)


def _read(obj) -> dict:
    return {"name": obj.name, "description": obj.description, "items": services.items_of(obj)}


SUPPLIER_REQUIREMENTS = kinds.Kind(
    key="supplier_requirements",
    label=_("Supplier requirement set"),
    label_plural=_("Supplier requirement sets"),
    description=_("Common requirements to suppliers, for procurement and contracts."),
    fields=FIELDS,
    model="requirements.RequirementSet",
    create=_create,
    update=_update,
    read=_read,
    url_name="requirement_set_detail",
    url_kwarg="requirement_set",
    demo=lambda: demo(),
)


def register() -> None:
    kinds.register(SUPPLIER_REQUIREMENTS)


def _item(code, priority, category, text, requirement=""):
    return {
        "code": code,
        "priority": priority,
        "category": category,
        "requirement": requirement,
        "text": text,
    }


def demo() -> list[dict]:
    """Fictional common supplier requirements for the demo (written for Skanse)."""
    general = [
        _item(
            "G1",
            "must",
            "Sikkerhed",
            "Leverandøren har et ledelsessystem for "
            "informationssikkerhed efter ISO/IEC 27001 eller tilsvarende.",
        ),
        _item(
            "G2",
            "must",
            "Databeskyttelse",
            "Leverandøren indgår databehandleraftale efter "
            "Datatilsynets standardkontraktbestemmelser, før behandlingen begynder.",
        ),
        _item(
            "G3",
            "should",
            "Drift",
            "Leverandøren logger administrative handlinger og gemmer logs i mindst 6 måneder.",
        ),
    ]
    general_v2 = [
        *general[:2],
        _item(
            "G3",
            "must",
            "Drift",
            "Leverandøren logger administrative handlinger og gemmer logs i mindst 12 måneder.",
        ),
        _item(
            "G4",
            "must",
            "Sikkerhed",
            "Leverandøren underretter kommunen om brud på "
            "persondatasikkerheden senest 24 timer efter, at bruddet er opdaget.",
        ),
    ]
    return [
        {
            "key": "generelle-it-krav",
            "name": "Generelle krav til it-leverandører",
            "summary": "Fælles minimumskrav til alle leverandører af it-systemer og -services.",
            "versions": [
                {
                    "payload": {
                        "name": "Generelle krav til it-leverandører",
                        "description": "Minimumskrav, der indgår i alle kommunens udbud.",
                        "items": general,
                    }
                },
                {
                    "payload": {
                        "name": "Generelle krav til it-leverandører (2027)",
                        "description": "Minimumskrav, der indgår i alle kommunens udbud.",
                        "items": general_v2,
                    },
                    "note": "Log gemmes nu i 12 måneder (G3); nyt krav om underretning ved "
                    "brud inden for 24 timer (G4).",
                },
            ],
            "local_edit": {"name": "Aarhus' krav til it-leverandører"},
        },
        {
            "key": "cloud-hosting",
            "name": "Krav til cloud- og hostingleverandører",
            "summary": "Placering af data, exit-plan og revisionserklæringer.",
            "versions": [
                {
                    "payload": {
                        "name": "Krav til cloud- og hostingleverandører",
                        "description": "",
                        "items": [
                            _item(
                                "C1",
                                "must",
                                "Databeskyttelse",
                                "Personoplysninger behandles og opbevares i EU/EØS.",
                            ),
                            _item(
                                "C2",
                                "must",
                                "Tilsyn",
                                "Leverandøren fremlægger årligt en "
                                "ISAE 3402- eller ISAE 3000-erklæring.",
                            ),
                            _item(
                                "C3",
                                "should",
                                "Drift",
                                "Leverandøren har en dokumenteret "
                                "exit-plan med tilbagelevering af data.",
                            ),
                        ],
                    }
                }
            ],
        },
        {
            "key": "fagsystemer",
            "name": "Krav til leverandører af fagsystemer",
            "summary": "Adgangsstyring, logning og sletning i kommunale fagsystemer.",
            "versions": [
                {
                    "payload": {
                        "name": "Krav til leverandører af fagsystemer",
                        "description": "",
                        "items": [
                            _item(
                                "F1",
                                "must",
                                "Adgang",
                                "Systemet understøtter "
                                "rollebaseret adgang og log-in via kommunens IdP.",
                            ),
                            _item(
                                "F2",
                                "must",
                                "Sletning",
                                "Systemet kan slette "
                                "personoplysninger efter fastsatte slettefrister.",
                            ),
                        ],
                    }
                }
            ],
        },
    ]
