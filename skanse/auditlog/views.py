"""The audit trail: per organisation (filterable, CSV export) and per object ("History")."""

from defusedcsv import csv
from django.conf import settings
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from skanse.auditlog import selectors
from skanse.auditlog.forms import AuditFilterForm
from skanse.core.paging import paginate
from skanse.tenancy.access import requires
from skanse.tenancy.roles import Cap


def _filtered(request):
    actors, object_types = selectors.audit_filter_choices(request.organisation)
    form = AuditFilterForm(request.GET or None, actors=actors, object_types=object_types)
    filters = form.cleaned_data if form.is_valid() else {}
    filters = {k: v for k, v in filters.items() if v}
    return form, selectors.audit_event_list(request.organisation, **filters)


@require_safe
@requires(Cap.AUDIT_VIEW)
def audit_list(request, org):
    form, events = _filtered(request)
    page = paginate(request, events, settings.AUDIT_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    # htmx asks for the results only when the filter changes; the page works without it too.
    template = "auditlog/audit_list.html" + ("#results" if request.htmx else "")
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, template, context)


class _Echo:
    def write(self, value):
        return value


@require_safe
@requires(Cap.AUDIT_VIEW)
def audit_export(request, org):
    form, events = _filtered(request)
    if form.errors:
        # Never export more than was asked for: the list page shows the filter's errors.
        response = audit_list(request, org)
        response.status_code = 400
        return response
    writer = csv.writer(_Echo())
    header = ["time", "person", "action", "object_type", "object", "object_uuid", "changes", "via"]

    def rows():
        yield writer.writerow(header)
        for event in events.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    timezone.localtime(event.created_at).isoformat(),
                    event.actor_label,
                    event.action,
                    event.object_type,
                    event.object_repr,
                    event.object_uuid or "",
                    "; ".join(f"{k}: {v[0]!s} → {v[1]!s}" for k, v in event.changes.items()),
                    event.via,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="audit-{org}-{stamp}.csv"'
    return response


@require_safe
@requires(Cap.AUDIT_VIEW)
def object_history(request, org, object_uuid):
    events = list(selectors.object_history(request.organisation, object_uuid)[:500])
    if not events:
        raise Http404
    return render(
        request,
        "auditlog/object_history.html",
        {
            "events": events,
            "subject": events[0],
            "type_label": selectors.object_type_label(events[0].object_type),
        },
    )
