"""Breach log pages: the log, one breach, register and edit, exports and the authority summary."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from skanse.breaches import deadline, exporters, selectors, services
from skanse.breaches.forms import BreachFilterForm, BreachForm
from skanse.core.errors import apply_to_form
from skanse.core.paging import paginate
from skanse.tenancy.access import get_for_org, requires
from skanse.tenancy.roles import Cap

PER_PAGE = 50


def _crumbs(request, *trail):
    org = request.organisation
    return [(org.name, reverse("org_dashboard", args=[org.slug])), *trail]


def _log_crumb(request):
    return (_("Breach log"), reverse("breach_list", args=[request.organisation.slug]))


@require_safe
@requires(Cap.RECORDS_VIEW)
def breach_list(request, org):
    form = BreachFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, selectors.breach_list(request.organisation, params), PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    now = timezone.now()
    return render(
        request,
        "breaches/breach_list.html",
        {
            "page": page,
            "rows": [(b, deadline.clock(b, now)) for b in page.object_list],
            "form": form,
            "query": query.urlencode(),
            "crumbs": _crumbs(request, (_("Breach log"), None)),
        },
    )


def _form_page(request, form, breach=None):
    title = str(breach) if breach else _("Register a breach")
    return render(
        request,
        "breaches/breach_form.html",
        {
            "form": form,
            "breach": breach,
            "clock": deadline.clock(breach) if breach else None,
            "crumbs": _crumbs(request, _log_crumb(request), (title, None)),
        },
        status=400 if form.errors else 200,
    )


@requires(Cap.RECORDS_EDIT)
def breach_create(request, org):
    form = BreachForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            breach = services.breach_create(
                request.user, request.organisation, **form.service_fields()
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request,
                _(
                    "The breach was registered. The data protection officer and the security "
                    "officer are alerted."
                ),
            )
            return redirect("breach_detail", org=org, breach=breach.uuid)
    return _form_page(request, form)


@requires(Cap.RECORDS_EDIT)
def breach_edit(request, org, breach):
    obj = get_for_org(request, selectors.breach_for_page(request.organisation), uuid=breach)
    form = BreachForm(request.POST or None, instance=obj, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.breach_update(request.user, obj, **form.service_fields())
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The breach was saved."))
            return redirect("breach_detail", org=org, breach=obj.uuid)
    return _form_page(request, form, obj)


@require_safe
@requires(Cap.RECORDS_VIEW)
def breach_detail(request, org, breach):
    obj = get_for_org(request, selectors.breach_for_page(request.organisation), uuid=breach)
    return render(
        request,
        "breaches/breach_detail.html",
        {
            "breach": obj,
            "clock": deadline.clock(obj),
            "late": deadline.is_late(obj),
            "sections": exporters.authority_summary(obj),
            "events": selectors.history(request.organisation, obj)
            if Cap.AUDIT_VIEW in request.capabilities
            else None,
            "crumbs": _crumbs(request, _log_crumb(request), (str(obj), None)),
        },
    )


@require_safe
@requires(Cap.RECORDS_VIEW)
def breach_summary(request, org, breach):
    """The notification's fields as plain text, to paste into the authority's form."""
    obj = get_for_org(request, selectors.breach_for_page(request.organisation), uuid=breach)
    sections = exporters.authority_summary(obj)
    return render(
        request,
        "breaches/breach_summary.html",
        {
            "breach": obj,
            "clock": deadline.clock(obj),
            "sections": sections,
            "text": exporters.summary_text(sections),
            "crumbs": _crumbs(
                request,
                _log_crumb(request),
                (str(obj), reverse("breach_detail", args=[org, obj.uuid])),
                (_("Summary for the notification"), None),
            ),
        },
    )


def _download(request, content: bytes, content_type: str, suffix: str) -> HttpResponse:
    day = timezone.localdate().isoformat()
    stem = _("breach-log")  # outside the f-string, where makemessages finds it
    name = f"{stem}-{request.organisation.slug}-{day}.{suffix}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
@requires(Cap.RECORDS_VIEW)
def breach_log_xlsx(request, org):
    content = exporters.log_xlsx(request.organisation)
    return _download(request, content, exporters.CONTENT_TYPE, "xlsx")


@require_safe
@requires(Cap.RECORDS_VIEW)
def breach_log_pdf(request, org):
    # A breach log is short (a few dozen breaches a year), so it is made during the request.
    content = exporters.log_pdf(request.organisation)
    return _download(request, content, "application/pdf", "pdf")
