"""Writes for the breach log. The web pages, the API and the demo call these same functions, so
the rules are the same everywhere: check, save in one transaction, record in the audit trail."""

import datetime
import uuid as uuid_module

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
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


def _check_times(breach: Breach, now, add) -> bool:
    """Times are datetimes, none in the future, in a possible order. False if any is not."""
    latest = now + CLOCK_SKEW
    valid = True
    for name, label in (
        ("occurred_at", _("when it happened")),
        ("aware_at", _("when you became aware")),
        ("authority_notified_at", _("the notification")),
        ("subjects_notified_at", _("telling the data subjects")),
    ):
        value = getattr(breach, name)
        if value is None:
            continue
        if not isinstance(value, datetime.datetime):
            add(name, _("Enter a date and time."))
            valid = False
            continue
        if timezone.is_naive(value):
            value = timezone.make_aware(value)  # the API may send local time without an offset
            setattr(breach, name, value)
        if value > latest:
            add(name, _("The time of %(what)s is in the future.") % {"what": label})
            valid = False
    if not valid:
        return False
    if breach.aware_at < breach.occurred_at:
        add("aware_at", _("You cannot have become aware of the breach before it happened."))
        valid = False
    for name in ("authority_notified_at", "subjects_notified_at"):
        value = getattr(breach, name)
        if value is not None and value < breach.aware_at:
            add(name, _("The notification cannot be before you became aware of the breach."))
            valid = False
    return valid


def _check_counts(breach: Breach, add) -> None:
    for name in ("subjects_count", "records_count"):
        value = getattr(breach, name)
        if value is None or value == "":
            setattr(breach, name, None)
        elif isinstance(value, bool) or not isinstance(value, int):
            add(name, _("Enter a whole number."))
        elif value < 0:
            add(name, _("A number of people or records cannot be negative."))
        elif value > MAX_COUNT:
            maximum = number_format(MAX_COUNT, force_grouping=True)  # 100.000.000 in Danish
            add(name, _("Enter at most %(max)s.") % {"max": maximum})


def _check_assessment(breach: Breach, add, times_ok: bool) -> None:
    """The risk assessment and the notifications. The rules that compare times run only when
    the times themselves are valid."""
    risk_ok = breach.risk in Risk.values
    if not risk_ok:
        add("risk", _("Choose a risk assessment from the list."))
    if breach.status not in Status.values:
        add("status", _("Choose a status from the list."))
    if breach.risk == Risk.NONE and not breach.risk_reasoning.strip():
        add(
            "risk_reasoning",
            _(
                "Explain why the breach is unlikely to result in a risk: the reasoning is "
                "what documents the decision not to notify (Art. 33(5))."
            ),
        )
    if times_ok and clock.is_late(breach) and not breach.delay_reason.strip():
        add(
            "delay_reason",
            _(
                "The notification came more than 72 hours after you became aware: give the "
                "reasons for the delay (Art. 33(1))."
            ),
        )
    if breach.authority_reference and not breach.authority_notified_at:
        add("authority_notified_at", _("Enter when the authority was notified."))
    if breach.subjects_notified_at and not breach.subjects_notice.strip():
        add("subjects_notice", _("Describe how the data subjects were told."))
    if risk_ok and breach.status == Status.CLOSED:
        _check_closing(breach, add)


def _check_closing(breach: Breach, add) -> None:
    if breach.risk == Risk.UNASSESSED:
        add("risk", _("Assess the risk before closing the breach."))
    if breach.risk in (Risk.RISK, Risk.HIGH) and not breach.authority_notified_at:
        add(
            "authority_notified_at",
            _("Record the notification of the supervisory authority before closing."),
        )
    if breach.risk == Risk.HIGH and not (
        breach.subjects_notified_at or breach.subjects_notice.strip()
    ):
        add(
            "subjects_notice",
            _(
                "High risk: record when the data subjects were told, or explain under “how "
                "the data subjects were told” why they were not (Art. 34(3))."
            ),
        )


def _check_required(breach: Breach, add) -> None:
    if not (breach.title or "").strip():
        add("title", _("Give the breach a short title."))
    if not (breach.description or "").strip():
        add("description", _("Describe what happened."))
    for name in ("occurred_at", "aware_at"):
        if getattr(breach, name) is None:
            add(name, _("Enter a date and time."))


def _clean(breach: Breach, links: dict) -> dict:
    """Every check runs, so one submission shows all its mistakes at their fields; nothing is
    saved while there is one. Returns the links resolved to the organisation's own objects."""
    errors: dict[str, list] = {}
    resolved: dict[str, list] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code="invalid"))

    def refused(error: ValidationError) -> None:
        for field, messages in error.update_error_dict({}).items():
            errors.setdefault(field, []).extend(messages)

    _check_required(breach, add)
    times_ok = not errors.keys() & {"occurred_at", "aware_at"} and _check_times(
        breach, timezone.now(), add
    )
    _check_counts(breach, add)
    for name, pick_list in (
        ("kinds", KINDS),
        ("subject_categories", pc.SUBJECT_CATEGORIES),
        ("data_categories", pc.DATA_CATEGORIES),
    ):
        try:
            setattr(breach, name, clean_codes(getattr(breach, name), pick_list, name))
        except ValidationError as error:
            refused(error)
    _check_assessment(breach, add, times_ok)
    for name, values in links.items():
        if values is not None:
            try:
                resolved[name] = _objects(LINKS[name], breach.organisation, values, name)
            except ValidationError as error:
                refused(error)
    if errors:
        raise ValidationError(errors)
    breach.full_clean(exclude=["organisation"])
    return resolved


def _links_snapshot(breach: Breach) -> dict:
    return {name: sorted(str(o) for o in getattr(breach, name).all()) for name in LINKS}


def _set_links(breach: Breach, resolved: dict) -> None:
    for name, objects in resolved.items():
        getattr(breach, name).set(objects)


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


@transaction.atomic
def breach_create(actor, organisation, *, via="web", **fields) -> Breach:
    """Register a breach from plain data (links as UUIDs) and alert the DPO and security officer.
    All or nothing: the breach, its links and the audit event, or (on a refusal) none of them."""
    fields, links = _split(fields)
    breach = Breach(organisation=organisation)
    _assign(breach, fields)
    resolved = _clean(breach, links)
    breach.save()
    _set_links(breach, resolved)
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
    aware_before = breach.aware_at
    _assign(breach, fields)
    resolved = _clean(breach, links)
    if breach.aware_at > aware_before:
        # A later awareness moves the deadline on: the "deadline nears" alert is due again.
        breach.deadline_alert_at = None
    breach.save()
    _set_links(breach, resolved)
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
