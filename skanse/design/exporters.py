"""The requirements to one supplier that arise from Art. 25 gaps, as Excel and PDF."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from skanse.design.selectors import supplier_requirements
from skanse.reporting.pdf import render_pdf

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WIDTHS = {"A": 26, "B": 12, "C": 30, "D": 60, "E": 12, "F": 12, "G": 26, "H": 30}


def requirement_lines(organisation, supplier) -> list[dict]:
    return [
        {
            "system": row.assessment.system.name,
            "ref": row.element.ref_id,
            "element": f"{row.principle.name_i18n}: {row.element.name_i18n}",
            "requirement": row.measure,
            "due_on": row.due_on,
            "done_on": row.done_on,
            "responsible": row.responsible,
            "requirement_set": row.requirement_set.name if row.requirement_set_id else "",
        }
        for row in supplier_requirements(organisation, supplier)
    ]


HEADINGS = (
    gettext_lazy("IT system"),
    gettext_lazy("Element"),
    gettext_lazy("Principle and element"),
    gettext_lazy("Requirement"),
    gettext_lazy("Due date"),
    gettext_lazy("Done on"),
    gettext_lazy("Responsible"),
    gettext_lazy("Requirement set"),
)
KEYS = ("system", "ref", "element", "requirement", "due_on", "done_on", "responsible")


def supplier_xlsx(organisation, supplier) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Requirements")[:31])
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")

    def cell(value, font=None):
        made = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            # Text stays text: a value starting with "=" is never a formula.
            made.data_type = "s"
            made.alignment = wrap
        if font is not None:
            made.font = font
        return made

    sheet.append(
        [
            cell(
                _("Requirements to %(supplier)s (GDPR Art. 25)") % {"supplier": supplier.name},
                Font(bold=True, size=14),
            )
        ]
    )
    sheet.append([cell(organisation.name), cell(timezone.localdate().isoformat())])
    sheet.append([])
    sheet.append([cell(str(text), bold) for text in HEADINGS])
    for line in requirement_lines(organisation, supplier):
        sheet.append([cell(line[key]) for key in (*KEYS, "requirement_set")])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def supplier_pdf(organisation, supplier, language=None) -> bytes:
    return render_pdf(
        "design/supplier_requirements.pdf.html",
        {
            "organisation": organisation,
            "supplier": supplier,
            "lines": requirement_lines(organisation, supplier),
            "made": timezone.now(),
        },
        language=language,
    )
