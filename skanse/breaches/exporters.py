"""The breach log as Excel and PDF, and the summary in the order of the Danish authority's
notification form (who, when, what, categories and numbers, consequences, measures, contact)."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from skanse.breaches import deadline
from skanse.breaches.models import KINDS
from skanse.breaches.selectors import breach_log, controller_details
from skanse.privacy import choices as pc
from skanse.reporting.pdf import render_pdf

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _labels(codes, pairs) -> str:
    names = dict(pairs)
    return ", ".join(str(names.get(code, code)) for code in codes)


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _names(objects) -> str:
    return ", ".join(o.name for o in objects)


def _count(value) -> str:
    return "" if value is None else str(value)


def _number(value):
    return "" if value is None else value


def log_columns() -> list[str]:
    return [
        _("Reference"),
        _("Title"),
        _("Status"),
        _("When it happened"),
        _("When we became aware"),
        _("Notification deadline"),
        _("Notification"),
        _("What happened"),
        _("Kind of breach"),
        _("Categories of data subjects"),
        _("Approximate number of data subjects"),
        _("Categories of personal data"),
        _("Approximate number of records"),
        _("IT systems"),
        _("Data processors"),
        _("Processing activities"),
        _("Processor agreements"),
        _("Likely consequences"),
        _("Measures taken or proposed"),
        _("Risk assessment"),
        _("Reasoning for the risk assessment"),
        _("Supervisory authority notified"),
        _("The authority's reference"),
        _("Reason for notifying after 72 hours"),
        _("Data subjects told"),
        _("How the data subjects were told"),
    ]


def log_row(breach, now) -> list:
    """One breach in the order of `log_columns`; the counts as numbers (or "" when unknown)."""
    return [
        breach.reference,
        breach.title,
        breach.get_status_display(),
        _when(breach.occurred_at),
        _when(breach.aware_at),
        _when(deadline.deadline(breach)),
        deadline.clock(breach, now).words,
        breach.description,
        _labels(breach.kinds, KINDS),
        _labels(breach.subject_categories, pc.SUBJECT_CATEGORIES),
        _number(breach.subjects_count),
        _labels(breach.data_categories, pc.DATA_CATEGORIES),
        _number(breach.records_count),
        _names(breach.systems.all()),
        _names(breach.processors.all()),
        _names(breach.activities.all()),
        _names(breach.agreements.all()),
        breach.consequences,
        breach.measures,
        breach.get_risk_display(),
        breach.risk_reasoning,
        _when(breach.authority_notified_at),
        breach.authority_reference,
        breach.delay_reason,
        _when(breach.subjects_notified_at),
        breach.subjects_notice,
    ]


def log_xlsx(organisation) -> bytes:
    """Every breach, notified or not (Art. 33(5)), one row each."""
    now = timezone.now()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Breaches")[:31])  # Excel allows 31 characters
    sheet.freeze_panes = "C4"
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def row(values, font=None):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.alignment = wrap
            if font:
                cell.font = font
            cells.append(cell)
        sheet.append(cells)

    row(
        [_("Breach log (GDPR Art. 33(5)): %(org)s") % {"org": organisation.name}],
        Font(bold=True, size=14),
    )
    row([_("Made"), timezone.localtime(now).strftime("%Y-%m-%d %H:%M")])
    row(log_columns(), bold)
    for breach in breach_log(organisation):
        row(log_row(breach, now))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def log_pdf_fields(breach, now) -> list[tuple[str, str]]:
    """(label, text) for one breach's section in the PDF (the title heads the section). As
    text, so that a count of 0 shows as "0", not as the "–" of an empty field."""
    pairs = list(zip(log_columns(), log_row(breach, now), strict=True))[2:]
    return [(label, str(value)) for label, value in pairs]


def log_pdf(organisation) -> bytes:
    now = timezone.now()
    breaches = [{"breach": b, "fields": log_pdf_fields(b, now)} for b in breach_log(organisation)]
    return render_pdf(
        "breaches/log.pdf.html",
        {"organisation": organisation, "made": timezone.localtime(now), "breaches": breaches},
    )


def authority_summary(breach) -> list[tuple[str, list[tuple[str, str]]]]:
    """The notification's sections in the order Datatilsynet's form asks for them."""
    organisation = breach.organisation
    details = controller_details(organisation)
    dpo = details and " · ".join(
        part for part in (details.dpo_name, details.dpo_email, details.dpo_phone) if part
    )
    return [
        (
            _("1. Who: the controller"),
            [
                (_("Controller"), organisation.name),
                (_("CVR number"), organisation.cvr),
                (_("Address"), details.address if details else ""),
            ],
        ),
        (
            _("2. When"),
            [
                (_("When it happened"), _when(breach.occurred_at)),
                (_("When we became aware"), _when(breach.aware_at)),
                (_("Supervisory authority notified"), _when(breach.authority_notified_at)),
                (_("Reason for notifying after 72 hours"), breach.delay_reason),
            ],
        ),
        (
            _("3. What happened"),
            [
                (_("Title"), breach.title),
                (_("Kind of breach"), _labels(breach.kinds, KINDS)),
                (_("What happened"), breach.description),
                (_("IT systems"), _names(breach.systems.all())),
                (_("Data processors"), _names(breach.processors.all())),
            ],
        ),
        (
            _("4. Data subjects and personal data"),
            [
                (
                    _("Categories of data subjects"),
                    _labels(breach.subject_categories, pc.SUBJECT_CATEGORIES),
                ),
                (_("Approximate number of data subjects"), _count(breach.subjects_count)),
                (
                    _("Categories of personal data"),
                    _labels(breach.data_categories, pc.DATA_CATEGORIES),
                ),
                (_("Approximate number of records"), _count(breach.records_count)),
            ],
        ),
        (_("5. Likely consequences"), [(_("Likely consequences"), breach.consequences)]),
        (
            _("6. Measures"),
            [
                (_("Measures taken or proposed"), breach.measures),
                (_("Data subjects told"), _when(breach.subjects_notified_at)),
                (_("How the data subjects were told"), breach.subjects_notice),
            ],
        ),
        (
            _("7. Contact"),
            [
                (_("Data protection officer"), dpo or ""),
                (_("Controller's e-mail"), details.email if details else ""),
                (_("Controller's phone"), details.phone if details else ""),
            ],
        ),
    ]


def summary_text(sections) -> str:
    lines = []
    for heading, fields in sections:
        lines.append(heading.upper())
        for label, value in fields:
            lines.append(f"{label}: {value or '–'}")
        lines.append("")
    return "\n".join(lines).strip() + "\n"
