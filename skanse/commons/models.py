"""Templates the coordinator publishes, their versions, and organisations' adoptions of them.

`Template` and `TemplateVersion` belong to the coordinator organisation (tenant rows of the
coordinator): the coordinator's own pages read them in its scope; every other organisation
reads *published* versions through the selectors that say so by name
(`published_templates`, `published_template_get`), which lift the scope locally. Drafts are
never read outside the coordinator's scope.

An `Adoption` belongs to the adopting organisation: which template, which version it last
took, the adopted object (a generic reference: any kind's model), and the *base* — the field
values last taken from the template — so base, template and local values give a three-way
comparison.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from skanse.commons import kinds
from skanse.core.models import TenantModel


class Template(TenantModel):
    """A template across its versions (organisation: the coordinator)."""

    kind = models.CharField(_("kind"), max_length=40)
    key = models.SlugField(_("key"), max_length=100)
    name = models.CharField(_("name"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    # The newest published version; None until the first is published. Kept here so "which
    # adoptions have an update" is one join (Adoption.version.number < this number).
    published_version = models.ForeignKey(
        "TemplateVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published version"),
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("template")
        verbose_name_plural = _("templates")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "key"], name="commons_template_key_unique"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def kind_spec(self) -> kinds.Kind | None:
        return kinds.get(self.kind)

    @property
    def kind_label(self) -> str:
        spec = self.kind_spec
        return spec.label if spec else self.kind


class TemplateVersion(TenantModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # {field name: value} for every field of the kind.
    payload = models.JSONField(_("content"), default=dict)
    change_note = models.TextField(_("what changed"), blank=True, max_length=4000)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["template", "-number"]
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"], name="commons_template_version_unique"
            ),
            # At most one draft per template: "new version" edits it until it is published.
            models.UniqueConstraint(
                fields=["template"],
                condition=models.Q(status="draft"),
                name="commons_template_one_draft",
            ),
        ]

    def __str__(self):
        return f"{self.template.name} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class Adoption(TenantModel):
    """An organisation's object made from a template, and what it last took from it."""

    template = models.ForeignKey(
        Template, on_delete=models.PROTECT, related_name="adoptions", verbose_name=_("template")
    )
    version = models.ForeignKey(
        TemplateVersion,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("version taken"),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    adopted_object = GenericForeignKey("content_type", "object_id")
    # {field name: value} as last taken from the template: the base of the comparison.
    base = models.JSONField(default=dict)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    synced_at = models.DateTimeField(_("last synchronised"), null=True, blank=True)

    class Meta:
        ordering = ["template__name"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        constraints = [
            # One adoption per template and organisation: its updates have one place to go.
            models.UniqueConstraint(
                fields=["organisation", "template"], name="commons_adoption_unique"
            ),
        ]
        indexes = [
            # The adopted object's page: "this came from template X" (content type + id).
            models.Index(fields=["organisation", "content_type", "object_id"]),
        ]

    def __str__(self):
        return self.template.name
