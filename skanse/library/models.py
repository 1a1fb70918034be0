"""The library: global, versioned reference content. Read-only once a version is published."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from skanse.core.models import TenantModel


class Translated:
    """`name`, `description` and `guidance` in the reader's language where a translation exists."""

    def _translated(self, key: str) -> str:
        language = translation.get_language() or settings.LANGUAGE_CODE
        text = (self.translations or {}).get(language[:2], {}).get(key)
        return text or getattr(self, key, "")

    @property
    def name_i18n(self) -> str:
        return self._translated("name")

    @property
    def description_i18n(self) -> str:
        return self._translated("description")

    @property
    def guidance_i18n(self) -> str:
        return self._translated("guidance")


class Framework(models.Model):
    """A framework across its versions, known by its URN."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    urn = models.CharField(_("URN"), max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["urn"]
        verbose_name = _("framework")

    def __str__(self):
        return self.urn


class FrameworkVersion(Translated, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="versions")
    version = models.CharField(_("version"), max_length=50)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    ref_id = models.CharField(_("short reference"), max_length=100, blank=True)
    locale = models.CharField(_("language"), max_length=5, default="en")
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    copyright = models.TextField(_("copyright"), blank=True)
    licence = models.TextField(_("licence"), blank=True)
    translations = models.JSONField(default=dict, blank=True)
    source_format = models.CharField(max_length=30, blank=True)
    library_urn = models.CharField(max_length=255, blank=True)
    # The imported file's name: an OSCAL profile names its catalog by file name.
    source_name = models.CharField(max_length=255, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    requirement_count = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["framework__urn", "-created_at"]
        verbose_name = _("framework version")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "version"], name="framework_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.version})"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class Requirement(Translated, models.Model):
    """A node of a framework version's tree: a heading or an assessable requirement."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="requirements"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    urn = models.CharField(_("URN"), max_length=255)
    ref_id = models.CharField(_("identifier"), max_length=100)
    name = models.TextField(_("title"), blank=True)
    description = models.TextField(_("description"), blank=True)
    guidance = models.TextField(_("guidance"), blank=True)
    assessable = models.BooleanField(_("assessable"), default=True)
    withdrawn = models.BooleanField(_("withdrawn"), default=False)
    depth = models.PositiveSmallIntegerField(default=1)
    # The node's place in a depth-first walk of the tree: one ORDER BY shows the whole tree.
    position = models.PositiveIntegerField(default=0)
    translations = models.JSONField(default=dict, blank=True)
    props = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("requirement")
        constraints = [
            models.UniqueConstraint(fields=["version", "ref_id"], name="requirement_ref_unique"),
            models.UniqueConstraint(fields=["version", "urn"], name="requirement_urn_unique"),
        ]
        indexes = [
            # The tree page: all nodes of a version in tree order.
            models.Index(fields=["version", "position"]),
        ]

    def __str__(self):
        return f"{self.ref_id} {self.name}".strip()


class MappingSet(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    urn = models.CharField(_("URN"), max_length=255)
    version = models.CharField(_("version"), max_length=50)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    source = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="+")
    content_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("mapping set")
        constraints = [
            models.UniqueConstraint(fields=["urn", "version"], name="mapping_set_version_unique")
        ]

    def __str__(self):
        return f"{self.name} ({self.version})"


class Mapping(models.Model):
    class Relationship(models.TextChoices):
        EQUAL = "equal", _("equal to")
        SUBSET = "subset", _("part of")
        SUPERSET = "superset", _("covers")
        INTERSECT = "intersect", _("overlaps")
        RELATED = "related", _("related to")

    mapping_set = models.ForeignKey(MappingSet, on_delete=models.CASCADE, related_name="mappings")
    source = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="mappings_out")
    target = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="mappings_in")
    relationship = models.CharField(max_length=10, choices=Relationship.choices)
    rationale = models.TextField(blank=True)

    class Meta:
        verbose_name = _("mapping")
        constraints = [
            models.UniqueConstraint(
                fields=["mapping_set", "source", "target"], name="mapping_unique"
            ),
        ]

    def __str__(self):
        return f"{self.source_id} {self.relationship} {self.target_id}"

    # How the mapping reads from its target's side: "this requirement is … the source".
    INVERSE = {
        "equal": "equal",
        "subset": "superset",
        "superset": "subset",
        "intersect": "intersect",
        "related": "related",
    }

    def get_inverse_display(self) -> str:
        return self.Relationship(self.INVERSE[self.relationship]).label


class ImportJob(TenantModel):
    """A library import started in the interface, run by the worker, with its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    file = models.FileField(upload_to="library-imports/")
    file_name = models.CharField(_("file"), max_length=255)
    size = models.PositiveIntegerField(default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    report = models.JSONField(default=dict, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    profile_base = models.ForeignKey(
        FrameworkVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The starter's language: the worker has no request, and writes the errors in it.
    language = models.CharField(max_length=5, default="da")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("library import")

    def __str__(self):
        return self.file_name
