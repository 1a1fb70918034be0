import pytest

from skanse.campaigns import scoring, selectors
from skanse.campaigns.models import Question
from skanse.campaigns.tests.conftest import SMALL, answer

SCALE = {"min": 1, "max": 5}
OPTIONS = {q["key"]: q.get("options", []) for s in SMALL["sections"] for q in s["questions"]}


def question(kind: str, key: str = "") -> Question:
    return Question(type=kind, options=OPTIONS.get(key, []))


@pytest.mark.parametrize(
    ("kind", "key", "value", "expected"),
    [
        ("maturity", "", 1, 0.0),
        ("maturity", "", 3, 0.5),
        ("maturity", "", 5, 1.0),
        ("yes_partly_no", "", "yes", 1.0),
        ("yes_partly_no", "", "partly", 0.5),
        ("yes_partly_no", "", "no", 0.0),
        ("percentage", "", 0, 0.0),
        ("percentage", "", 40, 0.4),
        ("percentage", "", 100, 1.0),
        ("single_choice", "S1", "never", 0.0),
        ("single_choice", "S1", "yearly", 0.5),
        ("single_choice", "S1", "monthly", 1.0),
        ("multiple_choice", "C1", ["mfa"], 0.5),
        ("multiple_choice", "C1", ["none"], 0.0),
        # Option scores add up, but never beyond full marks.
        ("multiple_choice", "C1", ["mfa", "edr"], 1.0),
        ("number", "", 12, None),
        ("date", "", "2026-02-01", None),
        ("text", "", "We are fine.", None),
    ],
)
def test_each_type_gives_its_score(kind, key, value, expected):
    assert scoring.score(question(kind, key), value, SCALE) == expected


@pytest.mark.parametrize("empty", [None, "", []])
def test_an_empty_answer_has_no_score(empty):
    assert scoring.score(question("maturity"), empty, SCALE) is None


def test_the_score_goes_back_onto_the_scale():
    assert scoring.to_level(0.0, SCALE) == 1.0
    assert scoring.to_level(0.5, SCALE) == 3.0
    assert scoring.to_level(2 / 3, SCALE) == 3.67
    assert scoring.to_level(1.0, {"min": 0, "max": 3}) == 3.0
    assert scoring.to_level(None, SCALE) is None


def test_a_section_level_is_the_weighted_mean_on_the_scale(personas, response):
    answer(response, "M1", 5)  # weight 2, full marks
    answer(response, "Y1", "no")  # weight 1, nothing
    [gov, ops] = selectors.campaign_results(response.campaign, organisation=personas.org)
    assert gov["own"] == 3.67  # 1 + 4 × (2 × 1.0 + 1 × 0.0) / 3
    assert ops["own"] is None


def test_not_relevant_is_left_out_of_the_score(personas, response):
    answer(response, "M1", 4)
    saved = answer(response, "Y1", not_relevant=True)
    assert saved.not_relevant and saved.value is None and saved.score is None
    answer(response, "P1", not_relevant=True)
    [gov, _ops] = selectors.campaign_results(response.campaign, organisation=personas.org)
    assert gov["own"] == 4.0


def test_numbers_dates_and_text_do_not_count(personas, response):
    answer(response, "S1", "monthly")
    answer(response, "N1", "3")
    answer(response, "D1", "2026-01-01")
    answer(response, "T1", "Notes")
    [_gov, ops] = selectors.campaign_results(response.campaign, organisation=personas.org)
    assert ops["own"] == 5.0
