"""API: the templates the association publishes (read), and the organisation's adoptions —
adopt a template, see the differences field by field, take some, all or none of them."""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import Http404
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from skanse.api.base import Error, need
from skanse.commons import selectors, services
from skanse.commons.models import Adoption, Template
from skanse.tenancy.roles import Cap

router = Router(tags=["commons"])


class TemplateOut(Schema):
    uuid: UUID
    kind: str
    key: str
    name: str
    summary: str
    version: int
    published_at: datetime | None

    @staticmethod
    def resolve_version(obj):
        return obj.published_version.number

    @staticmethod
    def resolve_published_at(obj):
        return obj.published_version.published_at


class VersionOut(Schema):
    number: int
    published_at: datetime | None
    change_note: str
    payload: dict[str, Any]


class AdoptionOut(Schema):
    uuid: UUID
    template: UUID
    kind: str
    name: str
    version: int
    newest_version: int
    update_available: bool
    object_uuid: UUID | None = None

    @staticmethod
    def resolve_template(obj):
        return obj.template.uuid

    @staticmethod
    def resolve_kind(obj):
        return obj.template.kind

    @staticmethod
    def resolve_name(obj):
        return obj.template.name

    @staticmethod
    def resolve_version(obj):
        return obj.version.number

    @staticmethod
    def resolve_newest_version(obj):
        return obj.template.published_version.number

    @staticmethod
    def resolve_update_available(obj):
        return obj.version_id != obj.template.published_version_id

    @staticmethod
    def resolve_object_uuid(obj):
        target = obj.adopted_object
        return getattr(target, "uuid", None)


class FieldDiffOut(Schema):
    field: str
    label: str
    state: str
    base: Any = None
    template: Any = None
    local: Any = None
    taken_by_default: bool


class SyncIn(Schema):
    take: list[str] = []
    version: int | None = None


def _template(uuid) -> Template:
    try:
        return selectors.published_template_get(uuid)
    except Template.DoesNotExist:
        raise Http404 from None


def _adoption(request, uuid) -> Adoption:
    try:
        return selectors.adoption_list(request.organisation).get(uuid=uuid)
    except Adoption.DoesNotExist:
        raise Http404 from None


@router.get("/commons/templates", response=list[TemplateOut])
@paginate(PageNumberPagination, page_size=100)
def list_templates(request, kind: str = ""):
    """Every published template (filter by `kind`). Drafts are the association's own."""
    need(request, Cap.COMMONS_VIEW)
    return selectors.published_templates(kind=kind)


@router.get("/commons/templates/{uuid}/versions", response={200: list[VersionOut], 404: Error})
def list_versions(request, uuid: UUID):
    """The template's published versions with their content, newest first."""
    need(request, Cap.COMMONS_VIEW)
    return list(selectors.published_versions(_template(uuid)))


@router.post("/commons/templates/{uuid}/adopt", response={201: AdoptionOut, 400: Error, 404: Error})
def adopt_template(request, uuid: UUID):
    """Your organisation's own copy of the newest published version."""
    need(request, Cap.COMMONS_ADOPT)
    adoption = services.adopt(
        actor=request.user, organisation=request.organisation, template=_template(uuid), via="api"
    )
    return Status(201, selectors.adoption_list(request.organisation).get(pk=adoption.pk))


@router.get("/commons/adoptions", response=list[AdoptionOut])
@paginate(PageNumberPagination, page_size=100)
def list_adoptions(request, update_available: bool = False):
    """Your organisation's adoptions (only those with a newer version: `update_available`)."""
    need(request, Cap.COMMONS_VIEW)
    organisation = request.organisation
    if update_available:
        return selectors.updates_available(organisation).prefetch_related("adopted_object")
    return selectors.adoption_list(organisation).prefetch_related("adopted_object")


@router.get("/commons/adoptions/{uuid}/diff", response={200: list[FieldDiffOut], 404: Error})
def adoption_diff(request, uuid: UUID):
    """Field by field: the base (last taken), the newest template version, and your copy now;
    `state` is unchanged, theirs (changed by the association), ours (changed by you), same,
    or conflict (both changed)."""
    need(request, Cap.COMMONS_VIEW)
    rows = selectors.adoption_diff(_adoption(request, uuid)) or []
    return [
        {
            "field": r.field.name,
            "label": str(r.field.label),
            "state": r.state,
            "base": r.base,
            "template": r.theirs,
            "local": r.local,
            "taken_by_default": r.takes_by_default,
        }
        for r in rows
    ]


@router.post("/commons/adoptions/{uuid}/sync", response={200: AdoptionOut, 400: Error, 404: Error})
def sync_adoption(request, uuid: UUID, payload: SyncIn):
    """Take the fields in `take` from the newest version (an empty list takes none and keeps
    your content). Send the `version` you compared against to be told (400) if someone took
    the update meanwhile."""
    need(request, Cap.COMMONS_ADOPT)
    adoption = services.sync(
        actor=request.user,
        adoption=_adoption(request, uuid),
        take=payload.take,
        expected_version=payload.version,
        via="api",
    )
    return selectors.adoption_list(request.organisation).get(pk=adoption.pk)
