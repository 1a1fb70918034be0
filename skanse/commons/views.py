"""Commons pages. The coordinator authors templates and publishes versions; every
organisation browses the published templates; municipalities (and regions…) adopt them, see
which adopted objects have an update, and take the changes field by field."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from skanse.commons import kinds, selectors, services, values
from skanse.commons.forms import ContentForm, SyncForm, TemplateCreateForm, TemplateEditForm
from skanse.commons.models import Adoption, Template, TemplateVersion
from skanse.core.errors import apply_to_form, perform
from skanse.core.paging import paginate
from skanse.tenancy.access import coordinator_only, get_for_org, requires
from skanse.tenancy.roles import Cap


def _kind_or_404(key: str) -> kinds.Kind:
    spec = kinds.get(key)
    if spec is None:
        raise Http404
    return spec


# --- The coordinator: authoring ---------------------------------------------------------------


@require_safe
@requires(Cap.COMMONS_PUBLISH)
def authoring(request, org):
    coordinator_only(request)
    return render(
        request,
        "commons/authoring.html",
        {"templates": selectors.authored_templates(request.organisation)},
    )


@requires(Cap.COMMONS_PUBLISH)
def template_create(request, org):
    coordinator_only(request)
    form = TemplateCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.template_create(
                actor=request.user, organisation=request.organisation, **form.cleaned_data
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The template was created. Fill in its first version."))
            return redirect("commons_draft", org=org, template=version.template.uuid)
    return render(
        request, "commons/template_form.html", {"form": form}, status=400 if form.errors else 200
    )


@requires(Cap.COMMONS_PUBLISH)
def authoring_template(request, org, template):
    """The template's versions, its name and summary (editable), and its draft if any."""
    coordinator_only(request)
    obj = get_for_org(request, Template.objects.select_related("published_version"), uuid=template)
    form = TemplateEditForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_update(actor=request.user, template=obj, **form.cleaned_data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The template was saved."))
            return redirect("commons_authoring_template", org=org, template=obj.uuid)
    return render(
        request,
        "commons/authoring_template.html",
        {
            "template": obj,
            "form": form,
            "versions": selectors.authored_template_versions(obj),
        },
        status=400 if form.errors else 200,
    )


@requires(Cap.COMMONS_PUBLISH)
def draft_edit(request, org, template):
    coordinator_only(request)
    obj = get_for_org(request, Template.objects.select_related("published_version"), uuid=template)
    draft = obj.versions.filter(status=TemplateVersion.Status.DRAFT).first()
    if draft is None:
        messages.info(request, _("There is no draft. Start a new version first."))
        return redirect("commons_authoring_template", org=org, template=obj.uuid)
    spec = _kind_or_404(obj.kind)
    form = ContentForm(
        request.POST or None, kind=spec, payload=draft.payload, change_note=draft.change_note
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.draft_save(
                actor=request.user,
                version=draft,
                payload=form.payload(),
                change_note=form.cleaned_data["change_note"],
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("commons_authoring_template", org=org, template=obj.uuid)
    return render(
        request,
        "commons/draft_form.html",
        {"template": obj, "draft": draft, "form": form, "kind": spec},
        status=400 if form.errors else 200,
    )


@require_POST
@requires(Cap.COMMONS_PUBLISH)
def version_start(request, org, template):
    coordinator_only(request)
    obj = get_for_org(request, Template.objects.all(), uuid=template)
    services.version_start(actor=request.user, template=obj)
    return redirect("commons_draft", org=org, template=obj.uuid)


@require_POST
@requires(Cap.COMMONS_PUBLISH)
def publish(request, org, template):
    coordinator_only(request)
    obj = get_for_org(request, Template.objects.all(), uuid=template)
    draft = obj.versions.filter(status=TemplateVersion.Status.DRAFT).first()
    if draft is None:
        messages.error(request, _("There is no draft to publish."))
    else:
        perform(
            request,
            lambda: services.template_publish(actor=request.user, version=draft),
            lambda v: (
                _("Version %(n)d of %(name)s was published.") % {"n": v.number, "name": obj.name}
            ),
        )
    return redirect("commons_authoring_template", org=org, template=obj.uuid)


# --- Every organisation: browse, adopt, take updates ------------------------------------------


@require_safe
@requires(Cap.COMMONS_VIEW)
def index(request, org):
    kind = request.GET.get("kind", "")
    query = request.GET.get("q", "").strip()[:100]
    page = paginate(request, selectors.published_templates(kind=kind, query=query), 50)
    adopted = selectors.adoptions_by_template(request.organisation, page.object_list)
    return render(
        request,
        "commons/index.html",
        {
            "page": page,
            "rows": [(t, adopted.get(t.pk)) for t in page.object_list],
            "kinds": kinds.all_kinds(),
            "kind": kind,
            "query": query,
            "update_count": len(
                [a for a in adopted.values() if a.version_id != a.template.published_version_id]
            ),
        },
    )


def _published(template_uuid) -> Template:
    try:
        return selectors.published_template_get(template_uuid)
    except Template.DoesNotExist:
        raise Http404 from None


@require_safe
@requires(Cap.COMMONS_VIEW)
def template_detail(request, org, template):
    obj = _published(template)
    spec = _kind_or_404(obj.kind)
    adoption = selectors.adoption_of(request.organisation, obj)
    payload = obj.published_version.payload
    return render(
        request,
        "commons/template_detail.html",
        {
            "template": obj,
            "kind": spec,
            "fields": [(f, payload.get(f.name, f.empty())) for f in spec.fields],
            "versions": selectors.published_versions(obj),
            "adoption": adoption,
        },
    )


@require_POST
@requires(Cap.COMMONS_ADOPT)
def adopt(request, org, template):
    obj = _published(template)
    try:
        adoption = services.adopt(
            actor=request.user, organisation=request.organisation, template=obj
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("commons_template", org=org, template=obj.uuid)
    messages.success(
        request, _("%(name)s is now your organisation's own. Edit it freely.") % {"name": obj}
    )
    return redirect("commons_adoption", org=org, adoption=adoption.uuid)


@require_safe
@requires(Cap.COMMONS_VIEW)
def updates(request, org):
    """The organisation's adopted templates, those with a new version first."""
    adoptions = list(selectors.adoption_list(request.organisation))
    waiting = [a for a in adoptions if a.version_id != a.template.published_version_id]
    current = [a for a in adoptions if a.version_id == a.template.published_version_id]
    return render(request, "commons/updates.html", {"waiting": waiting, "current": current})


def _adoption(request, uuid) -> Adoption:
    return get_for_org(
        request,
        Adoption.objects.select_related("template__published_version", "version", "content_type"),
        uuid=uuid,
    )


def _diff_page(request, adoption, form=None, status=200):
    rows = selectors.adoption_diff(adoption)
    has_update = adoption.version_id != adoption.template.published_version_id
    return render(
        request,
        "commons/adoption.html",
        {
            "adoption": adoption,
            "kind": kinds.get(adoption.template.kind),
            "rows": rows,
            "has_update": has_update,
            "changed_rows": [r for r in rows or [] if r.state != values.UNCHANGED],
            "takeable": [r for r in rows or [] if r.can_take] if has_update else [],
            "object_url": selectors.adoption_object_url(adoption, request.organisation.slug),
            "newer_versions": selectors.published_versions(adoption.template).filter(
                number__gt=adoption.version.number
            )
            if has_update
            else [],
            "form": form,
        },
        status=status,
    )


@require_safe
@requires(Cap.COMMONS_VIEW)
def adoption_detail(request, org, adoption):
    return _diff_page(request, _adoption(request, adoption))


@require_POST
@requires(Cap.COMMONS_ADOPT)
def sync(request, org, adoption):
    obj = _adoption(request, adoption)
    rows = selectors.adoption_diff(obj) or []
    form = SyncForm(request.POST, takeable=[r.field.name for r in rows if r.can_take])
    if request.POST.get("version") != str(obj.version.number):
        messages.error(
            request, _("Someone took this update meanwhile. Look at the differences again.")
        )
        return redirect("commons_adoption", org=org, adoption=obj.uuid)
    if not form.is_valid():
        messages.error(request, _("Choose among the fields shown, and try again."))
        return redirect("commons_adoption", org=org, adoption=obj.uuid)
    take = form.cleaned_data["take"]
    done = perform(
        request,
        lambda: services.sync(
            actor=request.user,
            adoption=obj,
            take=take,
            expected_version=form.cleaned_data["version"],
        ),
        lambda a: (
            _("You took %(n)d changes; you are now at version %(v)d.")
            % {"n": len(take), "v": a.version.number}
            if take
            else _("You kept your own content; you are now at version %(v)d.")
            % {"v": a.version.number}
        ),
    )
    if done:
        return redirect("commons_updates", org=org)
    return redirect("commons_adoption", org=org, adoption=obj.uuid)


@require_POST
@requires(Cap.COMMONS_ADOPT)
def dismiss(request, org, adoption):
    obj = _adoption(request, adoption)
    perform(
        request,
        lambda: services.dismiss(actor=request.user, adoption=obj),
        _("The update was set aside. You keep your own content."),
    )
    return redirect("commons_updates", org=org)
