"""API: the framework library (read for every member; import for library authors)."""

from datetime import datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import File, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from skanse.api.base import Error, need
from skanse.library.documents import LibraryError
from skanse.library.models import FrameworkVersion, Mapping, MappingSet, Requirement
from skanse.library.services import library_import
from skanse.tenancy.roles import Cap

router = Router(tags=["library"])


class VersionOut(Schema):
    uuid: UUID
    urn: str
    version: str
    status: str
    ref_id: str
    name: str
    description: str
    provider: str
    copyright: str
    locale: str
    translations: dict
    requirement_count: int
    published_at: datetime | None

    @staticmethod
    def resolve_urn(obj):
        return obj.framework.urn


class RequirementOut(Schema):
    uuid: UUID
    urn: str
    ref_id: str
    parent: UUID | None
    depth: int
    name: str
    description: str
    guidance: str
    assessable: bool
    withdrawn: bool
    translations: dict

    @staticmethod
    def resolve_parent(obj):
        return obj.parent.uuid if obj.parent_id else None


class MappingSetOut(Schema):
    uuid: UUID
    urn: str
    version: str
    name: str
    source: UUID
    target: UUID

    @staticmethod
    def resolve_source(obj):
        return obj.source.uuid

    @staticmethod
    def resolve_target(obj):
        return obj.target.uuid


class MappingOut(Schema):
    source: str
    target: str
    relationship: str
    rationale: str

    @staticmethod
    def resolve_source(obj):
        return obj.source.urn

    @staticmethod
    def resolve_target(obj):
        return obj.target.urn


class ImportOut(Schema):
    format: str
    created: list[str]
    skipped: list[str]
    requirements: int
    mappings: int


def _versions(request):
    need(request, Cap.LIBRARY_VIEW)
    versions = FrameworkVersion.objects.select_related("framework")
    if Cap.LIBRARY_MANAGE not in request.capabilities:
        versions = versions.filter(status=FrameworkVersion.Status.PUBLISHED)
    return versions


@router.get("/library/versions", response=list[VersionOut])
@paginate(PageNumberPagination, page_size=100)
def list_versions(request, urn: str = ""):
    """Framework versions; drafts only for library authors."""
    versions = _versions(request).order_by("framework__urn", "-created_at")
    return versions.filter(framework__urn=urn.lower()) if urn else versions


@router.get("/library/versions/{uuid}", response={200: VersionOut, 404: Error})
def get_version(request, uuid: UUID):
    return get_object_or_404(_versions(request), uuid=uuid)


@router.get("/library/versions/{uuid}/requirements", response=list[RequirementOut])
@paginate(PageNumberPagination, page_size=500)
def list_requirements(request, uuid: UUID):
    """The version's requirements in tree order (parents before their children)."""
    version = get_object_or_404(_versions(request), uuid=uuid)
    return Requirement.objects.filter(version=version).select_related("parent").order_by("position")


@router.get("/library/mapping-sets", response=list[MappingSetOut])
@paginate(PageNumberPagination, page_size=100)
def list_mapping_sets(request):
    need(request, Cap.LIBRARY_VIEW)
    return MappingSet.objects.select_related("source", "target").order_by("urn", "version")


@router.get("/library/mapping-sets/{uuid}/mappings", response=list[MappingOut])
@paginate(PageNumberPagination, page_size=500)
def list_mappings(request, uuid: UUID):
    need(request, Cap.LIBRARY_VIEW)
    mapping_set = get_object_or_404(MappingSet, uuid=uuid)
    return (
        Mapping.objects.filter(mapping_set=mapping_set)
        .select_related("source", "target")
        .order_by("id")
    )


@router.post("/library/imports", response={201: ImportOut, 400: Error})
def import_file(request, file: File[UploadedFile]):
    """Import a library file at once (all-or-nothing); large files: use the interface."""
    need(request, Cap.LIBRARY_MANAGE)
    try:
        report = library_import(
            file.read(), actor=request.user, via="api", file_name=file.name or ""
        )
    except LibraryError as error:
        raise HttpError(400, str(error)) from None
    return Status(201, report.as_dict())
