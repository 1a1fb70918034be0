"""Requirement sets: a municipality's requirements to its suppliers (for procurement and
contracts), each item optionally pointing at a library requirement it implements."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from skanse.core.models import TenantModel
from skanse.library.models import Requirement


class Priority(models.TextChoices):
    MUST = "must", _("Must")
    SHOULD = "should", _("Should")
    COULD = "could", _("Could")


class RequirementSet(TenantModel):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)

    class Meta:
        ordering = ["name"]
        verbose_name = _("requirement set")
        verbose_name_plural = _("requirement sets")

    def __str__(self):
        return self.name


class RequirementItem(TenantModel):
    requirement_set = models.ForeignKey(
        RequirementSet, on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveIntegerField(default=0)
    code = models.CharField(_("code"), max_length=40)
    text = models.TextField(_("requirement"), max_length=2000)
    category = models.CharField(_("category"), max_length=100, blank=True)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MUST
    )
    # The library requirement this item implements (e.g. an ISO 27001 control), if any.
    library_requirement = models.ForeignKey(
        Requirement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("library requirement"),
    )

    class Meta:
        ordering = ["requirement_set", "position"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["requirement_set", "code"], name="requirements_item_code_unique"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.text[:60]}"
