"""Isolation matrix rows for questionnaire authoring in skanse.campaigns (see __init__.py).

Questionnaires are the coordinator's global content: every page is coordinator-only, and no
object belongs to a municipality (so none is in TENANT_OBJECTS).
"""

from skanse.tenancy.roles import Cap
from tests.isolation import Row

VIEW, MANAGE = Cap.CAMPAIGNS_VIEW, Cap.CAMPAIGNS_MANAGE

QUESTIONNAIRE = b"""
format: skanse-questionnaire/1
key: matrix-authoring
version: "1"
name: Matrix authoring
scale:
  min: 1
  max: 3
  target: 2
  levels:
    - {value: 1, label: Low}
    - {value: 2, label: Middle}
    - {value: 3, label: High}
sections:
  - key: one
    title: One
    track: iso27001
    questions:
      - {key: A1, type: maturity, text: "How mature are you?"}
      - {key: A2, type: yes_partly_no, text: "Is there a policy?"}
"""


def _objects():
    from skanse.campaigns import authoring, services
    from skanse.campaigns.models import QuestionnaireVersion

    published = QuestionnaireVersion.objects.filter(
        questionnaire__key="matrix-authoring", status="published"
    ).first()
    if published is None:
        published = services.questionnaire_import(QUESTIONNAIRE)
    draft = published.questionnaire.versions.filter(status="draft").first()
    if draft is None:
        draft = authoring.version_new_draft(actor=None, version=published)
    section = draft.sections.get(key="one")
    return {
        "questionnaire_version": published,
        "questionnaire_draft": draft,
        "questionnaire_section": section,
        "questionnaire_question": section.questions.get(key="A2"),
    }


def _builder(kind):
    return lambda personas, org, user: _objects()[kind]


def _row(capability, methods=("GET",), obj=None, data=None):
    return Row(capability, methods, obj=obj, coordinator_only=True, data=data or {})


DRAFT, SECTION, QUESTION = "questionnaire_draft", "questionnaire_section", "questionnaire_question"
ORG_ROWS = {
    "questionnaire_list": _row(VIEW),
    "questionnaire_create": _row(
        MANAGE, ("GET", "POST"), data={"key": "matrix-new", "version": "1", "name": "New"}
    ),
    "questionnaire_version": _row(VIEW, obj="questionnaire_version"),
    "questionnaire_version_edit": _row(
        MANAGE, ("GET", "POST"), DRAFT, {"version": "9", "name": "Changed"}
    ),
    "questionnaire_scale": _row(
        MANAGE,
        ("GET", "POST"),
        DRAFT,
        {"minimum": "1", "maximum": "4", "target": "3", "level_4_label": "Top"},
    ),
    "questionnaire_publish": _row(MANAGE, ("POST",), DRAFT),
    "questionnaire_new_draft": _row(MANAGE, ("POST",), "questionnaire_version"),
    "questionnaire_draft_delete": _row(MANAGE, ("POST",), DRAFT),
    "questionnaire_export": _row(VIEW, obj="questionnaire_version"),
    # No file: refused at the field (400), after the access checks.
    "questionnaire_upload": _row(MANAGE, ("POST",), "questionnaire_version"),
    "questionnaire_section_add": _row(
        MANAGE, ("GET", "POST"), DRAFT, {"key": "two", "name": "Two", "track": "gdpr"}
    ),
    "questionnaire_section_edit": _row(
        MANAGE, ("GET", "POST"), SECTION, {"key": "one", "name": "Changed", "track": "gdpr"}
    ),
    "questionnaire_section_delete": _row(MANAGE, ("POST",), SECTION),
    "questionnaire_section_move": _row(MANAGE, ("POST",), SECTION, {"direction": "down"}),
    "questionnaire_question_add": _row(
        MANAGE,
        ("GET", "POST"),
        SECTION,
        {"key": "B1", "type": "number", "name": "How many?", "weight": "1"},
    ),
    "questionnaire_question_edit": _row(
        MANAGE,
        ("GET", "POST"),
        QUESTION,
        {"key": "A2", "type": "yes_partly_no", "name": "Changed?", "weight": "2"},
    ),
    "questionnaire_question_delete": _row(MANAGE, ("POST",), QUESTION),
    "questionnaire_question_move": _row(MANAGE, ("POST",), QUESTION, {"direction": "up"}),
}
API_ROWS = {
    ("GET", "/api/v1/questionnaires"): Row(VIEW),
    ("GET", "/api/v1/questionnaires/{uuid}"): Row(VIEW, obj="questionnaire_version"),
}
BUILDERS = {kind: _builder(kind) for kind in ("questionnaire_version", DRAFT, SECTION, QUESTION)}
PARAMS = {
    "questionnaire_version": "version",
    DRAFT: "version",
    SECTION: "section",
    QUESTION: "question",
}
TENANT_OBJECTS = ()
