"""API: organisations (read), memberships (read; admin write), invitations (admin write)."""

from datetime import datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from skanse.api.base import Error, need
from skanse.tenancy import selectors, services
from skanse.tenancy.models import Membership, Organisation
from skanse.tenancy.roles import Cap, Role

router = Router(tags=["organisations and members"])


class OrganisationOut(Schema):
    uuid: UUID
    name: str
    slug: str
    kind: str
    code: str
    cvr: str
    region: str | None
    is_active: bool

    @staticmethod
    def resolve_region(obj):
        return obj.region.name if obj.region else None


class MembershipOut(Schema):
    uuid: UUID
    email: str
    name: str
    role: Role
    created_at: datetime

    @staticmethod
    def resolve_email(obj):
        return obj.user.email

    @staticmethod
    def resolve_name(obj):
        return obj.user.name


class RoleIn(Schema):
    role: Role


class InvitationIn(Schema):
    email: str
    role: Role


class InvitationOut(Schema):
    uuid: UUID
    email: str
    role: str
    expires_at: datetime


def _visible_organisations(request):
    if Cap.ORGANISATIONS_VIEW in request.capabilities:
        return Organisation.objects.select_related("region")
    return Organisation.objects.select_related("region").filter(pk=request.organisation.pk)


@router.get("/organisations", response=list[OrganisationOut])
@paginate(PageNumberPagination, page_size=100)
def list_organisations(request):
    """Your own organisation; for the coordinator, every organisation."""
    return _visible_organisations(request).order_by("kind", "name")


@router.get("/organisations/{uuid}", response={200: OrganisationOut, 404: Error})
def get_organisation(request, uuid: UUID):
    return get_object_or_404(_visible_organisations(request), uuid=uuid)


@router.get("/memberships", response=list[MembershipOut])
@paginate(PageNumberPagination, page_size=100)
def list_memberships(request):
    need(request, Cap.MEMBERS_VIEW)
    return selectors.membership_list(request.organisation)


def _membership(request, uuid):
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        organisation=request.organisation,
        uuid=uuid,
    )


@router.get("/memberships/{uuid}", response={200: MembershipOut, 404: Error})
def get_membership(request, uuid: UUID):
    need(request, Cap.MEMBERS_VIEW)
    return _membership(request, uuid)


@router.patch("/memberships/{uuid}", response={200: MembershipOut, 400: Error, 404: Error})
def change_role(request, uuid: UUID, payload: RoleIn):
    need(request, Cap.MEMBERS_MANAGE)
    membership = _membership(request, uuid)
    return services.membership_change_role(
        actor=request.user, membership=membership, role=payload.role, via="api"
    )


@router.delete("/memberships/{uuid}", response={204: None, 400: Error, 404: Error})
def remove_membership(request, uuid: UUID):
    need(request, Cap.MEMBERS_MANAGE)
    services.membership_remove(actor=request.user, membership=_membership(request, uuid), via="api")
    return Status(204, None)


@router.post("/invitations", response={201: InvitationOut, 400: Error})
def invite(request, payload: InvitationIn):
    """Invite a person by email; they join when they accept the emailed link."""
    need(request, Cap.MEMBERS_MANAGE)
    invitation = services.invitation_create(
        actor=request.user,
        organisation=request.organisation,
        email=payload.email,
        role=payload.role,
        via="api",
    )
    return Status(201, invitation)
