"""Writes for the breach log. The web pages, the API and the demo call these same functions, so
the rules are the same everywhere: check, save in one transaction, record in the audit trail."""

import datetime
import uuid as uuid_module

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from skanse.breaches import deadline as clock
from skanse.breaches.models import KINDS, Breach, Risk, Status
from skanse.core.audit import audit_record, diff, snapshot
from skanse.core.errors import DomainError
from skanse.core.signals import incident_involves_systems
from skanse.inventory.models import ITSystem, Supplier
from skanse.privacy import choices as pc
from skanse.privacy.models import ProcessingActivity, ProcessorAgreement
from skanse.privacy.services import clean_codes

FIELDS = (
    "reference",
    "title",
    "status",
    "occurred_at",
    "aware_at",
    "description",
    "kinds",
    "subject_categories",
    "subjects_count",
    "data_categories",
    "records_count",
    "consequences",
    "measures",
    "risk",
    "risk_reasoning",
    "authority_notified_at",
    "authority_reference",
    "delay_reason",
    "subjects_notified_at",
    "subjects_notice",
)
LINKS = {
    "systems": ITSystem,
    "processors": Supplier,
    "activities": ProcessingActivity,
    "agreements": ProcessorAgreement,
}
TEXT = {
    "reference",
    "title",
    "status",
    "description",
    "consequences",
    "measures",
    "risk",
    "risk_reasoning",
    "authority_reference",
    "delay_reason",
    "subjects_notice",
}
# Clocks drift; a time a minute ahead of the server's is not "in the future".
CLOCK_SKEW = datetime.timedelta(minutes=5)
MAX_COUNT = 100_000_000  # more than ten times Denmark's population


def _objects(model, organisation, values, field: str) -> list:
    """Instances of `model` in `organisation` from instances or UUIDs; foreign ones refused."""
    uuids = set()
    for value in values or []:
        if isinstance(value, model):
            if value.organisation_id != organisation.pk:
                raise DomainError(_("Choose from your own organisation's register."), field)
            value = value.uuid
        try:
            uuids.add(uuid_module.UUID(str(value)))
        except ValueError:
            raise DomainError(_("“%(value)s” is not an ID.") % {"value": value}, field) from None
    found = list(model.objects.filter(organisation=organisation, uuid__in=uuids))
    if len(found) != len(uuids):
        raise DomainError(_("Choose from your own organisation's register."), field)
    return found


def _assign(breach: Breach, fields: dict) -> None:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise DomainError(_("Unknown field: %(field)s.") % {"field": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(breach, name, "" if value is None and name in TEXT else value)


def _check_times(breach: Breach, now) -> None:
    latest = now + CLOCK_SKEW
    for name, label in (
        ("occurred_at", _("when it happened")),
        ("aware_at", _("when you became aware")),
        ("authority_notified_at", _("the notification")),
        ("subjects_notified_at", _("telling the data subjects")),
    ):
        value = getattr(breach, name)
        if value is not None and not isinstance(value, datetime.datetime):
            raise DomainError(_("Enter a date and time."), name)
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value)  # the API may send local time without an offset
            setattr(breach, name, value)
        if value is not None and value > latest:
            raise DomainError(_("The time of %(what)s is in the future.") % {"what": label}, name)
    if breach.aware_at < breach.occurred_at:
        raise DomainError(
            _("You cannot have become aware of the breach before it happened."), "aware_at"
        )
    for name in ("authority_notified_at", "subjects_notified_at"):
        value = getattr(breach, name)
        if value is not None and value < breach.aware_at:
            raise DomainError(
                _("The notification cannot be before you became aware of the breach."), name
            )


def _check_counts(breach: Breach) -> None:
    for name in ("subjects_count", "records_count"):
        value = getattr(breach, name)
        if value is None or value == "":
            setattr(breach, name, None)
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise DomainError(_("Enter a whole number."), name)
        if value < 0:
            raise DomainError(_("A number of people or records cannot be negative."), name)
        if value > MAX_COUNT:
            raise DomainError(_("Enter at most %(max)s.") % {"max": f"{MAX_COUNT:,}"}, name)


def _check_assessment(breach: Breach) -> None:
    if breach.risk not in Risk.values:
        raise DomainError(_("Choose a risk assessment from the list."), "risk")
    if breach.status not in Status.values:
        raise DomainError(_("Choose a status from the list."), "status")
    if breach.risk == Risk.NONE and not breach.risk_reasoning.strip():
        raise DomainError(
            _(
                "Explain why the breach is unlikely to result in a risk: the reasoning is "
                "what documents the decision not to notify (Art. 33(5))."
            ),
            "risk_reasoning",
        )
    if clock.is_late(breach) and not breach.delay_reason.strip():
        raise DomainError(
            _(
                "The notification came more than 72 hours after you became aware: give the "
                "reasons for the delay (Art. 33(1))."
            ),
            "delay_reason",
        )
    if breach.authority_reference and not breach.authority_notified_at:
        raise DomainError(_("Enter when the authority was notified."), "authority_notified_at")
    if breach.subjects_notified_at and not breach.subjects_notice.strip():
        raise DomainError(_("Describe how the data subjects were told."), "subjects_notice")
    if breach.status == Status.CLOSED:
        _check_closing(breach)


def _check_closing(breach: Breach) -> None:
    if breach.risk == Risk.UNASSESSED:
        raise DomainError(_("Assess the risk before closing the breach."), "risk")
    if breach.risk in (Risk.RISK, Risk.HIGH) and not breach.authority_notified_at:
        raise DomainError(
            _("Record the notification of the supervisory authority before closing."),
            "authority_notified_at",
        )
    if breach.risk == Risk.HIGH and not (
        breach.subjects_notified_at or breach.subjects_notice.strip()
    ):
        raise DomainError(
            _(
                "High risk: record when the data subjects were told, or explain under “how "
                "the data subjects were told” why they were not (Art. 34(3))."
            ),
            "subjects_notice",
        )


def _check_required(breach: Breach) -> None:
    if not (breach.title or "").strip():
        raise DomainError(_("Give the breach a short title."), "title")
    if not (breach.description or "").strip():
        raise DomainError(_("Describe what happened."), "description")


def _check_codes(breach: Breach) -> None:
    breach.kinds = clean_codes(breach.kinds, KINDS, "kinds")
    breach.subject_categories = clean_codes(
        breach.subject_categories, pc.SUBJECT_CATEGORIES, "subject_categories"
    )
    breach.data_categories = clean_codes(
        breach.data_categories, pc.DATA_CATEGORIES, "data_categories"
    )


def _clean(breach: Breach) -> None:
    """Every independent check runs, so one submission shows all its mistakes at their fields."""
    errors: dict[str, list] = {}

    def run(check, *args) -> bool:
        try:
            check(breach, *args)
        except ValidationError as error:
            for field, messages in error.update_error_dict({}).items():
                errors.setdefault(field, []).extend(messages)
            return False
        return True

    run(_check_required)
    missing = [name for name in ("occurred_at", "aware_at") if getattr(breach, name) is None]
    for name in missing:
        errors[name] = [ValidationError(_("Enter a date and time."), code="required")]
    times_ok = not missing and run(_check_times, timezone.now())
    run(_check_counts)
    run(_check_codes)
    if times_ok:
        run(_check_assessment)
    if errors:
        raise ValidationError(errors)
    breach.full_clean(exclude=["organisation"])


def _links_snapshot(breach: Breach) -> dict:
    return {name: sorted(str(o) for o in getattr(breach, name).all()) for name in LINKS}


def _set_links(breach: Breach, links: dict) -> None:
    for name, values in links.items():
        if values is not None:
            getattr(breach, name).set(_objects(LINKS[name], breach.organisation, values, name))


def _given(values: dict) -> dict:
    """The values a new breach was registered with (empty fields say nothing in the trail)."""
    return {name: value for name, value in values.items() if value not in ("", [], None)}


def _split(fields: dict) -> tuple[dict, dict]:
    links = {name: fields.pop(name) for name in list(fields) if name in LINKS}
    return fields, links


@transaction.atomic
def _tell_about_systems(actor, breach: Breach, known: set, via: str) -> None:
    """Systems newly involved in the breach are due for re-assessment (Art. 25): the design
    app listens, since the two apps may not import each other."""
    added = [system for system in breach.systems.all() if system.pk not in known]
    if added:
        incident_involves_systems.send(
            sender=Breach,
            actor=actor,
            organisation=breach.organisation,
            systems=added,
            reference=str(breach),
            via=via,
        )


def breach_create(actor, organisation, *, via="web", **fields) -> Breach:
    """Register a breach from plain data (links as UUIDs) and alert the DPO and security officer."""
    fields, links = _split(fields)
    breach = Breach(organisation=organisation)
    _assign(breach, fields)
    _clean(breach)
    breach.save()
    _set_links(breach, links)
    _tell_about_systems(actor, breach, set(), via)
    audit_record(
        actor=actor,
        organisation=organisation,
        action="breaches.breach.created",
        obj=breach,
        changes=diff({}, _given({**snapshot(breach, FIELDS), **_links_snapshot(breach)})),
        via=via,
    )
    _queue_alert(breach, "registered")
    return breach


@transaction.atomic
def breach_update(actor, breach: Breach, *, via="web", **fields) -> Breach:
    """Change the given fields (others are kept); link lists replace the stored ones."""
    fields, links = _split(fields)
    breach = Breach.objects.select_for_update().get(pk=breach.pk)
    before = {**snapshot(breach, FIELDS), **_links_snapshot(breach)}
    systems_before = set(breach.systems.values_list("pk", flat=True))
    _assign(breach, fields)
    _clean(breach)
    breach.save()
    _set_links(breach, links)
    _tell_about_systems(actor, breach, systems_before, via)
    changes = diff(before, {**snapshot(breach, FIELDS), **_links_snapshot(breach)})
    if changes:
        audit_record(
            actor=actor,
            organisation=breach.organisation,
            action="breaches.breach.changed",
            obj=breach,
            changes=changes,
            via=via,
        )
    return breach


def _queue_alert(breach: Breach, kind: str) -> None:
    from skanse.breaches.tasks import send_breach_alert

    transaction.on_commit(lambda: send_breach_alert.enqueue(breach.pk, kind))


def due_deadline_alerts(now=None) -> list[Breach]:
    """Open breaches awaiting notification with at most `ALERT_BEFORE` left, not yet alerted."""
    now = now or timezone.now()
    return list(
        Breach.objects.with_scopes_disabled()
        .filter(
            status=Status.OPEN,
            authority_notified_at__isnull=True,
            deadline_alert_at__isnull=True,
            aware_at__lte=now + clock.ALERT_BEFORE - clock.NOTIFY_WITHIN,
        )
        .exclude(risk=Risk.NONE)
        .select_related("organisation")
        .order_by("aware_at", "id")
    )


@transaction.atomic
def breach_deadline_alert(breach: Breach, *, now=None, via="cli") -> bool:
    """Queue the "deadline nears" alert once: False when another run sent it already."""
    now = now or timezone.now()
    # The conditional update is the lock: two runs at once alert once.
    claimed = (
        Breach.objects.with_scopes_disabled()
        .filter(pk=breach.pk, deadline_alert_at__isnull=True)
        .update(deadline_alert_at=now)
    )
    if not claimed:
        return False
    audit_record(
        actor=None,
        organisation=breach.organisation,
        action="breaches.breach.alerted",
        obj=breach,
        changes={"deadline_alert_at": [None, now.isoformat()]},
        via=via,
    )
    _queue_alert(breach, "deadline")
    return True
