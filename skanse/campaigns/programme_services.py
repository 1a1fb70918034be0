"""The coordinator keeps the programme: its texts, tracks, objectives, recommendations,
milestones and the peer groups used for comparison. Each change is audited in the
coordinator's trail. Texts are written in Danish and English (`name`, `name_da`, …)."""

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from skanse.campaigns.models import Objective, PeerGroup, Question, Recommendation, Section
from skanse.core.audit import audit_record, diff, snapshot
from skanse.core.errors import DomainError
from skanse.library.models import Requirement
from skanse.programme.models import Milestone, Programme, Track

TEXTS = ("name", "description")


def _apply(obj, fields: dict) -> None:
    """Set plain fields, and the Danish texts (`name_da`, `description_da`) in translations."""
    translations = dict(obj.translations or {}) if hasattr(obj, "translations") else None
    for key, value in fields.items():
        if key.endswith("_da") and translations is not None:
            danish = dict(translations.get("da", {}))
            if value:
                danish[key[:-3]] = value
            else:
                danish.pop(key[:-3], None)
            translations["da"] = danish
        else:
            setattr(obj, key, value)
    if translations is not None:
        obj.translations = translations


def _save(*, actor, organisation, obj, fields: dict, action: str, m2m: dict | None = None):
    names = [k for k in fields if not k.endswith("_da")]
    if hasattr(obj, "translations"):
        names.append("translations")
    created = obj.pk is None
    before = {} if created else snapshot(obj, names)
    _apply(obj, fields)
    obj.full_clean(exclude=list(m2m or {}))
    obj.save()
    changes = diff(before, snapshot(obj, names))
    for name, values in (m2m or {}).items():
        related = getattr(obj, name)
        old = sorted(str(v) for v in related.all()) if not created else []
        related.set(values)
        new = sorted(str(v) for v in values)
        if old != new:
            changes[name] = [old, new]
    if changes or created:
        audit_record(
            actor=actor,
            organisation=organisation,
            action=f"{action}.{'created' if created else 'changed'}",
            obj=obj,
            changes=changes,
        )
    return obj


def _delete(*, actor, organisation, obj, action: str) -> None:
    audit_record(
        actor=actor,
        organisation=organisation,
        action=f"{action}.deleted",
        obj=obj,
        changes={"name": [str(obj), None]},
    )
    try:
        obj.delete()
    except ProtectedError:
        raise DomainError(_("It is still in use and cannot be deleted.")) from None


@transaction.atomic
def programme_save(*, actor, organisation, programme: Programme | None, **fields) -> Programme:
    if fields["starts"] and fields["ends"] and fields["ends"] < fields["starts"]:
        raise DomainError(_("The programme cannot end before it starts."), field="ends")
    return _save(
        actor=actor,
        organisation=organisation,
        obj=programme or Programme(),
        fields=fields,
        action="programme.programme",
    )


@transaction.atomic
def track_save(*, actor, organisation, programme, track: Track | None, **fields) -> Track:
    track = track or Track(programme=programme)
    clash = Track.objects.filter(programme=programme, key=fields["key"]).exclude(pk=track.pk)
    if clash.exists():
        raise DomainError(_("Another track has this key."), field="key")
    return _save(
        actor=actor, organisation=organisation, obj=track, fields=fields, action="programme.track"
    )


@transaction.atomic
def objective_save(
    *, actor, organisation, programme, objective: Objective | None, **fields
) -> Objective:
    """An objective measures one section or one question, on the scale of the questionnaire
    of the campaign it is due by, with a target share between 0 and 1."""
    section_key, question_key = fields.get("section_key", ""), fields.get("question_key", "")
    if bool(section_key) == bool(question_key):
        raise DomainError(_("Name either a section or a question, not both."), field="section_key")
    if not 0 < fields["target_share"] <= 1:
        raise DomainError(_("The target share is a percentage from 1 to 100."), "target_share")
    campaign = fields.get("due_campaign")
    if campaign is not None:
        version = campaign.questionnaire_version
        if section_key and not Section.objects.filter(version=version, key=section_key).exists():
            raise DomainError(
                _("The campaign's questionnaire has no section “%(key)s”.") % {"key": section_key},
                field="section_key",
            )
        if (
            question_key
            and not Question.objects.filter(section__version=version, key=question_key).exists()
        ):
            raise DomainError(
                _("The campaign's questionnaire has no question “%(key)s”.")
                % {"key": question_key},
                field="question_key",
            )
        low, high = version.scale.get("min", 1), version.scale.get("max", 5)
        if not low <= fields["threshold"] <= high:
            raise DomainError(
                _("The level must be on the questionnaire's scale, %(low)s–%(high)s.")
                % {"low": low, "high": high},
                field="threshold",
            )
    return _save(
        actor=actor,
        organisation=organisation,
        obj=objective or Objective(programme=programme),
        fields=fields,
        action="programme.objective",
    )


@transaction.atomic
def objective_delete(*, actor, organisation, objective) -> None:
    _delete(actor=actor, organisation=organisation, obj=objective, action="programme.objective")


def requirements_by_urn(text: str) -> list[Requirement]:
    """Requirements named by URN, one per line or separated by commas; unknown URNs refused."""
    urns = [u.strip() for u in text.replace(",", "\n").splitlines() if u.strip()]
    found = {r.urn: r for r in Requirement.objects.filter(urn__in=urns)}
    missing = [u for u in urns if u not in found]
    if missing:
        raise DomainError(
            _("Not in the library: %(urns)s") % {"urns": ", ".join(missing)}, field="requirements"
        )
    return [found[u] for u in dict.fromkeys(urns)]


@transaction.atomic
def recommendation_save(
    *, actor, organisation, programme, recommendation, objectives, requirements, **fields
) -> Recommendation:
    if any(o.programme_id != programme.pk for o in objectives):
        raise DomainError(_("Choose objectives of this programme."), field="objectives")
    return _save(
        actor=actor,
        organisation=organisation,
        obj=recommendation or Recommendation(programme=programme),
        fields=fields,
        action="programme.recommendation",
        m2m={"objectives": objectives, "requirements": requirements},
    )


@transaction.atomic
def recommendation_delete(*, actor, organisation, recommendation) -> None:
    _delete(
        actor=actor,
        organisation=organisation,
        obj=recommendation,
        action="programme.recommendation",
    )


@transaction.atomic
def milestone_save(*, actor, organisation, milestone: Milestone | None, **fields) -> Milestone:
    return _save(
        actor=actor,
        organisation=organisation,
        obj=milestone or Milestone(),
        fields=fields,
        action="programme.milestone",
    )


@transaction.atomic
def milestone_delete(*, actor, organisation, milestone) -> None:
    _delete(actor=actor, organisation=organisation, obj=milestone, action="programme.milestone")


@transaction.atomic
def peer_group_save(*, actor, organisation, group: PeerGroup | None, name, members) -> PeerGroup:
    clash = PeerGroup.objects.filter(name=name)
    if group is not None:
        clash = clash.exclude(pk=group.pk)
    if clash.exists():
        raise DomainError(_("Another peer group has this name."), field="name")
    return _save(
        actor=actor,
        organisation=organisation,
        obj=group or PeerGroup(),
        fields={"name": name},
        action="campaigns.peergroup",
        m2m={"members": members},
    )


@transaction.atomic
def peer_group_delete(*, actor, organisation, group) -> None:
    _delete(actor=actor, organisation=organisation, obj=group, action="campaigns.peergroup")
