"""Privacy pages: the record of processing, processor agreements and their supervision."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from skanse.core.errors import apply_to_form, perform
from skanse.core.files import attachment
from skanse.core.paging import paginate
from skanse.privacy import importer, records, reports, selectors, services
from skanse.privacy import supervision as points
from skanse.privacy.forms import (
    ActivityFilterForm,
    ActivityForm,
    AgreementForm,
    ControllerDetailsForm,
    ImportForm,
    SubProcessorForm,
    SupervisionForm,
)
from skanse.privacy.models import ProcessingActivity, ProcessorAgreement, SubProcessor, Supervision
from skanse.reporting import services as reporting_services
from skanse.tenancy.access import get_for_org, requires
from skanse.tenancy.roles import Cap

PER_PAGE = 50


def _crumbs(request, *trail):
    org = request.organisation
    return [(org.name, reverse("org_dashboard", args=[org.slug])), *trail]


def _records_crumb(request):
    return (_("Record of processing"), reverse("activity_list", args=[request.organisation.slug]))


def _agreements_crumb(request):
    return (
        _("Processor agreements"),
        reverse("agreement_list", args=[request.organisation.slug]),
    )


def _status(form):
    return 400 if form.errors else 200


def _agreement_error(form, error: ValidationError) -> None:
    """The services name the file "document"; the form's upload field is "upload"."""
    if hasattr(error, "error_dict") and "document" in error.error_dict:
        error.error_dict["upload"] = error.error_dict.pop("document")
    apply_to_form(form, error)


# --- Record of processing ----------------------------------------------------------------------


@require_safe
@requires(Cap.RECORDS_VIEW)
def activity_list(request, org):
    form = ActivityFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, selectors.activity_list(request.organisation, params), PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "activities": page.object_list,
        "form": form,
        "query": query.urlencode(),
        "crumbs": _crumbs(request, (_("Record of processing"), None)),
    }
    if request.htmx:
        return render(request, "privacy/activity_list.html#results", context)
    return render(request, "privacy/activity_list.html", context)


def _activity_form(request, form, activity=None, status=200):
    title = activity.name if activity else _("New processing activity")
    return render(
        request,
        "privacy/activity_form.html",
        {
            "form": form,
            "activity": activity,
            "crumbs": _crumbs(request, _records_crumb(request), (title, None)),
        },
        status=status,
    )


@requires(Cap.RECORDS_EDIT)
def activity_create(request, org):
    form = ActivityForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.processing_activity_create(
                request.user, request.organisation, **form.service_fields()
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The processing activity was created."))
            return redirect("activity_detail", org=org, activity=activity.uuid)
    return _activity_form(request, form, status=_status(form))


@require_safe
@requires(Cap.RECORDS_VIEW)
def activity_detail(request, org, activity):
    obj = get_for_org(request, selectors.activity_for_page(request.organisation), uuid=activity)
    return render(
        request,
        "privacy/activity_detail.html",
        {
            "activity": obj,
            "lists": {
                "legal_bases": records._labels(obj.legal_bases, records.c.LEGAL_BASES),
                "subject_categories": records._labels(
                    obj.subject_categories, records.c.SUBJECT_CATEGORIES
                ),
                "data_categories": records._labels(obj.data_categories, records.c.DATA_CATEGORIES),
                "recipients": records._labels(obj.recipients, records.c.RECIPIENTS),
            },
            "events": selectors.history(request.organisation, obj)
            if Cap.AUDIT_VIEW in request.capabilities
            else None,
            "crumbs": _crumbs(request, _records_crumb(request), (obj.name, None)),
        },
    )


@requires(Cap.RECORDS_EDIT)
def activity_edit(request, org, activity):
    obj = get_for_org(request, ProcessingActivity.objects.all(), uuid=activity)
    form = ActivityForm(request.POST or None, instance=obj, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.processing_activity_update(request.user, obj, **form.service_fields())
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The processing activity was saved."))
            return redirect("activity_detail", org=org, activity=obj.uuid)
    return _activity_form(request, form, obj, status=_status(form))


@require_POST
@requires(Cap.RECORDS_EDIT)
def activity_delete(request, org, activity):
    obj = get_for_org(request, ProcessingActivity.objects.all(), uuid=activity)
    services.processing_activity_delete(request.user, obj)
    messages.success(request, _("The processing activity was deleted."))
    return redirect("activity_list", org=org)


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _file_name(request, suffix: str) -> str:
    day = timezone.localdate().isoformat()
    name = _("record-of-processing")
    return f"{name}-{request.organisation.slug}-{day}.{suffix}"


@require_safe
@requires(Cap.RECORDS_VIEW)
def record_xlsx(request, org):
    content = records.record_xlsx(request.organisation)
    return _download(content, records.CONTENT_TYPE, _file_name(request, "xlsx"))


@require_POST
@requires(Cap.RECORDS_VIEW)
def record_pdf(request, org):
    """The PDF is made in the worker; the report page shows its progress and the download."""
    try:
        report = reporting_services.report_request(
            actor=request.user,
            organisation=request.organisation,
            kind=reports.RECORD,
            subject_uuid=request.organisation.uuid,
            title=_("Record of processing: %(org)s") % {"org": request.organisation.name},
            language=request.POST.get("language", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("activity_list", org=org)
    return redirect("report_detail", org=org, report=report.uuid)


@requires(Cap.RECORDS_EDIT)
def activity_import(request, org):
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = importer.import_file(
                request.user, request.organisation, form.cleaned_data["file"].read()
            )
        except importer.ImportRefused as refusal:
            errors = refusal.errors
            form.add_error("file", refusal.messages[0])
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request,
                _("Imported: %(created)d new and %(updated)d changed processing activities.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("activity_list", org=org)
    return render(
        request,
        "privacy/activity_import.html",
        {
            "form": form,
            "errors": errors[:200],
            "more_errors": max(0, len(errors) - 200),
            "pick_lists": records.pick_lists(),
            "columns": records.IMPORT_COLUMNS,
            "crumbs": _crumbs(request, _records_crumb(request), (_("Import"), None)),
        },
        status=_status(form),
    )


@requires(Cap.RECORDS_EDIT)
def controller_edit(request, org):
    details = selectors.controller_details(request.organisation)
    form = ControllerDetailsForm(request.POST or None, instance=details)
    if request.method == "POST" and form.is_valid():
        try:
            services.controller_details_update(
                actor=request.user, organisation=request.organisation, **form.cleaned_data
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The controller's details were saved."))
            return redirect("activity_list", org=org)
    return render(
        request,
        "privacy/controller_form.html",
        {
            "form": form,
            "crumbs": _crumbs(request, _records_crumb(request), (_("Controller details"), None)),
        },
        status=_status(form),
    )


# --- Processor agreements ----------------------------------------------------------------------


@require_safe
@requires(Cap.RECORDS_VIEW)
def agreement_list(request, org):
    params = {"q": request.GET.get("q", ""), "status": request.GET.get("status", "")}
    page = paginate(request, selectors.agreement_list(request.organisation, params), PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "privacy/agreement_list.html",
        {
            "page": page,
            "agreements": page.object_list,
            "params": params,
            "statuses": records.c.AgreementStatus.choices,
            "query": query.urlencode(),
            "missing": selectors.systems_without_agreement(request.organisation)[:50],
            "crumbs": _crumbs(request, (_("Processor agreements"), None)),
        },
    )


def _agreement_form(request, form, agreement=None, status=200):
    title = agreement.name if agreement else _("New processor agreement")
    return render(
        request,
        "privacy/agreement_form.html",
        {
            "form": form,
            "agreement": agreement,
            "concepts": points.CONCEPTS,
            "crumbs": _crumbs(request, _agreements_crumb(request), (title, None)),
        },
        status=status,
    )


@requires(Cap.RECORDS_EDIT)
def agreement_create(request, org):
    form = AgreementForm(
        request.POST or None, request.FILES or None, organisation=request.organisation
    )
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        fields.pop("remove_document", None)
        try:
            agreement = services.processor_agreement_create(
                request.user, request.organisation, **fields
            )
        except ValidationError as error:
            _agreement_error(form, error)
        else:
            messages.success(request, _("The processor agreement was created."))
            return redirect("agreement_detail", org=org, agreement=agreement.uuid)
    return _agreement_form(request, form, status=_status(form))


@require_safe
@requires(Cap.RECORDS_VIEW)
def agreement_detail(request, org, agreement):
    obj = get_for_org(request, selectors.agreement_for_page(request.organisation), uuid=agreement)
    return render(
        request,
        "privacy/agreement_detail.html",
        {
            "agreement": obj,
            "score": points.agreement_score(obj),
            "method_ok": points.method_allowed(obj.supervision_method, points.agreement_score(obj)),
            "state": selectors.supervision_state(obj),
            "sub_form": SubProcessorForm(),
            "events": selectors.agreement_history(request.organisation, obj)
            if Cap.AUDIT_VIEW in request.capabilities
            else None,
            "crumbs": _crumbs(request, _agreements_crumb(request), (obj.name, None)),
        },
    )


@requires(Cap.RECORDS_EDIT)
def agreement_edit(request, org, agreement):
    obj = get_for_org(request, ProcessorAgreement.objects.all(), uuid=agreement)
    form = AgreementForm(
        request.POST or None,
        request.FILES or None,
        instance=obj,
        organisation=request.organisation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.processor_agreement_update(request.user, obj, **form.service_fields())
        except ValidationError as error:
            _agreement_error(form, error)
        else:
            messages.success(request, _("The processor agreement was saved."))
            return redirect("agreement_detail", org=org, agreement=obj.uuid)
    return _agreement_form(request, form, obj, status=_status(form))


@require_POST
@requires(Cap.RECORDS_EDIT)
def agreement_delete(request, org, agreement):
    obj = get_for_org(request, ProcessorAgreement.objects.all(), uuid=agreement)
    services.processor_agreement_delete(request.user, obj)
    messages.success(request, _("The processor agreement was deleted."))
    return redirect("agreement_list", org=org)


@require_safe
@requires(Cap.RECORDS_VIEW)
def agreement_document(request, org, agreement):
    obj = get_for_org(request, ProcessorAgreement.objects.all(), uuid=agreement)
    if not obj.document:
        raise Http404
    return attachment(
        obj.document, name=obj.document_name or "agreement", content_type=obj.document_type
    )


@require_POST
@requires(Cap.RECORDS_EDIT)
def sub_processor_add(request, org, agreement):
    obj = get_for_org(request, ProcessorAgreement.objects.all(), uuid=agreement)
    form = SubProcessorForm(request.POST)
    if form.is_valid():
        perform(
            request,
            lambda: services.sub_processor_add(request.user, obj, **form.cleaned_data),
            _("The sub-processor was added."),
        )
    else:
        messages.error(request, _("Give the sub-processor's name."))
    return redirect("agreement_detail", org=org, agreement=obj.uuid)


@require_POST
@requires(Cap.RECORDS_EDIT)
def sub_processor_remove(request, org, sub_processor):
    sub = get_for_org(request, SubProcessor.objects.select_related("agreement"), uuid=sub_processor)
    services.sub_processor_remove(request.user, sub)
    messages.success(request, _("The sub-processor was removed."))
    return redirect("agreement_detail", org=org, agreement=sub.agreement.uuid)


# --- Supervision -------------------------------------------------------------------------------


@require_safe
@requires(Cap.RECORDS_VIEW)
def supervision_list(request, org):
    page = paginate(request, selectors.supervision_overview(request.organisation), PER_PAGE)
    on = selectors.today()
    for agreement in page.object_list:
        agreement.state = selectors.supervision_state(agreement, on)
    return render(
        request,
        "privacy/supervision_list.html",
        {
            "page": page,
            "rows": page.object_list,
            "cards": selectors.dashboard_cards(request.organisation),
            "crumbs": _crumbs(request, (_("Supervision of processors"), None)),
        },
    )


def _supervision_form(request, form, agreement, record=None, status=200):
    return render(
        request,
        "privacy/supervision_form.html",
        {
            "form": form,
            "agreement": agreement,
            "record": record,
            "crumbs": _crumbs(
                request,
                _agreements_crumb(request),
                (
                    agreement.name,
                    reverse("agreement_detail", args=[request.organisation.slug, agreement.uuid]),
                ),
                (_("Supervision"), None),
            ),
        },
        status=status,
    )


@requires(Cap.RECORDS_EDIT)
def supervision_create(request, org, agreement):
    obj = get_for_org(request, ProcessorAgreement.objects.all(), uuid=agreement)
    form = SupervisionForm(request.POST or None, initial={"method": obj.supervision_method})
    if request.method == "POST" and form.is_valid():
        try:
            services.supervision_create(request.user, obj, **form.cleaned_data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The supervision was recorded."))
            return redirect("agreement_detail", org=org, agreement=obj.uuid)
    return _supervision_form(request, form, obj, status=_status(form))


@requires(Cap.RECORDS_EDIT)
def supervision_edit(request, org, supervision):
    record = get_for_org(request, Supervision.objects.select_related("agreement"), uuid=supervision)
    form = SupervisionForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            services.supervision_update(request.user, record, **form.cleaned_data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The supervision was saved."))
            return redirect("agreement_detail", org=org, agreement=record.agreement.uuid)
    return _supervision_form(request, form, record.agreement, record, status=_status(form))


@require_POST
@requires(Cap.RECORDS_EDIT)
def supervision_delete(request, org, supervision):
    record = get_for_org(request, Supervision.objects.select_related("agreement"), uuid=supervision)
    services.supervision_delete(request.user, record)
    messages.success(request, _("The supervision was deleted."))
    return redirect("agreement_detail", org=org, agreement=record.agreement.uuid)
