"""Library pages: browse, search, compare and export frameworks; import and author them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from skanse.core.errors import apply_to_form
from skanse.library import exporters, selectors, services
from skanse.library.forms import FrameworkForm, ImportForm, RequirementForm
from skanse.library.models import FrameworkVersion, ImportJob, Requirement
from skanse.tenancy.access import get_for_org, requires
from skanse.tenancy.roles import Cap


def _version(request, version_uuid) -> FrameworkVersion:
    """A version the member may see: drafts only for those who author the library."""
    version = get_object_or_404(
        FrameworkVersion.objects.select_related("framework"), uuid=version_uuid
    )
    if version.is_draft and Cap.LIBRARY_MANAGE not in request.capabilities:
        raise Http404
    return version


@require_safe
@requires(Cap.LIBRARY_VIEW)
def library_index(request, org):
    manage = Cap.LIBRARY_MANAGE in request.capabilities
    return render(
        request,
        "library/index.html",
        {
            "versions": selectors.version_list(include_drafts=manage),
            "mapping_sets": selectors.mapping_set_list(),
            "jobs": ImportJob.objects.filter(organisation=request.organisation)[:5]
            if manage
            else [],
        },
    )


@require_safe
@requires(Cap.LIBRARY_VIEW)
def version_detail(request, org, version):
    obj = _version(request, version)
    query = request.GET.get("q", "").strip()[:100]
    nodes = selectors.requirement_tree(obj, query)
    context = {
        "version": obj,
        "nodes": nodes,
        "query": query,
        "versions": selectors.versions_of(
            obj, include_drafts=Cap.LIBRARY_MANAGE in request.capabilities
        ),
        "formats": exporters.FORMATS,
    }
    if request.htmx:
        return render(request, "library/version_detail.html#tree", context)
    return render(request, "library/version_detail.html", context)


@require_safe
@requires(Cap.LIBRARY_VIEW)
def version_export(request, org, version, fmt):
    obj = _version(request, version)
    if fmt not in exporters.FORMATS:
        raise Http404
    content, content_type, file_name = exporters.export_version(obj, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@require_safe
@requires(Cap.LIBRARY_VIEW)
def version_compare(request, org, version):
    new = _version(request, version)
    manage = Cap.LIBRARY_MANAGE in request.capabilities
    others = selectors.versions_of(new, include_drafts=manage).exclude(pk=new.pk)
    chosen = request.GET.get("with")
    try:
        old = others.get(uuid=chosen) if chosen else others.first()
    except (FrameworkVersion.DoesNotExist, ValidationError):  # unknown, hidden or malformed
        raise Http404 from None
    diff = selectors.version_compare(old, new) if old else None
    return render(
        request,
        "library/version_compare.html",
        {"version": new, "old": old, "others": others, "diff": diff},
    )


@require_safe
@requires(Cap.LIBRARY_VIEW)
def requirement_detail(request, org, requirement):
    try:
        obj = selectors.requirement_detail(requirement)
    except Requirement.DoesNotExist:
        raise Http404 from None
    _version(request, obj.version.uuid)
    return render(
        request,
        "library/requirement_detail.html",
        {
            "requirement": obj,
            "ancestors": selectors.ancestors(obj),
            "mappings_out": obj.mappings_out.all(),
            "mappings_in": obj.mappings_in.all(),
        },
    )


@requires(Cap.LIBRARY_MANAGE)
def library_import(request, org):
    form = ImportForm(
        request.POST or None, request.FILES or None, versions=selectors.version_list()
    )
    if request.method == "POST" and form.is_valid():
        job = services.import_job_start(
            actor=request.user,
            organisation=request.organisation,
            upload=form.cleaned_data["file"],
            profile_base=form.cleaned_data["profile_base"],
            language=request.LANGUAGE_CODE,
        )
        return redirect("library_import_job", org=org, job=job.uuid)
    return render(
        request, "library/import.html", {"form": form}, status=400 if form.errors else 200
    )


@require_safe
@requires(Cap.LIBRARY_MANAGE)
def import_job(request, org, job):
    obj = get_for_org(request, ImportJob.objects.select_related("started_by"), uuid=job)
    template = "library/import_job.html" + ("#status" if request.htmx else "")
    return render(request, template, {"job": obj})


@requires(Cap.LIBRARY_MANAGE)
def framework_create(request, org):
    form = FrameworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.framework_create(
                actor=request.user, organisation=request.organisation, **form.cleaned_data
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The draft was created. Add its requirements."))
            return redirect("library_version", org=org, version=version.uuid)
    return render(
        request, "library/framework_form.html", {"form": form}, status=400 if form.errors else 200
    )


def _draft(request, version_uuid) -> FrameworkVersion:
    version = _version(request, version_uuid)
    if not version.is_draft:
        raise Http404
    return version


@requires(Cap.LIBRARY_MANAGE)
def requirement_edit(request, org, version, requirement=None):
    draft = _draft(request, version)
    obj = get_object_or_404(draft.requirements, uuid=requirement) if requirement else None
    initial = {}
    if obj is not None:
        da = obj.translations.get("da", {})
        initial = {
            "ref_id": obj.ref_id,
            "parent": obj.parent,
            "name": obj.name,
            "description": obj.description,
            "assessable": obj.assessable,
            "name_da": da.get("name", ""),
            "description_da": da.get("description", ""),
        }
    form = RequirementForm(request.POST or None, version=draft, exclude=obj, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.requirement_save(
                actor=request.user,
                organisation=request.organisation,
                version=draft,
                requirement=obj,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The requirement was saved."))
            return redirect("library_version", org=org, version=draft.uuid)
    return render(
        request,
        "library/requirement_form.html",
        {"form": form, "version": draft, "requirement": obj},
        status=400 if form.errors else 200,
    )


@require_POST
@requires(Cap.LIBRARY_MANAGE)
def requirement_delete(request, org, version, requirement):
    draft = _draft(request, version)
    obj = get_object_or_404(draft.requirements, uuid=requirement)
    services.requirement_delete(
        actor=request.user, organisation=request.organisation, requirement=obj
    )
    messages.success(request, _("%(ref)s was removed.") % {"ref": obj.ref_id})
    return redirect("library_version", org=org, version=draft.uuid)


@require_POST
@requires(Cap.LIBRARY_MANAGE)
def version_publish(request, org, version):
    draft = _draft(request, version)
    try:
        services.version_publish(
            actor=request.user, organisation=request.organisation, version=draft
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Version %(v)s was published. It can no longer be changed.") % {"v": draft.version},
        )
    return redirect("library_version", org=org, version=draft.uuid)


@require_POST
@requires(Cap.LIBRARY_MANAGE)
def version_new(request, org, version):
    obj = _version(request, version)
    try:
        draft = services.version_new_draft(
            actor=request.user, organisation=request.organisation, version=obj
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("library_version", org=org, version=obj.uuid)
    messages.success(
        request,
        _("Draft version %(v)s was made from version %(old)s.")
        % {"v": draft.version, "old": obj.version},
    )
    return redirect("library_version", org=org, version=draft.uuid)
