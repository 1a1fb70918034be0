"""Writes for questionnaire authoring: drafts edited in the interface or imported from a
workbook, published once and never changed after (a new draft copies a version).

Every service refuses a published version (`_draft_only`), runs in a transaction and writes
an audit event to the coordinator organisation's trail. The content of a version is moved
around as plain data in the shape `questionnaire_file.load` returns (`version_content`), so a
copy, a workbook import and a file import all write the same rows.
"""

import hashlib
import json
import re

from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from skanse.campaigns.models import Question, Questionnaire, QuestionnaireVersion, Section
from skanse.campaigns.questionnaire_file import CHOICE_TYPES, TRACKS
from skanse.core.audit import audit_record, diff, snapshot
from skanse.core.errors import DomainError
from skanse.library.models import Requirement
from skanse.tenancy.models import Organisation

DEFAULT_SCALE = {"min": 1, "max": 5, "target": 4, "levels": []}
SECTION_KEY = re.compile(r"[-\w]{1,60}")
QUESTION_KEY = re.compile(r"\S{1,30}")
VERSION_FIELDS = ("version", "name", "description", "translations")
SECTION_FIELDS = ("key", "name", "track", "translations", "order")
QUESTION_FIELDS = (
    "key",
    "type",
    "name",
    "description",
    "weight",
    "required",
    "evidence",
    "options",
    "translations",
    "order",
)


def _coordinator() -> Organisation:
    return Organisation.objects.get(kind="coordinator")


def _audit(actor, action: str, obj, changes: dict, via: str = "web") -> None:
    audit_record(
        actor=actor,
        organisation=_coordinator(),
        action=f"campaigns.questionnaire.{action}",
        obj=obj,
        changes=changes,
        via=via,
    )


def _draft_only(version: QuestionnaireVersion) -> QuestionnaireVersion:
    """The version re-read under a lock: a version published meanwhile is refused too."""
    current = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
    if current.status != QuestionnaireVersion.Status.DRAFT:
        raise DomainError(
            _("Version %(v)s is published and can no longer be changed. Make a new draft.")
            % {"v": current.version}
        )
    return current


def _da(**texts) -> dict:
    """The Danish texts given, as the `translations` field stores them."""
    kept = {k: v.strip() for k, v in texts.items() if v and v.strip()}
    return {"da": kept} if kept else {}


# --- Reading a version as data --------------------------------------------------------------


def version_content(version: QuestionnaireVersion) -> dict:
    """The version as plain data, in the shape `questionnaire_file.load` returns (3 queries)."""
    questions = Question.objects.order_by("order").prefetch_related(
        Prefetch("requirements", queryset=Requirement.objects.only("urn").order_by("urn"))
    )
    sections = version.sections.order_by("order").prefetch_related(
        Prefetch("questions", queryset=questions)
    )
    return {
        "key": version.questionnaire.key,
        "version": version.version,
        "name": version.name,
        "description": version.description,
        "translations": version.translations or {},
        "scale": {**DEFAULT_SCALE, **(version.scale or {})},
        "sections": [
            {
                "key": s.key,
                "track": s.track,
                "name": s.name,
                "translations": s.translations or {},
                "questions": [
                    {
                        "key": q.key,
                        "type": q.type,
                        "name": q.name,
                        "description": q.description,
                        "weight": q.weight,
                        "required": q.required,
                        "evidence": q.evidence,
                        "options": q.options or [],
                        "requirements": [r.urn for r in q.requirements.all()],
                        "translations": q.translations or {},
                    }
                    for q in s.questions.all()
                ],
            }
            for s in sections
        ],
    }


def questionnaire_list():
    """Every questionnaire with its versions, newest first (2 queries)."""
    return Questionnaire.objects.order_by("key").prefetch_related(
        Prefetch("versions", queryset=QuestionnaireVersion.objects.order_by("-created_at"))
    )


def version_page(version: QuestionnaireVersion):
    """The version's sections with their questions and requirement links, in order."""
    questions = Question.objects.order_by("order").prefetch_related(
        Prefetch("requirements", queryset=Requirement.objects.order_by("urn"))
    )
    return version.sections.order_by("order").prefetch_related(
        Prefetch("questions", queryset=questions)
    )


def content_hash(data: dict) -> str:
    text = json.dumps(
        {k: v for k, v in data.items() if k != "version"}, sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(text.encode()).hexdigest()


def requirement_ids(urns) -> dict[str, int]:
    """{urn: requirement pk} for the URNs in a published library version (the newest wins)."""
    rows = (
        Requirement.objects.filter(urn__in=set(urns), version__status="published")
        .order_by("version__published_at", "pk")
        .values_list("urn", "pk")
    )
    return dict(rows)


def _next_label(questionnaire: Questionnaire) -> str:
    labels = set(questionnaire.versions.values_list("version", flat=True))
    numbers = [int(v) for v in labels if v.isdigit()]
    return str(max(numbers, default=0) + 1)


def _write(questionnaire: Questionnaire, data: dict, *, label: str) -> QuestionnaireVersion:
    """A new draft with the content `data` (already checked); requirement URNs must exist."""
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        version=label,
        status=QuestionnaireVersion.Status.DRAFT,
        name=data["name"][:255],
        description=data["description"],
        scale=data["scale"],
        translations=data["translations"],
    )
    urns = {u for s in data["sections"] for q in s["questions"] for u in q["requirements"]}
    ids = requirement_ids(urns)
    missing = sorted(urns - set(ids))
    if missing:
        raise DomainError(
            _("The requirement “%(urn)s” is not in the library.") % {"urn": missing[0]}
        )
    sections = Section.objects.bulk_create(
        Section(
            version=version,
            key=s["key"],
            name=s["name"][:255],
            track=s["track"],
            order=order,
            translations=s["translations"],
        )
        for order, s in enumerate(data["sections"])
    )
    questions, links = [], []
    for section, s in zip(sections, data["sections"], strict=True):
        for order, q in enumerate(s["questions"]):
            questions.append(
                Question(
                    section=section,
                    order=order,
                    **{k: q[k] for k in QUESTION_FIELDS if k != "order"},
                )
            )
    Question.objects.bulk_create(questions)
    flat = [q for s in data["sections"] for q in s["questions"]]
    for question, q in zip(questions, flat, strict=True):
        links += [
            Question.requirements.through(question_id=question.pk, requirement_id=ids[u])
            for u in q["requirements"]
        ]
    Question.requirements.through.objects.bulk_create(links)
    return version


# --- Questionnaires and versions ------------------------------------------------------------


@transaction.atomic
def questionnaire_create(
    *, actor, key: str, version: str, name: str, name_da="", description="", description_da=""
) -> QuestionnaireVersion:
    """A new questionnaire with an empty first draft on the default 1–5 scale."""
    key = key.strip().lower()
    if not SECTION_KEY.fullmatch(key):
        raise DomainError(_("Use letters, digits, hyphens or underscores (at most 60)."), "key")
    if Questionnaire.objects.filter(key=key).exists():
        raise DomainError(_("A questionnaire with this key exists already."), "key")
    questionnaire = Questionnaire.objects.create(key=key)
    draft = _write(
        questionnaire,
        {
            "name": name.strip(),
            "description": description.strip(),
            "translations": _da(name=name_da, description=description_da),
            "scale": dict(DEFAULT_SCALE),
            "sections": [],
        },
        label=version.strip() or "1",
    )
    _audit(actor, "created", draft, {"key": [None, key], "version": [None, draft.version]})
    return draft


@transaction.atomic
def version_update(
    *, actor, version, label: str, name: str, name_da="", description="", description_da=""
) -> QuestionnaireVersion:
    """Change a draft's version label and its texts in English and Danish."""
    draft = _draft_only(version)
    label = label.strip()
    if draft.questionnaire.versions.exclude(pk=draft.pk).filter(version=label).exists():
        raise DomainError(_("The questionnaire has a version with this label already."), "version")
    before = snapshot(draft, VERSION_FIELDS)
    draft.version = label
    draft.name = name.strip()
    draft.description = description.strip()
    draft.translations = _da(name=name_da, description=description_da)
    draft.full_clean(exclude=["questionnaire"])
    draft.save()
    _audit(actor, "changed", draft, diff(before, snapshot(draft, VERSION_FIELDS)))
    return draft


def check_scale(minimum, maximum, target, levels) -> dict:
    """A scale as stored: whole numbers min < max, the target on it, levels on it, each once."""
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (minimum, maximum)):
        raise DomainError(_("The scale's ends must be whole numbers."), "maximum")
    if not 0 <= minimum < maximum <= 100:
        raise DomainError(
            _("The scale must run from a lower to a higher number (0–100)."), "maximum"
        )
    if not isinstance(target, (int, float)) or not minimum <= target <= maximum:
        raise DomainError(_("The target must be on the scale."), "target")
    seen = set()
    for level in levels:
        if level["value"] in seen or not minimum <= level["value"] <= maximum:
            raise DomainError(_("Each level must be on the scale, once."))
        seen.add(level["value"])
    return {
        "min": minimum,
        "max": maximum,
        "target": target,
        "levels": sorted(levels, key=lambda level: level["value"]),
    }


def scale_level(value: int, label="", label_da="", description="", description_da="") -> dict:
    return {
        "value": value,
        "label": label.strip(),
        "description": description.strip(),
        "translations": _da(name=label_da, description=description_da),
    }


@transaction.atomic
def scale_update(*, actor, version, minimum, maximum, target, levels) -> QuestionnaireVersion:
    """Set a draft's maturity scale; `levels` are `scale_level` dicts (those with a label)."""
    draft = _draft_only(version)
    before = dict(draft.scale)
    draft.scale = check_scale(minimum, maximum, target, [lv for lv in levels if lv["label"]])
    draft.save(update_fields=["scale"])
    _audit(actor, "changed", draft, diff({"scale": before}, {"scale": draft.scale}))
    return draft


@transaction.atomic
def version_new_draft(*, actor, version, via="web") -> QuestionnaireVersion:
    """A draft copy of a version (its sections, questions and links), numbered after the newest."""
    data = version_content(version)
    draft = _write(version.questionnaire, data, label=_next_label(version.questionnaire))
    _audit(actor, "drafted", draft, {"version": [version.version, draft.version]}, via)
    return draft


@transaction.atomic
def draft_import(*, actor, questionnaire, data: dict) -> QuestionnaireVersion:
    """A new draft from checked data (a workbook), numbered after the newest version."""
    draft = _write(questionnaire, data, label=_next_label(questionnaire))
    _audit(actor, "drafted", draft, {"version": [None, draft.version]}, "workbook")
    return draft


@transaction.atomic
def draft_delete(*, actor, version) -> None:
    draft = _draft_only(version)
    _audit(actor, "deleted", draft, {"version": [draft.version, None]})
    draft.delete()


def publish_problems(version: QuestionnaireVersion) -> list[str]:
    """What stops a draft from being published, in words; empty when it may be."""
    data = version_content(version)
    problems = []
    if not data["name"]:
        problems.append(_("The questionnaire needs a name."))
    if not data["sections"]:
        problems.append(_("The questionnaire needs at least one section."))
    keys = [q["key"] for s in data["sections"] for q in s["questions"]]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(_("The question key “%(key)s” is used twice.") % {"key": key})
    scale = data["scale"]
    labelled = {level["value"] for level in scale["levels"] if level["label"]}
    maturity = any(q["type"] == "maturity" for s in data["sections"] for q in s["questions"])
    if maturity and labelled != set(range(scale["min"], scale["max"] + 1)):
        problems.append(_("Every level of the maturity scale needs a label."))
    for section in data["sections"]:
        if not section["questions"]:
            problems.append(_("The section “%(key)s” has no questions.") % {"key": section["key"]})
        for q in section["questions"]:
            if q["type"] in CHOICE_TYPES and len(q["options"]) < 2:
                problems.append(
                    _("The choice question “%(key)s” needs at least two options.")
                    % {"key": q["key"]}
                )
    return problems


@transaction.atomic
def version_publish(*, actor, version) -> QuestionnaireVersion:
    """Publish a draft that passes `publish_problems`; it is immutable from then on."""
    draft = _draft_only(version)
    problems = publish_problems(draft)
    if problems:
        raise DomainError([_("The draft cannot be published yet:"), *problems])
    draft.status = QuestionnaireVersion.Status.PUBLISHED
    draft.published_at = timezone.now()
    draft.content_hash = content_hash(version_content(draft))
    draft.save(update_fields=["status", "published_at", "content_hash"])
    _audit(actor, "published", draft, {"status": ["draft", "published"]})
    return draft


# --- Sections ---------------------------------------------------------------------------------


@transaction.atomic
def section_save(
    *, actor, version, section=None, key: str, name: str, name_da="", track: str
) -> Section:
    """Add a section to a draft (at the end) or change one."""
    draft = _draft_only(version if section is None else section.version)
    key = key.strip().lower()
    if not SECTION_KEY.fullmatch(key):
        raise DomainError(_("Use letters, digits, hyphens or underscores (at most 60)."), "key")
    if track not in TRACKS:
        raise DomainError(_("Choose a track."), "track")
    others = draft.sections.exclude(pk=section.pk if section else None)
    if others.filter(key=key).exists():
        raise DomainError(_("Another section of this version has this key."), "key")
    if section is None:
        order = draft.sections.aggregate(m=Max("order"))["m"]
        section = Section(version=draft, order=0 if order is None else order + 1)
        before = {}
    else:
        before = snapshot(section, SECTION_FIELDS)
    section.key, section.name, section.track = key, name.strip(), track
    section.translations = _da(name=name_da)
    section.full_clean(exclude=["version"])
    section.save()
    _audit(actor, "section.saved", section, diff(before, snapshot(section, SECTION_FIELDS)))
    return section


@transaction.atomic
def section_delete(*, actor, section) -> None:
    _draft_only(section.version)
    _audit(actor, "section.deleted", section, {"key": [section.key, None]})
    section.delete()


def _swap(items: list, item, direction: str) -> list | None:
    """The two neighbours to swap when `item` moves up or down, or None at the end."""
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return None
    return [items[index], items[other]]


def _renumber(items: list, moved: list) -> dict:
    """Swap the two neighbours and number all from 0; the audit change of the moved one."""
    a, b = moved
    i, j = items.index(a), items.index(b)
    items[i], items[j] = b, a
    for order, obj in enumerate(items):
        obj.order = order
    return {"position": [i + 1, j + 1]}


@transaction.atomic
def section_move(*, actor, section, direction: str) -> None:
    """Move a section one place up or down (nothing at either end)."""
    draft = _draft_only(section.version)
    sections = list(draft.sections.order_by("order", "pk"))
    moved = _swap(sections, section, direction)
    if moved is None:
        return
    changes = _renumber(sections, moved)
    Section.objects.bulk_update(sections, ["order"])
    _audit(actor, "section.moved", section, changes)


# --- Questions --------------------------------------------------------------------------------


def check_options(kind: str, options: list[dict]) -> list[dict]:
    """A choice question's options (keys once, labels, scores 0–1); none for other types."""
    if kind not in CHOICE_TYPES:
        return []
    keys = [o["key"] for o in options]
    if len(options) < 2:
        raise DomainError(_("A choice question needs at least two options."), "options")
    if len(keys) != len(set(keys)):
        raise DomainError(_("Each option needs its own key."), "options")
    for option in options:
        if not option["key"] or re.search(r"[\s,]", option["key"]) or len(option["key"]) > 30:
            raise DomainError(
                _("An option's key is one word of at most 30 characters, without commas."),
                "options",
            )
        if not option["label"]:
            raise DomainError(_("Every option needs a label."), "options")
        if not 0 <= option["score"] <= 1:
            raise DomainError(_("An option's score must be from 0 to 1."), "options")
    return options


@transaction.atomic
def question_save(
    *,
    actor,
    section,
    question=None,
    key: str,
    type: str,
    name: str,
    name_da="",
    description="",
    description_da="",
    weight=1,
    required=True,
    evidence=False,
    options=(),
    requirements=(),
) -> Question:
    """Add a question at the end of a draft's section, or change one; `requirements` are URNs."""
    draft = _draft_only(section.version)
    key = key.strip()
    if not QUESTION_KEY.fullmatch(key):
        raise DomainError(_("At most 30 characters, without spaces."), "key")
    others = Question.objects.filter(section__version=draft).exclude(
        pk=question.pk if question else None
    )
    if others.filter(key=key).exists():
        raise DomainError(_("Another question of this version has this key."), "key")
    if not 1 <= weight <= 10:
        raise DomainError(_("The weight must be a whole number from 1 to 10."), "weight")
    urns = list(dict.fromkeys(u.strip().lower() for u in requirements if u.strip()))
    ids = requirement_ids(urns)
    missing = [u for u in urns if u not in ids]
    if missing:
        raise DomainError(
            _("Not in the library: %(urns)s.") % {"urns": ", ".join(missing)}, "requirements"
        )
    if question is None:
        order = section.questions.aggregate(m=Max("order"))["m"]
        question = Question(section=section, order=0 if order is None else order + 1)
        before = {}
    else:
        before = {
            **snapshot(question, QUESTION_FIELDS),
            "requirements": sorted(question.requirements.values_list("urn", flat=True)),
        }
    question.key, question.type, question.name = key, type, name.strip()
    question.description = description.strip()
    question.weight, question.required, question.evidence = weight, required, evidence
    question.options = check_options(type, list(options))
    question.translations = _da(name=name_da, description=description_da)
    question.full_clean(exclude=["section"])
    question.save()
    question.requirements.set(ids[u] for u in urns)
    after = {**snapshot(question, QUESTION_FIELDS), "requirements": sorted(urns)}
    _audit(actor, "question.saved", question, diff(before, after))
    return question


@transaction.atomic
def question_delete(*, actor, question) -> None:
    _draft_only(question.section.version)
    _audit(actor, "question.deleted", question, {"key": [question.key, None]})
    question.delete()


@transaction.atomic
def question_move(*, actor, question, direction: str) -> None:
    """Move a question one place up or down within its section."""
    _draft_only(question.section.version)
    questions = list(question.section.questions.order_by("order", "pk"))
    moved = _swap(questions, question, direction)
    if moved is None:
        return
    changes = _renumber(questions, moved)
    Question.objects.bulk_update(questions, ["order"])
    _audit(actor, "question.moved", question, changes)
