"""Reads for commons, each a bounded number of queries.

Templates belong to the coordinator. Its own pages read them in its scope
(`authored_templates`). Every organisation reads the *published* ones through
`published_templates` / `published_template_get`, which lift the scope locally and never
return a template without a published version (drafts stay the coordinator's)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from skanse.commons import kinds, values
from skanse.commons.models import Adoption, Template, TemplateVersion


def authored_templates(organisation, kind: str | None = None):
    """The coordinator's templates with their newest published version, draft and adoptions."""
    drafts = TemplateVersion.objects.filter(status=TemplateVersion.Status.DRAFT)
    templates = (
        Template.objects.filter(organisation=organisation)
        .select_related("published_version")
        .prefetch_related(Prefetch("versions", queryset=drafts, to_attr="drafts"))
        .annotate(adoption_count=Count("adoptions"))
        .order_by("kind", "name")
    )
    return templates.filter(kind=kind) if kind else templates


def authored_template_versions(template: Template):
    return template.versions.select_related("published_by").order_by("-number")


def published_templates(kind: str | None = None, query: str = ""):
    """Every published template, whichever organisation asks (drafts are left out)."""
    templates = (
        Template.objects.with_scopes_disabled()
        .filter(published_version__isnull=False)
        .select_related("published_version")
        .order_by("kind", "name")
    )
    if kind:
        templates = templates.filter(kind=kind)
    if query:
        templates = templates.filter(name__icontains=query)
    return templates


def published_template_get(uuid) -> Template:
    """A published template by uuid; Template.DoesNotExist for drafts-only and unknown ones."""
    return published_templates().get(uuid=uuid)


def published_versions(template: Template):
    """The template's published versions, newest first (what every organisation may read)."""
    return (
        TemplateVersion.objects.with_scopes_disabled()
        .filter(template=template, status=TemplateVersion.Status.PUBLISHED)
        .order_by("-number")
    )


def adoption_list(organisation):
    """The organisation's adoptions with their template, taken version and newest version."""
    return (
        Adoption.objects.filter(organisation=organisation)
        .select_related("template__published_version", "version", "content_type")
        .order_by("template__kind", "template__name")
    )


def adoption_of(organisation, template: Template) -> Adoption | None:
    return adoption_list(organisation).filter(template=template).first()


def adoptions_by_template(organisation, templates) -> dict:
    """{template id: adoption} for the organisation's adoptions of `templates` (one query)."""
    return {
        a.template_id: a
        for a in adoption_list(organisation).filter(template__in=[t.pk for t in templates])
    }


def updates_available(organisation):
    """The organisation's adoptions whose template has a newer published version."""
    return adoption_list(organisation).filter(
        template__published_version__number__gt=F("version__number")
    )


def adoption_object_url(adoption: Adoption, org_slug: str) -> str | None:
    spec = kinds.get(adoption.template.kind)
    obj = adoption.adopted_object
    if spec is None or spec.url_name is None or obj is None:
        return None
    return reverse(spec.url_name, kwargs={"org": org_slug, spec.url_kwarg: obj.uuid})


def adoption_diff(adoption: Adoption) -> list[values.FieldDiff] | None:
    """Field by field: base (last taken), the newest published version, and the object now.
    None when the kind is gone or the adopted object was deleted."""
    spec = kinds.get(adoption.template.kind)
    obj = adoption.adopted_object
    if spec is None or obj is None:
        return None
    theirs = adoption.template.published_version.payload
    return values.compare(spec, adoption.base, theirs, spec.read(obj))


def dashboard_cards(organisation) -> list[dict]:
    """Cards for the organisation's dashboard: adopted templates with an update waiting.

    Each card: {"title", "count", "text", "url_name"} (the URL takes org=). One query."""
    if organisation.is_coordinator:
        return []
    waiting = updates_available(organisation).count()
    if not waiting:
        return []
    return [
        {
            "title": _("Template updates"),
            "count": waiting,
            "text": ngettext(
                "%(n)d adopted template has a new version from the association.",
                "%(n)d adopted templates have a new version from the association.",
                waiting,
            )
            % {"n": waiting},
            "url_name": "commons_updates",
        }
    ]


def adoption_for_object(organisation, obj) -> Adoption | None:
    """The adoption an object came from, for the object's own page ("from template X")."""
    return (
        adoption_list(organisation)
        .filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
        .first()
    )
