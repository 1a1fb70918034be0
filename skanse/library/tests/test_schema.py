"""The JSON Schema shipped for our format agrees with the parser and the shipped files."""

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from skanse.library.formats import native
from skanse.library.formats.read import parse_bytes

LIBRARY = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((LIBRARY / "schema" / "library-v1.json").read_text())
CATALOGUES = sorted((LIBRARY / "catalogues").glob("*.yaml"))


def test_the_schema_is_valid():
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_every_built_in_catalogue_follows_the_schema_and_parses(path):
    data = yaml.safe_load(path.read_text())
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(data), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    parsed = parse_bytes(path.read_bytes())
    assert parsed.frameworks or parsed.mapping_sets


def test_our_export_follows_the_schema():
    doc = parse_bytes((LIBRARY / "catalogues" / "wp248-dpia-criteria.yaml").read_bytes())
    exported = native.dump_framework(doc.frameworks[0])
    assert not list(Draft202012Validator(SCHEMA).iter_errors(exported))


def test_the_schema_refuses_what_the_parser_refuses():
    bad = {
        "format": "skanse-library/1",
        "kind": "framework",
        "urn": "urn:x",
        "version": "1",
        "name": "X",
        "requirements": [{"ref_id": "1"}],
    }
    assert list(Draft202012Validator(SCHEMA).iter_errors(bad))
