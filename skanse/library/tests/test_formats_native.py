import pytest
from django.utils import translation

from skanse.library.documents import LibraryError
from skanse.library.formats import native
from skanse.library.formats.read import parse_bytes

GOOD = """
format: skanse-library/1
kind: framework
urn: urn:test:fw
version: "2"
locale: en
name: Test framework
translations:
  da: {name: Testramme}
requirements:
  - ref_id: "1"
    name: Heading
    assessable: false
    children:
      - ref_id: "1.1"
        name: First
        description: Do the first thing.
        translations: {da: {name: Først}}
      - {ref_id: "1.2", name: Second, guidance: Some help.}
""".encode()

FLAT = b"""
format: skanse-library/1
kind: framework
urn: urn:test:flat
version: "1"
name: Flat
requirements:
  - {ref_id: B, name: Second heading, assessable: false, order: 2}
  - {ref_id: A, name: First heading, assessable: false, order: 1}
  - {ref_id: A.1, name: Under A, parent: A}
  - {ref_id: B.1, name: Under B, parent: B}
"""


def test_it_reads_a_tree_with_translations():
    parsed = parse_bytes(GOOD)
    assert parsed.format == "skanse-yaml"
    doc = parsed.frameworks[0]
    assert (doc.urn, doc.version, doc.translations) == (
        "urn:test:fw",
        "2",
        {"da": {"name": "Testramme"}},
    )
    heading = doc.requirements[0]
    assert heading.assessable is False
    assert [c.ref_id for c in heading.children] == ["1.1", "1.2"]
    assert heading.children[0].translations == {"da": {"name": "Først"}}
    assert heading.children[1].guidance == "Some help."


def test_it_nests_a_flat_list_by_parent_and_orders_siblings():
    doc = parse_bytes(FLAT).frameworks[0]
    assert [n.ref_id for n in doc.requirements] == ["A", "B"]
    assert [c.ref_id for c in doc.requirements[0].children] == ["A.1"]
    assert [c.ref_id for c in doc.requirements[1].children] == ["B.1"]


def test_json_is_read_the_same_as_yaml():
    import json

    import yaml

    as_json = json.dumps(yaml.safe_load(GOOD)).encode()
    assert parse_bytes(as_json).frameworks[0].content_hash() == (
        parse_bytes(GOOD).frameworks[0].content_hash()
    )


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"format": "skanse-library/9"}, "format"),
        ({"kind": "catalogue"}, "kind"),
        ({"urn": ""}, "urn"),
        ({"locale": "fr"}, "locale"),
        ({"requirements": []}, "requirements"),
        ({"requirements": [{"name": "no id"}]}, "requirements[0].ref_id"),
        ({"requirements": [{"ref_id": "X"}]}, "requirements[0]"),
        (
            {"requirements": [{"ref_id": "X", "name": "n", "assessable": "yes"}]},
            "requirements[0].assessable",
        ),
        (
            {"requirements": [{"ref_id": "X", "name": "n", "children": [{"ref_id": 5}]}]},
            "requirements[0].children[0]",
        ),
        ({"requirements": [{"ref_id": "X", "name": "n", "parent": "nope"}]}, "requirements[0]"),
    ],
)
def test_bad_content_is_refused_at_its_place(change, where):
    import yaml

    data = yaml.safe_load(GOOD) | change
    with pytest.raises(LibraryError) as caught:
        native.parse(data)
    assert caught.value.where == where


def test_dump_and_parse_give_the_same_document():
    doc = parse_bytes(GOOD).frameworks[0]
    again = native.parse(native.dump_framework(doc))
    assert again.content_hash() == doc.content_hash()


def test_a_mapping_set_needs_known_relationships():
    data = {
        "format": "skanse-library/1",
        "kind": "mapping-set",
        "urn": "urn:test:m",
        "version": "1",
        "name": "M",
        "source": {"urn": "urn:a"},
        "target": {"urn": "urn:b"},
        "mappings": [{"source": "1", "target": "2", "relationship": "same"}],
    }
    with pytest.raises(LibraryError) as caught:
        native.parse(data)
    assert caught.value.where == "mappings[0].relationship"


def test_a_message_is_in_the_active_language_and_its_place_is_not_translated():
    data = {"format": "skanse-library/1", "kind": "framework", "requirements": [{"ref_id": 5}]}
    with translation.override("en"), pytest.raises(LibraryError) as caught:
        native.parse(data)
    assert str(caught.value) == "requirements[0]: A requirement needs a name or a description."
    with translation.override("da"), pytest.raises(LibraryError) as caught:
        native.parse(data)
    assert str(caught.value) == "requirements[0]: Et krav skal have et navn eller en beskrivelse."
