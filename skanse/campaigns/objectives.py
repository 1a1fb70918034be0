"""Objectives are computed, never typed in: after each campaign in a series, the share of
organisations at or above the objective's level, against its target share."""

from django.db.models import F, Sum
from django_scopes import scopes_disabled

from skanse.campaigns import scoring
from skanse.campaigns.models import Answer, Campaign, Objective, Response
from skanse.campaigns.selectors import min_group


def series(campaign: Campaign) -> list[Campaign]:
    """The campaign and those it follows up on, baseline first."""
    chain = []
    current = campaign
    while current is not None:
        chain.append(current)
        current = current.previous
    return list(reversed(chain))


def _levels(objective: Objective, campaign: Campaign) -> list[float]:
    """Each submitted organisation's level in the objective's section (or question)."""
    answers = Answer.objects.with_scopes_disabled().filter(
        response__campaign=campaign,
        response__status=Response.Status.SUBMITTED,
        score__isnull=False,
        not_relevant=False,
    )
    if objective.question_key:
        answers = answers.filter(question__key=objective.question_key)
    else:
        answers = answers.filter(question__section__key=objective.section_key)
    rows = answers.values("response_id").annotate(
        weighted=Sum(F("score") * F("question__weight")), weight=Sum("question__weight")
    )
    scale = campaign.questionnaire_version.scale
    return [scoring.to_level(r["weighted"] / r["weight"], scale) for r in rows if r["weight"]]


def attainment(objective: Objective) -> list[dict]:
    """[{campaign, n, share, attained}] along the series up to the objective's campaign; share
    and attained are None where fewer than the minimum group answered."""
    if objective.due_campaign is None:
        return []
    result = []
    with scopes_disabled():
        for campaign in series(objective.due_campaign):
            levels = _levels(objective, campaign)
            if len(levels) < min_group():
                result.append(
                    {"campaign": campaign, "n": len(levels), "share": None, "attained": None}
                )
                continue
            share = sum(1 for level in levels if level >= objective.threshold) / len(levels)
            result.append(
                {
                    "campaign": campaign,
                    "n": len(levels),
                    "share": round(share, 3),
                    "attained": share >= objective.target_share,
                }
            )
    return result
