import pytest

from skanse.library.documents import LibraryError
from skanse.library.formats.read import parse_bytes
from skanse.library.services import library_import

FRAMEWORK = b"""
urn: urn:intuitem:risk:library:test-fw
locale: en
ref_id: TEST-FW
name: Test framework library
version: 2
provider: Tester
copyright: Public
objects:
  framework:
    urn: urn:intuitem:risk:framework:test-fw
    ref_id: TEST-FW
    name: Test framework
    requirement_nodes:
      - urn: urn:intuitem:risk:req_node:test-fw:1
        assessable: false
        depth: 1
        ref_id: '1'
        name: Governance
        translations: {da: {name: Styring}, fr: {name: Gouvernance}}
      - urn: urn:intuitem:risk:req_node:test-fw:1.1
        assessable: true
        depth: 2
        parent_urn: urn:intuitem:risk:req_node:test-fw:1
        ref_id: '1.1'
        description: Have a policy.
        annotation: Guidance here.
"""

MAPPING = b"""
urn: urn:intuitem:risk:library:mapping-test-fw-to-other
locale: en
ref_id: mapping
name: Mapping
version: 1
dependencies:
  - urn:intuitem:risk:library:test-fw
  - urn:intuitem:risk:library:other-fw
objects:
  requirement_mapping_sets:
    - urn: urn:intuitem:risk:req_mapping_set:test-fw-to-other
      ref_id: m
      name: Test to other
      source_framework_urn: urn:intuitem:risk:framework:test-fw
      target_framework_urn: urn:intuitem:risk:framework:other-fw
      requirement_mappings:
        - source_requirement_urn: urn:intuitem:risk:req_node:test-fw:1.1
          target_requirement_urn: urn:intuitem:risk:req_node:other-fw:a
          relationship: equal
"""


def test_it_reads_a_ciso_assistant_framework():
    parsed = parse_bytes(FRAMEWORK)
    assert parsed.format == "ciso-assistant"
    doc = parsed.frameworks[0]
    assert (doc.urn, doc.version, doc.library_urn) == (
        "urn:intuitem:risk:framework:test-fw",
        "2",
        "urn:intuitem:risk:library:test-fw",
    )
    top = doc.requirements[0]
    assert top.translations == {"da": {"name": "Styring"}}  # languages we do not show: left out
    child = top.children[0]
    assert (child.ref_id, child.description, child.guidance) == (
        "1.1",
        "Have a policy.",
        "Guidance here.",
    )


@pytest.mark.django_db
def test_a_mapping_set_with_a_missing_dependency_names_it():
    library_import(FRAMEWORK)
    with pytest.raises(LibraryError) as caught:
        library_import(MAPPING)
    assert "urn:intuitem:risk:library:other-fw" in str(caught.value)
    assert "urn:intuitem:risk:library:test-fw" not in caught.value.message


@pytest.mark.django_db
def test_a_mapping_set_imports_once_its_frameworks_are_there():
    library_import(FRAMEWORK)
    library_import(
        FRAMEWORK.replace(b"test-fw", b"other-fw")
        .replace(b"'1.1'", b"'a'")
        .replace(b"other-fw:1.1", b"other-fw:a")
    )
    report = library_import(MAPPING)
    assert report.mappings == 1


def test_a_parent_defined_after_its_child_is_refused():
    bad = FRAMEWORK.replace(
        b"parent_urn: urn:intuitem:risk:req_node:test-fw:1",
        b"parent_urn: urn:intuitem:risk:req_node:test-fw:9",
    )
    with pytest.raises(LibraryError) as caught:
        parse_bytes(bad)
    assert caught.value.where == "objects.framework[0].requirement_nodes[1]"
