"""The questionnaire file format (YAML or JSON), read into rows: see docs/campaigns.md."""

import hashlib
import json
import re

import yaml
from django.conf import settings
from django.utils.translation import gettext as _

from skanse.campaigns.models import QuestionType
from skanse.library.documents import LibraryError

FORMAT = "skanse-questionnaire/1"
TRACKS = ("baseline", "awareness", "iso27001", "architecture", "gdpr")
CHOICE_TYPES = (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE)


def _text(data: dict, key: str, where: str, required: bool = False) -> str:
    place = f"{where}.{key}" if where else key
    value = data.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise LibraryError(_("“%(key)s” must be text.") % {"key": key}, place)
    value = str(value).strip()
    if required and not value:
        raise LibraryError(_("“%(key)s” is required.") % {"key": key}, place)
    return value


def _key(data: dict, where: str, length: int, slug: bool) -> str:
    """A section's key (a slug) or a question's key (no spaces), short enough for its column."""
    key = _text(data, "key", where, True)
    if slug and (len(key) > length or not re.fullmatch(r"[-\w]+", key)):
        message = _("“key” must be at most %(n)d letters, digits, hyphens or underscores.")
        raise LibraryError(message % {"n": length}, f"{where}.key")
    if not slug and (len(key) > length or re.search(r"\s", key)):
        message = _("“key” must be at most %(n)d characters, without spaces.")
        raise LibraryError(message % {"n": length}, f"{where}.key")
    return key


def _da(data: dict, *keys: str) -> dict:
    texts = {}
    for key in keys:
        if data.get(f"{key}_da"):
            texts["name" if key in ("text", "title", "label") else key] = str(data[f"{key}_da"])
    return {"da": texts} if texts else {}


def load(content: bytes) -> dict:
    """Parse and check a questionnaire file; return plain data ready for the import service."""
    if len(content) > settings.LIBRARY_IMPORT_MAX_BYTES:
        raise LibraryError(_("The file is larger than the limit."))
    try:
        data = yaml.safe_load(content.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        raise LibraryError(_("The file is not valid YAML or JSON."), where) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LibraryError(_("“format” must be “%(f)s”.") % {"f": FORMAT}, "format")
    scale = data.get("scale") or {"min": 1, "max": 5, "target": 4, "levels": []}
    if (
        not isinstance(scale, dict)
        or not all(isinstance(scale.get(k), int) for k in ("min", "max"))
        or scale["min"] >= scale["max"]
    ):
        raise LibraryError(_("The scale needs whole numbers min < max."), "scale")
    levels = []
    for i, level in enumerate(scale.get("levels") or []):
        place = f"scale.levels[{i}]"
        value = level.get("value") if isinstance(level, dict) else None
        if not isinstance(value, int) or not scale["min"] <= value <= scale["max"]:
            raise LibraryError(_("A level's value must be on the scale."), f"{place}.value")
        levels.append(
            {
                "value": value,
                "label": _text(level, "label", place, True),
                "description": _text(level, "description", place),
                "translations": _da(level, "label", "description"),
            }
        )
    result = {
        "key": _text(data, "key", "", True).lower(),
        "version": _text(data, "version", "", True),
        "name": _text(data, "name", "", True),
        "description": _text(data, "description", ""),
        "translations": _da(data, "name", "description"),
        "scale": {
            "min": scale["min"],
            "max": scale["max"],
            "target": scale.get("target", scale["max"]),
            "levels": levels,
        },
        "sections": [],
    }
    question_keys: dict[str, str] = {}
    for s, section in enumerate(data.get("sections") or []):
        where = f"sections[{s}]"
        if not isinstance(section, dict):
            raise LibraryError(_("A section must be an object with fields."), where)
        track = _text(section, "track", where, True)
        if track not in TRACKS:
            raise LibraryError(
                _("“track” must be one of: %(list)s.") % {"list": ", ".join(TRACKS)},
                f"{where}.track",
            )
        questions = []
        for q, question in enumerate(section.get("questions") or []):
            place = f"{where}.questions[{q}]"
            questions.append(_question(question, place, question_keys))
        if not questions:
            raise LibraryError(_("A section needs at least one question."), where)
        result["sections"].append(
            {
                "key": _key(section, where, 60, slug=True).lower(),
                "track": track,
                "name": _text(section, "title", where, True),
                "translations": _da(section, "title"),
                "questions": questions,
            }
        )
    if not result["sections"]:
        raise LibraryError(_("The questionnaire needs at least one section."), "sections")
    keys = [s["key"] for s in result["sections"]]
    if len(keys) != len(set(keys)):
        raise LibraryError(_("Two sections have the same key."), "sections")
    text = json.dumps(result, sort_keys=True, ensure_ascii=False)
    result["content_hash"] = hashlib.sha256(text.encode()).hexdigest()
    return result


def _question(data, where: str, seen: dict) -> dict:
    if not isinstance(data, dict):
        raise LibraryError(_("A question must be an object with fields."), where)
    key = _key(data, where, 30, slug=False)
    if key in seen:
        raise LibraryError(
            _("The key “%(key)s” is used twice (also at %(other)s).")
            % {"key": key, "other": seen[key]},
            f"{where}.key",
        )
    seen[key] = where
    kind = _text(data, "type", where, True)
    if kind not in QuestionType.values:
        raise LibraryError(
            _("“type” must be one of: %(list)s.") % {"list": ", ".join(QuestionType.values)},
            f"{where}.type",
        )
    weight = data.get("weight", 1)
    if not isinstance(weight, int) or not 1 <= weight <= 10:
        raise LibraryError(_("“weight” must be a whole number from 1 to 10."), f"{where}.weight")
    options = []
    if kind in CHOICE_TYPES:
        for i, option in enumerate(data.get("options") or []):
            place = f"{where}.options[{i}]"
            score = option.get("score", 0) if isinstance(option, dict) else None
            if not isinstance(score, (int, float)) or not 0 <= score <= 1:
                raise LibraryError(_("An option's score must be from 0 to 1."), f"{place}.score")
            options.append(
                {
                    "key": _text(option, "key", place, True),
                    "label": _text(option, "label", place, True),
                    "score": score,
                    "translations": _da(option, "label"),
                }
            )
        if len(options) < 2:
            raise LibraryError(_("A choice question needs at least two options."), where)
    requirements = data.get("requirements") or []
    if not isinstance(requirements, list):
        raise LibraryError(_("“requirements” must be a list."), f"{where}.requirements")
    return {
        "key": key,
        "type": kind,
        "name": _text(data, "text", where, True),
        "description": _text(data, "help", where),
        "weight": weight,
        "required": bool(data.get("required", True)),
        "evidence": bool(data.get("evidence")),
        "options": options,
        "requirements": [str(r).lower() for r in requirements],
        "translations": {
            "da": {
                k: v
                for k, v in (("name", data.get("text_da")), ("description", data.get("help_da")))
                if v
            }
        },
        "where": where,
    }
