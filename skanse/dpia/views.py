"""DPIA pages: screenings, the DPIA document and its versions, risks, approval, the PDF."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from skanse.commons.selectors import adoption_for_object
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
    PriorConsultationForm,
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


def _form_page(request, form, title, cancel, crumbs, intro="", status=None, **extra):
    return render(
        request,
        "dpia/form.html",
        {
            "form": form,
            "title": title,
            "cancel": cancel,
            "intro": intro,
            "crumbs": crumbs,
            **extra,
        },
        status=status or (400 if form.errors else 200),
    )


def _posted(request):
    """The form data of a POST (an empty one too, so that it gets its errors), else None."""
    return request.POST if request.method == "POST" else None


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


def _check(request, version, section=None) -> None:
    """403 unless the person may change `section` of `version` (None: the parts only those
    who keep the registers change); see selectors.may_edit. Whether the version is still
    editable is for `_frozen`, which says why not."""
    if not selectors.may_edit(
        request.user, request.capabilities, version, section, any_status=True
    ):
        raise PermissionDenied


def _frozen(request, version):
    """A frozen version cannot change: say so and go back to the DPIA (None when editable)."""
    if version.editable:
        return None
    messages.error(
        request,
        _(
            "Version %(n)d is %(status)s and cannot be changed. Start a re-assessment to make "
            "a new version."
        )
        % {"n": version.number, "status": version.get_status_display().lower()},
    )
    return _back(version)


# --- The list ----------------------------------------------------------------------------------


@require_safe
@requires(Cap.RECORDS_VIEW)
def dpia_list(request, org):
    organisation = request.organisation
    params = {key: request.GET.get(key, "") for key in ("q", "status")}
    page = paginate(request, selectors.dpia_list(organisation, params), PER_PAGE)
    page.object_list = list(page.object_list)
    for row in page.object_list:
        row.due_state = selectors.reassessment_state(row)
    query = urlencode({key: value for key, value in params.items() if value})
    return render(
        request,
        "dpia/dpia_list.html",
        {
            "page": page,
            "dpias": page.object_list,
            "screenings": Paginator(selectors.screening_list(organisation), PER_PAGE).get_page(
                request.GET.get("spage")
            ),
            "missing": selectors.screenings_without_dpia(organisation)[:PER_PAGE],
            "pending": selectors.prior_consultation_pending(organisation)[:PER_PAGE],
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
    initial["screened_on"] = timezone.localdate()
    form = ScreeningForm(_posted(request), initial=initial, organisation=request.organisation)
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
        catalogue=selectors.wp248_catalogue(),
    )


@require_safe
@requires(Cap.RECORDS_VIEW)
def screening_detail(request, org, screening):
    obj = get_for_org(request, selectors.screening_for_page(request.organisation), uuid=screening)
    library = selectors.criteria_in_library()
    return render(
        request,
        "dpia/screening_detail.html",
        {
            "screening": obj,
            "criteria": [
                (code, label, library.get(urn), code in obj.criteria)
                for code, label, urn in k.CRITERIA
            ],
            "dpias": list(obj.dpias.all()),
            "departs": obj.likely_required and obj.outcome == k.Outcome.NOT_REQUIRED,
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
    form = ScreeningForm(_posted(request), initial=initial, organisation=request.organisation)
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
        _crumbs(
            request,
            (str(obj), reverse("screening_detail", args=[org, obj.uuid])),
            (_("Edit"), None),
        ),
        catalogue=selectors.wp248_catalogue(),
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
    form = DpiaForm(_posted(request), initial=initial, organisation=request.organisation)
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
    versions = selectors.versions_of(obj)
    keeper = Cap.RECORDS_EDIT in request.capabilities
    editable = version.editable

    def may(section):
        return selectors.may_edit(
            request.user, request.capabilities, version, section, context["assignments"]
        )

    slug = request.organisation.slug
    edit = {
        "description": may("description")
        and reverse("dpia_version_edit", args=[slug, version.uuid]) + "?part=description",
        "necessity": may("necessity")
        and reverse("dpia_version_edit", args=[slug, version.uuid]) + "?part=necessity",
        "risks": may("risks") and reverse("dpia_risk_add", args=[slug, version.uuid]),
        "matrix": keeper
        and editable
        and reverse("dpia_version_edit", args=[slug, version.uuid]) + "?part=matrix",
        "consultation": may("consultation")
        and reverse("dpia_version_consult", args=[slug, version.uuid]),
    }
    context.update(
        {
            "versions": versions,
            "newest": versions[0],
            "adoption": adoption_for_object(request.organisation, obj),
            "keeper": keeper,
            "edit": edit,
            "risk_editable": may("risks"),
            "mine": [
                a
                for a in context["assignments"]
                if a.assignee_id == request.user.pk and not keeper and editable
            ],
            "next_step": documents.next_step(version, context["steps"]),
            "reassessment": selectors.reassessment_state(obj),
            "deletable": not any(v.status in k.FROZEN for v in versions),
            "assignment_form": AssignmentForm(organisation=request.organisation)
            if keeper and editable
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
    form = DpiaForm(_posted(request), initial=initial, organisation=request.organisation)
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
    if perform(
        request,
        lambda: services.dpia_delete(actor=request.user, dpia=obj),
        _("The DPIA was deleted."),
    ):
        return redirect("dpia_list", org=org)
    return redirect("dpia_detail", org=org, dpia=obj.uuid)


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
    language = request.GET.get("language")
    content = documents.version_pdf(obj, language=language)
    response = HttpResponse(content, content_type="application/pdf")
    name = documents.file_name(obj, language=language)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- A version's parts -------------------------------------------------------------------------


def _version_page(request, obj, form, title, **extra):
    return _form_page(
        request,
        form,
        title,
        reverse("dpia_detail", args=[request.organisation.slug, obj.dpia.uuid]),
        _crumbs(request, _dpia_crumb(request, obj.dpia), (title, None)),
        awaiting_approval=obj.status == k.Status.SUBMITTED,
        **extra,
    )


def _back(obj, anchor=""):
    url = reverse("dpia_detail", args=[obj.organisation.slug, obj.dpia.uuid])
    return redirect(url + (f"#section-{anchor}" if anchor else ""))


PART_TITLES = {
    None: _("Description, necessity and risk matrix"),
    "description": _("1. Systematic description"),
    "necessity": _("2. Necessity and proportionality"),
    "matrix": _("The risk matrix"),
}


@requires(Cap.RECORDS_VIEW)
def version_edit(request, org, version):
    """The document, or one part of it (`?part=`): a colleague given the description or the
    necessity section edits that part only; the matrix and the whole document are for those
    who keep the registers."""
    obj = _version(request, version)
    part = request.GET.get("part") or None
    if part not in k.PARTS and part is not None:
        part = None
    _check(request, obj, k.PARTS.get(part) if part else None)
    if (frozen := _frozen(request, obj)) is not None:
        return frozen
    form = DocumentForm(_posted(request), part=part)
    if request.method != "POST":
        form.initial = {name: getattr(obj, name) for name in form.fields}
    if request.method == "POST" and _save(
        form, lambda data: services.version_update(actor=request.user, version=obj, **data)
    ):
        messages.success(request, _("The DPIA was saved."))
        return _back(obj, {"matrix": "risks"}.get(part, part or ""))
    intro = {
        "description": _(
            "Art. 35(7)(a): what is processed, why, how it flows and with what. Write so that "
            "a reader outside the department understands it."
        ),
        "necessity": _(
            "Art. 35(7)(b): for each principle of Art. 5, how the processing meets it — why "
            "the data are needed, and why less would not do."
        ),
        "matrix": _(
            "The scale the risks are assessed on. A changed matrix applies to this version; "
            "approved versions keep the one they were approved with."
        ),
    }.get(part, "")
    return _version_page(request, obj, form, PART_TITLES[part], intro=intro)


@requires(Cap.RECORDS_VIEW)
def version_consult(request, org, version):
    obj = _version(request, version)
    _check(request, obj, "consultation")
    if (frozen := _frozen(request, obj)) is not None:
        return frozen
    initial = {n: getattr(obj, n) for n in services.CONSULTATION_FIELDS}
    if not initial["dpo_consulted_on"]:
        initial["dpo_consulted_on"] = timezone.localdate()
    form = ConsultationForm(_posted(request), initial=initial)
    if request.method == "POST" and _save(
        form, lambda data: services.version_consult(actor=request.user, version=obj, **data)
    ):
        messages.success(request, _("The DPO's opinion was recorded."))
        return _back(obj, "consultation")
    return _version_page(
        request,
        obj,
        form,
        _("Consultation of the DPO"),
        intro=_(
            "Art. 35(2): the controller seeks the DPO's advice when carrying out the DPIA. "
            "Record the opinion before management approves."
        ),
    )


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
    if (frozen := _frozen(request, obj)) is not None:
        return frozen
    initial = {n: getattr(obj, n) for n in services.APPROVAL_FIELDS}
    today = timezone.localdate()
    initial["approved_on"] = obj.approved_on or today
    initial["reassess_on"] = obj.dpia.reassess_on
    if initial["reassess_on"] is None or initial["reassess_on"] <= today:
        initial["reassess_on"] = today + datetime.timedelta(days=365)
    form = ApprovalForm(_posted(request), initial=initial)
    if request.method == "POST" and _save(
        form, lambda data: services.version_approve(actor=request.user, version=obj, **data)
    ):
        messages.success(request, _("The DPIA was approved; this version is now frozen."))
        return _back(obj)
    risks = list(obj.risks.all())
    return _version_page(
        request,
        obj,
        form,
        _("Management approval"),
        before="dpia/_approval_summary.html",
        version=obj,
        high_residual=services.high_residual(obj, risks),
        risks=risks,
    )


@requires(Cap.RECORDS_EDIT)
def version_prior_consultation(request, org, version):
    """Art. 36: when Datatilsynet was consulted (also after the approval)."""
    obj = _version(request, version)
    initial = {
        "prior_consultation_on": obj.prior_consultation_on,
        "prior_consultation_notes": obj.prior_consultation_notes,
    }
    form = PriorConsultationForm(_posted(request), initial=initial)
    if request.method == "POST" and _save(
        form,
        lambda data: services.version_prior_consultation(actor=request.user, version=obj, **data),
    ):
        messages.success(request, _("The prior consultation of Datatilsynet was recorded."))
        return _back(obj, "approval")
    return _version_page(
        request,
        obj,
        form,
        _("Prior consultation of Datatilsynet (Art. 36)"),
        intro=_(
            "When a risk stays high after the measures, the controller consults Datatilsynet "
            "before the processing starts, with the DPIA. Datatilsynet answers in writing "
            "within eight weeks (extendable by six)."
        ),
    )


def _risk_page(request, version, form, title):
    return _version_page(
        request,
        version,
        form,
        title,
        intro=_(
            "The scale is the version's matrix: %(l)d levels of likelihood × %(s)d of severity; "
            "a score of %(h)d or more is high. The residual risk is the risk after the measures."
        )
        % {"l": version.likelihood_levels, "s": version.severity_levels, "h": version.high_from},
    )


@requires(Cap.RECORDS_VIEW)
def risk_add(request, org, version):
    obj = _version(request, version)
    _check(request, obj, "risks")
    if (frozen := _frozen(request, obj)) is not None:
        return frozen
    form = RiskForm(_posted(request), version=obj)
    if request.method == "POST" and _save(
        form, lambda data: services.risk_add(actor=request.user, version=obj, **data)
    ):
        messages.success(request, _("The risk was added."))
        return _back(obj, "risks")
    return _risk_page(request, obj, form, _("New risk"))


@requires(Cap.RECORDS_VIEW)
def risk_edit(request, org, risk):
    obj = get_for_org(request, DpiaRisk.objects.select_related("version__dpia"), uuid=risk)
    _check(request, obj.version, "risks")
    if (frozen := _frozen(request, obj.version)) is not None:
        return frozen
    initial = {n: getattr(obj, n) for n in services.RISK_FIELDS}
    form = RiskForm(_posted(request), initial=initial, version=obj.version)
    if request.method == "POST" and _save(
        form, lambda data: services.risk_update(actor=request.user, risk=obj, **data)
    ):
        messages.success(request, _("The risk was saved."))
        return _back(obj.version, "risks")
    return _risk_page(request, obj.version, form, obj.title)


@require_POST
@requires(Cap.RECORDS_VIEW)
def risk_delete(request, org, risk):
    obj = get_for_org(request, DpiaRisk.objects.select_related("version__dpia"), uuid=risk)
    _check(request, obj.version, "risks")
    perform(
        request,
        lambda: services.risk_delete(actor=request.user, risk=obj),
        _("The risk was deleted."),
    )
    return _back(obj.version, "risks")


@require_POST
@requires(Cap.RECORDS_EDIT)
def assignment_set(request, org, version):
    obj = _version(request, version)
    form = AssignmentForm(request.POST, organisation=request.organisation)
    if _save(form, lambda data: services.assignment_set(actor=request.user, version=obj, **data)):
        messages.success(request, _("The section was assigned."))
    else:
        messages.error(request, " ".join(m for errs in form.errors.values() for m in errs))
    return _back(obj, "sections")


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
    return _back(obj.version, "sections")
