"""From an answer to a score on 0–1, and from scores to a level on the questionnaire's scale.

Not scored: numbers, dates and free text, and answers marked "not relevant" (left out of every
average, as the programme's method prescribes).
"""

from skanse.campaigns.models import QuestionType

YES_PARTLY_NO = {"yes": 1.0, "partly": 0.5, "no": 0.0}


def score(question, value, scale: dict) -> float | None:
    if value in (None, "", []):
        return None
    kind = question.type
    if kind == QuestionType.MATURITY:
        low, high = scale.get("min", 1), scale.get("max", 5)
        return (float(value) - low) / (high - low) if high > low else None
    if kind == QuestionType.YES_PARTLY_NO:
        return YES_PARTLY_NO.get(value)
    if kind == QuestionType.PERCENTAGE:
        return float(value) / 100
    if kind == QuestionType.SINGLE_CHOICE:
        return next((o.get("score") for o in question.options if o["key"] == value), None)
    if kind == QuestionType.MULTIPLE_CHOICE:
        scores = [o.get("score", 0) for o in question.options if o["key"] in value]
        return min(1.0, sum(scores)) if scores else 0.0
    return None


def to_level(fraction: float | None, scale: dict) -> float | None:
    """A 0–1 score on the questionnaire's maturity scale (e.g. 1–5)."""
    if fraction is None:
        return None
    low, high = scale.get("min", 1), scale.get("max", 5)
    return round(low + fraction * (high - low), 2)
