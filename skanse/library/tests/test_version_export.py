import io
import json

import pytest
import yaml
from openpyxl import load_workbook
from trestle.oscal.catalog import Catalog

from skanse.library.models import FrameworkVersion
from skanse.library.services import library_import
from skanse.library.tests.conftest import catalogue, generated, small, url

TYPES = {
    "oscal-json": ("application/json", "small-1.oscal.json"),
    "yaml": ("application/yaml", "small-1.yaml"),
    "json": ("application/json", "small-1.json"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "small-1.xlsx"),
}


def _export(client, org, version, fmt):
    response = client.get(url("library_export", org, version.uuid, fmt))
    assert response.status_code == 200
    return response


def _tree(version: FrameworkVersion) -> list[tuple]:
    return list(
        version.requirements.order_by("position").values_list(
            "ref_id",
            "parent__ref_id",
            "depth",
            "name",
            "description",
            "guidance",
            "assessable",
            "withdrawn",
            "translations",
        )
    )


@pytest.mark.parametrize("fmt", sorted(TYPES))
def test_each_format_downloads_with_its_type_and_file_name(personas, municipal, fmt):
    version = small()
    response = _export(municipal, personas.org, version, fmt)
    content_type, file_name = TYPES[fmt]
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{file_name}"'
    assert response.content


def test_the_oscal_catalog_validates_with_trestle(personas, municipal):
    for version in (catalogue("iso27001-2022"), generated(families=3, controls=4)):
        data = json.loads(_export(municipal, personas.org, version, "oscal-json").content)
        catalog = Catalog.model_validate(data["catalog"])
        assert catalog.metadata.title == version.name


def test_the_workbook_has_a_row_per_requirement(personas, municipal):
    iso = catalogue("iso27001-2022")
    workbook = load_workbook(io.BytesIO(_export(municipal, personas.org, iso, "xlsx").content))
    assert workbook.sheetnames == ["Framework", "Requirements"]
    header, *rows = workbook["Requirements"].iter_rows(values_only=True)
    assert header[:5] == ("ref_id", "parent", "depth", "name", "name_da")
    assert len(rows) == iso.requirement_count == iso.requirements.count()
    assert [row[0] for row in rows] == list(
        iso.requirements.order_by("position").values_list("ref_id", flat=True)
    )
    a51 = next(row for row in rows if row[0] == "A.5.1")
    assert a51[1:5] == (
        "A.5",
        3,
        "Policies for information security",
        "Politikker for informationssikkerhed",
    )
    meta = dict(workbook["Framework"].iter_rows(values_only=True))
    assert (meta["urn"], meta["version"]) == ("urn:skanse:framework:iso27001-2022", "1")


def test_the_yaml_reimports_as_a_new_version_with_the_same_requirements(personas, municipal):
    iso = catalogue("iso27001-2022")
    data = yaml.safe_load(_export(municipal, personas.org, iso, "yaml").content)
    assert data["format"] == "skanse-library/1"
    data["version"] = "2"
    report = library_import(yaml.safe_dump(data, allow_unicode=True).encode())
    assert report.created == ["urn:skanse:framework:iso27001-2022 2"]
    again = FrameworkVersion.objects.get(framework=iso.framework, version="2")
    assert again.requirement_count == iso.requirement_count
    assert _tree(again) == _tree(iso)
    assert (again.name, again.translations) == (iso.name, iso.translations)


def test_the_json_export_is_our_format_too(personas, municipal):
    version = small()
    data = json.loads(_export(municipal, personas.org, version, "json").content)
    assert (data["format"], data["kind"], data["urn"]) == (
        "skanse-library/1",
        "framework",
        "urn:test:small",
    )
    assert [n["ref_id"] for n in data["requirements"][0]["children"]] == ["S1.1", "S1.2"]


def test_reimporting_an_exported_version_changes_nothing(personas, municipal):
    version = small()
    content = _export(municipal, personas.org, version, "yaml").content
    assert library_import(content).skipped == ["urn:test:small 1"]


def test_a_draft_is_hidden_from_readers(personas, municipal, coordinator):
    draft = small(status="draft")
    for fmt in TYPES:
        assert (
            municipal.get(url("library_export", personas.org, draft.uuid, fmt)).status_code == 404
        )
    _export(coordinator, personas.coordinator_org, draft, "yaml")


def test_an_unknown_format_is_404(personas, municipal):
    version = small()
    assert (
        municipal.get(url("library_export", personas.org, version.uuid, "pdf")).status_code == 404
    )


def test_it_rejects_post(personas, municipal):
    version = small()
    assert (
        municipal.post(url("library_export", personas.org, version.uuid, "yaml")).status_code == 405
    )


@pytest.mark.parametrize("fmt", sorted(TYPES))
def test_its_query_count_does_not_grow_with_the_framework(
    personas, municipal, django_assert_max_num_queries, fmt
):
    version = small()
    bigger = generated(families=4, controls=10, enhancements=2)
    municipal.get(url("library_export", personas.org, version.uuid, fmt))
    for each in (version, bigger):
        with django_assert_max_num_queries(6):
            _export(municipal, personas.org, each, fmt)
