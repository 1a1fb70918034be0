"""The supervision point model of Datatilsynet's guidance on supervising processors (2021).

A processor agreement's risk is scored on four parameters; the points decide which of the six
supervision concepts are allowed (1 = lightest … 6 = heaviest). The bands from points to
concepts are the guidance's; the weights of the parameters are our reading of it and are
documented in docs/privacy.md (provisional until checked against the guidance's PDF).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from skanse.privacy.choices import Method, ProcessingKind, SubjectCount

SUBJECT_POINTS = {
    SubjectCount.UNDER_1000: 1,
    SubjectCount.UP_TO_10000: 2,
    SubjectCount.OVER_10000: 3,
}
PROCESSING_POINTS = {
    ProcessingKind.ORDINARY: 0,
    ProcessingKind.EXTENSIVE: 1,
    ProcessingKind.NEW_TECH: 2,
}
SENSITIVE_POINTS = 3  # Art. 9 or Art. 10 data
CPR_POINTS = 1  # CPR numbers without sensitive data (DBL § 11)
TRANSFER_POINTS = 2  # processing in third countries

# Points → the lightest concept allowed; every heavier concept is allowed too.
BANDS = ((2, 1), (4, 2), (6, 3), (10, 5))

CONCEPTS = {
    1: _("Self-declaration or management statement"),
    2: _("Written supervision"),
    3: _("Auditor's statement at a point in time (type 1) or agreed-upon procedures"),
    4: _("Auditor's statement over a period (type 2)"),
    5: _("Physical inspection"),
    6: _("Physical inspection and an auditor's type 2 statement"),
}

# The concept each method of supervision fulfils (DBS supervises on the members' behalf and
# decides its own concept, so it is accepted at any score).
METHOD_CONCEPT = {
    Method.SELF_DECLARATION: 1,
    Method.MANAGEMENT_STATEMENT: 1,
    Method.WRITTEN: 2,
    Method.ISAE3000_1: 3,
    Method.ISAE3402_1: 3,
    Method.SOC2_1: 3,
    Method.ISRS4400: 3,
    Method.ISAE3000_2: 4,
    Method.ISAE3402_2: 4,
    Method.SOC2_2: 4,
    Method.PHYSICAL: 5,
    Method.PHYSICAL_STATEMENT: 6,
    Method.DBS: None,
}


@dataclass(frozen=True)
class Score:
    points: int
    lightest: int

    @property
    def concepts(self) -> list[tuple[int, str]]:
        return [(n, CONCEPTS[n]) for n in range(self.lightest, 7)]

    @property
    def methods(self) -> list[str]:
        return [
            m
            for m, concept in METHOD_CONCEPT.items()
            if concept is None or concept >= self.lightest
        ]


def score(*, subjects: str, sensitive: bool, cpr: bool, processing: str, transfer: bool):
    """The points and the lightest allowed concept; None while the number of subjects is unknown."""
    if subjects not in SUBJECT_POINTS:
        return None
    points = SUBJECT_POINTS[subjects] + PROCESSING_POINTS.get(processing, 0)
    if sensitive:
        points += SENSITIVE_POINTS
    elif cpr:
        points += CPR_POINTS
    if transfer:
        points += TRANSFER_POINTS
    points = min(points, 10)
    lightest = next(concept for limit, concept in BANDS if points <= limit)
    return Score(points=points, lightest=lightest)


def agreement_score(agreement):
    return score(
        subjects=agreement.risk_subjects,
        sensitive=agreement.risk_sensitive,
        cpr=agreement.risk_cpr,
        processing=agreement.risk_processing,
        transfer=agreement.third_country_transfer,
    )


def method_allowed(method: str, result: Score | None) -> bool:
    if not method or result is None:
        return True
    concept = METHOD_CONCEPT.get(method)
    return concept is None or concept >= result.lightest
