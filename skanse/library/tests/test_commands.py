import io

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import load_workbook

from benchmarks.generate import oscal_catalog_bytes
from skanse.library.exporters import FORMATS, export_version
from skanse.library.models import Framework, FrameworkVersion, MappingSet
from skanse.library.tests.conftest import (
    CATALOGUES,
    framework_file,
    generated,
    profile_file,
    small,
)
from tests.helpers import events

GENERATED = "urn:skanse:oscal:generated-security-controls-catalog"


def _run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _files(tmp_path, **contents) -> list[str]:
    paths = []
    for name, content in contents.items():
        path = tmp_path / name.replace("_", ".")
        path.write_bytes(content)
        paths.append(str(path))
    return paths


def test_import_framework_imports_several_files_and_reports_each(personas, tmp_path):
    paths = _files(
        tmp_path,
        one_yaml=framework_file(urn="urn:test:one"),
        two_json=oscal_catalog_bytes(families=1, controls=2),
    )
    out, _err = _run("import-framework", *paths)
    assert f"{paths[0]}: skanse-yaml; created 1, skipped 0 (unchanged); 3 requirements" in out
    assert f"{paths[1]}: oscal-json; created 1, skipped 0 (unchanged); 7 requirements" in out
    assert "  created urn:test:one 1" in out
    assert (
        FrameworkVersion.objects.filter(framework__urn__in=["urn:test:one", GENERATED]).count() == 2
    )
    [first, second] = events(personas.coordinator_org, "library.version.imported")
    assert (first.actor, first.via) == (None, "cli")
    assert second.changes["format"] == [None, "oscal"]


def test_a_bad_file_fails_the_command_names_the_file_and_writes_nothing_of_it(personas, tmp_path):
    broken = framework_file(urn="urn:test:broken", extra=[{"ref_id": "S1.2", "name": "Twice"}])
    paths = _files(
        tmp_path,
        good_yaml=framework_file(urn="urn:test:good"),
        broken_yaml=broken,
        later_yaml=framework_file(urn="urn:test:later"),
    )
    # A CommandError is what makes `skanse import-framework` exit with status 1. (Running it
    # through execute_from_command_line would close the test's database connection.)
    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 of 3 files were not imported"):
        call_command("import-framework", *paths, stdout=stdout, stderr=stderr)
    out, err = stdout.getvalue(), stderr.getvalue()
    assert f"{paths[1]}: nothing imported. requirements[1]: " in err
    assert "“S1.2”" in err
    assert paths[1] not in out
    assert set(Framework.objects.values_list("urn", flat=True)) == {
        "urn:test:good",
        "urn:test:later",
    }


def test_an_unreadable_file_is_named(personas, tmp_path):
    missing = tmp_path / "missing.yaml"
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 1 files were not imported"):
        call_command("import-framework", str(missing), stdout=io.StringIO(), stderr=err)
    assert f"{missing}: cannot be read" in err.getvalue()


def test_a_rerun_reports_every_file_as_unchanged(personas, tmp_path):
    paths = _files(
        tmp_path,
        one_yaml=framework_file(urn="urn:test:one"),
        two_yaml=framework_file(urn="urn:test:two"),
    )
    _run("import-framework", *paths)
    out, _err = _run("import-framework", *paths)
    assert out.count("created 0, skipped 1 (unchanged); 0 requirements") == 2
    assert "  unchanged urn:test:one 1" in out and "  unchanged urn:test:two 1" in out
    assert FrameworkVersion.objects.count() == 2
    assert len(events(personas.coordinator_org, "library.version.imported")) == 2


def test_profile_base_names_the_catalog_a_profile_selects_from(personas, tmp_path):
    base = generated(families=2, controls=3, enhancements=1)
    [path] = _files(tmp_path, low_json=profile_file(base, href="https://example.test/other.json"))
    with pytest.raises(CommandError):
        _run("import-framework", path)  # the file name matches no imported catalog
    out, _err = _run("import-framework", path, "--profile-base", f"{GENERATED}@{base.version}")
    assert "oscal-profile-json; created 1" in out
    resolved = FrameworkVersion.objects.get(framework__urn="urn:skanse:oscal:low-baseline")
    assert resolved.requirements.filter(assessable=True).count() == 1
    with pytest.raises(CommandError, match="No published framework urn:test:none"):
        _run("import-framework", path, "--profile-base", "urn:test:none")


def test_without_profile_base_a_profile_finds_its_catalog_by_file_name(personas, tmp_path):
    [catalog] = _files(tmp_path, catalog_json=oscal_catalog_bytes(families=2, controls=3))
    _run("import-framework", catalog)
    base = FrameworkVersion.objects.get(framework__urn=GENERATED)
    [profile] = _files(tmp_path, low_json=profile_file(base))
    out, _err = _run("import-framework", profile)
    assert "created 1" in out
    assert FrameworkVersion.objects.filter(framework__urn="urn:skanse:oscal:low-baseline").exists()


def test_import_framework_leaves_the_language_alone(personas, tmp_path):
    [path] = _files(tmp_path, one_yaml=framework_file())
    with translation.override("da"):
        _run("import-framework", path)
        assert translation.get_language() == "da"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_framework_writes_each_format_to_a_file(personas, tmp_path, fmt):
    version = small()
    target = tmp_path / f"out.{fmt}"
    _out, err = _run("export-framework", "urn:test:small", "--format", fmt, "-o", str(target))
    expected, _type, _name = export_version(version, fmt)
    assert f"Wrote {target} ({len(expected)} bytes)." in err
    if fmt == "xlsx":
        written = load_workbook(target)["Requirements"]
        assert [row[0] for row in written.iter_rows(values_only=True)] == [
            "ref_id",
            "S1",
            "S1.1",
            "S1.2",
        ]
    else:
        assert target.read_bytes() == expected


@pytest.mark.parametrize("fmt", sorted(set(FORMATS) - {"xlsx"}))
def test_export_framework_writes_text_formats_to_standard_output(personas, fmt):
    version = small()
    out, _err = _run("export-framework", "URN:test:small", "--format", fmt)
    assert out.encode() == export_version(version, fmt)[0]


def test_export_framework_refuses_excel_on_standard_output(personas):
    small()
    with pytest.raises(CommandError, match="--output"):
        _run("export-framework", "urn:test:small", "--format", "xlsx")


def test_export_framework_picks_the_newest_published_or_the_named_version(personas):
    small()
    small(version="2", extra=[{"ref_id": "S2", "name": "Two"}])
    small(version="3", status="draft")
    newest, _err = _run("export-framework", "urn:test:small", "--format", "yaml")
    assert yaml.safe_load(newest)["version"] == "2"
    named, _err = _run(
        "export-framework", "urn:test:small", "--format", "yaml", "--framework-version", "3"
    )
    assert yaml.safe_load(named)["status"] == "draft"
    with pytest.raises(CommandError, match="No framework urn:test:none"):
        _run("export-framework", "urn:test:none")


def test_load_library_is_idempotent(personas):
    names = sorted(path.name for path in CATALOGUES.glob("*.yaml"))
    out, _err = _run("load-library")
    assert out.splitlines()[-1] == "mapping-iso27001-2022-to-nist-csf-2.0.yaml: created"
    assert sorted(line.split(":")[0] for line in out.splitlines()) == names
    assert all(line.endswith(": created") for line in out.splitlines())
    counts = (FrameworkVersion.objects.count(), MappingSet.objects.count())
    assert counts == (len(names) - 1, 1)
    again, _err = _run("load-library")
    assert all(line.endswith(": unchanged") for line in again.splitlines())
    assert (FrameworkVersion.objects.count(), MappingSet.objects.count()) == counts
    assert len(events(personas.coordinator_org, "library.version.imported")) == len(names) - 1
