"""Writes for screenings and DPIAs: each checks its input, saves in one transaction and
records the change in the audit trail. The pages, the API, the commons and the demo all call
these, so the rules (the matrix's range, consultation before approval, the frozen approved
version) hold everywhere."""

import datetime
import uuid as uuid_module

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from skanse.core.audit import audit_record, diff, snapshot
from skanse.core.errors import DomainError
from skanse.dpia import criteria as k
from skanse.dpia.models import Dpia, DpiaAssignment, DpiaRisk, DpiaVersion, Screening
from skanse.inventory.models import ITSystem
from skanse.privacy.models import ProcessingActivity
from skanse.tenancy.models import Membership
from skanse.tenancy.roles import Cap, Role, capabilities_for

SCREENING_FIELDS = (
    "activity",
    "system",
    "criteria",
    "art35_3",
    "danish_list",
    "outcome",
    "reasons",
    "screened_on",
)
DPIA_FIELDS = ("title", "activity", "system", "screening", "reassess_on")
DOCUMENT_FIELDS = (
    *(name for name, _label in k.DESCRIPTION),
    *(name for name, _label in k.PRINCIPLES),
    "likelihood_levels",
    "severity_levels",
    "high_from",
)
CONSULTATION_FIELDS = ("dpo_name", "dpo_consulted_on", "dpo_opinion")
APPROVAL_FIELDS = (
    "approved_by_name",
    "approved_on",
    "divergence_reasons",
    "prior_consultation_on",
    "prior_consultation_notes",
)
VERSION_FIELDS = ("status", *DOCUMENT_FIELDS, *CONSULTATION_FIELDS, *APPROVAL_FIELDS)
RISK_FIELDS = (
    "title",
    "description",
    "likelihood",
    "severity",
    "measures",
    "residual_likelihood",
    "residual_severity",
)
TEXT_LIMIT = 20000
# Dates outside these years are typing errors (a two-digit year, a stray digit).
FIRST_DATE, LAST_DATE = datetime.date(2000, 1, 1), datetime.date(2099, 12, 31)


# --- Helpers -----------------------------------------------------------------------------------


def _audit(actor, obj, action, changes, via):
    audit_record(
        actor=actor,
        organisation=obj.organisation,
        action=action,
        obj=obj,
        changes=changes,
        via=via,
    )


def _one(model, organisation, value, field: str):
    """An instance of `model` in `organisation` from an instance or a UUID; foreign refused."""
    if value in (None, ""):
        return None
    if isinstance(value, model):
        if value.organisation_id != organisation.pk:
            raise DomainError(_("Choose from your own organisation's register."), field)
        return value
    try:
        key = uuid_module.UUID(str(value))
    except ValueError:
        raise DomainError(_("“%(value)s” is not an ID.") % {"value": value}, field) from None
    found = model.objects.filter(organisation=organisation, uuid=key).first()
    if found is None:
        raise DomainError(_("Choose from your own organisation's register."), field)
    return found


def _assign(obj, fields: dict, allowed) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise DomainError(_("Unknown field: %(field)s.") % {"field": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        field = obj._meta.get_field(name)
        if field.is_relation:
            value = _one(field.related_model, obj.organisation, value, name)
        elif value is None and field.get_internal_type() in ("CharField", "TextField"):
            value = ""
        setattr(obj, name, value)


def _clean_codes(value, rows, field: str) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, (list, tuple, set)):
        raise DomainError(_("Give a list of codes."), field)
    known = k.codes(rows)
    unknown = [str(v) for v in value if v not in known]
    if unknown:
        raise DomainError(
            _("Unknown value: %(values)s. Allowed: %(allowed)s.")
            % {"values": ", ".join(unknown), "allowed": ", ".join(known)},
            field,
        )
    return [code for code in known if code in value]


def _text_limits(obj, names) -> None:
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, str) and len(value) > TEXT_LIMIT:
            raise DomainError(_("Keep this under %(n)d characters.") % {"n": TEXT_LIMIT}, name)


def _full_clean(obj, exclude=()):
    obj.full_clean(exclude=list(exclude), validate_constraints=False)


def _date(value, field, *, not_future=False):
    """A date from a date or "YYYY-MM-DD"; a typing error or (with `not_future`) a date
    after today is refused at `field`."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        try:
            value = datetime.date.fromisoformat(str(value))
        except ValueError:
            raise DomainError(_("Give a date as YYYY-MM-DD."), field) from None
    if not FIRST_DATE <= value <= LAST_DATE:
        raise DomainError(
            _("Give a date between %(first)d and %(last)d.")
            % {"first": FIRST_DATE.year, "last": LAST_DATE.year},
            field,
        )
    if not_future and value > timezone.localdate():
        raise DomainError(_("This date is in the future; give the date it happened."), field)
    return value


def _int(value, field):
    if isinstance(value, bool):
        raise DomainError(_("Give a whole number."), field)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise DomainError(_("Give a whole number."), field) from None


# --- Screenings --------------------------------------------------------------------------------


def danish_list_applies(screening) -> list[str]:
    """The items of Datatilsynet's list that make a DPIA mandatory for this screening."""
    with_criterion = bool(screening.criteria)
    return [
        code
        for code, _label, needs_criterion in k.DANISH_LIST
        if code in screening.danish_list and (with_criterion or not needs_criterion)
    ]


def _clean_screening(screening: Screening) -> None:
    org = screening.organisation
    screening.activity = _one(ProcessingActivity, org, screening.activity, "activity")
    screening.system = _one(ITSystem, org, screening.system, "system")
    if screening.activity is None and screening.system is None:
        raise DomainError(
            _("Choose the processing activity or the IT system screened."), "activity"
        )
    screening.criteria = _clean_codes(screening.criteria, k.CRITERIA, "criteria")
    screening.art35_3 = _clean_codes(screening.art35_3, k.ART35_3, "art35_3")
    screening.danish_list = _clean_codes(screening.danish_list, k.DANISH_LIST, "danish_list")
    screening.screened_on = (
        _date(screening.screened_on, "screened_on", not_future=True) or timezone.localdate()
    )
    if screening.outcome not in k.Outcome.values:
        raise DomainError(_("Choose the outcome of the screening."), "outcome")
    if not (screening.reasons or "").strip():
        raise DomainError(
            _("Give the reasons for the outcome: the assessment must be documented."), "reasons"
        )
    if screening.outcome == k.Outcome.NOT_REQUIRED:
        if screening.art35_3:
            raise DomainError(
                _("Art. 35(3) applies to this processing, so a DPIA is required."), "outcome"
            )
        if danish_list_applies(screening):
            raise DomainError(
                _("The processing is on Datatilsynet's list (Art. 35(4)), so a DPIA is required."),
                "outcome",
            )
    _text_limits(screening, ("reasons",))
    _full_clean(screening, exclude=("activity", "system"))


def _screening_snapshot(screening):
    return snapshot(screening, SCREENING_FIELDS)


@transaction.atomic
def screening_create(*, actor, organisation, via="web", **fields) -> Screening:
    screening = Screening(organisation=organisation)
    _assign(screening, fields, SCREENING_FIELDS)
    _clean_screening(screening)
    screening.save()
    _audit(
        actor, screening, "dpia.screening.created", diff({}, _screening_snapshot(screening)), via
    )
    return screening


@transaction.atomic
def screening_update(*, actor, screening: Screening, via="web", **fields) -> Screening:
    screening = Screening.objects.select_for_update().get(pk=screening.pk)
    before = _screening_snapshot(screening)
    _assign(screening, fields, SCREENING_FIELDS)
    _clean_screening(screening)
    screening.save()
    changes = diff(before, _screening_snapshot(screening))
    if changes:
        _audit(actor, screening, "dpia.screening.changed", changes, via)
    return screening


@transaction.atomic
def screening_delete(*, actor, screening: Screening, via="web") -> None:
    _audit(
        actor, screening, "dpia.screening.deleted", diff(_screening_snapshot(screening), {}), via
    )
    screening.delete()


# --- DPIAs -------------------------------------------------------------------------------------


def _clean_dpia(dpia: Dpia) -> None:
    org = dpia.organisation
    dpia.title = (dpia.title or "").strip()
    if not dpia.title:
        raise DomainError(_("Give the DPIA a title."), "title")
    dpia.activity = _one(ProcessingActivity, org, dpia.activity, "activity")
    dpia.system = _one(ITSystem, org, dpia.system, "system")
    dpia.screening = _one(Screening, org, dpia.screening, "screening")
    dpia.reassess_on = _date(dpia.reassess_on, "reassess_on")
    if dpia.pk and dpia.reassess_on is not None:
        approved_on = (
            DpiaVersion.objects.filter(dpia=dpia, status=k.Status.APPROVED)
            .values_list("approved_on", flat=True)
            .first()
        )
        if approved_on and dpia.reassess_on <= approved_on:
            raise DomainError(
                _("The re-assessment must come after the approval (%(date)s).")
                % {"date": approved_on.isoformat()},
                "reassess_on",
            )
    _full_clean(dpia, exclude=("activity", "system", "screening"))


@transaction.atomic
def dpia_create(*, actor, organisation, via="web", document=None, risks=(), **fields) -> Dpia:
    """A DPIA and its version 1 (a draft); `document` holds the version's fields, `risks` rows."""
    dpia = Dpia(organisation=organisation)
    _assign(dpia, fields, DPIA_FIELDS)
    _clean_dpia(dpia)
    if dpia.activity is None and dpia.screening is not None:
        dpia.activity = dpia.screening.activity
    if dpia.system is None and dpia.screening is not None:
        dpia.system = dpia.screening.system
    dpia.save()
    _audit(actor, dpia, "dpia.dpia.created", diff({}, snapshot(dpia, DPIA_FIELDS)), via)
    version = DpiaVersion(organisation=organisation, dpia=dpia, number=1)
    _assign(version, document or {}, DOCUMENT_FIELDS)
    _clean_document(version)
    version.save()
    _audit(actor, version, "dpia.version.created", diff({}, snapshot(version, VERSION_FIELDS)), via)
    for row in risks:
        risk_add(actor=actor, version=version, via=via, **row)
    return dpia


@transaction.atomic
def dpia_update(*, actor, dpia: Dpia, via="web", **fields) -> Dpia:
    """Title, links and re-assessment date; they may change on an approved DPIA too."""
    dpia = Dpia.objects.select_for_update().get(pk=dpia.pk)
    before = snapshot(dpia, DPIA_FIELDS)
    _assign(dpia, fields, DPIA_FIELDS)
    _clean_dpia(dpia)
    dpia.save()
    changes = diff(before, snapshot(dpia, DPIA_FIELDS))
    if changes:
        _audit(actor, dpia, "dpia.dpia.changed", changes, via)
    return dpia


@transaction.atomic
def dpia_delete(*, actor, dpia: Dpia, via="web") -> None:
    """Only a DPIA that was never approved: what management approved stays on record."""
    dpia = Dpia.objects.select_for_update().get(pk=dpia.pk)
    if dpia.versions.filter(status__in=k.FROZEN).exists():
        raise DomainError(
            _(
                "This DPIA has an approved version and stays on record (Art. 5(2)). Set a "
                "re-assessment date or start a re-assessment instead."
            )
        )
    _audit(actor, dpia, "dpia.dpia.deleted", diff(snapshot(dpia, ("title",)), {}), via)
    dpia.delete()


# --- Versions ----------------------------------------------------------------------------------


def _editable(version: DpiaVersion) -> None:
    if not version.editable:
        raise DomainError(
            _(
                "Version %(n)d is %(status)s and cannot be changed. Start a re-assessment to "
                "make a new version."
            )
            % {"n": version.number, "status": version.get_status_display().lower()}
        )


def _reopen(actor, version: DpiaVersion, via: str) -> None:
    """A change to a version awaiting approval sends it back to draft: management approves
    what was sent to it, so a changed document must be sent again."""
    if version.status != k.Status.SUBMITTED:
        return
    DpiaVersion.objects.filter(pk=version.pk).update(status=k.Status.DRAFT)
    version.status = k.Status.DRAFT
    _audit(actor, version, "dpia.version.reopened", {"status": ["submitted", "draft"]}, via)


def _clean_document(version: DpiaVersion) -> None:
    for name in ("likelihood_levels", "severity_levels"):
        value = _int(getattr(version, name), name)
        if not k.MIN_LEVELS <= value <= k.MAX_LEVELS:
            raise DomainError(
                _("Choose between %(low)d and %(high)d levels.")
                % {"low": k.MIN_LEVELS, "high": k.MAX_LEVELS},
                name,
            )
        setattr(version, name, value)
    top = version.likelihood_levels * version.severity_levels
    version.high_from = _int(version.high_from, "high_from")
    if not 1 <= version.high_from <= top:
        raise DomainError(
            _("The score for high risk must be between 1 and %(top)d (likelihood × severity).")
            % {"top": top},
            "high_from",
        )
    if version.pk:
        for risk in version.risks.all():
            _risk_in_matrix(risk, version, matrix_change=True)
    _text_limits(version, [name for name in DOCUMENT_FIELDS if not name.endswith("_levels")])
    _full_clean(version, exclude=("dpia",))


def high_residual(version: DpiaVersion, risks=None) -> list[DpiaRisk]:
    """Risks whose residual score stays high: Art. 36 prior consultation applies."""
    risks = version.risks.all() if risks is None else risks
    return [r for r in risks if r.residual_score >= version.high_from]


@transaction.atomic
def version_update(*, actor, version: DpiaVersion, via="web", **fields) -> DpiaVersion:
    """The document's fields (description, necessity, the matrix) while it is editable."""
    version = DpiaVersion.objects.select_for_update().get(pk=version.pk)
    _editable(version)
    before = snapshot(version, VERSION_FIELDS)
    _assign(version, fields, DOCUMENT_FIELDS)
    _clean_document(version)
    version.save()
    changes = diff(before, snapshot(version, VERSION_FIELDS))
    if changes:
        _audit(actor, version, "dpia.version.changed", changes, via)
        _reopen(actor, version, via)
    return version


@transaction.atomic
def version_consult(*, actor, version: DpiaVersion, via="web", **fields) -> DpiaVersion:
    """Art. 35(2): the DPO's opinion, with who gave it and when."""
    version = DpiaVersion.objects.select_for_update().get(pk=version.pk)
    _editable(version)
    before = snapshot(version, VERSION_FIELDS)
    _assign(version, fields, CONSULTATION_FIELDS)
    if not version.dpo_name.strip():
        raise DomainError(_("Name the data protection officer who was consulted."), "dpo_name")
    version.dpo_consulted_on = _date(version.dpo_consulted_on, "dpo_consulted_on")
    if version.dpo_consulted_on is None:
        raise DomainError(_("Give the date the DPO was consulted."), "dpo_consulted_on")
    if version.dpo_consulted_on > timezone.localdate():
        raise DomainError(_("The consultation cannot be in the future."), "dpo_consulted_on")
    if not version.dpo_opinion.strip():
        raise DomainError(_("Record the DPO's opinion."), "dpo_opinion")
    _text_limits(version, ("dpo_opinion",))
    _full_clean(version, exclude=("dpia",))
    version.save()
    _audit(
        actor,
        version,
        "dpia.version.consulted",
        diff(before, snapshot(version, VERSION_FIELDS)),
        via,
    )
    return version


@transaction.atomic
def version_submit(*, actor, version: DpiaVersion, via="web") -> DpiaVersion:
    """Send a draft for management's approval: the description and the risks must be there."""
    version = DpiaVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != k.Status.DRAFT:
        raise DomainError(_("Only a draft can be sent for approval."))
    if not version.purposes.strip():
        raise DomainError(_("Describe the purposes of the processing first."), "purposes")
    if not version.risks.exists():
        raise DomainError(_("Assess at least one risk to the data subjects first."))
    version.status = k.Status.SUBMITTED
    version.save(update_fields=["status", "updated_at"])
    _audit(actor, version, "dpia.version.submitted", {"status": ["draft", "submitted"]}, via)
    return version


@transaction.atomic
def version_approve(
    *, actor, version: DpiaVersion, reassess_on=None, via="web", **fields
) -> DpiaVersion:
    """Management's approval with name and date; the version is then frozen and the earlier
    approved version superseded. The DPO must have been consulted first (Art. 35(2))."""
    version = DpiaVersion.objects.select_for_update().select_related("dpia").get(pk=version.pk)
    _editable(version)
    before = snapshot(version, VERSION_FIELDS)
    _assign(version, fields, APPROVAL_FIELDS)
    if not version.approved_by_name.strip():
        raise DomainError(_("Give the name of the manager who approves."), "approved_by_name")
    version.approved_on = _date(version.approved_on, "approved_on", not_future=True)
    if version.approved_on is None:
        raise DomainError(_("Give the date of the approval."), "approved_on")
    version.prior_consultation_on = _date(
        version.prior_consultation_on, "prior_consultation_on", not_future=True
    )
    reassess_on = _date(reassess_on, "reassess_on")
    if not version.dpo_opinion.strip() or version.dpo_consulted_on is None:
        raise DomainError(
            _(
                "The DPO must be consulted before the DPIA is approved (Art. 35(2)). Record "
                "the DPO's opinion first."
            ),
            "approved_on",
        )
    if version.approved_on < version.dpo_consulted_on:
        raise DomainError(
            _("The approval cannot come before the DPO was consulted (%(date)s).")
            % {"date": version.dpo_consulted_on.isoformat()},
            "approved_on",
        )
    if not version.purposes.strip() or not version.risks.exists():
        raise DomainError(
            _("Describe the purposes and assess at least one risk before approval."),
            "approved_on",
        )
    if reassess_on is None:
        raise DomainError(_("Set the date by which the DPIA is re-assessed."), "reassess_on")
    if reassess_on <= version.approved_on:
        raise DomainError(_("The re-assessment must come after the approval."), "reassess_on")
    if version.status != k.Status.SUBMITTED:
        raise DomainError(
            _("Send the DPIA for approval first: management approves what was sent to it.")
        )
    _text_limits(version, ("divergence_reasons", "prior_consultation_notes"))
    _full_clean(version, exclude=("dpia",))
    old_approved = list(
        DpiaVersion.objects.filter(dpia=version.dpia, status=k.Status.APPROVED).exclude(
            pk=version.pk
        )
    )
    for old in old_approved:
        old.status = k.Status.SUPERSEDED
        old.save(update_fields=["status", "updated_at"])
        _audit(actor, old, "dpia.version.superseded", {"status": ["approved", "superseded"]}, via)
    version.status = k.Status.APPROVED
    version.save()
    _audit(
        actor,
        version,
        "dpia.version.approved",
        diff(before, snapshot(version, VERSION_FIELDS)),
        via,
    )
    dpia_update(actor=actor, dpia=version.dpia, reassess_on=reassess_on, via=via)
    return version


@transaction.atomic
def dpia_reassess(*, actor, dpia: Dpia, via="web") -> DpiaVersion:
    """A new draft version copied from the newest one, its risks included."""
    dpia = Dpia.objects.select_for_update().get(pk=dpia.pk)
    latest = dpia.versions.order_by("-number").first()
    if latest.editable:
        raise DomainError(
            _("Version %(n)d is still being worked on; finish it before a re-assessment.")
            % {"n": latest.number}
        )
    version = DpiaVersion(organisation=dpia.organisation, dpia=dpia, number=latest.number + 1)
    for name in (*DOCUMENT_FIELDS, "dpo_name"):
        setattr(version, name, getattr(latest, name))
    version.save()
    DpiaRisk.objects.bulk_create(
        [
            DpiaRisk(
                organisation=dpia.organisation,
                version=version,
                **{name: getattr(risk, name) for name in RISK_FIELDS},
            )
            for risk in latest.risks.all()
        ]
    )
    _audit(
        actor,
        version,
        "dpia.version.created",
        {"number": [None, version.number], "status": [None, version.status]},
        via,
    )
    return version


@transaction.atomic
def version_prior_consultation(*, actor, version: DpiaVersion, via="web", **fields):
    """Art. 36: the date Datatilsynet was consulted and what it said. Usually after the
    approval (the approved DPIA is what is sent), so it may be recorded on the approved
    version too; it adds to the record and changes nothing management approved. A
    superseded version is history and is refused."""
    version = DpiaVersion.objects.select_for_update().get(pk=version.pk)
    if version.status == k.Status.SUPERSEDED:
        _editable(version)
    before = snapshot(version, VERSION_FIELDS)
    _assign(version, fields, ("prior_consultation_on", "prior_consultation_notes"))
    version.prior_consultation_on = _date(
        version.prior_consultation_on, "prior_consultation_on", not_future=True
    )
    if version.prior_consultation_on is None:
        raise DomainError(_("Give the date Datatilsynet was consulted."), "prior_consultation_on")
    _text_limits(version, ("prior_consultation_notes",))
    version.save(update_fields=["prior_consultation_on", "prior_consultation_notes", "updated_at"])
    changes = diff(before, snapshot(version, VERSION_FIELDS))
    if changes:
        _audit(actor, version, "dpia.version.changed", changes, via)
        _reopen(actor, version, via)
    return version


# --- Risks -------------------------------------------------------------------------------------


def _risk_in_matrix(risk, version, matrix_change=False):
    """Every number of `risk` within `version`'s matrix. When the matrix itself is being
    changed, the error names the risk and sits at the levels field."""
    limits = {
        "likelihood": version.likelihood_levels,
        "residual_likelihood": version.likelihood_levels,
        "severity": version.severity_levels,
        "residual_severity": version.severity_levels,
    }
    for name, top in limits.items():
        value = _int(getattr(risk, name), name)
        if not 1 <= value <= top:
            if not matrix_change:
                raise DomainError(
                    _("Give a number from 1 to %(top)d (the matrix's scale).") % {"top": top},
                    name,
                )
            raise DomainError(
                _(
                    "The risk “%(risk)s” has %(field)s %(value)d, outside the new matrix "
                    "(1–%(top)d). Change the risk first."
                )
                % {
                    "risk": risk.title,
                    "field": risk._meta.get_field(name).verbose_name,
                    "value": value,
                    "top": top,
                },
                "likelihood_levels" if "likelihood" in name else "severity_levels",
            )
        setattr(risk, name, value)


def _clean_risk(risk: DpiaRisk) -> None:
    risk.title = (risk.title or "").strip()
    if not risk.title:
        raise DomainError(_("Name the risk."), "title")
    for name in ("likelihood", "severity", "residual_likelihood", "residual_severity"):
        if getattr(risk, name) in (None, ""):
            raise DomainError(_("Give a number from the matrix."), name)
    _risk_in_matrix(risk, risk.version)
    if risk.residual_score > risk.score:
        raise DomainError(
            _("The residual risk cannot be higher than the risk before the measures."),
            "residual_likelihood",
        )
    if risk.residual_score < risk.score and not (risk.measures or "").strip():
        raise DomainError(_("Describe the measures that lower the risk."), "measures")
    _text_limits(risk, ("description", "measures"))
    _full_clean(risk, exclude=("version",))


@transaction.atomic
def risk_add(*, actor, version: DpiaVersion, via="web", **fields) -> DpiaRisk:
    _editable(version)
    fields.setdefault("residual_likelihood", fields.get("likelihood"))
    fields.setdefault("residual_severity", fields.get("severity"))
    risk = DpiaRisk(organisation=version.organisation, version=version)
    _assign(risk, fields, RISK_FIELDS)
    _clean_risk(risk)
    risk.save()
    _audit(actor, risk, "dpia.risk.added", diff({}, snapshot(risk, RISK_FIELDS)), via)
    _reopen(actor, version, via)
    return risk


@transaction.atomic
def risk_update(*, actor, risk: DpiaRisk, via="web", **fields) -> DpiaRisk:
    risk = DpiaRisk.objects.select_related("version").select_for_update().get(pk=risk.pk)
    _editable(risk.version)
    before = snapshot(risk, RISK_FIELDS)
    _assign(risk, fields, RISK_FIELDS)
    _clean_risk(risk)
    risk.save()
    changes = diff(before, snapshot(risk, RISK_FIELDS))
    if changes:
        _audit(actor, risk, "dpia.risk.changed", changes, via)
        _reopen(actor, risk.version, via)
    return risk


@transaction.atomic
def risk_delete(*, actor, risk: DpiaRisk, via="web") -> None:
    _editable(risk.version)
    _audit(actor, risk, "dpia.risk.deleted", diff(snapshot(risk, ("title",)), {}), via)
    risk.delete()
    _reopen(actor, risk.version, via)


# --- Assignments -------------------------------------------------------------------------------


def may_fill_in(role: str) -> bool:
    """Who can be given a section: those who keep the registers, and contributors (who then
    edit that section only). An auditor only reads."""
    return Cap.RECORDS_EDIT in capabilities_for(role) or role == Role.CONTRIBUTOR


@transaction.atomic
def assignment_set(
    *, actor, version: DpiaVersion, section, assignee, due_on=None, via="web"
) -> DpiaAssignment:
    """Give a section to a member of the organisation (replacing whoever had it). A
    contributor who is given a section may edit that section of this version, nothing else."""
    version = DpiaVersion.objects.select_for_update().get(pk=version.pk)
    _editable(version)
    if section not in k.codes(k.SECTIONS):
        raise DomainError(_("Choose a section of the DPIA."), "section")
    user = assignee
    if not isinstance(user, get_user_model()):
        try:
            key = uuid_module.UUID(str(assignee))
        except ValueError:
            raise DomainError(_("Choose a member of the organisation."), "assignee") from None
        user = get_user_model().objects.filter(uuid=key).first()
    membership = (
        Membership.objects.filter(organisation=version.organisation, user=user).first()
        if user is not None
        else None
    )
    if membership is None:
        raise DomainError(_("Choose a member of the organisation."), "assignee")
    if not may_fill_in(membership.role):
        raise DomainError(
            _(
                "A member with the role “%(role)s” cannot fill in sections; choose a colleague "
                "who can."
            )
            % {"role": membership.get_role_display()},
            "assignee",
        )
    due_on = _date(due_on, "due_on")
    if due_on is not None and due_on < timezone.localdate():
        raise DomainError(_("The due date has passed; give a later date."), "due_on")
    current = (
        DpiaAssignment.objects.filter(version=version, section=section)
        .select_related("assignee")
        .first()
    )
    before = {
        "section": section if current else None,
        "assignee": str(current.assignee) if current else None,
        "due_on": _plain(current.due_on) if current else None,
    }
    assignment, _created = DpiaAssignment.objects.update_or_create(
        organisation=version.organisation,
        version=version,
        section=section,
        defaults={"assignee": user, "due_on": due_on},
    )
    after = {"section": section, "assignee": str(user), "due_on": _plain(due_on)}
    changes = {name: [before[name], after[name]] for name in after if before[name] != after[name]}
    if changes:
        _audit(actor, assignment, "dpia.assignment.saved", changes, via)
    return assignment


def _plain(value):
    return value.isoformat() if value else None


@transaction.atomic
def assignment_remove(*, actor, assignment: DpiaAssignment, via="web") -> None:
    _editable(assignment.version)
    _audit(
        actor,
        assignment,
        "dpia.assignment.removed",
        {"section": [assignment.section, None], "assignee": [str(assignment.assignee), None]},
        via,
    )
    assignment.delete()
