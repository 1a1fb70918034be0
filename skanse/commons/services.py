"""Writes for commons: author and publish templates (the coordinator), adopt them and take
their updates (every other organisation). Each runs in one transaction with its audit event,
and the kind's own service makes or changes the adopted object (with its own audit event)."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from skanse.commons import kinds, values
from skanse.commons.models import Adoption, Template, TemplateVersion
from skanse.core.audit import audit_record, diff
from skanse.core.errors import DomainError


def _kind(key: str) -> kinds.Kind:
    kind = kinds.get(key)
    if kind is None:
        raise DomainError(kinds.UNKNOWN_KIND, "kind")
    return kind


def _require_coordinator(organisation) -> None:
    if not organisation.is_coordinator:
        raise DomainError(_("Only the association publishes templates."))


# --- The coordinator: author and publish ------------------------------------------------------


@transaction.atomic
def template_create(
    *,
    actor,
    organisation,
    kind: str,
    key: str,
    name: str,
    summary: str = "",
    payload: dict | None = None,
    via: str = "web",
) -> TemplateVersion:
    """A new template with its first version as a draft."""
    _require_coordinator(organisation)
    spec = _kind(kind)
    with scopes_disabled():
        if Template.objects.filter(organisation=organisation, kind=kind, key=key).exists():
            raise DomainError(_("A template of this kind has this key already."), "key")
    template = Template(organisation=organisation, kind=kind, key=key, name=name, summary=summary)
    template.full_clean()
    template.save()
    version = TemplateVersion.objects.create(
        organisation=organisation,
        template=template,
        number=1,
        payload=values.clean(
            spec, payload if payload is not None else spec.blank(), complete=False
        ),
    )
    audit_record(
        actor=actor,
        organisation=organisation,
        action="commons.template.created",
        obj=template,
        via=via,
        changes={"kind": [None, kind], "key": [None, key], "name": [None, name]},
    )
    return version


@transaction.atomic
def template_update(*, actor, template: Template, name: str, summary: str, via: str = "web"):
    before = {"name": template.name, "summary": template.summary}
    template.name, template.summary = name, summary
    template.full_clean()
    template.save(update_fields=["name", "summary", "updated_at"])
    changes = diff(before, {"name": name, "summary": summary})
    if changes:
        audit_record(
            actor=actor,
            organisation=template.organisation,
            action="commons.template.changed",
            obj=template,
            via=via,
            changes=changes,
        )
    return template


@transaction.atomic
def draft_save(
    *, actor, version: TemplateVersion, payload: dict, change_note: str = "", via: str = "web"
) -> TemplateVersion:
    """Change a draft's content. A published version never changes: publish a new one."""
    version = TemplateVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_draft:
        raise DomainError(_("A published version cannot be changed. Start a new version."))
    spec = _kind(version.template.kind)
    cleaned = values.clean(spec, payload, complete=False)
    changes = diff(version.payload, cleaned)
    if version.change_note != change_note:
        changes["change_note"] = [version.change_note, change_note]
    version.payload, version.change_note = cleaned, change_note
    version.save(update_fields=["payload", "change_note", "updated_at"])
    if changes:
        audit_record(
            actor=actor,
            organisation=version.organisation,
            action="commons.version.draft_saved",
            obj=version,
            via=via,
            changes=changes,
        )
    return version


@transaction.atomic
def template_publish(*, actor, version: TemplateVersion, via: str = "web") -> TemplateVersion:
    """Publish a draft: every organisation can adopt it, and adopters of earlier versions see
    an update."""
    version = TemplateVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_draft:
        raise DomainError(_("This version is published already."))
    template = version.template
    spec = _kind(template.kind)
    values.clean(spec, version.payload)  # the kind's fields may have changed since the draft
    previous = template.published_version
    if previous is not None:
        if version.payload == previous.payload:
            raise DomainError(_("Nothing changed since the published version."))
        if not version.change_note.strip():
            raise DomainError(
                _("Say what changed, so the organisations can decide."), "change_note"
            )
    version.status = TemplateVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = actor if actor is not None and actor.pk else None
    version.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    template.published_version = version
    template.save(update_fields=["published_version", "updated_at"])
    audit_record(
        actor=actor,
        organisation=template.organisation,
        action="commons.template.published",
        obj=template,
        via=via,
        changes={
            "version": [previous.number if previous else None, version.number],
            **({"change_note": [None, version.change_note]} if version.change_note else {}),
        },
    )
    return version


@transaction.atomic
def version_start(*, actor, template: Template, via: str = "web") -> TemplateVersion:
    """A new draft version from the newest published one (or the draft there is already)."""
    template = Template.objects.with_scopes_disabled().select_for_update().get(pk=template.pk)
    draft = template.versions.filter(status=TemplateVersion.Status.DRAFT).first()
    if draft is not None:
        return draft
    latest = template.versions.order_by("-number").first()
    version = TemplateVersion.objects.create(
        organisation=template.organisation,
        template=template,
        number=latest.number + 1,
        payload=dict(latest.payload),
    )
    audit_record(
        actor=actor,
        organisation=template.organisation,
        action="commons.version.started",
        obj=version,
        via=via,
        changes={"version": [latest.number, version.number]},
    )
    return version


# --- Every other organisation: adopt and sync -------------------------------------------------


def _adoption_changes(adoption: Adoption, old_number, taken: list[str]) -> dict:
    return {
        "version": [old_number, adoption.version.number],
        "fields_taken": [None, taken],
    }


@transaction.atomic
def adopt(*, actor, organisation, template: Template, via: str = "web") -> Adoption:
    """The organisation's own object from the template's newest published version, linked to
    that version. All or nothing: the object and the link are made together or not at all."""
    if organisation.is_coordinator:
        raise DomainError(_("The association publishes templates; it does not adopt them."))
    # The newest published version as the database has it now, not as the caller read it.
    template = (
        Template.objects.with_scopes_disabled()
        .select_related("published_version")
        .get(pk=template.pk)
    )
    version = template.published_version
    if version is None:
        raise DomainError(_("This template has no published version yet."))
    spec = _kind(template.kind)
    with scopes_disabled():
        existing = Adoption.objects.filter(organisation=organisation, template=template).first()
    if existing is not None:
        if existing.adopted_object is not None:
            raise DomainError(_("Your organisation has adopted this template already."))
        # The organisation deleted its copy: the stale link goes, and it adopts afresh.
        audit_record(
            actor=actor,
            organisation=organisation,
            action="commons.adoption.removed",
            obj=existing,
            via=via,
            changes={"version": [existing.version.number, None]},
        )
        existing.delete()
    payload = values.clean(spec, version.payload)
    obj = spec.create(organisation=organisation, actor=actor, values=payload, via=via)
    adoption = Adoption.objects.create(
        organisation=organisation,
        template=template,
        version=version,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        base=payload,
        adopted_by=actor if actor is not None and actor.pk else None,
        synced_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        organisation=organisation,
        action="commons.adoption.created",
        obj=adoption,
        via=via,
        changes={
            "template": [None, template.name],
            "version": [None, version.number],
            "object": [None, str(obj)[:200]],
        },
    )
    return adoption


def _locked(adoption: Adoption, expected_version: int | None) -> Adoption:
    adoption = (
        Adoption.objects.with_scopes_disabled()
        .select_for_update(of=("self",))
        .select_related("template__published_version", "version")
        .get(pk=adoption.pk)
    )
    if expected_version is not None and adoption.version.number != expected_version:
        raise DomainError(_("Someone took this update meanwhile. Look at the differences again."))
    if adoption.template.published_version_id == adoption.version_id:
        raise DomainError(_("There is no new version to take."))
    return adoption


@transaction.atomic
def sync(
    *,
    actor,
    adoption: Adoption,
    take: list[str],
    expected_version: int | None = None,
    via: str = "web",
) -> Adoption:
    """Take `take` — some, all or none of the fields — from the newest published version.

    The fields taken get the template's values; every other field keeps the organisation's
    value. Afterwards the adoption is at the new version and its base is the new version's
    values, so a field the organisation declined counts as its own from then on. All or
    nothing: the object, the link and the audit events commit together."""
    adoption = _locked(adoption, expected_version)
    spec = _kind(adoption.template.kind)
    target = adoption.template.published_version
    theirs = values.clean(spec, target.payload)
    unknown = [name for name in take if name not in spec.field_names]
    if unknown:
        raise DomainError(_("Unknown field “%(field)s”.") % {"field": unknown[0]}, "take")
    obj = adoption.adopted_object
    if obj is None:
        raise DomainError(_("The adopted object no longer exists."))
    taken = [name for name in spec.field_names if name in take]
    if taken:
        spec.update(obj=obj, actor=actor, values={n: theirs[n] for n in taken}, via=via)
    old_number = adoption.version.number
    adoption.version = target
    adoption.base = theirs
    adoption.synced_at = timezone.now()
    adoption.save(update_fields=["version", "base", "synced_at", "updated_at"])
    audit_record(
        actor=actor,
        organisation=adoption.organisation,
        action="commons.adoption.synced" if taken else "commons.adoption.dismissed",
        obj=adoption,
        via=via,
        changes=_adoption_changes(adoption, old_number, taken),
    )
    return adoption


def dismiss(*, actor, adoption: Adoption, expected_version: int | None = None, via="web"):
    """Take none of the new version's changes: the object stays as it is, and the update no
    longer shows (until the association publishes a newer version)."""
    return sync(actor=actor, adoption=adoption, take=[], expected_version=expected_version, via=via)
