"""Questionnaire authoring: a draft built and published in the interface, new drafts from a
version, the checks before publishing, and published versions that cannot change."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from skanse.campaigns import authoring
from skanse.campaigns.models import Question, QuestionnaireVersion, Section
from skanse.campaigns.tests.conftest import import_small, url
from skanse.library.models import Requirement
from skanse.library.services import library_import
from tests.helpers import AUDIT, da, field_errors, shows

LIBRARY = b"""format: skanse-library/1
kind: framework
urn: urn:test:authoring
version: "1"
name: Authoring test framework
requirements:
  - {ref_id: R1, name: First requirement}
  - {ref_id: R2, name: Second requirement}
"""


@pytest.fixture
def urns(db) -> list[str]:
    library_import(LIBRARY, via="cli")
    return sorted(
        Requirement.objects.filter(version__status="published").values_list("urn", flat=True)
    )


def go(personas, name, *args):
    return url(name, personas.coordinator_org, *args)


def new_draft(**changes) -> QuestionnaireVersion:
    fields = {"key": "survey", "version": "1", "name": "Survey", "name_da": "Undersøgelse"}
    return authoring.questionnaire_create(actor=None, **{**fields, **changes})


def test_the_coordinator_builds_a_questionnaire_in_the_interface_and_publishes_it(
    personas, coordinator, urns
):
    page = coordinator.post(
        go(personas, "questionnaire_create"),
        {"key": "Survey", "version": "1", "name": "Survey", "name_da": "Undersøgelse"},
    )
    draft = QuestionnaireVersion.objects.get(questionnaire__key="survey")
    assert page.status_code == 302 and page["Location"].endswith(f"/{draft.uuid}/")
    assert draft.status == "draft" and draft.name_i18n == "Undersøgelse"
    scale = {"minimum": "0", "maximum": "2", "target": "1.5"}
    for value, (en, dk) in enumerate([("None", "Ingen"), ("Some", "Nogen"), ("Full", "Fuld")]):
        scale |= {f"level_{value}_label": en, f"level_{value}_label_da": dk}
        scale[f"level_{value}_description"] = f"What {en.lower()} means"
    assert (
        coordinator.post(go(personas, "questionnaire_scale", draft.uuid), scale).status_code == 302
    )
    section_data = {"key": "gov", "name": "Governance", "name_da": "Styring", "track": "gdpr"}
    page = coordinator.post(go(personas, "questionnaire_section_add", draft.uuid), section_data)
    assert page.status_code == 302
    section = draft.sections.get()
    question = {
        "key": "GOV-1",
        "type": "single_choice",
        "name": "How often?",
        "name_da": "Hvor ofte?",
        "description": "Count the last year.",
        "weight": "3",
        "required": "on",
        "evidence": "on",
        "options": "never | Never | Aldrig | 0\nmonthly | Monthly | Månedligt | 1",
        "requirements": f"{urns[0]}\n{urns[1].upper()}",
    }
    page = coordinator.post(go(personas, "questionnaire_question_add", section.uuid), question)
    assert page.status_code == 302
    maturity = {"key": "GOV-2", "type": "maturity", "name": "How mature?", "weight": "1"}
    coordinator.post(go(personas, "questionnaire_question_add", section.uuid), maturity)

    page = coordinator.post(go(personas, "questionnaire_publish", draft.uuid), follow=True)
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_at and draft.content_hash
    assert shows(page, da("Version %(v)s was published. It can no longer be changed.") % {"v": "1"})
    saved = Question.objects.get(key="GOV-1")
    assert (saved.weight, saved.required, saved.evidence) == (3, True, True)
    assert [o["key"] for o in saved.options] == ["never", "monthly"]
    assert saved.options[1]["translations"] == {"da": {"name": "Månedligt"}}
    assert saved.name_i18n == "Hvor ofte?"
    assert sorted(saved.requirements.values_list("urn", flat=True)) == urns
    assert [lv["translations"]["da"]["name"] for lv in draft.scale["levels"]] == [
        "Ingen",
        "Nogen",
        "Fuld",
    ]
    assert (draft.scale["min"], draft.scale["max"], draft.scale["target"]) == (0, 2, 1.5)
    actions = set(
        AUDIT.filter(object_type__startswith="campaigns.").values_list("action", flat=True)
    )
    assert {
        "campaigns.questionnaire.created",
        "campaigns.questionnaire.changed",
        "campaigns.questionnaire.section.saved",
        "campaigns.questionnaire.question.saved",
        "campaigns.questionnaire.published",
    } <= actions
    event = AUDIT.get(action="campaigns.questionnaire.question.saved", object_uuid=saved.uuid)
    assert event.actor == personas.coordinator
    assert event.organisation == personas.coordinator_org
    assert event.changes["weight"] == [None, 3]


def test_a_published_version_is_immutable_in_every_service(db, urns):
    version = import_small()
    section = version.sections.first()
    question = section.questions.first()
    before = authoring.version_content(version)
    attempts = [
        lambda: authoring.version_update(actor=None, version=version, label="9", name="X"),
        lambda: authoring.scale_update(
            actor=None, version=version, minimum=0, maximum=3, target=2, levels=[]
        ),
        lambda: authoring.section_save(
            actor=None, version=version, key="new", name="New", track="gdpr"
        ),
        lambda: authoring.section_save(
            actor=None, version=version, section=section, key="x", name="X", track="gdpr"
        ),
        lambda: authoring.section_delete(actor=None, section=section),
        lambda: authoring.section_move(actor=None, section=section, direction="down"),
        lambda: authoring.question_save(
            actor=None, section=section, key="NEW", type="number", name="New?"
        ),
        lambda: authoring.question_save(
            actor=None, section=section, question=question, key="X", type="number", name="X"
        ),
        lambda: authoring.question_delete(actor=None, question=question),
        lambda: authoring.question_move(actor=None, question=question, direction="down"),
        lambda: authoring.version_publish(actor=None, version=version),
        lambda: authoring.draft_delete(actor=None, version=version),
    ]
    for attempt in attempts:
        with (
            translation.override("en"),
            pytest.raises(ValidationError, match="no longer be changed"),
        ):
            attempt()
    assert authoring.version_content(version) == before
    assert (
        not AUDIT.filter(action__startswith="campaigns.questionnaire.")
        .exclude(action="campaigns.questionnaire.imported")
        .exists()
    )


def test_the_edit_pages_of_a_published_version_are_not_found(personas, coordinator, small):
    section = small.sections.first()
    question = section.questions.first()
    for name, obj in [
        ("questionnaire_version_edit", small),
        ("questionnaire_scale", small),
        ("questionnaire_section_add", small),
        ("questionnaire_section_edit", section),
        ("questionnaire_question_add", section),
        ("questionnaire_question_edit", question),
    ]:
        assert coordinator.get(go(personas, name, obj.uuid)).status_code == 404
    for name, obj in [
        ("questionnaire_publish", small),
        ("questionnaire_question_delete", question),
    ]:
        assert coordinator.post(go(personas, name, obj.uuid)).status_code == 404
    page = coordinator.get(go(personas, "questionnaire_version", small.uuid))
    assert page.status_code == 200
    assert go(personas, "questionnaire_new_draft", small.uuid) in page.content.decode()
    assert go(personas, "questionnaire_version_edit", small.uuid) not in page.content.decode()


def test_a_new_draft_copies_the_version_and_is_numbered_after_the_newest(
    personas, coordinator, urns
):
    draft = new_draft()
    section = authoring.section_save(actor=None, version=draft, key="s", name="S", track="gdpr")
    authoring.question_save(
        actor=None,
        section=section,
        key="Q1",
        type="multiple_choice",
        name="Which?",
        options=[
            {"key": "a", "label": "A", "score": 0.5, "translations": {}},
            {"key": "b", "label": "B", "score": 1, "translations": {}},
        ],
        requirements=urns,
    )
    authoring.version_publish(actor=None, version=draft)
    page = coordinator.post(go(personas, "questionnaire_new_draft", draft.uuid))
    copy = QuestionnaireVersion.objects.get(questionnaire=draft.questionnaire, version="2")
    assert page.status_code == 302 and copy.status == "draft"
    original, copied = authoring.version_content(draft), authoring.version_content(copy)
    assert copied == {**original, "version": "2"}
    assert Question.objects.get(section__version=copy).requirements.count() == 2
    assert AUDIT.filter(action="campaigns.questionnaire.drafted", object_uuid=copy.uuid).exists()


def test_publishing_lists_what_is_missing_and_changes_nothing(personas, coordinator):
    draft = new_draft()
    section = authoring.section_save(actor=None, version=draft, key="s", name="S", track="gdpr")
    authoring.section_save(actor=None, version=draft, key="empty", name="E", track="gdpr")
    question = authoring.question_save(
        actor=None, section=section, key="M1", type="maturity", name="How mature?"
    )
    Question.objects.filter(pk=question.pk).update(type="single_choice")  # options bypassed
    page = coordinator.post(go(personas, "questionnaire_publish", draft.uuid), follow=True)
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert shows(page, da("The section “%(key)s” has no questions.") % {"key": "empty"})
    assert shows(
        page, da("The choice question “%(key)s” needs at least two options.") % {"key": "M1"}
    )
    Question.objects.filter(pk=question.pk).update(type="maturity")
    Section.objects.filter(key="empty").delete()
    assert authoring.publish_problems(draft) == [
        da("Every level of the maturity scale needs a label.")
    ]


def test_bad_input_is_shown_at_the_field_and_nothing_is_saved(personas, coordinator, urns):
    draft = new_draft()
    section = authoring.section_save(actor=None, version=draft, key="s", name="S", track="gdpr")
    authoring.question_save(actor=None, section=section, key="Q1", type="number", name="N?")
    add = go(personas, "questionnaire_question_add", section.uuid)
    base = {"key": "Q2", "type": "single_choice", "name": "Which?", "weight": "1"}
    cases = [
        ({"key": "Q1"}, "key", "Another question of this version has this key."),
        ({"options": "a | A | A | 1"}, "options", "A choice question needs at least two options."),
        ({"options": "a | A | 1\nb | B | B | 0"}, "options", None),
        ({"options": "a|A||2\nb|B||0"}, "options", "An option's score must be from 0 to 1."),
        ({"requirements": "urn:test:nowhere"}, "requirements", None),
        ({"weight": "11"}, "weight", None),
    ]
    for change, field, message in cases:
        page = coordinator.post(add, {**base, "options": "a|A||1\nb|B||0", **change})
        assert page.status_code == 400, change
        errors = field_errors(page, field)
        assert errors, change
        if message:
            assert errors == [da(message)]
    assert section.questions.count() == 1
    page = coordinator.post(
        go(personas, "questionnaire_section_add", draft.uuid),
        {"key": "S", "name": "x", "track": "gdpr"},
    )
    assert field_errors(page, "key") == [da("Another section of this version has this key.")]
    page = coordinator.post(
        go(personas, "questionnaire_scale", draft.uuid),
        {"minimum": "1", "maximum": "5", "target": "7"},
    )
    assert field_errors(page, "target") == [da("The target must be on the scale.")]
    page = coordinator.post(
        go(personas, "questionnaire_scale", draft.uuid),
        {"minimum": "3", "maximum": "2", "target": "2"},
    )
    assert field_errors(page, "maximum") == [
        da("The scale must run from a lower to a higher number (0–100).")
    ]
    draft.refresh_from_db()
    assert draft.scale == authoring.DEFAULT_SCALE
    page = coordinator.post(
        go(personas, "questionnaire_create"), {"key": "survey", "version": "1", "name": "Again"}
    )
    assert field_errors(page, "key") == [da("A questionnaire with this key exists already.")]


def test_sections_and_questions_move_up_and_down(personas, coordinator):
    draft = new_draft()
    first = authoring.section_save(actor=None, version=draft, key="a", name="A", track="gdpr")
    second = authoring.section_save(actor=None, version=draft, key="b", name="B", track="gdpr")
    for key in ("Q1", "Q2", "Q3"):
        authoring.question_save(actor=None, section=first, key=key, type="text", name=key)
    moved = coordinator.post(
        go(personas, "questionnaire_section_move", second.uuid), {"direction": "up"}
    )
    assert moved.status_code == 302
    assert list(draft.sections.order_by("order").values_list("key", flat=True)) == ["b", "a"]
    q3 = Question.objects.get(key="Q3")
    coordinator.post(
        go(personas, "questionnaire_question_move", q3.uuid),
        {"direction": "up"},
        HTTP_HX_REQUEST="true",
    )
    assert list(first.questions.order_by("order").values_list("key", flat=True)) == [
        "Q1",
        "Q3",
        "Q2",
    ]
    # The top cannot move further up: nothing changes, nothing is recorded.
    events = AUDIT.count()
    coordinator.post(go(personas, "questionnaire_section_move", second.uuid), {"direction": "up"})
    assert AUDIT.count() == events
    assert AUDIT.get(action="campaigns.questionnaire.question.moved").changes == {
        "position": [3, 2]
    }


def test_deleting_a_section_a_question_and_a_draft(personas, coordinator):
    draft = new_draft()
    section = authoring.section_save(actor=None, version=draft, key="a", name="A", track="gdpr")
    question = authoring.question_save(actor=None, section=section, key="Q", type="text", name="Q")
    coordinator.post(go(personas, "questionnaire_question_delete", question.uuid))
    assert not Question.objects.filter(pk=question.pk).exists()
    coordinator.post(go(personas, "questionnaire_section_delete", section.uuid))
    assert not draft.sections.exists()
    page = coordinator.post(go(personas, "questionnaire_draft_delete", draft.uuid))
    assert page["Location"] == go(personas, "questionnaire_list")
    assert not QuestionnaireVersion.objects.filter(pk=draft.pk).exists()
    assert AUDIT.filter(action="campaigns.questionnaire.deleted").count() == 1


def test_the_analyst_reads_the_questionnaires_but_cannot_change_them(personas, small):
    client = personas.client(personas.analyst)
    page = client.get(go(personas, "questionnaire_version", small.uuid))
    assert page.status_code == 200
    assert go(personas, "questionnaire_new_draft", small.uuid) not in page.content.decode()
    assert client.post(go(personas, "questionnaire_new_draft", small.uuid)).status_code == 403


def test_a_municipality_cannot_open_the_questionnaire_pages(personas, small):
    client = personas.client(personas.admin)
    response = client.get(url("questionnaire_version", personas.org, small.uuid))
    assert response.status_code == 403  # no municipality role has campaigns.view


def test_the_campaign_list_links_to_the_questionnaires(personas, coordinator):
    page = coordinator.get(go(personas, "campaign_list"))
    assert go(personas, "questionnaire_list") in page.content.decode()


def test_the_pages_take_a_bounded_number_of_queries(
    personas, coordinator, urns, django_assert_max_num_queries
):
    small = import_small()
    draft = authoring.version_new_draft(actor=None, version=small)
    for n in range(20):
        section = authoring.section_save(
            actor=None, version=draft, key=f"more-{n}", name=f"More {n}", track="gdpr"
        )
        for m in range(3):
            authoring.question_save(
                actor=None,
                section=section,
                key=f"X{n}-{m}",
                type="text",
                name="?",
                requirements=urns,
            )
    with django_assert_max_num_queries(20):
        page = coordinator.get(go(personas, "questionnaire_version", draft.uuid))
    assert page.status_code == 200 and shows(page, "More 19")
    with django_assert_max_num_queries(12):
        assert coordinator.get(go(personas, "questionnaire_list")).status_code == 200


def _api(personas, user, org):
    from django.test import Client
    from django_scopes import scopes_disabled

    from skanse.tenancy.services import token_create

    with scopes_disabled():
        _token, secret = token_create(actor=user, organisation=org, name="api")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_the_api_lists_versions_and_gives_one_with_its_sections_and_questions(personas, urns):
    draft = new_draft()
    section = authoring.section_save(actor=None, version=draft, key="s", name="S", track="gdpr")
    authoring.question_save(
        actor=None, section=section, key="Q1", type="number", name="How many?", requirements=urns
    )
    client = _api(personas, personas.coordinator, personas.coordinator_org)
    listed = client.get("/api/v1/questionnaires").json()["items"]
    assert [(v["key"], v["version"], v["status"]) for v in listed] == [("survey", "1", "draft")]
    detail = client.get(f"/api/v1/questionnaires/{draft.uuid}").json()
    assert detail["scale"]["max"] == 5
    assert detail["sections"][0]["key"] == "s"
    assert detail["sections"][0]["questions"][0]["requirements"] == urns
    municipality = _api(personas, personas.admin, personas.org)
    assert municipality.get("/api/v1/questionnaires").status_code == 403
