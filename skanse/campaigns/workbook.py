"""A response as an Excel workbook to answer offline, and the reading of it filled in.

The file format only: `response_workbook` writes it, `read_rows` reads it back into raw rows
with their cell references. Checking the values and saving them is the service's
(`services.apply_response_workbook`), so that the rules are the same as in the interface.

Layout of the one sheet: a hidden first row carries a marker and the response's UUID (an
upload to another response is refused); the second row is the header; then one row per
question. Column I (hidden) carries the answer's revision, so an answer someone saved after
the download is not overwritten unnoticed.
"""

import datetime
import io
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from skanse.campaigns.models import Answer, Question, QuestionType, Response
from skanse.campaigns.scoring import YES_PARTLY_NO
from skanse.core.errors import DomainError

MARKER = "skanse-response/1"
SHEET = gettext_noop("Answers")
HEADER = (
    gettext_noop("Question key"),
    gettext_noop("Section"),
    gettext_noop("Question"),
    gettext_noop("Type"),
    gettext_noop("Allowed values"),
    gettext_noop("Answer"),
    gettext_noop("Not relevant (x)"),
    gettext_noop("Comment"),
)
KEY, ANSWER, NOT_RELEVANT, COMMENT, REVISION = 1, 6, 7, 8, 9  # 1-based columns
FIRST_ROW = 3
MAX_ROWS = 5000  # far above any questionnaire; stops a sheet of a million empty rows early
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _in_every_language(message: str) -> set[str]:
    """`message` as each interface language says it: a workbook downloaded in Danish may be
    uploaded by someone reading English."""
    said = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            said.add(_(message))
    return said


def allowed_values(question: Question, scale: dict) -> str:
    if question.type == QuestionType.MATURITY:
        return f"{scale['min']}–{scale['max']}"
    if question.type == QuestionType.YES_PARTLY_NO:
        return ", ".join(YES_PARTLY_NO)
    if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        keys = ", ".join(o["key"] for o in question.options)
        if question.type == QuestionType.MULTIPLE_CHOICE:
            return _("one or more of: %(keys)s") % {"keys": keys}
        return keys
    if question.type == QuestionType.DATE:
        return "YYYY-MM-DD"
    if question.type == QuestionType.PERCENTAGE:
        return "0–100"
    if question.type == QuestionType.NUMBER:
        return _("a number")
    return _("free text")


def _shown(answer: Answer | None):
    if answer is None or answer.value is None:
        return None
    if isinstance(answer.value, list):
        return ", ".join(answer.value)
    return answer.value


def _text(cell) -> None:
    """Keep a string a string: text starting with "=" would otherwise become a formula."""
    if isinstance(cell.value, str):
        cell.data_type = "s"


def _validation(sheet, question: Question, scale: dict, cell: str, lists: dict) -> None:
    if question.type == QuestionType.MATURITY:
        choices = [str(v) for v in range(scale["min"], scale["max"] + 1)]
    elif question.type == QuestionType.YES_PARTLY_NO:
        choices = list(YES_PARTLY_NO)
    elif question.type == QuestionType.SINGLE_CHOICE:
        choices = [o["key"] for o in question.options]
    else:
        return
    formula = '"' + ",".join(choices) + '"'
    if len(formula) > 255:  # Excel's limit for an inline list
        return
    if formula not in lists:
        lists[formula] = DataValidation(type="list", formula1=formula, allow_blank=True)
        sheet.add_data_validation(lists[formula])
    lists[formula].add(cell)


def response_workbook(response: Response, *, section_ids=None) -> bytes:
    """The response's questions and current answers as an Excel workbook to fill in;
    `section_ids` limits it to those sections (a contributor's assigned ones)."""
    version = response.campaign.questionnaire_version
    questions = Question.objects.filter(section__version=version).select_related("section")
    if section_ids is not None:
        questions = questions.filter(section_id__in=section_ids)
    answers = {a.question_id: a for a in Answer.objects.filter(response=response)}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _(SHEET)
    sheet.append([MARKER, str(response.uuid)])
    sheet.row_dimensions[1].hidden = True
    sheet.append([_(h) for h in HEADER] + ["revision"])
    sheet.freeze_panes = "A3"
    lists: dict = {}
    for question in questions.order_by("section__order", "order"):
        answer = answers.get(question.pk)
        sheet.append(
            [
                question.key,
                question.section.name_i18n,
                question.name_i18n,
                question.get_type_display(),
                allowed_values(question, version.scale),
                _shown(answer),
                "x" if answer and answer.not_relevant else None,
                answer.comment if answer and answer.comment else None,
                answer.revision if answer else 0,
            ]
        )
        for cell in sheet[sheet.max_row]:
            _text(cell)
        _validation(sheet, question, version.scale, f"F{sheet.max_row}", lists)
    for column, width in zip("ABCDEFGH", (10, 24, 60, 16, 24, 24, 12, 40), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.column_dimensions["I"].hidden = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class Row:
    """One question row as read: raw cell values and the sheet's name for cell references."""

    sheet: str
    number: int
    key: str
    value: object
    not_relevant: object
    comment: object
    revision: object

    def ref(self, column: int) -> str:
        return f"{self.sheet}!{get_column_letter(column)}{self.number}"


def _cell_text(value) -> str | None:
    """A cell as the text the answer rules read; numbers without a spurious ".0"."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


MAX_PARTS = 200  # files inside the zip: an export has about 15
MAX_UNPACKED = 100 * 1024 * 1024  # what the zip may unpack to (a zip bomb is refused first)
# What a read-only workbook raises while its sheets are read: it parses them lazily, so
# broken XML deep in a sheet is found only then.
XML_ERRORS = (
    ElementTree.ParseError,
    DefusedXmlException,
    zipfile.BadZipFile,
    zlib.error,
    ValueError,
)


def check_zip(content: bytes) -> None:
    """Refuse what is not a small, honest zip before openpyxl unpacks any of it."""
    limit = settings.LIBRARY_IMPORT_MAX_BYTES
    if len(content) > limit:
        raise DomainError(
            _("The file is larger than %(mb)d MB.") % {"mb": limit // 1_000_000}, "file"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise DomainError(_("The file is not an Excel workbook (.xlsx)."), "file") from None
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED:
        raise DomainError(_("The workbook unpacks to more than Skanse accepts."), "file")


def read_rows(content: bytes, response: Response) -> list[Row]:
    """The question rows of a filled-in workbook; a DomainError if it is not this response's
    workbook (the file, the sheet, the header or the response is wrong)."""
    from openpyxl import load_workbook

    check_zip(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (zip, XML, key errors) for a bad file
        raise DomainError(_("The file is not an Excel workbook (.xlsx)."), "file") from None
    try:
        names = _in_every_language(SHEET)
        sheet = next((workbook[n] for n in workbook.sheetnames if n in names), None)
        if sheet is None:
            raise DomainError(
                _("The workbook has no sheet named “%(name)s”.") % {"name": _(SHEET)}, "file"
            )
        rows = sheet.iter_rows(min_row=1, max_col=REVISION, values_only=True)
        marker = next(rows, ())
        if tuple(marker[:2]) != (MARKER, str(response.uuid)):
            raise DomainError(
                _("This is not the workbook of this response. Download it again from this page."),
                "file",
            )
        header = [_cell_text(v) for v in next(rows, ())[:COMMENT]]
        expected = [_in_every_language(h) for h in HEADER]
        if len(header) != len(expected) or any(
            h not in said for h, said in zip(header, expected, strict=True)
        ):
            raise DomainError(
                _("%(ref)s: the header row has been changed.") % {"ref": f"{sheet.title}!A2"},
                "file",
            )
        found = []
        for number, cells in enumerate(rows, start=FIRST_ROW):
            if number >= FIRST_ROW + MAX_ROWS:
                raise DomainError(_("The sheet has too many rows."), "file")
            cells = tuple(cells) + (None,) * (REVISION - len(cells))
            if all(_cell_text(v) is None for v in cells):
                continue
            found.append(
                Row(
                    sheet=sheet.title,
                    number=number,
                    key=_cell_text(cells[KEY - 1]) or "",
                    value=cells[ANSWER - 1],
                    not_relevant=_cell_text(cells[NOT_RELEVANT - 1]),
                    comment=cells[COMMENT - 1],
                    revision=_cell_text(cells[REVISION - 1]),
                )
            )
        return found
    except XML_ERRORS:
        raise DomainError(_("The file is not an Excel workbook (.xlsx)."), "file") from None
    finally:
        workbook.close()


def raw_value(question: Question, value):
    """A cell's value in the shape `_clean_value` takes: text, or a list for multiple choice."""
    text = _cell_text(value)
    if text is None:
        return None
    if question.type == QuestionType.MULTIPLE_CHOICE:
        return [part.strip() for part in text.split(",") if part.strip()]
    return text
