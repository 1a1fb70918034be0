"""The organisation's reports: the list, one report's progress (polled by htmx), download."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from skanse.core.files import attachment
from skanse.core.paging import paginate
from skanse.reporting import registry, selectors
from skanse.reporting.models import Report
from skanse.tenancy.access import get_for_org, requires
from skanse.tenancy.roles import Cap


def _readable(request, uuid) -> Report:
    report = get_for_org(request, Report.objects.all(), uuid=uuid)
    kind = registry.KINDS.get(report.kind)
    if kind is None or kind.capability not in request.capabilities:
        raise PermissionDenied
    return report


@require_safe
@requires(Cap.ORG_VIEW)
def report_list(request, org):
    reports = selectors.reports_for(request.organisation, request.capabilities)
    return render(request, "reporting/report_list.html", {"page": paginate(request, reports, 50)})


@require_safe
@requires(Cap.ORG_VIEW)
def report_detail(request, org, report):
    obj = _readable(request, report)
    template = "reporting/report_detail.html" + ("#status" if request.htmx else "")
    return render(request, template, {"report": obj})


@require_safe
@requires(Cap.ORG_VIEW)
def report_download(request, org, report):
    obj = _readable(request, report)
    if obj.status != Report.Status.DONE or not obj.file:
        raise Http404
    return attachment(obj.file, name=obj.file_name, content_type=obj.content_type)
