"""Campaign test helpers: a small questionnaire with every question type, campaigns launched
through the services, and responses filled in bulk for the results tests."""

import copy
import datetime
from pathlib import Path

import pytest
import yaml
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext
from django_scopes import scope, scopes_disabled

from skanse.campaigns import scoring, services
from skanse.campaigns.models import Answer, Campaign, Question, QuestionnaireVersion, Response
from skanse.library.services import library_import
from skanse.tenancy.models import Organisation

CATALOGUES = Path(__file__).resolve().parents[2] / "library" / "catalogues"
BASELINE = Path(__file__).resolve().parents[1] / "questionnaires" / "baseline.yaml"
# The catalogues the baseline questionnaire's requirement URNs point into.
BASELINE_CATALOGUES = (
    "iso27001-2022",
    "nist-csf-2.0",
    "gdpr",
    "edpb-art25-elements",
    "wp248-dpia-criteria",
)
OPENS, CLOSES = datetime.date(2026, 1, 1), datetime.date(2099, 12, 31)

SMALL = {
    "format": "skanse-questionnaire/1",
    "key": "small",
    "version": "1",
    "name": "Small questionnaire",
    "name_da": "Lille spørgeskema",
    "scale": {
        "min": 1,
        "max": 5,
        "target": 4,
        "levels": [{"value": v, "label": f"Level {v}"} for v in range(1, 6)],
    },
    "sections": [
        {
            "key": "gov",
            "title": "Governance",
            "title_da": "Styring",
            "track": "iso27001",
            "questions": [
                {"key": "M1", "type": "maturity", "text": "How mature?", "weight": 2},
                {"key": "Y1", "type": "yes_partly_no", "text": "Is there a policy?"},
                {"key": "P1", "type": "percentage", "text": "Share of staff trained?"},
            ],
        },
        {
            "key": "ops",
            "title": "Operations",
            "title_da": "Drift",
            "track": "baseline",
            "questions": [
                {
                    "key": "S1",
                    "type": "single_choice",
                    "text": "How often are backups tested?",
                    "options": [
                        {"key": "never", "label": "Never", "score": 0},
                        {"key": "yearly", "label": "Yearly", "score": 0.5},
                        {"key": "monthly", "label": "Monthly", "score": 1},
                    ],
                },
                {
                    "key": "C1",
                    "type": "multiple_choice",
                    "text": "Which controls are in place?",
                    "options": [
                        {"key": "mfa", "label": "MFA", "score": 0.5},
                        {"key": "edr", "label": "EDR", "score": 0.75},
                        {"key": "none", "label": "None of these", "score": 0},
                    ],
                },
                {"key": "N1", "type": "number", "text": "How many staff?"},
                {"key": "D1", "type": "date", "text": "Last review?"},
                {"key": "T1", "type": "text", "text": "Anything else?", "required": False},
            ],
        },
    ],
}

# A complete, valid set of answers to the small questionnaire.
COMPLETE = {
    "M1": 3,
    "Y1": "yes",
    "P1": 50,
    "S1": "yearly",
    "C1": ["mfa"],
    "N1": 12,
    "D1": "2026-02-01",
}


def small_data() -> dict:
    """The small questionnaire as data, to change before `dump`."""
    return copy.deepcopy(SMALL)


def dump(data: dict) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


def import_small(data: dict | None = None) -> QuestionnaireVersion:
    return services.questionnaire_import(dump(data or SMALL), via="cli")


def load_catalogues() -> None:
    for name in BASELINE_CATALOGUES:
        library_import((CATALOGUES / f"{name}.yaml").read_bytes(), via="cli")


def municipalities(count: int, *first: Organisation) -> list[Organisation]:
    """`first` and then other active municipalities, `count` in all."""
    rest = Organisation.objects.filter(kind="municipality", is_active=True).exclude(
        pk__in=[o.pk for o in first]
    )
    return [*first, *rest.order_by("code")[: count - len(first)]]


def launched(
    participants,
    version: QuestionnaireVersion | None = None,
    *,
    name="Baseline 2026",
    kind="baseline",
    previous=None,
) -> Campaign:
    """A campaign created and launched to `participants` through the services."""
    campaign = services.campaign_create(
        actor=None,
        name=name,
        questionnaire_version=version or import_small(),
        kind=kind,
        opens_on=OPENS,
        closes_on=CLOSES,
        previous=previous,
    )
    services.campaign_launch(actor=None, campaign=campaign, participants=participants)
    campaign.refresh_from_db()
    return campaign


def response_of(campaign: Campaign, organisation: Organisation) -> Response:
    with scopes_disabled():
        return Response.objects.select_related(
            "campaign__questionnaire_version", "organisation"
        ).get(campaign=campaign, organisation=organisation)


def answer(response: Response, key: str, value=None, actor=None, **kwargs) -> Answer:
    """Save one answer by question key through the service, in the organisation's scope."""
    question = Question.objects.get(
        section__version=response.campaign.questionnaire_version, key=key
    )
    with scope(organisation=response.organisation):
        return services.answer_save(
            actor=actor, response=response, question=question, value=value, **kwargs
        )


def answer_all(response: Response, values: dict = COMPLETE, actor=None) -> None:
    for key, value in values.items():
        answer(response, key, value, actor=actor)


def fill(campaign: Campaign, values: dict, *, status=Response.Status.SUBMITTED, share=()):
    """Answer in bulk: `values` is {organisation: {question key: value}}; the responses get
    `status`, and those of the organisations in `share` share their identified results."""
    version = campaign.questionnaire_version
    questions = {q.key: q for q in Question.objects.filter(section__version=version)}
    with scopes_disabled():
        responses = {r.organisation_id: r for r in Response.objects.filter(campaign=campaign)}
        answers, changed = [], []
        for organisation, by_key in values.items():
            response = responses[organisation.pk]
            for key, value in by_key.items():
                question = questions[key]
                answers.append(
                    Answer(
                        organisation=organisation,
                        response=response,
                        question=question,
                        value=value,
                        score=scoring.score(question, value, version.scale),
                    )
                )
            response.status = status
            response.answered_count = len(by_key)
            response.share_identified = organisation in share
            changed.append(response)
        Answer.objects.bulk_create(answers)
        Response.objects.bulk_update(changed, ["status", "answered_count", "share_identified"])


def da_n(singular: str, plural: str, n: int) -> str:
    """A counted message as the Danish interface says it, with the count filled in."""
    with translation.override("da"):
        return ngettext(singular, plural, n) % {"n": n}


def url(name: str, org, *args) -> str:
    return reverse(name, args=[org.slug, *args])


@pytest.fixture
def coordinator(personas):
    return personas.client(personas.coordinator)


@pytest.fixture
def small(db) -> QuestionnaireVersion:
    return import_small()


@pytest.fixture
def campaign(personas, small) -> Campaign:
    """An open campaign of the small questionnaire for Aarhus and Vejle."""
    return launched([personas.org, personas.other_org], small)


@pytest.fixture
def response(personas, campaign) -> Response:
    """Aarhus's response to the open campaign."""
    return response_of(campaign, personas.org)
