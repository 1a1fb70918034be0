"""DPIA pages: screenings, the DPIA document and its versions, risks, approval, the PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from skanse.core.errors import apply_to_form, perform
from skanse.core.paging import paginate
from skanse.dpia import criteria as k
from skanse.dpia import documents, selectors, services
from skanse.dpia.forms import (
    ApprovalForm,
    AssignmentForm,
    ConsultationForm,
    DocumentForm,
    DpiaForm,
    RiskForm,
    ScreeningForm,
)
from skanse.dpia.models import Dpia, DpiaAssignment, DpiaRisk, DpiaVersion, Screening
from skanse.tenancy.access import get_for_org, requires
from skanse.tenancy.roles import Cap

PER_PAGE = 50


def _crumbs(request, *trail):
    org = request.organisation
    return [
        (org.name, reverse("org_dashboard", args=[org.slug])),
        (_("DPIAs"), reverse("dpia_list", args=[org.slug])),
        *trail,
    ]


def _dpia_crumb(request, dpia):
    return (dpia.title, reverse("dpia_detail", args=[request.organisation.slug, dpia.uuid]))


def _form_page(request, form, title, cancel, crumbs, intro="", status=None):
    return render(
        request,
        "dpia/form.html",
        {"form": form, "title": title, "cancel": cancel, "intro": intro, "crumbs": crumbs},
        status=status or (400 if form.errors else 200),
    )


def _save(form, action) -> bool:
    """Run the service with the form's data; its refusal goes to the field at fault."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        apply_to_form(form, error)
        return False
    return True


def _version(request, uuid) -> DpiaVersion:
    return get_for_org(request, DpiaVersion.objects.select_related("dpia"), uuid=uuid)


# --- The list ----------------------------------------------------------------------------------


@require_safe
@requires(Cap.RECORDS_VIEW)
def dpia_list(request, org):
    organisation = request.organisation
    params = {key: request.GET.get(key, "") for key in ("q", "status")}
    page = paginate(request, selectors.dpia_list(organisation, params), PER_PAGE)
    query = urlencode({key: value for key, value in params.items() if value})
    return render(
        request,
        "dpia/dpia_list.html",
        {
            "page": page,
            "dpias": page.object_list,
            "screenings": selectors.screening_list(organisation)[:PER_PAGE],
            "missing": selectors.screenings_without_dpia(organisation)[:PER_PAGE],
            "cards": selectors.dashboard_cards(organisation),
            "statuses": k.Status.choices,
            "query": query,
            "crumbs": [*_crumbs(request)[:-1], (_("DPIAs"), None)],
        },
    )


# --- Screenings --------------------------------------------------------------------------------


@requires(Cap.RECORDS_EDIT)
def screening_create(request, org):
    initial = {key: request.GET[key] for key in ("activity", "system") if key in request.GET}
    form = ScreeningForm(request.POST or None, initial=initial, organisation=request.organisation)
    if request.method == "POST":
        saved = {}
        if _save(
            form,
            lambda data: saved.update(
                obj=services.screening_create(
                    actor=request.user, organisation=request.organisation, **data
                )
            ),
        ):
            messages.success(request, _("The screening was recorded."))
            return redirect("screening_detail", org=org, screening=saved["obj"].uuid)
    return _form_page(
        request,
        form,
        _("New DPIA screening"),
        reverse("dpia_list", args=[org]),
        _crumbs(request, (_("New DPIA screening"), None)),
        intro=_(
            "Tick what applies to the processing. WP248's rule of thumb: two or more criteria "
            "met means a DPIA is likely required. Always give your reasons."
        ),
    )


@require_safe
@requires(Cap.RECORDS_VIEW)
def screening_detail(request, org, screening):
    obj = get_for_org(request, selectors.screening_for_page(request.organisation), uuid=screening)
    return render(
        request,
        "dpia/screening_detail.html",
        {
            "screening": obj,
            "criteria": [
                (code, label, urn, code in obj.criteria) for code, label, urn in k.CRITERIA
            ],
            "art35_3": k.labels(obj.art35_3, k.ART35_3),
            "danish_list": k.labels(obj.danish_list, k.DANISH_LIST),
            "danish_applies": k.labels(services.danish_list_applies(obj), k.DANISH_LIST),
            "rule_of_thumb": k.RULE_OF_THUMB,
            "events": selectors.screening_history(request.organisation, obj)
            if Cap.AUDIT_VIEW in request.capabilities
            else None,
            "crumbs": _crumbs(request, (str(obj), None)),
        },
    )


@requires(Cap.RECORDS_EDIT)
def screening_edit(request, org, screening):
    obj = get_for_org(request, selectors.screening_list(request.organisation), uuid=screening)
    initial = {
        "activity": obj.activity.uuid if obj.activity else None,
        "system": obj.system.uuid if obj.system else None,
        "criteria": obj.criteria,
        "art35_3": obj.art35_3,
        "danish_list": obj.danish_list,
        "outcome": obj.outcome,
        "reasons": obj.reasons,
        "screened_on": obj.screened_on,
    }
    form = ScreeningForm(request.POST or None, initial=initial, organisation=request.organisation)
    if request.method == "POST" and _save(
        form, lambda data: services.screening_update(actor=request.user, screening=obj, **data)
    ):
        messages.success(request, _("The screening was saved."))
        return redirect("screening_detail", org=org, screening=obj.uuid)
    return _form_page(
        request,
        form,
        _("Edit the screening"),
        reverse("screening_detail", args=[org, obj.uuid]),
        _crumbs(request, (str(obj), None)),
    )


@require_POST
@requires(Cap.RECORDS_EDIT)
def screening_delete(request, org, screening):
    obj = get_for_org(request, Screening.objects.all(), uuid=screening)
    services.screening_delete(actor=request.user, screening=obj)
    messages.success(request, _("The screening was deleted."))
    return redirect("dpia_list", org=org)


# --- DPIAs -------------------------------------------------------------------------------------


@requires(Cap.RECORDS_EDIT)
def dpia_create(request, org):
    screening = None
    if request.GET.get("screening"):
        try:
            screening = get_for_org(
                request,
                selectors.screening_list(request.organisation),
                uuid=request.GET["screening"],
            )
        except (Http404, ValidationError):
            screening = None
    initial = {}
    if screening:
        initial = {
            "title": str(
                _("DPIA: %(subject)s") % {"subject": screening.activity or screening.system}
            ),
            "activity": screening.activity.uuid if screening.activity else None,
            "system": screening.system.uuid if screening.system else None,
        }
    form = DpiaForm(request.POST or None, initial=initial, organisation=request.organisation)
    if request.method == "POST":
        saved = {}
        if _save(
            form,
            lambda data: saved.update(
                obj=services.dpia_create(
                    actor=request.user,
                    organisation=request.organisation,
                    screening=screening,
                    **data,
                )
            ),
        ):
            messages.success(request, _("The DPIA was created as a draft."))
            return redirect("dpia_detail", org=org, dpia=saved["obj"].uuid)
    return _form_page(
        request,
        form,
        _("New DPIA"),
        reverse("dpia_list", args=[org]),
        _crumbs(request, (_("New DPIA"), None)),
    )


@require_safe
@requires(Cap.RECORDS_VIEW)
def dpia_detail(request, org, dpia):
    obj = get_for_org(request, selectors.dpia_for_page(request.organisation), uuid=dpia)
    number = request.GET.get("version")
    version = selectors.version_for_page(obj, int(number) if (number or "").isdigit() else None)
    if version is None:
        raise Http404
    context = documents.version_context(obj, version)
    can_edit = Cap.RECORDS_EDIT in request.capabilities
    context.update(
        {
            "versions": selectors.versions_of(obj),
            "can_edit": can_edit and version.editable,
            "assignment_form": AssignmentForm(organisation=request.organisation)
            if can_edit and version.editable
            else None,
            "events": selectors.history(request.organisation, obj)
            if Cap.AUDIT_VIEW in request.capabilities
            else None,
            "crumbs": _crumbs(request, (obj.title, None)),
        }
    )
    return render(request, "dpia/dpia_detail.html", context)


@requires(Cap.RECORDS_EDIT)
def dpia_edit(request, org, dpia):
    obj = get_for_org(request, selectors.dpia_for_page(request.organisation), uuid=dpia)
    initial = {
        "title": obj.title,
        "activity": obj.activity.uuid if obj.activity else None,
        "system": obj.system.uuid if obj.system else None,
        "reassess_on": obj.reassess_on,
    }
    form = DpiaForm(request.POST or None, initial=initial, organisation=request.organisation)
    if request.method == "POST" and _save(
        form, lambda data: services.dpia_update(actor=request.user, dpia=obj, **data)
    ):
        messages.success(request, _("The DPIA was saved."))
        return redirect("dpia_detail", org=org, dpia=obj.uuid)
    return _form_page(
        request,
        form,
        _("Edit the DPIA"),
        reverse("dpia_detail", args=[org, obj.uuid]),
        _crumbs(request, _dpia_crumb(request, obj), (_("Edit"), None)),
    )


@require_POST
@requires(Cap.RECORDS_EDIT)
def dpia_delete(request, org, dpia):
    obj = get_for_org(request, Dpia.objects.all(), uuid=dpia)
    services.dpia_delete(actor=request.user, dpia=obj)
    messages.success(request, _("The DPIA was deleted."))
    return redirect("dpia_list", org=org)


@require_POST
@requires(Cap.RECORDS_EDIT)
def dpia_reassess(request, org, dpia):
    obj = get_for_org(request, Dpia.objects.all(), uuid=dpia)
    perform(
        request,
        lambda: services.dpia_reassess(actor=request.user, dpia=obj),
        lambda version: _("Version %(n)d was started as a draft.") % {"n": version.number},
    )
    return redirect("dpia_detail", org=org, dpia=obj.uuid)


@require_safe
@requires(Cap.RECORDS_VIEW)
def dpia_pdf(request, org, version):
    obj = _version(request, version)
    content = documents.version_pdf(obj, language=request.GET.get("language"))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.file_name(obj)}"'
    return response


# --- A version's parts -------------------------------------------------------------------------


def _version_page(request, obj, form, title):
    return _form_page(
        request,
        form,
        title,
        reverse("dpia_detail", args=[request.organisation.slug, obj.dpia.uuid]),
        _crumbs(request, _dpia_crumb(request, obj.dpia), (title, None)),
    )


def _back(obj):
    return redirect("dpia_detail", org=obj.organisation.slug, dpia=obj.dpia.uuid)


@requires(Cap.RECORDS_EDIT)
def version_edit(request, org, version):
    obj = _version(request, version)
    names = [*services.DOCUMENT_FIELDS]
    form = DocumentForm(request.POST or None, initial={n: getattr(obj, n) for n in names})
    if request.method == "POST" and _save(
        form, lambda data: services.version_update(actor=request.user, version=obj, **data)
    ):
        messages.success(request, _("The DPIA was saved."))
        return _back(obj)
    return _version_page(request, obj, form, _("Description, necessity and risk matrix"))


@requires(Cap.RECORDS_EDIT)
def version_consult(request, org, version):
    obj = _version(request, version)
    initial = {n: getattr(obj, n) for n in services.CONSULTATION_FIELDS}
    form = ConsultationForm(request.POST or None, initial=initial)
    if request.method == "POST" and _save(
        form, lambda data: services.version_consult(actor=request.user, version=obj, **data)
    ):
        messages.success(request, _("The DPO's opinion was recorded."))
        return _back(obj)
    return _version_page(request, obj, form, _("Consultation of the DPO"))


@require_POST
@requires(Cap.RECORDS_EDIT)
def version_submit(request, org, version):
    obj = _version(request, version)
    perform(
        request,
        lambda: services.version_submit(actor=request.user, version=obj),
        _("The DPIA was sent for approval."),
    )
    return _back(obj)


@requires(Cap.RECORDS_EDIT)
def version_approve(request, org, version):
    obj = _version(request, version)
    initial = {n: getattr(obj, n) for n in services.APPROVAL_FIELDS}
    initial["reassess_on"] = obj.dpia.reassess_on
    form = ApprovalForm(request.POST or None, initial=initial)
    if request.method == "POST" and _save(
        form, lambda data: services.version_approve(actor=request.user, version=obj, **data)
    ):
        messages.success(request, _("The DPIA was approved; this version is now frozen."))
        return _back(obj)
    return _version_page(request, obj, form, _("Management approval"))


@requires(Cap.RECORDS_EDIT)
def risk_add(request, org, version):
    obj = _version(request, version)
    form = RiskForm(request.POST or None)
    if request.method == "POST" and _save(
        form, lambda data: services.risk_add(actor=request.user, version=obj, **data)
    ):
        messages.success(request, _("The risk was added."))
        return _back(obj)
    return _version_page(request, obj, form, _("New risk"))


@requires(Cap.RECORDS_EDIT)
def risk_edit(request, org, risk):
    obj = get_for_org(request, DpiaRisk.objects.select_related("version__dpia"), uuid=risk)
    initial = {n: getattr(obj, n) for n in services.RISK_FIELDS}
    form = RiskForm(request.POST or None, initial=initial)
    if request.method == "POST" and _save(
        form, lambda data: services.risk_update(actor=request.user, risk=obj, **data)
    ):
        messages.success(request, _("The risk was saved."))
        return _back(obj.version)
    return _version_page(request, obj.version, form, obj.title)


@require_POST
@requires(Cap.RECORDS_EDIT)
def risk_delete(request, org, risk):
    obj = get_for_org(request, DpiaRisk.objects.select_related("version__dpia"), uuid=risk)
    perform(
        request,
        lambda: services.risk_delete(actor=request.user, risk=obj),
        _("The risk was deleted."),
    )
    return _back(obj.version)


@require_POST
@requires(Cap.RECORDS_EDIT)
def assignment_set(request, org, version):
    obj = _version(request, version)
    form = AssignmentForm(request.POST, organisation=request.organisation)
    if _save(form, lambda data: services.assignment_set(actor=request.user, version=obj, **data)):
        messages.success(request, _("The section was assigned."))
    else:
        messages.error(request, " ".join(m for errs in form.errors.values() for m in errs))
    return _back(obj)


@require_POST
@requires(Cap.RECORDS_EDIT)
def assignment_remove(request, org, assignment):
    obj = get_for_org(
        request, DpiaAssignment.objects.select_related("version__dpia", "assignee"), uuid=assignment
    )
    perform(
        request,
        lambda: services.assignment_remove(actor=request.user, assignment=obj),
        _("The assignment was removed."),
    )
    return _back(obj.version)
