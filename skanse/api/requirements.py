"""API: the organisation's supplier requirement sets. Read with records.view, write with
records.edit (the same as their pages)."""

from datetime import datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from skanse.api.base import Error, need
from skanse.requirements import selectors, services
from skanse.tenancy.roles import Cap

router = Router(tags=["requirements"])


class Item(Schema):
    code: str
    text: str
    category: str = ""
    priority: str = "must"
    requirement: str = ""  # a library requirement's URN, or empty


class SetOut(Schema):
    uuid: UUID
    name: str
    description: str
    items: list[Item]
    created_at: datetime
    updated_at: datetime


class SetIn(Schema):
    name: str | None = None
    description: str | None = None
    items: list[Item] | None = None


class SetSummary(Schema):
    uuid: UUID
    name: str
    description: str
    item_count: int


def _out(requirement_set) -> dict:
    return {
        "uuid": requirement_set.uuid,
        "name": requirement_set.name,
        "description": requirement_set.description,
        "items": services.items_of(requirement_set),
        "created_at": requirement_set.created_at,
        "updated_at": requirement_set.updated_at,
    }


def _get(request, uuid):
    return get_object_or_404(selectors.requirement_set_list(request.organisation), uuid=uuid)


@router.get("/requirement-sets", response=list[SetSummary])
def list_sets(request):
    need(request, Cap.RECORDS_VIEW)
    return selectors.requirement_set_list(request.organisation)


@router.get("/requirement-sets/{uuid}", response=SetOut)
def get_set(request, uuid: UUID):
    need(request, Cap.RECORDS_VIEW)
    return _out(_get(request, uuid))


@router.post("/requirement-sets", response={201: SetOut, 400: Error})
def create_set(request, payload: SetIn):
    need(request, Cap.RECORDS_EDIT)
    created = services.requirement_set_create(
        actor=request.user,
        organisation=request.organisation,
        name=payload.name or "",
        description=payload.description or "",
        items=[item.model_dump() for item in payload.items or []],
        via="api",
    )
    return Status(201, _out(created))


@router.patch("/requirement-sets/{uuid}", response={200: SetOut, 400: Error})
def update_set(request, uuid: UUID, payload: SetIn):
    need(request, Cap.RECORDS_EDIT)
    fields = payload.model_dump(exclude_unset=True)
    if "items" in fields and fields["items"] is not None:
        fields["items"] = [dict(item) for item in fields["items"]]
    updated = services.requirement_set_update(
        actor=request.user, requirement_set=_get(request, uuid), via="api", **fields
    )
    return _out(updated)
