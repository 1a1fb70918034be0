import pytest
import yaml

from skanse.campaigns import services
from skanse.campaigns.models import Question, Questionnaire, QuestionnaireVersion, Section
from skanse.campaigns.tests.conftest import BASELINE, dump, load_catalogues, small_data
from skanse.library.documents import LibraryError
from skanse.library.models import Requirement
from tests.helpers import AUDIT

pytestmark = pytest.mark.django_db


def test_the_baseline_questionnaire_imports_with_its_requirement_links():
    load_catalogues()
    content = BASELINE.read_bytes()
    source = yaml.safe_load(content)
    version = services.questionnaire_import(content, via="cli")
    assert version.status == "published" and version.published_at is not None
    assert version.scale["min"] == 1 and version.scale["max"] == 5
    assert version.scale["target"] == 4 and len(version.scale["levels"]) == 5
    assert version.name_i18n == "Basisanalyse af kommunernes sikkerhedsarbejde"
    sections = list(version.sections.order_by("order"))
    assert [s.key for s in sections] == [s["key"] for s in source["sections"]]
    assert [s.track for s in sections] == [s["track"] for s in source["sections"]]
    questions = Question.objects.filter(section__version=version)
    expected = [q for s in source["sections"] for q in s["questions"]]
    assert questions.count() == len(expected)
    gov2 = questions.get(key="GOV-2")
    assert gov2.type == "maturity" and gov2.weight == 3 and gov2.evidence
    assert gov2.section.key == "governance"
    assert set(gov2.requirements.values_list("urn", flat=True)) == {
        "urn:skanse:framework:iso27001-2022:5.1",
        "urn:skanse:framework:iso27001-2022:5.2",
        "urn:skanse:framework:iso27001-2022:a.5.1",
        "urn:skanse:framework:nist-csf-2.0:gv.po-01",
    }
    links = sum(len(q.get("requirements", [])) for q in expected)
    assert Question.requirements.through.objects.filter(question__in=questions).count() == links
    assert AUDIT.filter(action="campaigns.questionnaire.imported").count() == 1


def test_importing_the_same_version_again_changes_nothing():
    data = small_data()
    assert services.questionnaire_import(dump(data)) is not None
    assert services.questionnaire_import(dump(data)) is None
    assert QuestionnaireVersion.objects.count() == 1
    assert Section.objects.count() == 2
    assert AUDIT.filter(action="campaigns.questionnaire.imported").count() == 1


def test_a_changed_file_under_the_same_version_is_refused():
    data = small_data()
    services.questionnaire_import(dump(data))
    data["sections"][0]["questions"][0]["text"] = "How mature, really?"
    with pytest.raises(LibraryError) as caught:
        services.questionnaire_import(dump(data))
    assert caught.value.where == "version"
    data["version"] = "2"
    assert services.questionnaire_import(dump(data)).version == "2"


def _broken(change):
    data = small_data()
    change(data)
    return dump(data)


def _set(path, value):
    def change(data):
        *parents, last = path
        node = data
        for step in parents:
            node = node[step]
        node[last] = value

    return change


BROKEN = {
    "unknown type": (
        _set(["sections", 0, "questions", 1, "type"], "slider"),
        "sections[0].questions[1].type",
    ),
    "unknown track": (_set(["sections", 1, "track"], "astrology"), "sections[1].track"),
    "duplicate key": (
        _set(["sections", 1, "questions", 2, "key"], "M1"),
        "sections[1].questions[2].key",
    ),
    "option score out of range": (
        _set(["sections", 1, "questions", 0, "options", 2, "score"], 1.5),
        "sections[1].questions[0].options[2].score",
    ),
    "unknown requirement": (
        _set(["sections", 0, "questions", 2, "requirements"], ["urn:skanse:framework:nope:1"]),
        "sections[0].questions[2].requirements",
    ),
    "weight out of range": (
        _set(["sections", 0, "questions", 0, "weight"], 11),
        "sections[0].questions[0].weight",
    ),
    "wrong format": (_set(["format"], "skanse-library/1"), "format"),
    "missing name": (_set(["name"], ""), "name"),
    "long question key": (
        _set(["sections", 0, "questions", 0, "key"], "K" * 31),
        "sections[0].questions[0].key",
    ),
    "section key not a slug": (_set(["sections", 1, "key"], "drift og it"), "sections[1].key"),
}


@pytest.mark.parametrize("problem", BROKEN)
def test_a_broken_file_is_refused_with_the_place_and_nothing_is_written(problem):
    change, where = BROKEN[problem]
    with pytest.raises(LibraryError) as caught:
        services.questionnaire_import(_broken(change))
    assert caught.value.where == where
    assert caught.value.message
    assert not Questionnaire.objects.exists()
    assert not Section.objects.exists() and not Question.objects.exists()
    assert not AUDIT.filter(action="campaigns.questionnaire.imported").exists()


def test_broken_yaml_is_refused_with_the_line():
    content = dump(small_data()).replace(b"key: gov", b"key: [gov", 1)
    with pytest.raises(LibraryError) as caught:
        services.questionnaire_import(content)
    assert caught.value.where.startswith("line ")
    assert not Questionnaire.objects.exists()


def test_an_unknown_requirement_leaves_no_half_imported_version():
    # The first section is written before the second's unknown URN is found.
    data = small_data()
    data["sections"][1]["questions"][3]["requirements"] = ["urn:skanse:framework:nope:1"]
    with pytest.raises(LibraryError):
        services.questionnaire_import(dump(data))
    assert not QuestionnaireVersion.objects.exists() and not Section.objects.exists()
    assert not Requirement.objects.exists()
