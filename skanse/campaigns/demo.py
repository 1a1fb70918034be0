"""Demo campaigns: a closed baseline analysis and an open first follow-up, answered by every
municipality with generated (clearly fictional) answers that improve on average."""

import datetime
import random
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from skanse.campaigns import scoring, services
from skanse.campaigns.models import (
    Answer,
    Campaign,
    Objective,
    Question,
    QuestionnaireVersion,
    Response,
)
from skanse.core.audit import audit_record
from skanse.programme.models import Milestone, Programme, Track
from skanse.tenancy.models import Organisation

QUESTIONNAIRE = Path(__file__).parent / "questionnaires" / "baseline.yaml"
BASELINE = "Basisanalyse 2026 (demo)"
FOLLOW_UPS = ["1. opfølgning 2026 (demo)", "2. opfølgning 2027 (demo)", "3. opfølgning 2027 (demo)"]
DATES = [
    (datetime.date(2026, 1, 15), datetime.date(2026, 3, 31)),
    (datetime.date(2026, 10, 1), datetime.date(2026, 12, 18)),
    (datetime.date(2027, 4, 1), datetime.date(2027, 6, 15)),
    (datetime.date(2027, 10, 1), datetime.date(2027, 12, 15)),
]


def _value(question: Question, level: float, scale: dict, rng: random.Random):
    """A plausible answer for an organisation whose maturity is `level` (on the scale)."""
    low, high = scale["min"], scale["max"]
    fraction = (level - low) / (high - low)
    kind = question.type
    if kind == "maturity":
        return max(low, min(high, round(level + rng.gauss(0, 0.7))))
    if kind == "yes_partly_no":
        draw = fraction + rng.gauss(0, 0.25)
        return "yes" if draw > 0.6 else "partly" if draw > 0.3 else "no"
    if kind == "percentage":
        return float(max(0, min(100, round(fraction * 100 + rng.gauss(0, 12)))))
    if kind == "number":
        return float(max(0, round(rng.gauss(12, 6))))
    if kind == "single_choice":
        options = sorted(question.options, key=lambda o: o.get("score", 0))
        index = max(
            0, min(len(options) - 1, round(fraction * (len(options) - 1) + rng.gauss(0, 0.6)))
        )
        return options[index]["key"]
    if kind == "multiple_choice":
        chosen = [
            o["key"]
            for o in question.options
            if o.get("score", 0) > 0 and rng.random() < 0.25 + fraction * 0.6
        ]
        return chosen or [question.options[0]["key"]]
    if kind == "date":
        return (
            datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randint(0, 600))
        ).isoformat()
    return "Demo: beskrivelse af kommunens praksis."


def _fill(
    campaign: Campaign,
    levels: dict[int, float],
    rng: random.Random,
    submit_share: float,
    keep_share: float = 0.0,
) -> None:
    """Answer every response of the campaign in bulk (replacing carried-over answers with
    probability 1 - keep_share) and submit a share of them."""
    version = campaign.questionnaire_version
    questions = list(Question.objects.filter(section__version=version))
    scale = version.scale
    responses = list(Response.objects.filter(campaign=campaign).select_related("organisation"))
    existing = {
        (a.response_id, a.question_id): a
        for a in Answer.objects.filter(response__campaign=campaign)
    }
    new, changed = [], []
    now = timezone.now()
    for response in responses:
        level = levels[response.organisation_id]
        for question in questions:
            old = existing.get((response.pk, question.pk))
            if old is not None and rng.random() < keep_share:
                old.carried_over = False
                changed.append(old)
                continue
            not_relevant = rng.random() < 0.03
            value = None if not_relevant else _value(question, level, scale, rng)
            score = None if not_relevant else scoring.score(question, value, scale)
            if old is not None:
                old.value, old.not_relevant, old.score = value, not_relevant, score
                old.carried_over = False
                changed.append(old)
            else:
                new.append(
                    Answer(
                        organisation_id=response.organisation_id,
                        response=response,
                        question=question,
                        value=value,
                        not_relevant=not_relevant,
                        score=score,
                    )
                )
        response.answered_count = len(questions)
        response.last_activity_at = now
        submitted = rng.random() < submit_share
        response.status = "submitted" if submitted else "in_progress"
        response.submitted_at = now if submitted else None
        response.share_identified = rng.random() < 0.3
    Answer.objects.bulk_create(new, batch_size=2000)
    Answer.objects.bulk_update(
        changed, ["value", "not_relevant", "score", "carried_over"], batch_size=2000
    )
    Response.objects.bulk_update(
        responses,
        ["answered_count", "last_activity_at", "status", "submitted_at", "share_identified"],
        batch_size=500,
    )


@transaction.atomic
def load_campaign_demo(follow_ups: int = 1, seed: int = 2026) -> list[Campaign]:
    """The baseline (closed) and `follow_ups` follow-ups, the last one open. Idempotent."""
    with scopes_disabled():
        if Campaign.objects.filter(name=BASELINE).exists():
            return list(Campaign.objects.filter(name__in=[BASELINE, *FOLLOW_UPS]))
        version = services.questionnaire_import(QUESTIONNAIRE.read_bytes(), via="cli") or (
            QuestionnaireVersion.objects.get(questionnaire__key="baseline", version="1")
        )
        rng = random.Random(seed)  # noqa: S311 -- repeatable fictional data, no secret
        municipalities = list(Organisation.objects.filter(kind="municipality", is_active=True))
        levels = {m.pk: max(1.2, min(4.6, rng.gauss(2.6, 0.55))) for m in municipalities}
        campaigns, previous = [], None
        for index, name in enumerate([BASELINE, *FOLLOW_UPS[:follow_ups]]):
            opens_on, closes_on = DATES[index]
            campaign = services.campaign_create(
                actor=None,
                name=name,
                questionnaire_version=version,
                kind="baseline" if previous is None else "follow_up",
                opens_on=opens_on,
                closes_on=closes_on,
                previous=previous,
            )
            services.campaign_launch(actor=None, campaign=campaign, participants=municipalities)
            last = index == follow_ups
            _fill(
                campaign,
                levels,
                rng,
                submit_share=0.55 if last else 1.0,
                keep_share=0.0 if previous is None else 0.6,
            )
            if not last:
                services.campaign_close(actor=None, campaign=campaign)
            # Security work gets stronger between campaigns, on average.
            levels = {
                pk: min(4.8, level + max(0.0, rng.gauss(0.35, 0.25)))
                for pk, level in levels.items()
            }
            campaigns.append(campaign)
            previous = campaign
        _demo_municipalities_in_progress(campaigns[-1])
        _programme(campaigns)
        _peer_groups(municipalities)
        audit_record(
            actor=None,
            organisation=Organisation.objects.get(kind="coordinator"),
            action="campaigns.demo.generated",
            obj=campaigns[-1],
            via="cli",
            changes={"campaigns": [None, len(campaigns)]},
        )
        return campaigns


def _demo_municipalities_in_progress(campaign: Campaign) -> None:
    """Aarhus has started the open follow-up, Læsø has not: something to do in the demo."""
    from skanse.tenancy.demo import DEMO_MUNICIPALITIES

    for code, status in (("751", "in_progress"), ("825", "not_started")):
        if code not in DEMO_MUNICIPALITIES:
            continue
        response = Response.objects.filter(
            campaign=campaign, organisation__code=code, organisation__kind="municipality"
        ).first()
        if response is None:
            continue
        answers = Answer.objects.filter(response=response)
        if status == "not_started":
            answers.update(carried_over=True)
            response.answered_count = answers.count()
        else:
            answers.filter(question__section__order__gte=3).update(carried_over=True)
        response.status, response.submitted_at = status, None
        response.save(update_fields=["status", "submitted_at", "answered_count"])


TRACKS = [
    ("baseline", "Baseline analysis and follow-up", "Basisanalyse og opfølgning"),
    ("awareness", "Awareness", "Awareness"),
    ("iso27001", "ISO 27001", "ISO 27001"),
    ("architecture", "Framework architecture", "Rammearkitektur"),
    ("gdpr", "GDPR", "GDPR"),
]
MILESTONES = [
    (
        "baseline",
        2026,
        1,
        "Baseline analysis in every municipality",
        "Basisanalyse i alle kommuner",
        True,
    ),
    (
        "baseline",
        2026,
        2,
        "Recommendations and objectives published",
        "Anbefalinger og målsætninger udgivet",
        True,
    ),
    (
        "awareness",
        2026,
        2,
        "Report on the municipalities' competence needs",
        "Rapport om kommunernes kompetencebehov",
        True,
    ),
    (
        "iso27001",
        2026,
        3,
        "Common risk assessments of shared systems",
        "Fælles risikovurderinger af fælles systemer",
        False,
    ),
    (
        "gdpr",
        2026,
        3,
        "Common processor agreements updated",
        "Fælles databehandleraftaler opdateret",
        False,
    ),
    ("baseline", 2026, 4, "1st follow-up", "1. opfølgning", False),
    (
        "architecture",
        2027,
        1,
        "Principles for privacy by design and by default",
        "Principper for databeskyttelse gennem design og standardindstillinger",
        False,
    ),
    (
        "iso27001",
        2027,
        2,
        "Common supplier security requirements",
        "Fælles sikkerhedskrav til leverandører",
        False,
    ),
    ("baseline", 2027, 2, "2nd follow-up", "2. opfølgning", False),
    ("baseline", 2027, 4, "3rd follow-up", "3. opfølgning", False),
]


def _programme(campaigns: list[Campaign]) -> Programme:
    """The demo programme with its tracks, objectives measured by the campaigns, milestones."""
    programme = Programme.objects.create(
        name="The Security Programme 2026–2028 (demo)",
        description="The municipalities' joint programme: GDPR, information security, "
        "awareness and a common framework architecture.",
        starts=datetime.date(2026, 1, 1),
        ends=datetime.date(2028, 3, 31),
        translations={
            "da": {
                "name": "Sikkerhedsprogrammet 2026–2028 (demo)",
                "description": "Kommunernes fælles program: GDPR, "
                "informationssikkerhed, awareness og en fælles rammearkitektur.",
            }
        },
    )
    tracks = {}
    for order, (key, name, name_da) in enumerate(TRACKS):
        tracks[key] = Track.objects.create(
            programme=programme,
            key=key,
            name=name,
            order=order,
            translations={"da": {"name": name_da}},
        )
    for key, year, quarter, name, name_da, done in MILESTONES:
        Milestone.objects.create(
            track=tracks[key],
            name=name,
            year=year,
            quarter=quarter,
            done=done,
            translations={"da": {"name": name_da}},
        )
    Campaign.objects.filter(pk__in=[c.pk for c in campaigns]).update(programme=programme)
    version = campaigns[0].questionnaire_version
    sections = {s.key: s for s in version.sections.all()}
    last = campaigns[-1]
    for section in sections.values():
        track = tracks.get(section.track)
        if track is None:
            continue
        Objective.objects.create(
            programme=programme,
            track=track,
            section_key=section.key,
            threshold=3.0,
            target_share=0.8,
            due_campaign=last,
            name=f"80 % of municipalities at level 3 or above: {section.name}",
            translations={
                "da": {"name": "80 % af kommunerne på niveau 3 eller derover: " + section.name_i18n}
            },
        )
    _recommendations(programme, tracks)
    return programme


RECOMMENDATIONS = [
    (
        "iso27001",
        "Adopt a risk-based ISMS on ISO 27001",
        "Indfør et risikobaseret ledelsessystem efter ISO 27001",
        "Ledelsen godkender en informationssikkerhedspolitik, og risici vurderes mindst årligt.",
        ["urn:skanse:framework:iso27001-2022:5.1", "urn:skanse:framework:iso27001-2022:6.1"],
    ),
    (
        "awareness",
        "Train every employee each year",
        "Uddan alle medarbejdere hvert år",
        "Obligatorisk e-læring for nye og eksisterende medarbejdere, med phishing-øvelser.",
        ["urn:skanse:framework:iso27001-2022:a.6.3"],
    ),
    (
        "gdpr",
        "Supervise processors by risk",
        "Før risikobaseret tilsyn med databehandlere",
        "Brug Datatilsynets pointmodel til at vælge tilsynskoncept og interval.",
        [],
    ),
    (
        "architecture",
        "Assess privacy by design at every procurement",
        "Vurdér databeskyttelse gennem design ved hvert indkøb",
        "Stil krav til leverandøren ud fra EDPB's designelementer, før kontrakten indgås.",
        [],
    ),
]


def _recommendations(programme, tracks) -> None:
    from skanse.campaigns.models import Recommendation
    from skanse.library.models import Requirement

    for order, (key, name, name_da, text_da, urns) in enumerate(RECOMMENDATIONS):
        track = tracks.get(key)
        if track is None:
            continue
        recommendation = Recommendation.objects.create(
            programme=programme,
            track=track,
            name=name,
            order=order,
            translations={"da": {"name": name_da, "description": text_da}},
        )
        recommendation.objectives.set(Objective.objects.filter(programme=programme, track=track))
        recommendation.requirements.set(Requirement.objects.filter(urn__in=urns))


def _peer_groups(municipalities) -> None:
    """Comparison groups by population, as the coordinator might define them."""
    from skanse.campaigns.models import PeerGroup

    bands = [
        ("Store kommuner (over 75.000 indbyggere)", 75_000, None),
        ("Mellemstore kommuner (40.000–75.000 indbyggere)", 40_000, 75_000),
        ("Mindre kommuner (under 40.000 indbyggere)", 0, 40_000),
    ]
    for name, low, high in bands:
        group = PeerGroup.objects.create(name=name)
        group.members.set(
            [
                m
                for m in municipalities
                if (m.population or 0) >= low and (high is None or (m.population or 0) < high)
            ]
        )
