"""Writes for tenancy: each service validates, runs in a transaction and records audit events."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from skanse.core.audit import audit_record, diff, snapshot
from skanse.core.errors import DomainError
from skanse.tenancy.models import ApiToken, Invitation, Membership, Organisation
from skanse.tenancy.roles import ADMIN_ROLES, ROLES_BY_KIND, OrganisationKind, Role
from skanse.tenancy.tasks import new_secret, send_invitation_email

User = get_user_model()

ORG_FIELDS = ["name", "slug", "kind", "code", "cvr", "region", "is_active", "mfa_required_roles"]


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _check_role(organisation: Organisation, role: str, field: str = "role") -> None:
    if role not in ROLES_BY_KIND[organisation.kind]:
        raise DomainError(_("This role does not exist in this kind of organisation."), field)


def _admin_count(organisation) -> int:
    return Membership.objects.filter(organisation=organisation, role__in=ADMIN_ROLES).count()


# --- Memberships ---------------------------------------------------------------------------


@transaction.atomic
def membership_add(*, actor, organisation, user, role: str, via="web") -> Membership:
    _check_role(organisation, role)
    with scopes_disabled():
        if Membership.objects.filter(organisation=organisation, user=user).exists():
            raise DomainError(_("This person is already a member."), "email")
        membership = Membership(organisation=organisation, user=user, role=role)
        membership.full_clean()
        membership.save()
        audit_record(
            actor=actor,
            organisation=organisation,
            action="tenancy.membership.added",
            obj=membership,
            changes=diff({}, snapshot(membership, ["user", "role"])),
            via=via,
        )
    return membership


@transaction.atomic
def membership_change_role(*, actor, membership: Membership, role: str, via="web") -> Membership:
    organisation = membership.organisation
    _check_role(organisation, role)
    if membership.role == role:
        return membership
    if (
        membership.role in ADMIN_ROLES
        and role not in ADMIN_ROLES
        and _admin_count(organisation) <= 1
    ):
        raise DomainError(_("The organisation must keep at least one admin."), "role")
    before = snapshot(membership, ["role"])
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role", "updated_at"])
    audit_record(
        actor=actor,
        organisation=organisation,
        action="tenancy.membership.role_changed",
        obj=membership,
        changes=diff(before, snapshot(membership, ["role"])),
        via=via,
    )
    return membership


@transaction.atomic
def membership_remove(*, actor, membership: Membership, via="web") -> None:
    organisation = membership.organisation
    if membership.role in ADMIN_ROLES and _admin_count(organisation) <= 1:
        raise DomainError(_("The organisation must keep at least one admin."))
    audit_record(
        actor=actor,
        organisation=organisation,
        action="tenancy.membership.removed",
        obj=membership,
        changes=diff(snapshot(membership, ["user", "role"]), {}),
        via=via,
    )
    # A removed member's API tokens for this organisation stop working with the membership.
    for token in ApiToken.objects.filter(
        organisation=organisation, user=membership.user, revoked_at__isnull=True
    ):
        token_revoke(actor=actor, token=token, via=via)
    membership.delete()


# --- Invitations ---------------------------------------------------------------------------


@transaction.atomic
def invitation_create(*, actor, organisation, email: str, role: str, via="web") -> Invitation:
    email = User.objects.normalize_email(email).lower()
    _check_role(organisation, role)
    with scopes_disabled():
        if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
            raise DomainError(_("This person is already a member."), "email")
    # A new invitation replaces any open one to the same address.
    for previous in Invitation.objects.filter(
        organisation=organisation, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ):
        invitation_revoke(actor=actor, invitation=previous, via=via)
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        # Replaced by the email task, which makes the secret that goes in the link.
        token_hash=new_secret()[1],
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    audit_record(
        actor=actor,
        organisation=organisation,
        action="tenancy.invitation.created",
        obj=invitation,
        changes=diff({}, snapshot(invitation, ["email", "role", "expires_at"])),
        via=via,
    )
    transaction.on_commit(lambda: send_invitation_email.enqueue(invitation.pk))
    return invitation


@transaction.atomic
def invitation_resend(*, actor, invitation: Invitation, via="web") -> Invitation:
    """A fresh link (the old one stops working) and a new expiry date."""
    if invitation.accepted_at or invitation.revoked_at:
        raise DomainError(_("This invitation is no longer open."))
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.save(update_fields=["expires_at", "updated_at"])
    audit_record(
        actor=actor,
        organisation=invitation.organisation,
        action="tenancy.invitation.resent",
        obj=invitation,
        via=via,
    )
    # The task makes a fresh link secret, so the old link stops working.
    transaction.on_commit(lambda: send_invitation_email.enqueue(invitation.pk))
    return invitation


@transaction.atomic
def invitation_revoke(*, actor, invitation: Invitation, via="web") -> None:
    if invitation.accepted_at or invitation.revoked_at:
        raise DomainError(_("This invitation is no longer open."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    audit_record(
        actor=actor,
        organisation=invitation.organisation,
        action="tenancy.invitation.revoked",
        obj=invitation,
        via=via,
    )


def invitation_by_secret(secret: str) -> Invitation | None:
    """The open invitation a link points to, or None when it is unknown, used or expired."""
    with scopes_disabled():
        return (
            Invitation.objects.select_related("organisation")
            .filter(
                token_hash=_hash(secret),
                accepted_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=timezone.now(),
                organisation__is_active=True,
            )
            .first()
        )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user=None, name="", password="") -> Membership:
    """Join the organisation: as the logged-in `user`, or as a new account made here."""
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise DomainError(_("An account with this email exists. Log in to accept."))
        candidate = User(email=invitation.email, name=name)
        try:
            validate_password(password, candidate)
        except ValidationError as error:
            raise ValidationError({"password": error.error_list}) from None
        user = User.objects.create_user(invitation.email, password, name=name)
    elif user.email.lower() != invitation.email.lower():
        raise DomainError(
            _("This invitation was sent to %(email)s. Log in with that address to accept.")
            % {"email": invitation.email}
        )
    with scopes_disabled():
        membership = membership_add(
            actor=user, organisation=invitation.organisation, user=user, role=invitation.role
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at", "updated_at"])
    audit_record(
        actor=user,
        organisation=invitation.organisation,
        action="tenancy.invitation.accepted",
        obj=invitation,
    )
    return membership


# --- Organisations -------------------------------------------------------------------------


@transaction.atomic
def organisation_create(
    *, actor, coordinator, name: str, kind: str, cvr="", code="", slug="", via="web"
) -> Organisation:
    if kind == OrganisationKind.COORDINATOR:
        raise DomainError(_("There is only one coordinator organisation."), "kind")
    slug = slug or slugify(name)[:60]
    if Organisation.objects.filter(slug=slug).exists():
        raise DomainError(_("An organisation with this short name exists already."), "slug")
    if cvr and (len(cvr) != 8 or not cvr.isdigit()):
        raise DomainError(_("A CVR number has eight digits."), "cvr")
    organisation = Organisation(
        name=name,
        kind=kind,
        cvr=cvr,
        code=code,
        slug=slug,
        mfa_required_roles=[Role.ORG_ADMIN],
    )
    organisation.full_clean()
    organisation.save()
    changes = diff({}, snapshot(organisation, ORG_FIELDS))
    for org in (coordinator, organisation):
        audit_record(
            actor=actor,
            organisation=org,
            action="tenancy.organisation.created",
            obj=organisation,
            changes=changes,
            via=via,
        )
    return organisation


@transaction.atomic
def organisation_set_active(
    *, actor, coordinator, organisation, active: bool, via="web"
) -> Organisation:
    if organisation.is_coordinator:
        raise DomainError(_("The coordinator organisation cannot be deactivated."))
    if organisation.is_active == active:
        return organisation
    before = snapshot(organisation, ["is_active"])
    organisation.is_active = active
    organisation.save(update_fields=["is_active"])
    action = "tenancy.organisation.reactivated" if active else "tenancy.organisation.deactivated"
    changes = diff(before, snapshot(organisation, ["is_active"]))
    for org in (coordinator, organisation):
        audit_record(
            actor=actor, organisation=org, action=action, obj=organisation, changes=changes, via=via
        )
    return organisation


@transaction.atomic
def organisation_update_settings(
    *, actor, organisation, mfa_required_roles: list[str], via="web"
) -> Organisation:
    allowed = ROLES_BY_KIND[organisation.kind]
    if any(role not in allowed for role in mfa_required_roles):
        raise DomainError(_("Choose roles of this organisation."), "mfa_required_roles")
    before = snapshot(organisation, ["mfa_required_roles"])
    organisation.mfa_required_roles = sorted(mfa_required_roles)
    organisation.save(update_fields=["mfa_required_roles"])
    changes = diff(before, snapshot(organisation, ["mfa_required_roles"]))
    if changes:
        audit_record(
            actor=actor,
            organisation=organisation,
            action="tenancy.organisation.settings_changed",
            obj=organisation,
            changes=changes,
            via=via,
        )
    return organisation


# --- API tokens ----------------------------------------------------------------------------


@transaction.atomic
def token_create(*, actor, organisation, name: str, via="web") -> tuple[ApiToken, str]:
    """Make a token and return it with its secret, which is shown once and never stored."""
    name = name.strip()
    if not name:
        raise DomainError(_("Give the token a name."), "name")
    prefix = secrets.token_hex(4)
    secret = f"skanse_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        organisation=organisation, user=actor, name=name, prefix=prefix, token_hash=_hash(secret)
    )
    token.full_clean()
    token.save()
    audit_record(
        actor=actor,
        organisation=organisation,
        action="tenancy.api_token.created",
        obj=token,
        changes=diff({}, {"name": name, "prefix": prefix}),
        via=via,
    )
    return token, secret


@transaction.atomic
def token_revoke(*, actor, token: ApiToken, via="web") -> None:
    if token.revoked_at:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    audit_record(
        actor=actor,
        organisation=token.organisation,
        action="tenancy.api_token.revoked",
        obj=token,
        via=via,
    )


def token_authenticate(secret: str) -> ApiToken | None:
    """The live token behind `secret`, with its user, membership role and organisation."""
    if not secret.startswith("skanse_"):
        return None
    with scopes_disabled():
        token = (
            ApiToken.objects.select_related("user", "organisation")
            .filter(
                token_hash=_hash(secret),
                revoked_at__isnull=True,
                organisation__is_active=True,
                user__is_active=True,
            )
            .first()
        )
        if token is None:
            return None
        token.membership = Membership.objects.filter(
            organisation=token.organisation, user=token.user
        ).first()
        if token.membership is None:
            return None
        now = timezone.now()
        # Writing on every call would cost a query per request; once a minute is enough.
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
