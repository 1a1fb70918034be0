"""Reads for tenancy. Cross-organisation reads say so by name and disable the scope locally."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django_scopes import scopes_disabled

from skanse.tenancy.models import ApiToken, Invitation, Membership, Organisation
from skanse.tenancy.roles import ADMIN_ROLES


def membership_for_request(user, slug: str) -> Membership | None:
    """The user's membership in the active organisation `slug`, with the organisation."""
    with scopes_disabled():
        return (
            Membership.objects.select_related("organisation")
            .filter(user=user, organisation__slug=slug, organisation__is_active=True)
            .first()
        )


def memberships_of_user(user) -> list[Membership]:
    """Every active organisation the user belongs to: for the organisation switcher."""
    with scopes_disabled():
        return list(
            Membership.objects.select_related("organisation")
            .filter(user=user, organisation__is_active=True)
            .order_by("organisation__kind", "organisation__name")
        )


def membership_list(organisation):
    return Membership.objects.filter(organisation=organisation).select_related("user")


def invitation_pending_list(organisation):
    return Invitation.objects.filter(
        organisation=organisation,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("invited_by")


def token_list(organisation, user):
    return ApiToken.objects.filter(organisation=organisation, user=user)


def organisation_list(kind: str | None = None, query: str = ""):
    """All organisations with their member count and admins (coordinator pages)."""
    orgs = Organisation.objects.select_related("region").order_by("kind", "name")
    if kind:
        orgs = orgs.filter(kind=kind)
    if query:
        orgs = orgs.filter(Q(name__icontains=query) | Q(code=query) | Q(cvr=query))
    with scopes_disabled():
        admins = Membership.objects.filter(role__in=ADMIN_ROLES).select_related("user")
        return list(
            orgs.annotate(member_count=Count("membership", distinct=True)).prefetch_related(
                Prefetch("membership_set", queryset=admins, to_attr="admins")
            )
        )


def organisation_admins(organisation):
    with scopes_disabled():
        return list(
            Membership.objects.filter(
                organisation=organisation, role__in=ADMIN_ROLES
            ).select_related("user")
        )
