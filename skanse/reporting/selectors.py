from skanse.reporting import registry
from skanse.reporting.models import Report


def reports_for(organisation, capabilities, *, kind=None, subject_uuid=None):
    """The organisation's reports of the kinds these capabilities may read, newest first."""
    reports = Report.objects.filter(
        organisation=organisation, kind__in=registry.readable_kinds(capabilities)
    ).select_related("requested_by")
    if kind is not None:
        reports = reports.filter(kind=kind)
    if subject_uuid is not None:
        reports = reports.filter(subject_uuid=subject_uuid)
    return reports
