"""Art. 25 pages: the overview, a system's assessments, the assessment and its gaps, the
supplier's requirements, and the coordinator's national view."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from skanse.core.errors import apply_to_form, perform
from skanse.core.paging import paginate
from skanse.design import exporters, selectors, services
from skanse.design.forms import (
    AssessmentForm,
    CompleteForm,
    ElementsForm,
    GapForm,
    MeasureFilterForm,
    OverviewFilterForm,
    ScheduleForm,
    TriggerForm,
)
from skanse.design.models import Occasion
from skanse.inventory.models import ITSystem, Supplier
from skanse.tenancy.access import get_for_org, requires
from skanse.tenancy.roles import Cap

PAGE_SIZE = 50
MEASURES_SHOWN = 10


def _form_page(request, *, form, save, template, context, done, success):
    """A form page: the service's refusal is shown at the field and nothing is saved."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, success)
            return done(result)
    status = 400 if form.errors else 200
    return render(request, template, {"form": form, **context}, status=status)


def _system(request, system):
    try:
        return selectors.system_get(request.organisation, system)
    except ITSystem.DoesNotExist:
        raise Http404 from None


@require_safe
@requires(Cap.RECORDS_VIEW)
def overview(request, org):
    form = OverviewFilterForm(request.GET or None)
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    page = paginate(request, selectors.system_list(request.organisation, **filters), PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    measures = selectors.open_measures(request.organisation)
    context = {
        "today": timezone.localdate(),
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "counts": selectors.status_counts(request.organisation),
        "principles": selectors.gaps_by_principle(request.organisation),
        "measures": list(measures[:MEASURES_SHOWN]),
        "measure_count": measures.count(),
        "suppliers": selectors.suppliers_with_requirements(request.organisation),
        "library_missing": selectors.edpb_version() is None,
        "statuses": selectors.Status,
    }
    template = "design/overview.html" + ("#results" if request.htmx else "")
    return render(request, template, context)


@require_safe
@requires(Cap.RECORDS_VIEW)
def measures(request, org):
    """The measures decided for gaps: open, past their due date, done; by kind; search."""
    form = MeasureFilterForm(request.GET or None)
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    page = paginate(request, selectors.measure_list(request.organisation, **filters), PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "today": timezone.localdate(),
    }
    template = "design/measures.html" + ("#results" if request.htmx else "")
    return render(request, template, context)


@require_safe
@requires(Cap.ORGANISATIONS_VIEW)
def national(request, org):
    if not request.organisation.is_coordinator:
        raise Http404
    return render(request, "design/national.html", {"view": selectors.national_overview()})


@require_safe
@requires(Cap.RECORDS_VIEW)
def system_detail(request, org, system):
    obj = _system(request, system)
    profile = getattr(obj, "design_profile", None)
    return render(
        request,
        "design/system_detail.html",
        {
            "system": obj,
            "profile": profile,
            "assessments": selectors.assessments_of(obj),
            "interval": profile.interval_months if profile else 12,
        },
    )


@requires(Cap.RECORDS_EDIT)
def schedule_edit(request, org, system):
    obj = get_for_org(request, ITSystem.objects.all(), uuid=system)
    profile = getattr(obj, "design_profile", None)
    form = ScheduleForm(
        request.POST or None,
        initial={"interval_months": profile.interval_months if profile else 12},
    )
    return _form_page(
        request,
        form=form,
        save=lambda data: services.schedule_update(actor=request.user, system=obj, **data),
        template="design/schedule_form.html",
        context={"system": obj},
        done=lambda _profile: redirect("design_system", org=org, system=obj.uuid),
        success=_("The re-assessment interval was saved."),
    )


@requires(Cap.RECORDS_EDIT)
def trigger(request, org, system):
    obj = get_for_org(request, ITSystem.objects.all(), uuid=system)
    return _form_page(
        request,
        form=TriggerForm(request.POST or None),
        save=lambda data: services.reassessment_trigger(actor=request.user, system=obj, **data),
        template="design/trigger_form.html",
        context={"system": obj},
        done=lambda _profile: redirect("design_system", org=org, system=obj.uuid),
        success=_("The system is marked for re-assessment."),
    )


@requires(Cap.RECORDS_EDIT)
def assessment_create(request, org, system):
    obj = get_for_org(request, ITSystem.objects.all(), uuid=system)
    has_one = hasattr(obj, "design_profile") and obj.design_profile.current_assessment_id
    form = AssessmentForm(
        request.POST or None,
        initial={
            "occasion": Occasion.PERIODIC if has_one else Occasion.DESIGN,
            "assessed_on": timezone.localdate(),
        },
    )
    return _form_page(
        request,
        form=form,
        save=lambda data: services.assessment_create(
            actor=request.user, organisation=request.organisation, system=obj, **data
        ),
        template="design/assessment_form.html",
        context={"system": obj},
        done=lambda a: redirect("design_assessment_elements", org=org, assessment=a.uuid),
        success=_("The assessment was started."),
    )


def _principles(rows) -> list[dict]:
    """The assessment's principles in tree order, each with its rows and counts by result."""
    groups: list[dict] = []
    for row in rows:
        if not groups or groups[-1]["principle"].pk != row.principle_id:
            groups.append(
                {
                    "principle": row.principle,
                    "rows": [],
                    **dict.fromkeys(("met", "partly", "not_met", "not_relevant", "open"), 0),
                    "unanswered": 0,
                }
            )
        group = groups[-1]
        group["rows"].append(row)
        group[row.result or "open"] += 1
        if row.is_gap and not row.response:
            group["unanswered"] += 1
    return groups


def _assessment_page(request, obj, complete_form=None, status=200):
    rows = list(selectors.assessment_rows(obj))
    groups = _principles(rows)
    gaps_only = request.GET.get("show") == "gaps"
    if gaps_only:
        for group in groups:
            group["rows"] = [row for row in group["rows"] if row.is_gap]
    return render(
        request,
        "design/assessment_detail.html",
        {
            "assessment": obj,
            "groups": groups,
            "gaps_only": gaps_only,
            "gap_count": sum(1 for row in rows if row.is_gap),
            "not_assessed": sum(1 for row in rows if not row.result),
            "unanswered": sum(1 for row in rows if row.is_gap and not row.response),
            "complete_form": complete_form or CompleteForm(initial={"summary": obj.summary}),
        },
        status=status,
    )


@require_safe
@requires(Cap.RECORDS_VIEW)
def assessment_detail(request, org, assessment):
    obj = get_for_org(request, selectors.assessment_queryset(request.organisation), uuid=assessment)
    return _assessment_page(request, obj)


@requires(Cap.RECORDS_EDIT)
def assessment_elements(request, org, assessment):
    """The elements of one principle at a time (`?principle=TR`, the first by default):
    result, evidence and note, saved together or not at all."""
    obj = get_for_org(request, selectors.assessment_queryset(request.organisation), uuid=assessment)
    if not obj.is_draft:
        messages.error(request, _("A completed assessment cannot be changed. Start a new one."))
        return redirect("design_assessment_detail", org=org, assessment=obj.uuid)
    groups = _principles(selectors.assessment_rows(obj))
    if not groups:
        raise Http404
    refs = [group["principle"].ref_id for group in groups]
    wanted = request.GET.get("principle") or refs[0]
    if wanted not in refs:
        raise Http404
    index = refs.index(wanted)
    group = groups[index]
    following = groups[index + 1] if index + 1 < len(groups) else None
    form = ElementsForm(request.POST or None, rows=group["rows"])
    detail = redirect("design_assessment_detail", org=org, assessment=obj.uuid)

    def done(_count):
        if following is not None and "next" in request.POST:
            target = redirect("design_assessment_elements", org=org, assessment=obj.uuid)
            target["Location"] += "?principle=" + following["principle"].ref_id
            return target
        detail["Location"] += "#p-" + wanted
        return detail

    return _form_page(
        request,
        form=form,
        save=lambda _data: services.elements_save(
            actor=request.user, assessment=obj, rows=form.as_rows()
        ),
        template="design/assessment_elements.html",
        context={
            "assessment": obj,
            "groups": groups,
            "group": group,
            "following": following,
        },
        done=done,
        success=_("The assessment was saved."),
    )


@require_POST
@requires(Cap.RECORDS_EDIT)
def assessment_complete(request, org, assessment):
    """Complete the assessment; what stands in the way is shown on the assessment's page, at
    the summary when that is at fault, and nothing is saved."""
    obj = get_for_org(request, selectors.assessment_queryset(request.organisation), uuid=assessment)
    form = CompleteForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_complete(
                actor=request.user, assessment=obj, summary=form.cleaned_data["summary"]
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The assessment was completed."))
            return redirect("design_assessment_detail", org=org, assessment=obj.uuid)
    return _assessment_page(request, obj, complete_form=form, status=400)


@require_POST
@requires(Cap.RECORDS_EDIT)
def assessment_delete(request, org, assessment):
    obj = get_for_org(request, selectors.assessment_queryset(request.organisation), uuid=assessment)
    if perform(
        request,
        lambda: services.assessment_delete(actor=request.user, assessment=obj),
        _("The draft assessment was deleted."),
    ):
        return redirect("design_system", org=org, system=obj.system.uuid)
    return redirect("design_assessment_detail", org=org, assessment=obj.uuid)


@requires(Cap.RECORDS_EDIT)
def gap_edit(request, org, gap):
    row = get_for_org(request, selectors.gap_queryset(request.organisation), uuid=gap)
    initial = {
        name: getattr(row, name)
        for name in services.DECISION_FIELDS
        if name not in ("supplier", "requirement_set")
    }
    initial |= {"supplier": row.supplier_id, "requirement_set": row.requirement_set_id}
    form = GapForm(
        request.POST or None,
        initial=initial,
        organisation=request.organisation,
        system=row.assessment.system,
    )

    def done(saved):
        target = redirect("design_assessment_detail", org=org, assessment=saved.assessment.uuid)
        target["Location"] += "#e-" + saved.element.ref_id
        return target

    return _form_page(
        request,
        form=form,
        save=lambda data: services.gap_decide(actor=request.user, row=row, **data),
        template="design/gap_form.html",
        context={"row": row, "assessment": row.assessment},
        done=done,
        success=_("The answer to the gap was saved."),
    )


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _file_name(supplier, suffix: str) -> str:
    name = slugify(supplier.name) or str(supplier.uuid)
    return f"art25-krav-{name}-{timezone.localdate().isoformat()}.{suffix}"


@require_safe
@requires(Cap.RECORDS_VIEW)
def supplier_xlsx(request, org, supplier):
    obj = get_for_org(request, Supplier.objects.all(), uuid=supplier)
    content = exporters.supplier_xlsx(request.organisation, obj)
    return _download(content, exporters.CONTENT_TYPE, _file_name(obj, "xlsx"))


@require_safe
@requires(Cap.RECORDS_VIEW)
def supplier_pdf(request, org, supplier):
    obj = get_for_org(request, Supplier.objects.all(), uuid=supplier)
    content = exporters.supplier_pdf(request.organisation, obj)
    return _download(content, "application/pdf", _file_name(obj, "pdf"))
