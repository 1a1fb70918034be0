"""The record of processing as a document: the rows an exporter writes, in the layout a
supervisory authority expects (headings per Art. 30(1)(a)–(g), Art. 30(2) on its own), as
Excel and as PDF; plus the machine-readable "Import" sheet that `import_file` reads back.

Queries are fixed in number (one for the activities, two prefetches), whatever the size.
"""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from skanse.privacy import choices as c
from skanse.privacy.models import ProcessingActivity
from skanse.privacy.selectors import activity_list, controller_details
from skanse.reporting.pdf import render_pdf

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MARKER = "skanse-processing-activities/1"

# The import format: column keys (stable, English) in order. Lists are comma-separated codes;
# systems and processors are names from the organisation's inventory; "id" is the activity's
# UUID (empty for a new activity).
IMPORT_COLUMNS = (
    "id",
    "reference",
    "name",
    "description",
    "status",
    "role",
    "joint_controllers",
    "controller_name",
    "controller_contact",
    "purposes",
    "legal_bases",
    "legal_basis_notes",
    "subject_categories",
    "subject_notes",
    "subject_count",
    "data_categories",
    "data_notes",
    "recipients",
    "recipient_notes",
    "third_country_transfer",
    "third_countries",
    "transfer_basis",
    "transfer_safeguards",
    "erasure",
    "erasure_notes",
    "security_measures",
    "kle_numbers",
    "responsible_unit",
    "systems",
    "processors",
    "information_duty",
    "information_duty_notes",
    "dpia_need",
)
LIST_COLUMNS = {"legal_bases", "subject_categories", "data_categories", "recipients", "kle_numbers"}

# Art. 30(1) columns: (heading, letter of Art. 30(1) or None for Danish practice).
RECORD_HEADINGS = (
    (gettext_noop("Reference"), None),
    (gettext_noop("Processing activity"), None),
    (gettext_noop("Purposes"), "b"),
    (gettext_noop("Legal basis"), "b"),
    (gettext_noop("Categories of data subjects"), "c"),
    (gettext_noop("Categories of personal data"), "c"),
    (gettext_noop("Categories of recipients"), "d"),
    (gettext_noop("Transfers to third countries and safeguards"), "e"),
    (gettext_noop("Time limits for erasure"), "f"),
    (gettext_noop("Technical and organisational security measures"), "g"),
    (gettext_noop("Joint controllers"), "a"),
    (gettext_noop("KLE"), None),
    (gettext_noop("Responsible unit"), None),
    (gettext_noop("IT systems"), None),
    (gettext_noop("Data processors"), None),
    (gettext_noop("Duty to inform"), None),
    (gettext_noop("DPIA"), None),
)
PROCESSOR_HEADINGS = (
    (gettext_noop("Processing activity"), None),
    (gettext_noop("Controller and contact details"), "a"),
    (gettext_noop("Categories of processing"), "b"),
    (gettext_noop("Transfers to third countries and safeguards"), "c"),
    (gettext_noop("Technical and organisational security measures"), "d"),
)


def _labels(codes, pairs) -> str:
    names = dict(pairs)
    return "; ".join(str(names.get(code, code)) for code in codes)


def _join(*parts) -> str:
    return "\n".join(str(p) for p in parts if p)


def _transfer(activity) -> str:
    if not activity.third_country_transfer:
        return _("No transfer to third countries")
    return _join(
        activity.third_countries,
        activity.get_transfer_basis_display(),
        activity.transfer_safeguards,
    )


def record_row(activity: ProcessingActivity) -> list[str]:
    """One controller activity under the Art. 30(1) headings, in the active language."""
    return [
        activity.reference,
        _join(activity.name, activity.description),
        activity.purposes,
        _join(_labels(activity.legal_bases, c.LEGAL_BASES), activity.legal_basis_notes),
        _join(_labels(activity.subject_categories, c.SUBJECT_CATEGORIES), activity.subject_notes),
        _join(_labels(activity.data_categories, c.DATA_CATEGORIES), activity.data_notes),
        _join(_labels(activity.recipients, c.RECIPIENTS), activity.recipient_notes),
        _transfer(activity),
        _join(activity.get_erasure_display() if activity.erasure else "", activity.erasure_notes),
        activity.security_measures,
        activity.joint_controllers,
        ", ".join(activity.kle_numbers),
        activity.responsible_unit,
        ", ".join(s.name for s in activity.systems.all()),
        ", ".join(p.name for p in activity.processors.all()),
        activity.get_information_duty_display() if activity.information_duty else "",
        activity.get_dpia_need_display() if activity.dpia_need else "",
    ]


def processor_row(activity: ProcessingActivity) -> list[str]:
    return [
        _join(activity.reference, activity.name),
        _join(activity.controller_name, activity.controller_contact),
        _join(activity.purposes, activity.description),
        _transfer(activity),
        activity.security_measures,
    ]


def import_row(activity: ProcessingActivity) -> list:
    values = []
    for key in IMPORT_COLUMNS:
        if key == "id":
            values.append(str(activity.uuid))
        elif key in ("systems", "processors"):
            values.append(", ".join(o.name for o in getattr(activity, key).all()))
        elif key in LIST_COLUMNS:
            values.append(", ".join(getattr(activity, key)))
        elif key == "third_country_transfer":
            values.append("yes" if activity.third_country_transfer else "no")
        else:
            values.append(getattr(activity, key))
    return values


def heading(text: str, letter: str | None) -> str:
    return f"{letter}) {_(text)}" if letter else _(text)


def controller_lines(organisation) -> list[tuple[str, str]]:
    """Art. 30(1)(a): the controller, its contact details, representative and DPO."""
    details = controller_details(organisation)
    return [
        (_("Controller"), organisation.name),
        (_("CVR number"), organisation.cvr or ""),
        (_("Address"), details.address),
        (_("Contact"), _join(details.email, details.phone)),
        (_("Representative (Art. 27)"), details.representative),
        (
            _("Data protection officer"),
            _join(details.dpo_name, details.dpo_email, details.dpo_phone),
        ),
    ]


def _activities(organisation):
    return list(activity_list(organisation).exclude(status=c.ActivityStatus.DRAFT))


class _Writer:
    """Rows into a write-only sheet (fast at any size): text stays text, never a formula
    (a value starting with "=" is Excel injection), long or multi-line text wraps."""

    def __init__(self, workbook, title: str, widths=()):
        self.sheet = workbook.create_sheet(title[:31])
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.bold = Font(bold=True)
        self.title = Font(bold=True, size=14)
        for index, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width

    def cell(self, value, font=None):
        cell = WriteOnlyCell(self.sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
            if "\n" in value or len(value) > 40:
                cell.alignment = self.wrap
        if font is not None:
            cell.font = font
        return cell

    def row(self, values, font=None):
        self.sheet.append([self.cell(v, font) for v in values])


RECORD_WIDTHS = (12, 30, 40, 36, 30, 30, 30, 30, 24, 40, 20, 14, 20, 24, 24, 16, 14)


def record_xlsx(organisation) -> bytes:
    """The whole record: Art. 30(1), Art. 30(2), the import sheet and the pick lists."""
    activities = _activities(organisation)
    workbook = Workbook(write_only=True)
    record = _Writer(workbook, _("Record of processing"), RECORD_WIDTHS)
    lines = controller_lines(organisation)
    # The activities' table starts below the title, date, heading (a), its lines and a gap.
    record.sheet.freeze_panes = f"C{len(lines) + 6}"
    record.row([_("Record of processing activities (GDPR Art. 30)")], record.title)
    record.row([_("Made"), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    record.row([_("a) Name and contact details of the controller")], record.bold)
    for line in lines:
        record.row(line)
    record.row([])
    record.row([heading(text, letter) for text, letter in RECORD_HEADINGS], record.bold)
    for activity in activities:
        if activity.role == c.Role.CONTROLLER:
            record.row(record_row(activity))

    processor = _Writer(workbook, _("As processor"), (36, 36, 40, 30, 40))
    processor.row([_("Record of processing as processor (GDPR Art. 30(2))")], processor.title)
    processor.row([heading(t, letter) for t, letter in PROCESSOR_HEADINGS], processor.bold)
    for activity in activities:
        if activity.role == c.Role.PROCESSOR:
            processor.row(processor_row(activity))

    data = _Writer(workbook, "Import")
    data.sheet.row_dimensions[1].hidden = True
    data.row([MARKER])
    data.row(IMPORT_COLUMNS, data.bold)
    for activity in activities:
        data.row(import_row(activity))

    legend = _Writer(workbook, _("Pick lists"), (24, 20, 60))
    legend.row([_("Column"), _("Code"), _("Meaning")], legend.bold)
    for column, pairs in pick_lists():
        for code, label in pairs:
            legend.row([column, code, str(label)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pick_lists():
    """(column, [(code, label)]) for every coded column of the import format."""
    return [
        ("status", c.ActivityStatus.choices),
        ("role", c.Role.choices),
        ("legal_bases", c.LEGAL_BASES),
        ("subject_categories", c.SUBJECT_CATEGORIES),
        ("subject_count", [p for p in c.SubjectCount.choices if p[0]]),
        ("data_categories", c.DATA_CATEGORIES),
        ("recipients", c.RECIPIENTS),
        ("third_country_transfer", [("yes", _("Yes")), ("no", _("No"))]),
        ("transfer_basis", c.TransferBasis.choices),
        ("erasure", [p for p in c.Erasure.choices if p[0]]),
        ("information_duty", [p for p in c.InformationDuty.choices if p[0]]),
        ("dpia_need", [p for p in c.DpiaNeed.choices if p[0]]),
    ]


def record_pdf(organisation) -> bytes:
    return render_record_pdf(record_pdf_context(organisation))


def render_record_pdf(context: dict) -> bytes:
    return render_pdf("privacy/record.pdf.html", context)


def record_pdf_context(organisation) -> dict:
    activities = _activities(organisation)
    record_headings = [heading(t, letter) for t, letter in RECORD_HEADINGS]
    context = {
        "organisation": organisation,
        "controller": controller_lines(organisation),
        "made": timezone.localtime(),
        "headings": [heading(t, letter) for t, letter in RECORD_HEADINGS],
        "controller_rows": [
            {
                "title": str(a),
                "fields": list(zip(record_headings, record_row(a), strict=True))[1:],
            }
            for a in activities
            if a.role == c.Role.CONTROLLER
        ],
        "processor_rows": [
            list(zip([heading(t, x) for t, x in PROCESSOR_HEADINGS], processor_row(a), strict=True))
            for a in activities
            if a.role == c.Role.PROCESSOR
        ],
    }
    return context
