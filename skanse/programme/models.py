"""The programme: its tracks, objectives and milestones. Published by the coordinator and read
by every member, so these rows are global (not scoped to one organisation)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from skanse.library.models import Translated


class Programme(Translated, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"))
    translations = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts"]
        verbose_name = _("programme")

    guidance = ""  # Translated reads name, description and guidance

    def __str__(self):
        return self.name


class Track(Translated, models.Model):
    """A line of work in the programme (the seed's projects): baseline, awareness, …"""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tracks")
    key = models.SlugField(_("key"), max_length=30)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    translations = models.JSONField(default=dict, blank=True)
    guidance = ""

    class Meta:
        ordering = ["programme", "order"]
        verbose_name = _("track")
        constraints = [
            models.UniqueConstraint(fields=["programme", "key"], name="track_key_unique")
        ]

    def __str__(self):
        return self.name


class Milestone(Translated, models.Model):
    """A point on the master timeline, by quarter."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), choices=[(1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")]
    )
    done = models.BooleanField(_("done"), default=False)
    translations = models.JSONField(default=dict, blank=True)
    description = ""
    guidance = ""

    class Meta:
        ordering = ["year", "quarter", "track__order"]
        verbose_name = _("milestone")

    def __str__(self):
        return f"{self.year} Q{self.quarter} {self.name}"
