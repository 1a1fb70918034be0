"""Isolation matrix rows for skanse.reporting (see tests/isolation/__init__.py).

The report built here is a campaign participant's report (read with `responses.view`), so
the coordinator's roles, which may not read that kind, are refused with 403."""

from django.core.files.base import ContentFile

from skanse.tenancy.roles import Cap
from tests.isolation import Row


def _report(personas, org, user):
    from skanse.campaigns.reports import MUNICIPALITY
    from skanse.reporting.models import Report

    report = Report.objects.filter(organisation=org, title="Matrix report").first()
    if report is None:
        report = Report(
            organisation=org,
            kind=MUNICIPALITY,
            title="Matrix report",
            language="da",
            status=Report.Status.DONE,
            file_name="matrix.pdf",
            content_type="application/pdf",
        )
        report.file.save("matrix.pdf", ContentFile(b"%PDF-1.7 matrix"), save=False)
        report.save()
    return report


ORG_ROWS = {
    "report_list": Row(Cap.ORG_VIEW),
    "report_detail": Row(Cap.RESPONSES_VIEW, obj="report"),
    "report_download": Row(Cap.RESPONSES_VIEW, obj="report"),
}
API_ROWS = {}
BUILDERS = {"report": _report}
PARAMS = {"report": "report"}
TENANT_OBJECTS = ("report",)
