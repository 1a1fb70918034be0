"""Infrastructure models: the tenant base class and the append-only audit trail."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class TenantModel(models.Model):
    """Base for every row an organisation owns: organisation, public UUID, timestamps, scoping.

    Querying through `objects` outside a `django_scopes.scope(organisation=...)` raises
    `ScopeError`, so a forgotten tenant filter fails loudly instead of leaking data.
    """

    organisation = models.ForeignKey(
        "tenancy.Organisation",
        on_delete=models.CASCADE,
        db_index=True,
        verbose_name=_("organisation"),
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated"))

    objects = ScopedManager(organisation="organisation")

    class Meta:
        abstract = True


class AuditEventQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionError("Audit events are append-only and cannot be deleted.")

    def update(self, **kwargs):
        raise PermissionError("Audit events are append-only and cannot be changed.")


class AuditEvent(models.Model):
    """One recorded change: who, when, what (action code), which object, and the field diff."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Kept when the user is later deleted, so the trail still says who acted.
    actor_label = models.CharField(max_length=254)
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100)
    object_uuid = models.UUIDField(null=True)
    object_repr = models.CharField(max_length=200)
    changes = models.JSONField(default=dict)
    via = models.CharField(max_length=10, default="web")  # web, api, cli, task
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ScopedManager(
        organisation="organisation",
        _manager_class=models.Manager.from_queryset(AuditEventQuerySet),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The per-object "History" page: events of one object, newest first.
            models.Index(fields=["organisation", "object_uuid", "-created_at"]),
            # The organisation's audit trail filtered by type or person, newest first.
            models.Index(fields=["organisation", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit events are append-only and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only and cannot be deleted.")
