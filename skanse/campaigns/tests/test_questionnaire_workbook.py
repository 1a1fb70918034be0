"""The Excel round trip of a questionnaire: export a version, edit the workbook, import it
back as a new draft; every wrong cell named, nothing saved; hostile files refused."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook, load_workbook

from skanse.campaigns import authoring, questionnaire_workbook, services
from skanse.campaigns import workbook as response_workbook
from skanse.campaigns.models import QuestionnaireVersion
from skanse.campaigns.tests.conftest import (
    BASELINE,
    import_small,
    load_catalogues,
    small_data,
    url,
)
from skanse.library.models import Requirement
from skanse.library.services import library_import
from tests.helpers import AUDIT, da, shows

LIBRARY = b"""format: skanse-library/1
kind: framework
urn: urn:test:workbook
version: "1"
name: Workbook test framework
requirements:
  - {ref_id: W1, name: One}
"""


@pytest.fixture
def urn(db) -> str:
    library_import(LIBRARY, via="cli")
    return Requirement.objects.get(ref_id="W1").urn


@pytest.fixture
def linked(urn) -> QuestionnaireVersion:
    """The small questionnaire with Danish texts, level descriptions and a requirement link."""
    data = small_data()
    data["description"], data["description_da"] = "About it", "Om det"
    data["scale"]["levels"][0] |= {"label_da": "Niveau 1", "description": "Nothing written"}
    data["sections"][0]["questions"][0] |= {
        "requirements": [urn],
        "help": "Think of it",
        "help_da": "Tænk over det",
        "evidence": True,
    }
    data["sections"][1]["questions"][0]["options"][0]["label_da"] = "Aldrig"
    return import_small(data)


def export(version) -> Workbook:
    return load_workbook(io.BytesIO(questionnaire_workbook.version_workbook(version)))


def save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def refused(content: bytes, questionnaire) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        questionnaire_workbook.read(content, questionnaire)
    return caught.value.messages


def test_the_export_has_a_readable_sheet_per_part_with_lists_to_choose_from(linked, urn):
    with translation.override("en"):
        workbook = export(linked)
    assert workbook.sheetnames == ["Questionnaire", "Scale", "Sections", "Questions", "Options"]
    questions = workbook["Questions"]
    assert [c.value for c in questions[1]][:4] == ["Section key", "Key", "Type", "Question"]
    assert [c.value for c in questions[2]] == [
        "gov", "M1", "maturity", "How mature?", None, "Think of it", "Tænk over det",
        2, "x", "x", urn,
    ]  # fmt: skip
    lists = {str(v.sqref): v.formula1 for v in questions.data_validations.dataValidation}
    assert '"maturity,yes_partly_no,' in lists["C2:C5001"]
    assert lists["A2:A5001"] == "'Sections'!$A$2:$A$5001"
    tracks = workbook["Sections"].data_validations.dataValidation[0]
    assert tracks.formula1 == '"baseline,awareness,iso27001,architecture,gdpr"'
    meta = {row[0].value: row[1].value for row in workbook["Questionnaire"].iter_rows(min_row=2)}
    assert meta["key"] == "small" and meta["name_da"] == "Lille spørgeskema"
    assert (meta["scale_min"], meta["scale_max"], meta["scale_target"]) == (1, 5, 4)
    assert [c.value for c in workbook["Scale"][2]] == [
        1,
        "Level 1",
        "Niveau 1",
        "Nothing written",
        None,
    ]
    assert [c.value for c in workbook["Options"][2]] == ["S1", "never", "Never", "Aldrig", 0]


def test_an_unchanged_workbook_imports_as_a_draft_with_the_same_content(linked):
    data = questionnaire_workbook.read(save(export(linked)), linked.questionnaire)
    draft = authoring.draft_import(actor=None, questionnaire=linked.questionnaire, data=data)
    assert draft.status == "draft" and draft.version == "2"
    assert authoring.version_content(draft) == {**authoring.version_content(linked), "version": "2"}


def test_the_baseline_questionnaire_survives_the_round_trip_in_danish(db):
    load_catalogues()
    baseline = services.questionnaire_import(BASELINE.read_bytes(), via="cli")
    with translation.override("da"):
        content = questionnaire_workbook.version_workbook(baseline)
        data = questionnaire_workbook.read(content, baseline.questionnaire)
    draft = authoring.draft_import(actor=None, questionnaire=baseline.questionnaire, data=data)
    copied, original = authoring.version_content(draft), authoring.version_content(baseline)
    assert copied == {**original, "version": "2"}
    assert sum(len(s["questions"]) for s in copied["sections"]) == 44


def test_the_round_trip_brings_an_edited_cell_back_as_a_new_draft(personas, coordinator, linked):
    page = coordinator.get(url("questionnaire_export", personas.coordinator_org, linked.uuid))
    assert page.status_code == 200
    assert page["Content-Type"] == questionnaire_workbook.CONTENT_TYPE
    assert 'filename="small-1.xlsx"' in page["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(page.content))
    questions = workbook[da("Questions")]
    assert questions["B3"].value == "Y1"
    questions["D3"] = "Is there an approved policy?"
    questions["H3"] = 4
    workbook[da("Sections")]["D3"] = "gdpr"
    upload = SimpleUploadedFile("edited.xlsx", save(workbook))
    page = coordinator.post(
        url("questionnaire_upload", personas.coordinator_org, linked.uuid), {"file": upload}
    )
    draft = QuestionnaireVersion.objects.get(questionnaire=linked.questionnaire, status="draft")
    assert page.status_code == 302
    assert page["Location"] == url("questionnaire_version", personas.coordinator_org, draft.uuid)
    question = draft.sections.get(key="gov").questions.get(key="Y1")
    assert (question.name, question.weight) == ("Is there an approved policy?", 4)
    assert draft.sections.get(key="ops").track == "gdpr"
    assert linked.sections.get(key="gov").questions.get(key="Y1").weight == 1  # untouched
    event = AUDIT.get(action="campaigns.questionnaire.drafted", object_uuid=draft.uuid)
    assert event.via == "workbook" and event.actor == personas.coordinator


def test_every_wrong_cell_is_named_and_nothing_is_imported(personas, coordinator, linked, urn):
    with translation.override("en"):
        workbook = export(linked)
    questions, options = workbook["Questions"], workbook["Options"]
    questions["C2"] = "scale"  # no such type
    questions["H3"] = 11  # weight out of range
    questions["I4"] = "yes"  # not "x"
    questions["K2"] = f"{urn} urn:test:nowhere"
    questions["B9"] = "N1"  # a key used twice
    questions["A7"] = "nosuch"
    workbook["Sections"]["D2"] = "security"
    options["E2"] = 1.5
    options.append(["P1", "a", "A", None, 0])  # a percentage question has no options
    workbook["Scale"]["A3"] = 9
    workbook["Questionnaire"]["B10"] = 7  # the target beyond the scale
    before = QuestionnaireVersion.objects.count()
    with translation.override("en"):
        messages = refused(save(workbook), linked.questionnaire)
        assert messages[0] == "Nothing was imported: 11 cells are wrong."
        assert "Questions!K2: “urn:test:nowhere” is not in the library." in messages
    cells = sorted(m.split(":")[0] for m in messages[1:])
    assert cells == sorted(
        [
            "Questions!C2",
            "Questions!H3",
            "Questions!I4",
            "Questions!K2",
            "Questions!B9",
            "Questions!A7",
            "Sections!D2",
            "Options!E2",
            "Options!A8",
            "Scale!A3",
            "Questionnaire!B10",
        ]
    )
    assert QuestionnaireVersion.objects.count() == before
    page = coordinator.post(
        url("questionnaire_upload", personas.coordinator_org, linked.uuid),
        {"file": SimpleUploadedFile("bad.xlsx", save(workbook))},
    )
    assert page.status_code == 400
    assert shows(page, "Questions!H3: " + da("a whole number from 1 to 10."))
    assert QuestionnaireVersion.objects.count() == before


def test_a_workbook_of_another_questionnaire_is_refused(linked):
    other = import_small({**small_data(), "key": "other"})
    messages = refused(save(export(linked)), other.questionnaire)
    assert len(messages) == 2
    assert messages[1].startswith(f"{da('Questionnaire')}!B2: ")


def test_a_missing_sheet_or_a_changed_header_is_refused(linked):
    with translation.override("en"):
        workbook = export(linked)
    del workbook["Options"]
    workbook["Sections"]["B1"] = "Name"
    messages = refused(save(workbook), linked.questionnaire)
    assert da("The workbook has no sheet named “%(name)s”.") % {"name": da("Options")} in messages
    assert "Sections!A1: " + da("the header row has been changed.") in messages


def test_a_danish_workbook_imports_for_a_reader_in_english(linked):
    with translation.override("da"):
        content = save(export(linked))
    with translation.override("en"):
        data = questionnaire_workbook.read(content, linked.questionnaire)
    assert [s["key"] for s in data["sections"]] == ["gov", "ops"]


def _zip(parts: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_hostile_or_broken_files_are_refused(linked, settings):
    not_excel = da("The file is not an Excel workbook (.xlsx).")
    assert refused(b"name,key\nx,y\n", linked.questionnaire) == [not_excel]
    assert refused(_zip({"hello.txt": "hi"}), linked.questionnaire) == [not_excel]
    bomb = _zip({"xl/worksheets/sheet1.xml": b"\0" * (response_workbook.MAX_UNPACKED + 1)})
    assert len(bomb) < 1_000_000
    assert refused(bomb, linked.questionnaire) == [
        da("The workbook unpacks to more than Skanse accepts.")
    ]
    many = _zip({f"part{n}.xml": "x" for n in range(response_workbook.MAX_PARTS + 1)})
    assert refused(many, linked.questionnaire) == [
        da("The workbook unpacks to more than Skanse accepts.")
    ]
    settings.LIBRARY_IMPORT_MAX_BYTES = 1000
    assert refused(save(export(linked)), linked.questionnaire) == [
        da("The file is larger than %(mb)d MB.") % {"mb": 0}
    ]


def test_a_sheet_with_too_many_rows_is_refused(linked, monkeypatch):
    monkeypatch.setattr(questionnaire_workbook, "MAX_ROWS", 3)
    with translation.override("en"):
        messages = refused(save(export(linked)), linked.questionnaire)
    # Asked in English, told in English (the reader's language, not the file's).
    assert messages == ["The sheet “Questionnaire” has too many rows."]


def test_the_export_takes_a_few_queries_whatever_the_size(linked, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        questionnaire_workbook.version_workbook(linked)


def _replace(content: bytes, name: str, data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    parts[name] = data
    return _zip(parts)


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>"""


def test_xml_entities_and_broken_xml_in_a_sheet_are_refused(linked):
    content = save(export(linked))
    not_excel = da("The file is not an Excel workbook (.xlsx).")
    for sheet in ("sheet1", "sheet4"):  # read when the workbook opens, or while it is read
        for data in (LAUGHS, b"<worksheet><sheetData><row>"):
            hostile = _replace(content, f"xl/worksheets/{sheet}.xml", data)
            assert refused(hostile, linked.questionnaire) == [not_excel], (sheet, data[:20])
    # Cut short at the end: found only while the rows are read.
    source = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet4.xml")
    hostile = _replace(content, "xl/worksheets/sheet4.xml", source[:-40])
    assert refused(hostile, linked.questionnaire) == [not_excel]
