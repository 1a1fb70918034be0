"""A questionnaire version as an Excel workbook, and such a workbook read back as checked data.

Five sheets, each with a header row and one row per item, in the reader's language (a
workbook may come back in either language): Questionnaire (field codes and values), Scale (one
row per level), Sections, Questions (each names its section by key), Options (each names its
question by key). Types, tracks and the "x" columns carry Excel list validation.

`read` checks every cell with the rules of the interface and collects every error as
`Questions!C7: …`; one error and the whole file is refused. Hostile files are refused before
openpyxl reads them: too large, not a zip, too many parts, or parts that unpack too big.
"""

import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from skanse.campaigns import authoring
from skanse.campaigns.models import QuestionnaireVersion, QuestionType
from skanse.campaigns.questionnaire_file import CHOICE_TYPES, TRACKS
from skanse.campaigns.workbook import XML_ERRORS, _cell_text, _in_every_language, _text
from skanse.campaigns.workbook import check_zip as _check_zip
from skanse.core.errors import DomainError

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 5000  # per sheet; far above any questionnaire
MAX_ERRORS = 50

QUESTIONNAIRE = gettext_noop("Questionnaire")
SCALE = gettext_noop("Scale")
SECTIONS = gettext_noop("Sections")
QUESTIONS = gettext_noop("Questions")
OPTIONS = gettext_noop("Options")
SHEETS = {
    QUESTIONNAIRE: (
        gettext_noop("Field"),
        gettext_noop("Value"),
        gettext_noop("Explanation"),
    ),
    SCALE: (
        gettext_noop("Level"),
        gettext_noop("Label"),
        gettext_noop("Label (Danish)"),
        gettext_noop("Description"),
        gettext_noop("Description (Danish)"),
    ),
    SECTIONS: (
        gettext_noop("Key"),
        gettext_noop("Title"),
        gettext_noop("Title (Danish)"),
        gettext_noop("Track"),
    ),
    QUESTIONS: (
        gettext_noop("Section key"),
        gettext_noop("Key"),
        gettext_noop("Type"),
        gettext_noop("Question"),
        gettext_noop("Question (Danish)"),
        gettext_noop("Help text"),
        gettext_noop("Help text (Danish)"),
        gettext_noop("Weight (1–10)"),
        gettext_noop("Required (x)"),
        gettext_noop("Evidence requested (x)"),
        gettext_noop("Requirements (URNs)"),
    ),
    OPTIONS: (
        gettext_noop("Question key"),
        gettext_noop("Key"),
        gettext_noop("Label"),
        gettext_noop("Label (Danish)"),
        gettext_noop("Score (0–1)"),
    ),
}
# The Questionnaire sheet's field codes (column A), with what each means (column C).
FIELDS = {
    "key": gettext_noop("The questionnaire's key; it must match when the workbook is imported."),
    "version": gettext_noop("For information: an import becomes the next draft version."),
    "name": gettext_noop("Name in English."),
    "name_da": gettext_noop("Name in Danish."),
    "description": gettext_noop("Description in English."),
    "description_da": gettext_noop("Description in Danish."),
    "scale_min": gettext_noop("The maturity scale's lowest level (a whole number)."),
    "scale_max": gettext_noop("The maturity scale's highest level (a whole number)."),
    "scale_target": gettext_noop("The target level (the norm)."),
}
WIDTHS = {
    QUESTIONNAIRE: (16, 60, 60),
    SCALE: (8, 24, 24, 60, 60),
    SECTIONS: (20, 40, 40, 14),
    QUESTIONS: (14, 10, 16, 60, 60, 40, 40, 10, 10, 10, 50),
    OPTIONS: (12, 14, 30, 30, 10),
}


# --- Export -----------------------------------------------------------------------------------


def _sheet(workbook, name: str, rows: list[list]):
    sheet = workbook.create_sheet(_(name))
    sheet.append([_(h) for h in SHEETS[name]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            _text(cell)
    for index, width in enumerate(WIDTHS[name], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return sheet


def _list(sheet, formula: str, cells: str) -> None:
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    sheet.add_data_validation(validation)
    validation.add(cells)


def version_workbook(version: QuestionnaireVersion) -> bytes:
    """The version's texts, scale, sections, questions and options as a workbook."""
    data = authoring.version_content(version)
    da = data["translations"].get("da", {})
    scale = data["scale"]
    values = {
        "key": data["key"],
        "version": data["version"],
        "name": data["name"],
        "name_da": da.get("name", ""),
        "description": data["description"],
        "description_da": da.get("description", ""),
        "scale_min": scale["min"],
        "scale_max": scale["max"],
        "scale_target": scale["target"],
    }
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, QUESTIONNAIRE, [[k, values[k], _(FIELDS[k])] for k in FIELDS])
    _sheet(
        workbook,
        SCALE,
        [
            [
                level["value"],
                level["label"],
                level.get("translations", {}).get("da", {}).get("name", ""),
                level.get("description", ""),
                level.get("translations", {}).get("da", {}).get("description", ""),
            ]
            for level in scale["levels"]
        ],
    )
    sections = _sheet(
        workbook,
        SECTIONS,
        [
            [s["key"], s["name"], s["translations"].get("da", {}).get("name", ""), s["track"]]
            for s in data["sections"]
        ],
    )
    questions, options = [], []
    for s in data["sections"]:
        for q in s["questions"]:
            qda = q["translations"].get("da", {})
            questions.append(
                [
                    s["key"],
                    q["key"],
                    q["type"],
                    q["name"],
                    qda.get("name", ""),
                    q["description"],
                    qda.get("description", ""),
                    q["weight"],
                    "x" if q["required"] else None,
                    "x" if q["evidence"] else None,
                    "\n".join(q["requirements"]),
                ]
            )
            options += [
                [
                    q["key"],
                    o["key"],
                    o["label"],
                    o.get("translations", {}).get("da", {}).get("name", ""),
                    o["score"],
                ]
                for o in q["options"]
            ]
    question_sheet = _sheet(workbook, QUESTIONS, questions)
    _sheet(workbook, OPTIONS, options)
    last = MAX_ROWS + 1
    _list(sections, '"' + ",".join(TRACKS) + '"', f"D2:D{last}")
    _list(question_sheet, '"' + ",".join(QuestionType.values) + '"', f"C2:C{last}")
    _list(question_sheet, '"x"', f"I2:J{last}")
    _list(question_sheet, f"'{_(SECTIONS)}'!$A$2:$A${last}", f"A2:A{last}")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Import -----------------------------------------------------------------------------------


@dataclass
class Errors:
    found: list = field(default_factory=list)

    def add(self, sheet: str, column: int, row: int, message: str) -> None:
        self.found.append(f"{sheet}!{get_column_letter(column)}{row}: {message}")

    def raise_if_any(self) -> None:
        if not self.found:
            return
        shown = self.found[:MAX_ERRORS]
        if len(self.found) > MAX_ERRORS:
            shown.append(_("… and %(n)d more.") % {"n": len(self.found) - MAX_ERRORS})
        intro = ngettext(
            "Nothing was imported: %(n)d cell is wrong.",
            "Nothing was imported: %(n)d cells are wrong.",
            len(self.found),
        ) % {"n": len(self.found)}
        raise DomainError([intro, *shown], "file")


def _refuse(message: str):
    return DomainError(message, "file")


def _rows(workbook, name: str, errors: Errors):
    """(sheet title, [(row number, cells)]) of a sheet, its header checked; (None, []) when
    the sheet is missing or its header is wrong (the error is noted)."""
    names = _in_every_language(name)
    sheet = next((workbook[n] for n in workbook.sheetnames if n in names), None)
    if sheet is None:
        errors.found.append(_("The workbook has no sheet named “%(name)s”.") % {"name": _(name)})
        return None, []
    width = len(SHEETS[name])
    rows = sheet.iter_rows(min_row=1, max_col=width, values_only=True)
    header = [_cell_text(v) for v in next(rows, ())]
    expected = [_in_every_language(h) for h in SHEETS[name]]
    if len(header) != width or any(h not in said for h, said in zip(header, expected, strict=True)):
        errors.add(sheet.title, 1, 1, _("the header row has been changed."))
        return None, []
    found = []
    for number, cells in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            raise _refuse(_("The sheet “%(name)s” has too many rows.") % {"name": sheet.title})
        cells = tuple(cells) + (None,) * (width - len(cells))
        if any(_cell_text(v) is not None for v in cells):
            found.append((number, cells))
    return sheet.title, found


def _str(value) -> str:
    return _cell_text(value) or ""


def _whole(value):
    """A whole number from a cell (3, 3.0 or "3"), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    return None


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    try:
        return float(str(value).replace(",", "."))
    except (TypeError, ValueError):
        return None


def _mark(value):
    """An "x" column: True, False, or None when the cell holds something else."""
    if value is None or value is False or _str(value) == "":
        return False
    if value is True or _str(value).lower() == "x":
        return True
    return None


def _da(**texts) -> dict:
    kept = {k: v for k, v in texts.items() if v}
    return {"da": kept} if kept else {}


class _Reader:
    """Reads the five sheets of one workbook into the data `authoring.draft_import` takes."""

    def __init__(self, workbook, questionnaire):
        self.workbook = workbook
        self.questionnaire = questionnaire
        self.errors = Errors()

    def need(self, sheet, column, row, value, length=None) -> str:
        text = _str(value)
        if not text:
            self.errors.add(sheet, column, row, _("this cell must not be empty."))
        elif length and len(text) > length:
            self.errors.add(sheet, column, row, _("at most %(n)d characters.") % {"n": length})
        return text

    def read(self) -> dict:
        meta = self.questionnaire_sheet()
        scale = self.scale_sheet(meta)
        sections = self.sections_sheet()
        questions = self.questions_sheet(sections)
        self.options_sheet(questions)
        self.errors.raise_if_any()
        return {
            "key": self.questionnaire.key,
            "name": meta["name"],
            "description": meta["description"],
            "translations": _da(name=meta["name_da"], description=meta["description_da"]),
            "scale": scale,
            "sections": list(sections.values()),
        }

    def questionnaire_sheet(self) -> dict:
        title, rows = _rows(self.workbook, QUESTIONNAIRE, self.errors)
        values, places = {}, {}
        for number, (code, value, _note) in rows:
            code = _str(code)
            if code not in FIELDS:
                self.errors.add(title, 1, number, _("not a field Skanse knows."))
            elif code in values:
                self.errors.add(title, 1, number, _("this field is given twice."))
            else:
                values[code], places[code] = value, number
        for code in FIELDS:
            if title and code not in values:
                message = _("the field “%(f)s” is missing.") % {"f": code}
                self.errors.add(title, 1, len(rows) + 2, message)
        if "key" in values and _str(values["key"]).lower() != self.questionnaire.key:
            self.errors.add(
                title,
                2,
                places["key"],
                _("this workbook is of the questionnaire “%(other)s”, not “%(key)s”.")
                % {"other": _str(values["key"]), "key": self.questionnaire.key},
            )
        meta = {"places": places, "title": title}
        for code in ("name", "name_da", "description", "description_da"):
            meta[code] = _str(values.get(code))
        if "name" in places:
            self.need(title, 2, places["name"], values["name"], 255)
        for code in ("scale_min", "scale_max"):
            meta[code] = _whole(values.get(code))
            if code in places and meta[code] is None:
                self.errors.add(title, 2, places[code], _("a whole number."))
        meta["scale_target"] = _number(values.get("scale_target"))
        if "scale_target" in places and meta["scale_target"] is None:
            self.errors.add(title, 2, places["scale_target"], _("a number."))
        return meta

    def scale_sheet(self, meta) -> dict:
        title, rows = _rows(self.workbook, SCALE, self.errors)
        low, high, target = meta["scale_min"], meta["scale_max"], meta["scale_target"]
        ok = low is not None and high is not None
        if ok and not 0 <= low < high <= 100:
            ok = False
            self.errors.add(
                meta["title"],
                2,
                meta["places"]["scale_max"],
                _("the scale must run from a lower to a higher number (0–100)."),
            )
        if ok and target is not None and not low <= target <= high:
            self.errors.add(
                meta["title"],
                2,
                meta["places"]["scale_target"],
                _("the target must be on the scale."),
            )
        levels, seen = [], set()
        for number, (value, label, label_da, description, description_da) in rows:
            level = _whole(value)
            if level is None or (ok and not low <= level <= high) or level in seen:
                self.errors.add(title, 1, number, _("a level on the scale, once."))
            seen.add(level)
            levels.append(
                authoring.scale_level(
                    level,
                    self.need(title, 2, number, label, 200),
                    _str(label_da),
                    _str(description),
                    _str(description_da),
                )
            )
        return {
            "min": low,
            "max": high,
            "target": target,
            "levels": sorted(levels, key=lambda lv: lv["value"] or 0),
        }

    def sections_sheet(self) -> dict:
        title, rows = _rows(self.workbook, SECTIONS, self.errors)
        sections = {}
        for number, (key, name, name_da, track) in rows:
            key = _str(key).lower()
            if not authoring.SECTION_KEY.fullmatch(key):
                self.errors.add(
                    title, 1, number, _("letters, digits, hyphens or underscores (at most 60).")
                )
            elif key in sections:
                self.errors.add(title, 1, number, _("another section has this key."))
            track = _str(track)
            if track not in TRACKS:
                self.errors.add(
                    title, 4, number, _("one of: %(list)s.") % {"list": ", ".join(TRACKS)}
                )
            sections.setdefault(
                key,
                {
                    "key": key,
                    "track": track,
                    "name": self.need(title, 2, number, name, 255),
                    "translations": _da(name=_str(name_da)),
                    "questions": [],
                    "row": (title, number),
                },
            )
        if title and not sections:
            self.errors.add(title, 1, 2, _("the questionnaire needs at least one section."))
        return sections

    def questions_sheet(self, sections) -> dict:
        title, rows = _rows(self.workbook, QUESTIONS, self.errors)
        questions, urns = {}, {}
        for number, cells in rows:
            section, key, kind, text, text_da, help_, help_da, weight, req, evid, links = cells
            section_key = _str(section).lower()
            if section_key not in sections:
                self.errors.add(title, 1, number, _("no section has this key."))
            key = _str(key)
            if not authoring.QUESTION_KEY.fullmatch(key):
                self.errors.add(title, 2, number, _("at most 30 characters, without spaces."))
            elif key in questions:
                self.errors.add(title, 2, number, _("another question has this key."))
            kind = _str(kind)
            if kind not in QuestionType.values:
                self.errors.add(
                    title,
                    3,
                    number,
                    _("one of: %(list)s.") % {"list": ", ".join(QuestionType.values)},
                )
            weight = 1 if _str(weight) == "" else _whole(weight)
            if weight is None or not 1 <= weight <= 10:
                self.errors.add(title, 8, number, _("a whole number from 1 to 10."))
            required, evidence = _mark(req), _mark(evid)
            for column, mark in ((9, required), (10, evidence)):
                if mark is None:
                    self.errors.add(title, column, number, _("“x” or empty."))
            found = [u.lower() for u in re.split(r"[\s,;]+", _str(links)) if u]
            for urn in found:
                urns.setdefault(urn, (title, number))
            question = {
                "key": key,
                "type": kind,
                "name": self.need(title, 4, number, text),
                "description": _str(help_),
                "weight": weight,
                "required": bool(required),
                "evidence": bool(evidence),
                "options": [],
                "requirements": list(dict.fromkeys(found)),
                "translations": _da(name=_str(text_da), description=_str(help_da)),
            }
            questions.setdefault(key, (question, title, number))
            if section_key in sections:
                sections[section_key]["questions"].append(question)
        known = authoring.requirement_ids(urns)
        for urn, (sheet, number) in urns.items():
            if urn not in known:
                self.errors.add(
                    sheet, 11, number, _("“%(urn)s” is not in the library.") % {"urn": urn}
                )
        for section in sections.values():
            sheet, number = section.pop("row")
            if not section["questions"] and title:
                self.errors.add(sheet, 1, number, _("this section has no questions."))
        return questions

    def options_sheet(self, questions) -> None:
        title, rows = _rows(self.workbook, OPTIONS, self.errors)
        for number, (question_key, key, label, label_da, score) in rows:
            entry = questions.get(_str(question_key))
            if entry is None:
                self.errors.add(title, 1, number, _("no question has this key."))
            elif entry[0]["type"] not in CHOICE_TYPES:
                self.errors.add(title, 1, number, _("only choice questions have options."))
            key = _str(key)
            if not key or len(key) > 30 or re.search(r"[\s,]", key):
                self.errors.add(
                    title, 2, number, _("one word of at most 30 characters, without commas.")
                )
            elif entry and key in [o["key"] for o in entry[0]["options"]]:
                self.errors.add(
                    title, 2, number, _("this question has another option with this key.")
                )
            value = _number(score)
            if value is None or not 0 <= value <= 1:
                self.errors.add(title, 5, number, _("a number from 0 to 1."))
            if entry is not None:
                entry[0]["options"].append(
                    {
                        "key": key,
                        "label": self.need(title, 3, number, label, 200),
                        "score": value,
                        "translations": _da(name=_str(label_da)),
                    }
                )
        for question, sheet, number in questions.values():
            if question["type"] in CHOICE_TYPES and len(question["options"]) < 2:
                message = _("a choice question needs at least two options in the sheet “%(name)s”.")
                self.errors.add(sheet, 3, number, message % {"name": _(OPTIONS)})


def read(content: bytes, questionnaire) -> dict:
    """The workbook's content as checked data for `authoring.draft_import`; a DomainError at
    "file" lists every wrong cell (or says why the file is refused as a whole)."""
    from openpyxl import load_workbook

    _check_zip(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (zip, XML, key errors) for a bad file
        raise _refuse(_("The file is not an Excel workbook (.xlsx).")) from None
    try:
        return _Reader(workbook, questionnaire).read()
    except XML_ERRORS:
        # A read-only workbook parses its sheets while they are read: broken XML deep in a
        # sheet is found only then.
        raise _refuse(_("The file is not an Excel workbook (.xlsx).")) from None
    finally:
        workbook.close()
