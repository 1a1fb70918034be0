"""Writes for campaigns: import questionnaires, launch campaigns, answer, submit, return.

Launching is all-or-nothing and in bulk (98 organisations × every question in one go);
answering guards against two people overwriting each other (revision numbers).
"""

import datetime
import math

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, DateTimeField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import UUID4, Coalesce
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scopes_disabled

from skanse.campaigns import questionnaire_file, scoring, workbook
from skanse.campaigns.models import (
    Answer,
    Campaign,
    Evidence,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    QuestionType,
    Response,
    Section,
    SectionAssignment,
)
from skanse.core.audit import audit_record
from skanse.core.bulk import insert_from_select
from skanse.core.errors import DomainError
from skanse.core.uploads import check_upload
from skanse.library.documents import LibraryError
from skanse.library.models import Requirement
from skanse.tenancy.models import Organisation
from skanse.tenancy.roles import Cap, Role, capabilities_for


def _coordinator() -> Organisation:
    return Organisation.objects.get(kind="coordinator")


# --- Questionnaires ---------------------------------------------------------------------------


@transaction.atomic
def questionnaire_import(content: bytes, *, actor=None, via="web") -> QuestionnaireVersion | None:
    """Import a questionnaire file as a published version; the same version again: None."""
    data = questionnaire_file.load(content)
    questionnaire, _created = Questionnaire.objects.get_or_create(key=data["key"])
    existing = questionnaire.versions.filter(version=data["version"]).first()
    if existing is not None:
        if existing.content_hash == data["content_hash"]:
            return None
        raise LibraryError(
            _(
                "Version %(v)s exists already with other content. Give the changed "
                "file a new version."
            )
            % {"v": data["version"]},
            "version",
        )
    urns = {u for s in data["sections"] for q in s["questions"] for u in q["requirements"]}
    requirement_ids = dict(
        Requirement.objects.filter(urn__in=urns, version__status="published").values_list(
            "urn", "pk"
        )
    )
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        version=data["version"],
        status="published",
        name=data["name"][:255],
        description=data["description"],
        scale=data["scale"],
        translations=data["translations"],
        content_hash=data["content_hash"],
        published_at=timezone.now(),
    )
    links = []
    for s_order, section_data in enumerate(data["sections"]):
        section = Section.objects.create(
            version=version,
            key=section_data["key"],
            name=section_data["name"][:255],
            track=section_data["track"],
            order=s_order,
            translations=section_data["translations"],
        )
        questions = []
        for q_order, q in enumerate(section_data["questions"]):
            missing = [u for u in q["requirements"] if u not in requirement_ids]
            if missing:
                raise LibraryError(
                    _("The requirement “%(urn)s” is not in the library.") % {"urn": missing[0]},
                    f"{q['where']}.requirements",
                )
            questions.append(
                Question(
                    section=section,
                    key=q["key"],
                    type=q["type"],
                    name=q["name"],
                    description=q["description"],
                    weight=q["weight"],
                    required=q["required"],
                    evidence=q["evidence"],
                    options=q["options"],
                    order=q_order,
                    translations=q["translations"] if q["translations"]["da"] else {},
                )
            )
        Question.objects.bulk_create(questions)
        for question, q in zip(questions, section_data["questions"], strict=True):
            links += [
                Question.requirements.through(
                    question_id=question.pk, requirement_id=requirement_ids[u]
                )
                for u in q["requirements"]
            ]
    Question.requirements.through.objects.bulk_create(links)
    audit_record(
        actor=actor,
        organisation=_coordinator(),
        action="campaigns.questionnaire.imported",
        obj=version,
        via=via,
        changes={"version": [None, version.version]},
    )
    return version


# --- Campaigns --------------------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *,
    actor,
    name: str,
    questionnaire_version,
    kind: str,
    opens_on,
    closes_on,
    previous=None,
    programme=None,
    reminder_days: int = 7,
) -> Campaign:
    if closes_on <= opens_on:
        raise DomainError(_("The campaign must close after it opens."), "closes_on")
    if questionnaire_version.status != "published":
        raise DomainError(_("Choose a published questionnaire."), "questionnaire_version")
    if kind == Campaign.Kind.FOLLOW_UP and previous is None:
        raise DomainError(_("A follow-up names the campaign it follows up on."), "previous")
    number = None
    if previous is not None:
        number = (previous.follow_up_number or 0) + 1 if kind == Campaign.Kind.FOLLOW_UP else None
    campaign = Campaign(
        name=name,
        questionnaire_version=questionnaire_version,
        kind=kind,
        opens_on=opens_on,
        closes_on=closes_on,
        previous=previous,
        programme=programme,
        reminder_days=reminder_days,
        follow_up_number=number,
    )
    campaign.full_clean()
    campaign.save()
    audit_record(
        actor=actor,
        organisation=_coordinator(),
        action="campaigns.campaign.created",
        obj=campaign,
        changes={"name": [None, name], "kind": [None, kind]},
    )
    return campaign


def _carry_over(campaign: Campaign) -> int:
    """Copy each participant's answers from the previous campaign, question by question key,
    marked carried over until someone confirms or changes them. Returns how many were carried.

    One INSERT … SELECT: a follow-up to 98 organisations carries ~15,000 answers, and passing
    them through Python took seconds. Under a new questionnaire version the answers are checked
    and scored again by the new questions; an answer its question no longer accepts (a removed
    option, a changed type) is not carried."""
    version = campaign.questionnaire_version
    now = timezone.now()
    questions = dict(Question.objects.filter(section__version=version).values_list("key", "pk"))
    answered = Q(not_relevant=True) | (Q(value__isnull=False) & ~Q(value="") & ~Q(value=[]))
    previous = (
        Answer.objects.with_scopes_disabled()
        .filter(
            answered,
            response__campaign=campaign.previous_id,
            organisation__in=Response.objects.with_scopes_disabled()
            .filter(campaign=campaign)
            .values("organisation"),
            question__key__in=questions,
        )
        .annotate(
            new_response=Subquery(
                Response.objects.with_scopes_disabled()
                .filter(campaign=campaign, organisation=OuterRef("organisation"))
                .order_by()
                .values("pk")
            ),
            # The same key in the new version: a question's key is unique within a version.
            new_question=Case(
                *(When(question__key=key, then=Value(pk)) for key, pk in questions.items())
            ),
            new_uuid=UUID4(),
            created=Value(now, output_field=DateTimeField()),
            updated=Value(now, output_field=DateTimeField()),
            carried=Value(True),
            zero=Value(0),
        )
        .values_list(
            "organisation_id",
            "new_uuid",
            "created",
            "updated",
            "new_response",
            "new_question",
            "value",
            "not_relevant",
            "comment",
            "evidence_link",
            "carried",
            "score",
            "zero",
        )
    )
    carried = insert_from_select(
        Answer,
        [
            "organisation",
            "uuid",
            "created_at",
            "updated_at",
            "response",
            "question",
            "value",
            "not_relevant",
            "comment",
            "evidence_link",
            "carried_over",
            "score",
            "revision",
        ],
        previous,
    )
    if carried and campaign.previous.questionnaire_version_id != version.pk:
        _rescore(campaign)
    return carried


def _rescore(campaign: Campaign) -> None:
    """Score a new campaign's carried-over answers by the questions they now answer, and drop
    those their question no longer accepts. One update per distinct score."""
    scale = campaign.questionnaire_version.scale
    questions = {
        q.pk: q for q in Question.objects.filter(section__version=campaign.questionnaire_version)
    }
    rows = (
        Answer.objects.with_scopes_disabled()
        .filter(response__campaign=campaign)
        .values_list("pk", "question_id", "value", "not_relevant")
    )
    by_score, refused = {}, []
    for pk, question_id, value, not_relevant in rows.iterator(chunk_size=5000):
        if not_relevant:
            continue  # scored None already
        question = questions[question_id]
        try:
            cleaned = _clean_value(question, value, scale)
        except DomainError:
            refused.append(pk)
            continue
        by_score.setdefault(scoring.score(question, cleaned, scale), []).append(pk)
    answers = Answer.objects.with_scopes_disabled()
    for chunk in _chunks(refused):
        answers.filter(pk__in=chunk).delete()
    for score, pks in by_score.items():
        for chunk in _chunks(pks):
            answers.filter(pk__in=chunk).update(score=score)


def _chunks(items: list, size: int = 900):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def campaign_launch(*, actor, campaign: Campaign, participants) -> int:
    """Create every participant's response at once — all of them or none."""
    if campaign.status != Campaign.Status.DRAFT:
        raise DomainError(_("The campaign has been launched already."))
    participants = list(participants)
    if not participants:
        raise DomainError(_("Choose at least one participant."), "participants")
    if any(p.kind == "coordinator" or not p.is_active for p in participants):
        raise DomainError(_("Only active organisations can take part."), "participants")
    with scopes_disabled():
        responses = [
            Response(organisation=org, campaign=campaign, deadline=campaign.closes_on)
            for org in participants
        ]
        Response.objects.bulk_create(responses, batch_size=500)
        carried = _carry_over(campaign) if campaign.previous_id else 0
        if carried:
            Response.objects.filter(campaign=campaign).update(
                answered_count=Coalesce(
                    Subquery(
                        Answer.objects.filter(response=OuterRef("pk"))
                        .values("response")
                        .annotate(count=Count("pk"))
                        .values("count")
                    ),
                    0,
                )
            )
    campaign.status = Campaign.Status.OPEN
    campaign.launched_at = timezone.now()
    campaign.save(update_fields=["status", "launched_at"])
    audit_record(
        actor=actor,
        organisation=_coordinator(),
        action="campaigns.campaign.launched",
        obj=campaign,
        changes={
            "participants": [None, len(participants)],
            "carried_over_answers": [None, carried],
        },
    )
    return len(participants)


@transaction.atomic
def campaign_close(*, actor, campaign: Campaign) -> Campaign:
    if campaign.status != Campaign.Status.OPEN:
        raise DomainError(_("Only an open campaign can be closed."))
    campaign.status = Campaign.Status.CLOSED
    campaign.closed_at = timezone.now()
    campaign.save(update_fields=["status", "closed_at"])
    audit_record(
        actor=actor,
        organisation=_coordinator(),
        action="campaigns.campaign.closed",
        obj=campaign,
        changes={"status": ["open", "closed"]},
    )
    return campaign


def _audit_coordinator_work(
    actor, response: Response, action: str, changes: dict, via: str = "web"
) -> None:
    """The coordinator's work on a participant's response goes in both organisations' trails."""
    for org in (_coordinator(), response.organisation):
        audit_record(
            actor=actor, organisation=org, action=action, obj=response, changes=changes, via=via
        )


@transaction.atomic
def response_extend(*, actor, response: Response, deadline: datetime.date) -> Response:
    if deadline < timezone.localdate():
        raise DomainError(_("The new deadline is in the past."), "deadline")
    before = response.deadline.isoformat()
    response.deadline = deadline
    response.save(update_fields=["deadline", "updated_at"])
    _audit_coordinator_work(
        actor, response, "campaigns.response.extended", {"deadline": [before, deadline.isoformat()]}
    )
    return response


@transaction.atomic
def response_return(*, actor, response: Response, reason: str) -> Response:
    if response.status != Response.Status.SUBMITTED:
        raise DomainError(_("Only a submitted response can be returned."))
    if not reason.strip():
        raise DomainError(_("Say what needs correcting."), "reason")
    response.status = Response.Status.RETURNED
    response.save(update_fields=["status", "updated_at"])
    _audit_coordinator_work(
        actor,
        response,
        "campaigns.response.returned",
        {"status": ["submitted", "returned"], "reason": [None, reason.strip()]},
    )
    return response


# --- Answering --------------------------------------------------------------------------------


def _clean_value(question: Question, raw, scale: dict):
    """The stored value for `raw` (strings from a form or values from the API), or a DomainError
    at the field "value"."""
    if raw in (None, "", []):
        return None
    kind = question.type
    try:
        if kind == QuestionType.MATURITY:
            value = int(raw)
            if not scale["min"] <= value <= scale["max"]:
                raise ValueError
            return value
        if kind == QuestionType.YES_PARTLY_NO:
            if raw not in scoring.YES_PARTLY_NO:
                raise ValueError
            return raw
        if kind == QuestionType.PERCENTAGE:
            value = float(str(raw).replace(",", "."))
            if not 0 <= value <= 100:
                raise ValueError
            return value
        if kind == QuestionType.NUMBER:
            value = float(str(raw).replace(",", "."))
            if not math.isfinite(value):  # "nan" and "inf" parse, but JSON cannot hold them
                raise ValueError
            return value
        if kind == QuestionType.SINGLE_CHOICE:
            if raw not in {o["key"] for o in question.options}:
                raise ValueError
            return raw
        if kind == QuestionType.MULTIPLE_CHOICE:
            keys = [raw] if isinstance(raw, str) else list(raw)
            if not set(keys) <= {o["key"] for o in question.options}:
                raise ValueError
            return sorted(set(keys))
        if kind == QuestionType.DATE:
            value = parse_date(str(raw))
            if value is None:
                raise ValueError
            return value.isoformat()
        return str(raw)[:10000]
    except (TypeError, ValueError):
        messages = {
            QuestionType.MATURITY: _("Choose a level from %(min)s to %(max)s.") % scale,
            QuestionType.PERCENTAGE: _("Give a percentage from 0 to 100."),
            QuestionType.NUMBER: _("Give a number."),
            QuestionType.DATE: _("Give a date as YYYY-MM-DD."),
        }
        raise DomainError(messages.get(kind, _("Choose one of the options.")), "value") from None


def can_answer(user, membership, response: Response, section_id: int) -> bool:
    """Contributors answer only the sections assigned to them; other answering roles all."""
    if Cap.RESPONSES_ANSWER not in capabilities_for(membership.role):
        return False
    if membership.role == Role.CONTRIBUTOR:
        return SectionAssignment.objects.filter(
            response=response, section_id=section_id, assignee=user
        ).exists()
    return True


@transaction.atomic
def answer_save(
    *,
    actor,
    response: Response,
    question: Question,
    value=None,
    not_relevant: bool = False,
    comment: str = "",
    evidence_link: str = "",
    revision: int | None = None,
    via="web",
) -> Answer:
    """Save one answer. `revision` is the one the person started from: if someone saved the
    answer meanwhile, nothing is overwritten and the person is told (field "revision")."""
    if response.status == Response.Status.SUBMITTED:
        raise DomainError(_("The response is submitted and can no longer be changed."))
    if response.campaign.status != Campaign.Status.OPEN:
        raise DomainError(_("The campaign is not open."))
    scale = response.campaign.questionnaire_version.scale
    cleaned = None if not_relevant else _clean_value(question, value, scale)
    answer = Answer.objects.select_for_update().filter(response=response, question=question).first()
    if answer is None:
        answer = Answer(organisation=response.organisation, response=response, question=question)
    elif revision is not None and revision != answer.revision:
        raise DomainError(
            _(
                "Someone else saved this answer while you were editing it. "
                "Reload to see their answer; yours was not saved."
            ),
            "revision",
        )
    before = {
        "value": answer.value,
        "not_relevant": answer.not_relevant,
        "comment": answer.comment,
        "evidence_link": answer.evidence_link,
    }
    after = {
        "value": cleaned,
        "not_relevant": not_relevant,
        "comment": comment.strip()[:5000],
        "evidence_link": evidence_link.strip(),
    }
    if answer.pk is not None and before == after and not answer.carried_over:
        return answer  # nothing changed: nothing to save or record
    answer.value, answer.not_relevant = cleaned, not_relevant
    answer.comment, answer.evidence_link = after["comment"], after["evidence_link"]
    answer.score = None if not_relevant else scoring.score(question, cleaned, scale)
    answer.carried_over = False
    answer.revision += 1
    answer.updated_by = actor
    answer.full_clean(exclude=["response", "question", "organisation"])
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError:
        # Two people gave the first answer to the same question at the same moment.
        raise DomainError(
            _("Someone else saved this answer at the same moment. Reload to see it."), "revision"
        ) from None
    response.answered_count = (
        Answer.objects.filter(response=response)
        .filter(Q(not_relevant=True) | Q(value__isnull=False))
        .count()
    )
    response.last_activity_at = timezone.now()
    if response.status == Response.Status.NOT_STARTED:
        response.status = Response.Status.IN_PROGRESS
    response.save(update_fields=["answered_count", "last_activity_at", "status", "updated_at"])
    audit_record(
        actor=actor,
        organisation=response.organisation,
        action="campaigns.answer.saved",
        obj=answer,
        via=via,
        changes={f"{question.key}.{k}": [before[k], v] for k, v in after.items() if before[k] != v},
    )
    return answer


class _CellError(Exception):
    def __init__(self, ref: str, message: str):
        self.ref, self.message = ref, message


def _workbook_row(row, question: Question, answer: Answer | None, scale: dict):
    """What one row asks for: (value, not relevant, comment), None if nothing changes, or
    a _CellError at the cell at fault."""
    if row.not_relevant not in (None, "x", "X"):
        raise _CellError(
            row.ref(workbook.NOT_RELEVANT), _("Write x for not relevant, or leave it empty.")
        )
    not_relevant = row.not_relevant is not None
    try:
        raw = workbook.raw_value(question, row.value)
        value = None if not_relevant else _clean_value(question, raw, scale)
    except DomainError as error:
        raise _CellError(row.ref(workbook.ANSWER), " ".join(error.messages)) from None
    comment = ("" if row.comment is None else str(row.comment)).strip()[:5000]
    after = (value, not_relevant, comment)
    if answer is None and after == (None, False, ""):
        return None
    if answer is not None and (answer.value, answer.not_relevant, answer.comment) == after:
        return None  # unchanged, and a carried-over answer stays to be confirmed
    if answer is not None and row.revision not in (None, str(answer.revision)):
        raise _CellError(
            row.ref(workbook.ANSWER),
            _("Someone saved this answer after the workbook was downloaded."),
        )
    return after


def _workbook_changes(*, actor, response: Response, membership, rows) -> tuple[list, list]:
    """The changes a filled-in workbook asks for, and every error at its cell."""
    version = response.campaign.questionnaire_version
    questions = {q.key: q for q in Question.objects.filter(section__version=version)}
    answers = {a.question_id: a for a in Answer.objects.filter(response=response)}
    allowed: dict[int, bool] = {}
    seen: dict[str, str] = {}
    changes, errors = [], []
    for row in rows:
        question, ref = questions.get(row.key), row.ref(workbook.KEY)
        if question is None:
            errors.append((ref, _("No question has this key.")))
            continue
        if row.key in seen:
            errors.append((ref, _("The question is in %(ref)s too.") % {"ref": seen[row.key]}))
            continue
        seen[row.key] = ref
        if question.section_id not in allowed:
            allowed[question.section_id] = can_answer(
                actor, membership, response, question.section_id
            )
        if not allowed[question.section_id]:
            # Any row, changed or not: otherwise an upload would tell whether a guess
            # matches an answer in a section the person may not see.
            errors.append((ref, _("You cannot answer questions in this section.")))
            continue
        answer = answers.get(question.pk)
        try:
            after = _workbook_row(row, question, answer, version.scale)
        except _CellError as error:
            errors.append((error.ref, error.message))
            continue
        if after is not None:
            changes.append((question, *after, answer))
    return changes, errors


def apply_response_workbook(*, actor, response: Response, membership, content: bytes) -> int:
    """Save the answers of a filled-in response workbook: every changed row or, if any cell is
    wrong, none (the DomainError lists each wrong cell). Returns how many answers changed."""
    if response.status == Response.Status.SUBMITTED:
        raise DomainError(_("The response is submitted and can no longer be changed."))
    if response.campaign.status != Campaign.Status.OPEN:
        raise DomainError(_("The campaign is not open."))
    rows = workbook.read_rows(content, response)
    with transaction.atomic():
        changes, errors = _workbook_changes(
            actor=actor, response=response, membership=membership, rows=rows
        )
        if errors:
            shown = [f"{ref}: {message}" for ref, message in errors[:50]]
            if len(errors) > 50:
                shown.append(_("… and %(n)d more.") % {"n": len(errors) - 50})
            intro = ngettext(
                "Nothing was saved: %(n)d cell is wrong.",
                "Nothing was saved: %(n)d cells are wrong.",
                len(errors),
            ) % {"n": len(errors)}
            raise DomainError([intro, *shown])
        for question, value, not_relevant, comment, answer in changes:
            answer_save(
                actor=actor,
                response=response,
                question=question,
                value=value,
                not_relevant=not_relevant,
                comment=comment,
                evidence_link=answer.evidence_link if answer else "",
                revision=answer.revision if answer else None,
                via="workbook",
            )
    return len(changes)


@transaction.atomic
def answer_confirm_carried(*, actor, response: Response, section=None) -> int:
    """Confirm carried-over answers unchanged (of one section, or all)."""
    answers = Answer.objects.filter(response=response, carried_over=True)
    if section is not None:
        answers = answers.filter(question__section=section)
    count = answers.update(carried_over=False, updated_by=actor, updated_at=timezone.now())
    if count:
        audit_record(
            actor=actor,
            organisation=response.organisation,
            action="campaigns.answer.confirmed",
            obj=response,
            changes={"confirmed": [None, count]},
        )
    return count


@transaction.atomic
def response_submit(*, actor, response: Response) -> Response:
    if response.status == Response.Status.SUBMITTED:
        raise DomainError(_("The response is submitted already."))
    questions = Question.objects.filter(section__version=response.campaign.questionnaire_version)
    answered = Answer.objects.filter(response=response).filter(
        Q(not_relevant=True) | Q(value__isnull=False)
    )
    missing = questions.filter(required=True).exclude(pk__in=answered.values("question_id"))
    unconfirmed = answered.filter(carried_over=True).count()
    if missing.exists():
        n = missing.count()
        raise DomainError(
            ngettext(
                "%(n)d required question is not answered yet.",
                "%(n)d required questions are not answered yet.",
                n,
            )
            % {"n": n}
        )
    if unconfirmed:
        raise DomainError(
            ngettext(
                "%(n)d answer carried over from the previous campaign is not confirmed yet.",
                "%(n)d answers carried over from the previous campaign are not confirmed yet.",
                unconfirmed,
            )
            % {"n": unconfirmed}
        )
    before = response.status
    response.status = Response.Status.SUBMITTED
    response.submitted_at, response.submitted_by = timezone.now(), actor
    response.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    audit_record(
        actor=actor,
        organisation=response.organisation,
        action="campaigns.response.submitted",
        obj=response,
        changes={"status": [before, "submitted"]},
    )
    return response


@transaction.atomic
def response_share(*, actor, response: Response, share: bool) -> Response:
    if response.share_identified == share:
        return response
    response.share_identified = share
    response.save(update_fields=["share_identified", "updated_at"])
    audit_record(
        actor=actor,
        organisation=response.organisation,
        action="campaigns.response.sharing_changed",
        obj=response,
        changes={"share_identified": [not share, share]},
    )
    return response


@transaction.atomic
def section_assign(*, actor, response: Response, section: Section, assignee) -> None:
    SectionAssignment.objects.update_or_create(
        organisation=response.organisation,
        response=response,
        section=section,
        defaults={"assignee": assignee},
    )
    audit_record(
        actor=actor,
        organisation=response.organisation,
        action="campaigns.section.assigned",
        obj=response,
        changes={section.key: [None, assignee.email]},
    )


# --- Reminders --------------------------------------------------------------------------------


@transaction.atomic
def response_remind(*, actor, response: Response, via="web") -> None:
    """Queue a reminder email to those who can submit the response."""
    from skanse.campaigns.tasks import send_reminder

    if response.status == Response.Status.SUBMITTED:
        raise DomainError(_("The response is submitted already."))
    response.reminders_sent += 1
    response.last_reminder_at = timezone.now()
    response.save(update_fields=["reminders_sent", "last_reminder_at", "updated_at"])
    _audit_coordinator_work(
        actor,
        response,
        "campaigns.response.reminded",
        {"reminders_sent": [response.reminders_sent - 1, response.reminders_sent]},
        via=via,
    )
    transaction.on_commit(lambda: send_reminder.enqueue(response.pk))


def campaign_remind(*, actor, campaign: Campaign, via="web") -> int:
    """Remind every participant that has not submitted. Returns how many."""
    if campaign.status != Campaign.Status.OPEN:
        raise DomainError(_("Only an open campaign's participants can be reminded."))
    with scopes_disabled():
        waiting = list(
            Response.objects.filter(campaign=campaign)
            .exclude(status=Response.Status.SUBMITTED)
            .select_related("organisation")
        )
        for response in waiting:
            response_remind(actor=actor, response=response, via=via)
    return len(waiting)


def due_reminders(today: datetime.date) -> list[Response]:
    """Responses of open campaigns inside their reminder window that have not been reminded
    since the window opened: the automatic reminder goes out once per response."""
    due = []
    with scopes_disabled():
        waiting = (
            Response.objects.filter(campaign__status=Campaign.Status.OPEN)
            .exclude(status=Response.Status.SUBMITTED)
            .select_related("campaign", "organisation")
        )
        for response in waiting:
            window = response.deadline - datetime.timedelta(days=response.campaign.reminder_days)
            reminded_in_window = (
                response.last_reminder_at is not None
                and timezone.localdate(response.last_reminder_at) >= window
            )
            if window <= today <= response.deadline and not reminded_in_window:
                due.append(response)
    return due


def _check_open(response: Response) -> None:
    if response.status == Response.Status.SUBMITTED:
        raise DomainError(_("The response is submitted and can no longer be changed."))
    if response.campaign.status != Campaign.Status.OPEN:
        raise DomainError(_("The campaign is not open."))


@transaction.atomic
def evidence_add(*, actor, response: Response, question: Question, upload, via="web") -> Evidence:
    """Attach an uploaded file to the answer (creating an empty answer if there is none yet).
    The file's size, type and content are checked first; a refused file is not stored."""
    _check_open(response)
    kind = check_upload(upload, max_bytes=settings.UPLOAD_MAX_BYTES)
    answer, _created = Answer.objects.get_or_create(
        response=response, question=question, defaults={"organisation": response.organisation}
    )
    name = upload.name.rsplit("/", 1)[-1][:255]
    evidence = Evidence(
        organisation=response.organisation,
        answer=answer,
        name=name,
        content_type=kind.content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    evidence.file.save(name, upload, save=False)
    evidence.save()
    Response.objects.filter(pk=response.pk).update(last_activity_at=timezone.now())
    audit_record(
        actor=actor,
        organisation=response.organisation,
        action="campaigns.evidence.added",
        obj=evidence,
        changes={
            "question": [None, question.key],
            "file": [None, name],
            "size": [None, upload.size],
        },
        via=via,
    )
    return evidence


@transaction.atomic
def evidence_remove(*, actor, evidence: Evidence, via="web") -> None:
    response = evidence.answer.response
    _check_open(response)
    audit_record(
        actor=actor,
        organisation=evidence.organisation,
        action="campaigns.evidence.removed",
        obj=evidence,
        changes={"question": [evidence.answer.question.key, None], "file": [evidence.name, None]},
        via=via,
    )
    stored = evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: evidence.file.storage.delete(stored))
