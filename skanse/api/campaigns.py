"""API: campaigns and questionnaires (read), the organisation's own responses (read, answer,
submit), and results under the same suppression rules as the pages."""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from skanse.api.base import Error, need
from skanse.campaigns import authoring, selectors, services
from skanse.campaigns.models import Answer, Campaign, Question, QuestionnaireVersion, Response
from skanse.tenancy.roles import Cap

router = Router(tags=["campaigns"])


class CampaignOut(Schema):
    uuid: UUID
    name: str
    kind: str
    follow_up_number: int | None
    status: str
    opens_on: date
    closes_on: date
    questionnaire_version: UUID
    previous: UUID | None

    @staticmethod
    def resolve_questionnaire_version(obj):
        return obj.questionnaire_version.uuid

    @staticmethod
    def resolve_previous(obj):
        return obj.previous.uuid if obj.previous_id else None


class QuestionOut(Schema):
    uuid: UUID
    key: str
    section: str
    type: str
    text: str
    help: str
    weight: int
    required: bool
    evidence: bool
    options: list[dict]

    @staticmethod
    def resolve_section(obj):
        return obj.section.key

    @staticmethod
    def resolve_text(obj):
        return obj.name_i18n

    @staticmethod
    def resolve_help(obj):
        return obj.description_i18n


class ResponseOut(Schema):
    uuid: UUID
    campaign: UUID
    status: str
    deadline: date
    share_identified: bool
    answered_count: int
    submitted_at: datetime | None

    @staticmethod
    def resolve_campaign(obj):
        return obj.campaign.uuid


class AnswerOut(Schema):
    question: str
    value: Any = None
    not_relevant: bool
    comment: str
    evidence_link: str
    carried_over: bool
    revision: int

    @staticmethod
    def resolve_question(obj):
        return obj.question.key


class AnswerIn(Schema):
    value: Any = None
    not_relevant: bool = False
    comment: str = ""
    evidence_link: str = ""
    revision: int | None = None


class SummaryOut(Schema):
    n: int
    median: float
    q1: float
    q3: float


class SectionResultOut(Schema):
    section: str
    own: float | None = None
    national: SummaryOut | None = None
    region: SummaryOut | None = None
    peers: SummaryOut | None = None


def _campaign_visible(request, uuid):
    """The coordinator sees every campaign; a participant the campaigns it takes part in."""
    campaigns = Campaign.objects.select_related("questionnaire_version", "previous")
    if Cap.CAMPAIGNS_VIEW in request.capabilities:
        return get_object_or_404(campaigns, uuid=uuid)
    need(request, Cap.RESPONSES_VIEW)
    response = get_object_or_404(
        Response.objects.filter(organisation=request.organisation), campaign__uuid=uuid
    )
    return response.campaign


@router.get("/campaigns", response=list[CampaignOut])
@paginate(PageNumberPagination, page_size=100)
def list_campaigns(request):
    """The coordinator: every campaign. A participant: the campaigns it takes part in."""
    campaigns = Campaign.objects.select_related("questionnaire_version", "previous")
    if Cap.CAMPAIGNS_VIEW in request.capabilities:
        return campaigns.order_by("-opens_on")
    need(request, Cap.RESPONSES_VIEW)
    return campaigns.filter(responses__organisation=request.organisation).order_by("-opens_on")


@router.get("/campaigns/{uuid}/questions", response=list[QuestionOut])
@paginate(PageNumberPagination, page_size=500)
def list_questions(request, uuid: UUID):
    campaign = _campaign_visible(request, uuid)
    return (
        Question.objects.filter(section__version=campaign.questionnaire_version)
        .select_related("section")
        .order_by("section__order", "order")
    )


@router.get("/campaigns/{uuid}/results", response=list[SectionResultOut])
def campaign_results(request, uuid: UUID):
    """Per section: median and quartiles nationally, in the region and the peer group (null
    for groups under the minimum size), and — for a participant — its own level."""
    campaign = _campaign_visible(request, uuid)
    organisation = None if request.organisation.is_coordinator else request.organisation
    rows = selectors.campaign_results(campaign, organisation=organisation)
    return [
        {
            "section": r["section"].key,
            "own": r["own"],
            "national": r["national"],
            "region": r["region"],
            "peers": r["peers"],
        }
        for r in rows
    ]


def _response(request, uuid) -> Response:
    need(request, Cap.RESPONSES_VIEW)
    return get_object_or_404(
        Response.objects.filter(organisation=request.organisation).select_related(
            "campaign__questionnaire_version", "organisation"
        ),
        uuid=uuid,
    )


@router.get("/responses", response=list[ResponseOut])
@paginate(PageNumberPagination, page_size=100)
def list_responses(request):
    """Your organisation's responses."""
    need(request, Cap.RESPONSES_VIEW)
    return selectors.responses_of(request.organisation)


@router.get("/responses/{uuid}", response={200: ResponseOut, 404: Error})
def get_response(request, uuid: UUID):
    return _response(request, uuid)


@router.get("/responses/{uuid}/answers", response=list[AnswerOut])
@paginate(PageNumberPagination, page_size=500)
def list_answers(request, uuid: UUID):
    response = _response(request, uuid)
    return (
        Answer.objects.filter(response=response)
        .select_related("question")
        .order_by("question__section__order", "question__order")
    )


@router.put(
    "/responses/{uuid}/answers/{key}", response={200: AnswerOut, 400: Error, 403: Error, 404: Error}
)
def save_answer(request, uuid: UUID, key: str, payload: AnswerIn):
    """Answer one question by its key. Send the `revision` you read, to be told (400, field
    "revision") instead of overwriting when someone else saved meanwhile."""
    need(request, Cap.RESPONSES_ANSWER)
    response = _response(request, uuid)
    question = get_object_or_404(
        Question.objects.filter(section__version=response.campaign.questionnaire_version), key=key
    )
    if not services.can_answer(request.user, request.membership, response, question.section_id):
        raise HttpError(403, "This section is not assigned to you.")
    return services.answer_save(
        actor=request.user, response=response, question=question, via="api", **payload.dict()
    )


@router.post("/responses/{uuid}/submit", response={200: ResponseOut, 400: Error, 404: Error})
def submit_response(request, uuid: UUID):
    need(request, Cap.RESPONSES_SUBMIT)
    return services.response_submit(actor=request.user, response=_response(request, uuid))


# --- Questionnaires (the coordinator's; read only) -------------------------------------------


class QuestionnaireVersionOut(Schema):
    uuid: UUID
    key: str
    version: str
    status: str
    name: str
    description: str
    translations: dict
    published_at: datetime | None

    @staticmethod
    def resolve_key(obj):
        return obj.questionnaire.key


class QuestionnaireDetailOut(QuestionnaireVersionOut):
    scale: dict
    sections: list[dict]

    @staticmethod
    def resolve_sections(obj):
        return authoring.version_content(obj)["sections"]


@router.get("/questionnaires", response=list[QuestionnaireVersionOut])
@paginate(PageNumberPagination, page_size=100)
def list_questionnaire_versions(request):
    """Every questionnaire version, drafts included, newest first (the coordinator's)."""
    need(request, Cap.CAMPAIGNS_VIEW)
    return QuestionnaireVersion.objects.select_related("questionnaire").order_by("-created_at")


@router.get("/questionnaires/{uuid}", response={200: QuestionnaireDetailOut, 404: Error})
def get_questionnaire_version(request, uuid: UUID):
    """A version with its scale, sections and questions (options, requirement URNs) in order."""
    need(request, Cap.CAMPAIGNS_VIEW)
    return get_object_or_404(
        QuestionnaireVersion.objects.select_related("questionnaire"), uuid=uuid
    )
