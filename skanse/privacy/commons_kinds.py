"""Privacy's kinds of commons templates: model processing activities (the association's
common record of processing) and processor agreement templates. Registered from
`PrivacyConfig.ready()`; adoption and sync go through privacy's own services, so their checks
and audit apply. Also: reading a register of model activities in the municipal compliance
tool's JSON format (one file per activity) as templates (`skanse import-ropa-templates`)."""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from skanse.commons import kinds
from skanse.commons import services as commons_services
from skanse.commons.models import Template
from skanse.core.errors import DomainError
from skanse.privacy import choices as c
from skanse.privacy import services

# --- Model processing activities --------------------------------------------------------------

ACTIVITY_FIELDS = (
    kinds.Field("name", _("Name"), kinds.TEXT, required=True, max_length=255),
    kinds.Field("description", _("Description"), kinds.TEXTAREA),
    kinds.Field("purposes", _("Purposes"), kinds.TEXTAREA),
    kinds.Field("legal_bases", _("Legal bases"), kinds.MULTIPLE, choices=lambda: c.LEGAL_BASES),
    kinds.Field("legal_basis_notes", _("Legal basis, details"), kinds.TEXTAREA),
    kinds.Field(
        "subject_categories",
        _("Categories of data subjects"),
        kinds.MULTIPLE,
        choices=lambda: c.SUBJECT_CATEGORIES,
    ),
    kinds.Field("subject_notes", _("Data subjects, details"), kinds.TEXTAREA),
    kinds.Field(
        "data_categories",
        _("Categories of personal data"),
        kinds.MULTIPLE,
        choices=lambda: c.DATA_CATEGORIES,
    ),
    kinds.Field("data_notes", _("Personal data, details"), kinds.TEXTAREA),
    kinds.Field(
        "recipients", _("Categories of recipients"), kinds.MULTIPLE, choices=lambda: c.RECIPIENTS
    ),
    kinds.Field("recipient_notes", _("Recipients, details"), kinds.TEXTAREA),
    kinds.Field("erasure", _("Erasure deadline"), kinds.CHOICE, choices=lambda: c.Erasure.choices),
    kinds.Field("erasure_notes", _("Erasure, details"), kinds.TEXTAREA),
    kinds.Field(
        "security_measures", _("Technical and organisational security measures"), kinds.TEXTAREA
    ),
    kinds.Field(
        "kle_numbers",
        _("KLE subject numbers"),
        kinds.MULTIPLE,
        help_text=_("One KLE number per line, like 27.24 or 27.24.00."),
    ),
    kinds.Field(
        "information_duty",
        _("Duty to inform"),
        kinds.CHOICE,
        choices=lambda: c.InformationDuty.choices,
    ),
    kinds.Field("dpia_need", _("DPIA"), kinds.CHOICE, choices=lambda: c.DpiaNeed.choices),
)
ACTIVITY_NAMES = tuple(f.name for f in ACTIVITY_FIELDS)


def _activity_create(*, organisation, actor, values, via):
    return services.processing_activity_create(
        actor, organisation, via=via, source=c.Source.COMMONS, **values
    )


def _activity_update(*, obj, actor, values, via):
    return services.processing_activity_update(actor, obj, via=via, **values)


def _read(obj, names) -> dict:
    return {name: getattr(obj, name) for name in names}


MODEL_ACTIVITY = kinds.Kind(
    key="model_activity",
    label=_("Model processing activity"),
    label_plural=_("Model processing activities"),
    description=_("The association's common record of processing: activities to adopt."),
    fields=ACTIVITY_FIELDS,
    model="privacy.ProcessingActivity",
    create=_activity_create,
    update=_activity_update,
    read=lambda obj: _read(obj, ACTIVITY_NAMES),
    url_name="activity_detail",
    url_kwarg="activity",
    demo=lambda: demo_activities(),
)

# --- Processor agreement templates ------------------------------------------------------------

AGREEMENT_FIELDS = (
    kinds.Field("name", _("Name"), kinds.TEXT, required=True, max_length=255),
    kinds.Field(
        "template",
        _("Template"),
        kinds.CHOICE,
        choices=lambda: c.AgreementTemplate.choices,
    ),
    kinds.Field(
        "breach_notice",
        _("Breach notice agreed"),
        kinds.CHOICE,
        choices=lambda: c.BreachNotice.choices,
    ),
    kinds.Field(
        "supervision_method",
        _("Supervision method"),
        kinds.CHOICE,
        choices=lambda: c.Method.choices,
    ),
    kinds.Field(
        "supervision_interval",
        _("Supervision interval"),
        kinds.CHOICE,
        choices=lambda: c.Interval.choices,
    ),
    kinds.Field("document_link", _("Link to the document"), kinds.TEXT, max_length=500),
    kinds.Field("notes", _("Notes"), kinds.TEXTAREA),
)
AGREEMENT_NAMES = tuple(f.name for f in AGREEMENT_FIELDS)


def _agreement_create(*, organisation, actor, values, via):
    return services.processor_agreement_create(
        actor, organisation, via=via, source=c.Source.COMMONS, **values
    )


def _agreement_update(*, obj, actor, values, via):
    return services.processor_agreement_update(actor, obj, via=via, **values)


AGREEMENT_TEMPLATE = kinds.Kind(
    key="processor_agreement",
    label=_("Processor agreement template"),
    label_plural=_("Processor agreement templates"),
    description=_("Common processor agreements, e.g. for systems many municipalities use."),
    fields=AGREEMENT_FIELDS,
    model="privacy.ProcessorAgreement",
    create=_agreement_create,
    update=_agreement_update,
    read=lambda obj: _read(obj, AGREEMENT_NAMES),
    url_name="agreement_detail",
    url_kwarg="agreement",
    demo=lambda: demo_agreements(),
)


def register() -> None:
    kinds.register(MODEL_ACTIVITY)
    kinds.register(AGREEMENT_TEMPLATE)


# --- The compliance tool's register of model activities (JSON, one file per activity) --------

MAX_FILE_BYTES = 256 * 1024
MAX_FILES = 500
# The compliance tool's identifiers of legal bases → ours. "valp6"/"valp7" only say that a
# basis of Art. 6(1) / Art. 9(2) was chosen; the letter comes as its own identifier.
_GROUP_MARKERS = {"register-gdpr-valp6", "register-gdpr-valp7"}
LEGAL_BASIS_CODES = {
    **{f"register-gdpr-p6-{letter}": f"art6_1_{letter}" for letter in "abcdef"},
    **{f"register-gdpr-p7-{letter}": f"art9_2_{letter}" for letter in "abcdefghij"},
    **{f"register-gdpr-valp{n}": f"dbl_{n}" for n in range(8, 15)},
}
_KLE_MAIN = re.compile(r"^\d{2}$")
_KLE_GROUP = re.compile(r"^\d{2}\.\d{2}$")


@dataclass
class ImportProblem(Exception):
    file: str
    where: str
    message: str

    def __str__(self):
        return (
            f"{self.file}: {self.where}: {self.message}"
            if self.where
            else (f"{self.file}: {self.message}")
        )


def _list_of_str(data, key, file, pattern=None, limit=500) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ImportProblem(file, key, _gettext("Expected a list."))
    if len(value) > limit:
        raise ImportProblem(file, key, _gettext("Too many values."))
    for index, item in enumerate(value):
        if not isinstance(item, str) or (pattern and not pattern.match(item)):
            raise ImportProblem(
                file,
                f"{key}[{index}]",
                _gettext("“%(value)s” is not allowed here.") % {"value": str(item)[:60]},
            )
    return value


def parse_ropa_file(name: str, content: bytes) -> tuple[str, dict]:
    """(template key, payload) from one file; ImportProblem names the file and the place."""
    if len(content) > MAX_FILE_BYTES:
        raise ImportProblem(
            name,
            "",
            _gettext("The file is larger than %(kb)d KB.") % {"kb": MAX_FILE_BYTES // 1024},
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportProblem(
            name, f"byte {error.start}", _gettext("The file is not UTF-8 text.")
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportProblem(
            name,
            f"line {error.lineno}, column {error.colno}",
            _gettext("Not valid JSON: %(reason)s.") % {"reason": error.msg},
        ) from None
    except RecursionError:
        raise ImportProblem(name, "", _gettext("The JSON is nested too deeply.")) from None
    if not isinstance(data, dict):
        raise ImportProblem(name, "", _gettext("Expected one JSON object per activity."))
    package = data.get("packageName", "kl_article30")
    if not isinstance(package, str):
        raise ImportProblem(name, "packageName", _gettext("Expected text."))
    title = data.get("name")
    if not isinstance(title, str) or not title.strip():
        raise ImportProblem(name, "name", _gettext("The activity needs a name."))
    if len(title) > 255:
        raise ImportProblem(name, "name", _gettext("At most 255 characters."))
    description = data.get("description", "")
    if not isinstance(description, str) or len(description) > 20000:
        raise ImportProblem(
            name, "description", _gettext("Expected text of at most 20000 characters.")
        )
    if "\x00" in title + description:
        raise ImportProblem(name, "", _gettext("The text contains a null character."))
    choices = _list_of_str(data, "gdprChoices", name, limit=60)
    bases = []
    for index, identifier in enumerate(choices):
        if identifier in _GROUP_MARKERS:
            continue
        if identifier not in LEGAL_BASIS_CODES:
            raise ImportProblem(
                name,
                f"gdprChoices[{index}]",
                _gettext("Unknown legal basis “%(value)s”.") % {"value": identifier[:60]},
            )
        bases.append(LEGAL_BASIS_CODES[identifier])
    main = _list_of_str(data, "kleMainGroups", name, _KLE_MAIN)
    groups = _list_of_str(data, "kleGroups", name, _KLE_GROUP)
    kle = list(dict.fromkeys(groups + [m for m in main if not any(g[:2] == m for g in groups)]))
    key = slugify(f"{package}-{Path(name).stem}")[:100] or "activity"
    payload = {
        "name": title.strip(),
        "description": description.strip(),
        "legal_bases": bases,
        "kle_numbers": sorted(kle),
    }
    return key, payload


@dataclass
class RopaImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def import_ropa_templates(files: list[tuple[str, bytes]], *, organisation, actor=None, via="cli"):
    """Every file as a model-activity template, published; all or nothing.

    A new key makes a template (version 1); a known key with other content publishes the next
    version (adopters then see an update); the same content again changes nothing. The first
    problem found raises ImportProblem, and nothing is written."""
    if len(files) > MAX_FILES:
        raise ImportProblem("", "", _gettext("At most %(n)d files at a time.") % {"n": MAX_FILES})
    parsed, keys = [], {}
    for name, content in files:
        key, payload = parse_ropa_file(name, content)
        if key in keys:
            raise ImportProblem(
                name, "", _gettext("Same activity as %(other)s.") % {"other": keys[key]}
            )
        keys[key] = name
        parsed.append((name, key, payload))
    result = RopaImportResult()
    with transaction.atomic(), scopes_disabled():
        for name, key, raw in parsed:
            try:
                _import_one(name, key, raw, organisation, actor, via, result)
            except DomainError as error:
                raise ImportProblem(name, error.field or "", " ".join(error.messages)) from None
    return result


def _import_one(name, key, raw, organisation, actor, via, result) -> None:
    template = (
        Template.objects.filter(organisation=organisation, kind=MODEL_ACTIVITY.key, key=key)
        .select_related("published_version")
        .first()
    )
    if template is None:
        payload = {**MODEL_ACTIVITY.blank(), **raw}
        version = commons_services.template_create(
            actor=actor,
            organisation=organisation,
            kind=MODEL_ACTIVITY.key,
            key=key,
            name=raw["name"][:200],
            payload=payload,
            via=via,
        )
        commons_services.template_publish(actor=actor, version=version, via=via)
        result.created += 1
        return
    base = template.published_version.payload if template.published_version else {}
    payload = {**MODEL_ACTIVITY.blank(), **base, **raw}
    if template.published_version and payload == template.published_version.payload:
        result.unchanged += 1
        return
    draft = commons_services.version_start(actor=actor, template=template, via=via)
    commons_services.draft_save(
        actor=actor,
        version=draft,
        payload=payload,
        change_note=_gettext("Imported from %(file)s.") % {"file": Path(name).name},
        via=via,
    )
    commons_services.template_publish(actor=actor, version=draft, via=via)
    result.updated += 1


# --- Demo content (written for Skanse) --------------------------------------------------------


def demo_activities() -> list[dict]:
    return [
        {
            "key": "demo-skoleindskrivning",
            "name": "Indskrivning i folkeskolen",
            "summary": "Behandling af oplysninger om børn og forældre ved skolestart.",
            "versions": [
                {
                    "payload": {
                        "name": "Indskrivning i folkeskolen",
                        "description": "Kommunen behandler oplysninger om barnet og forældrene ved "
                        "indskrivning og skolevalg.",
                        "purposes": "At tilbyde en skoleplads og planlægge skolestart.",
                        "legal_bases": ["art6_1_e", "dbl_11"],
                        "erasure": "5y",
                        "kle_numbers": ["17.01"],
                    }
                },
                {
                    "payload": {
                        "name": "Indskrivning i folkeskolen",
                        "description": "Kommunen behandler oplysninger om barnet og forældrene ved "
                        "indskrivning og skolevalg, herunder ønsker om skoleskift.",
                        "purposes": "At tilbyde en skoleplads og planlægge skolestart.",
                        "legal_bases": ["art6_1_c", "art6_1_e", "dbl_11"],
                        "erasure": "5y",
                        "kle_numbers": ["17.01"],
                    },
                    "note": "Skoleskift er med; retlig forpligtelse (art. 6, stk. 1, c) tilføjet.",
                },
            ],
            "local_edit": {
                "purposes": "At tilbyde en skoleplads, planlægge skolestart og "
                "visitere til specialtilbud."
            },
        },
        {
            "key": "demo-tv-overvaagning",
            "name": "Tv-overvågning af kommunale bygninger",
            "summary": "Optagelser fra kameraer ved kommunens bygninger.",
            "versions": [
                {
                    "payload": {
                        "name": "Tv-overvågning af kommunale bygninger",
                        "description": "Optagelser fra kameraer ved indgange og p-pladser.",
                        "purposes": "Forebyggelse og opklaring af kriminalitet.",
                        "legal_bases": ["art6_1_e", "dbl_8"],
                        "erasure": "1m",
                    }
                }
            ],
        },
    ]


def demo_agreements() -> list[dict]:
    return [
        {
            "key": "demo-dba-standard",
            "name": "Databehandleraftale efter standardkontraktbestemmelserne",
            "summary": "Fælles udgangspunkt for aftaler med it-leverandører.",
            "versions": [
                {
                    "payload": {
                        "name": "Databehandleraftale efter standardkontraktbestemmelserne",
                        "template": "dt_scc",
                        "breach_notice": "48",
                        "supervision_interval": "yearly",
                        "notes": "Bilag C udfyldes for hver leverandør.",
                    }
                },
                {
                    "payload": {
                        "name": "Databehandleraftale efter standardkontraktbestemmelserne",
                        "template": "dt_scc",
                        "breach_notice": "24",
                        "supervision_interval": "yearly",
                        "notes": "Bilag C udfyldes for hver leverandør.",
                    },
                    "note": "Underretning ved brud nu inden for 24 timer (pkt. 10.2).",
                },
            ],
        },
    ]


def template_count() -> int:
    with scopes_disabled():
        return Template.objects.filter(
            kind__in=[MODEL_ACTIVITY.key, AGREEMENT_TEMPLATE.key]
        ).count()
