"""The tenant (Organisation), its reference data (Region) and who belongs to it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from skanse.core.models import TenantModel
from skanse.tenancy.roles import ADMIN_ROLES, OrganisationKind, Role


class Region(models.Model):
    """A Danish region. Data, not an enum: regions merge (Østdanmark from 2027)."""

    code = models.CharField(_("region code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")

    def __str__(self):
        return self.name


class Organisation(models.Model):
    """A tenant: the coordinator, a municipality, a region or another authority."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150, unique=True)
    # Kommunekode (101–860) for municipalities, regionskode (1081–1085) for regions.
    code = models.CharField(_("official code"), max_length=4, blank=True)
    cvr = models.CharField(_("CVR number"), max_length=8, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("region")
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    mfa_required_roles = models.JSONField(
        _("roles that must use two-factor login"), default=list, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"],
                condition=~models.Q(code=""),
                name="organisation_code_unique_per_kind",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_coordinator(self) -> bool:
        return self.kind == OrganisationKind.COORDINATOR


class Membership(TenantModel):
    """A person's place in one organisation, with one role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        ordering = ["user__name", "user__email"]
        verbose_name = _("membership")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role in ADMIN_ROLES


class Invitation(TenantModel):
    """An emailed invitation to join an organisation in a role; the link carries a secret."""

    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")

    def __str__(self):
        return self.email


class ApiToken(TenantModel):
    """A personal API token, bound to one organisation; it acts with its owner's current role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    # Shown in lists so a person can tell tokens apart; the secret itself is never stored.
    prefix = models.CharField(max_length=12, unique=True)
    token_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
