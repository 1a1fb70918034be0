"""The record of processing as a PDF report, made in the worker (see skanse.reporting): a
municipality's full record runs to some hundred pages, too long to make during a request."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from skanse.privacy import records
from skanse.reporting.registry import ReportKind, register
from skanse.tenancy.roles import Cap

RECORD = "privacy.record"


def build_record(report, progress) -> tuple[bytes, str]:
    progress(10, _("Reading the record of processing"))
    context = records.record_pdf_context(report.organisation)
    progress(40, _("Writing the PDF"))
    content = records.render_record_pdf(context)
    day = timezone.localdate().isoformat()
    name = _("record-of-processing")
    return content, f"{name}-{report.organisation.slug}-{day}.pdf"


def register_kinds() -> None:
    register(
        ReportKind(
            RECORD,
            gettext_lazy("Record of processing (GDPR Art. 30)"),
            Cap.RECORDS_VIEW,
            build_record,
        )
    )
