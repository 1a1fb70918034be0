"""Questionnaires, campaigns, responses and answers: the campaign → response → benchmark loop.

Questionnaires and campaigns are the coordinator's and read by every participant (global
rows). A response and everything in it belongs to the answering organisation (tenant rows).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from skanse.core.models import TenantModel
from skanse.library.models import Requirement, Translated
from skanse.programme.models import Programme, Track


class QuestionType(models.TextChoices):
    MATURITY = "maturity", _("Maturity level")
    YES_PARTLY_NO = "yes_partly_no", _("Yes / partly / no")
    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    DATE = "date", _("Date")
    TEXT = "text", _("Free text")


class Questionnaire(models.Model):
    """A questionnaire across its versions."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    key = models.SlugField(_("key"), max_length=60, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire")

    def __str__(self):
        return self.key


class QuestionnaireVersion(Translated, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="versions"
    )
    version = models.CharField(_("version"), max_length=20)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    # {"min": 1, "max": 5, "target": 4, "levels": [{"value", "label", "description",
    #  "translations": {"da": {...}}}]}
    scale = models.JSONField(_("maturity scale"), default=dict)
    translations = models.JSONField(default=dict, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    guidance = ""

    class Meta:
        ordering = ["questionnaire", "-created_at"]
        verbose_name = _("questionnaire version")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "version"], name="questionnaire_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.version})"


class Section(Translated, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="sections"
    )
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("title"), max_length=255)
    track = models.CharField(_("track"), max_length=30)
    order = models.PositiveSmallIntegerField(default=0)
    translations = models.JSONField(default=dict, blank=True)
    description = ""
    guidance = ""

    class Meta:
        ordering = ["version", "order"]
        verbose_name = _("section")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="section_key_unique")
        ]

    def __str__(self):
        return self.name


class Question(Translated, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    key = models.CharField(_("key"), max_length=30)
    type = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    name = models.TextField(_("question"))  # "name" so Translated gives name_i18n
    description = models.TextField(_("help text"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    required = models.BooleanField(_("required"), default=True)
    evidence = models.BooleanField(_("evidence requested"), default=False)
    # [{"key", "label", "score", "translations": {"da": {"label"}}}] for choice questions
    options = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    translations = models.JSONField(default=dict, blank=True)
    requirements = models.ManyToManyField(Requirement, blank=True, related_name="questions")
    guidance = ""

    class Meta:
        ordering = ["section__order", "order"]
        verbose_name = _("question")
        indexes = [models.Index(fields=["section", "order"])]

    def __str__(self):
        return f"{self.key} {self.name[:60]}"


class Campaign(Translated, models.Model):
    """A published questionnaire version sent to participants, with dates."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("Baseline")
        FOLLOW_UP = "follow_up", _("Follow-up")
        SURVEY = "survey", _("Survey")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not launched")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, null=True, blank=True, related_name="campaigns"
    )
    questionnaire_version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="campaigns"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    follow_up_number = models.PositiveSmallIntegerField(
        _("follow-up number"), null=True, blank=True
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("follows up on"),
    )
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("automatic reminder, days before"), default=7
    )
    launched_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    translations = models.JSONField(default=dict, blank=True)
    description = ""
    guidance = ""

    class Meta:
        ordering = ["-opens_on"]
        verbose_name = _("campaign")

    def __str__(self):
        return self.name


class PeerGroup(models.Model):
    """Organisations the coordinator groups for comparison (e.g. by size)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    members = models.ManyToManyField("tenancy.Organisation", related_name="peer_groups")

    class Meta:
        ordering = ["name"]
        verbose_name = _("peer group")

    def __str__(self):
        return self.name


class Response(TenantModel):
    """One organisation's answer to a campaign."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for correction")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="responses")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    deadline = models.DateField(_("deadline"))
    # Privacy by default: the coordinator sees this organisation's own figures only if it says so.
    share_identified = models.BooleanField(
        _("share our identified results with the coordinator"), default=False
    )
    answered_count = models.PositiveSmallIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_activity_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminder_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["campaign", "organisation__name"]
        verbose_name = _("response")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organisation"], name="response_unique")
        ]

    def __str__(self):
        return f"{self.campaign} — {self.organisation_id}"


class SectionAssignment(TenantModel):
    """A section of a response given to a colleague to answer."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="assignments")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="+")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("section assignment")
        constraints = [
            models.UniqueConstraint(fields=["response", "section"], name="assignment_unique")
        ]

    def __str__(self):
        return f"{self.section} → {self.assignee_id}"


class Answer(TenantModel):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    # The answer in the shape its question type needs: a number, a key, a list of keys, an ISO
    # date or text. None with not_relevant=True means "not relevant"; both empty: unanswered.
    value = models.JSONField(null=True, blank=True)
    not_relevant = models.BooleanField(_("not relevant"), default=False)
    comment = models.TextField(_("comment"), blank=True)
    evidence_link = models.URLField(_("evidence link"), blank=True, max_length=500)
    # Taken from the previous campaign and not yet confirmed or changed by anyone.
    carried_over = models.BooleanField(default=False)
    # The score on 0–1, kept with the answer so results are one aggregate query.
    score = models.FloatField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=0)  # for "someone else saved meanwhile"
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("answer")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_unique")
        ]
        indexes = [
            # Results: every answer to a question across responses.
            models.Index(fields=["question", "score"]),
        ]

    def __str__(self):
        return f"{self.question_id}: {self.value}"

    @property
    def answered(self) -> bool:
        return self.not_relevant or self.value not in (None, "", [])


class Evidence(TenantModel):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="evidence/%Y/")
    name = models.CharField(_("file"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("evidence")

    def __str__(self):
        return self.name


class Objective(Translated, models.Model):
    """A measurable objective: by a campaign, a share of organisations at or above a level in
    a section (or a question). Its attainment is computed from the answers, never typed in."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="objectives")
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="objectives")
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    section_key = models.SlugField(_("section"), max_length=60, blank=True)
    question_key = models.CharField(_("question"), max_length=30, blank=True)
    threshold = models.FloatField(_("level at or above"))
    target_share = models.FloatField(_("target share of organisations (0–1)"))
    due_campaign = models.ForeignKey(
        Campaign,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by campaign"),
    )
    translations = models.JSONField(default=dict, blank=True)
    guidance = ""

    class Meta:
        ordering = ["track__order", "name"]
        verbose_name = _("objective")

    def __str__(self):
        return self.name


class Recommendation(Translated, models.Model):
    """A recommendation (anbefaling) of the programme to the municipalities in one track,
    linked to the objectives it serves and to the library requirements it draws on."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="recommendations"
    )
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="recommendations")
    name = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("recommendation"), blank=True)
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="recommendations", verbose_name=_("objectives")
    )
    requirements = models.ManyToManyField(
        Requirement, blank=True, related_name="recommendations", verbose_name=_("requirements")
    )
    order = models.PositiveSmallIntegerField(default=0)
    translations = models.JSONField(default=dict, blank=True)
    guidance = ""

    class Meta:
        ordering = ["track__order", "order", "name"]
        verbose_name = _("recommendation")

    def __str__(self):
        return self.name
