import json

import pytest
from trestle.oscal.catalog import Catalog

from benchmarks.generate import oscal_catalog
from skanse.library.documents import FrameworkDoc, LibraryError, NodeDoc
from skanse.library.formats import oscal
from skanse.library.formats.read import parse_bytes

XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="0b7a3c3e-2d2c-4f37-9b42-3b7f3f6f0c11">
  <metadata>
    <title>Small XML Catalog</title>
    <last-modified>2026-01-01T00:00:00Z</last-modified>
    <version>1.0</version>
    <oscal-version>1.1.2</oscal-version>
  </metadata>
  <group id="ac" class="family">
    <title>Access Control</title>
    <control id="ac-1" class="SP800-53">
      <title>Policy and Procedures</title>
      <param id="ac-1_prm_1"><label>organization-defined personnel</label></param>
      <prop name="label" value="AC-1"/>
      <part id="ac-1_smt" name="statement">
        <part id="ac-1_smt.a" name="item">
          <prop name="label" value="a."/>
          <p>Develop and disseminate to <insert type="param" id-ref="ac-1_prm_1"/> a policy.</p>
        </part>
      </part>
      <part id="ac-1_gdn" name="guidance"><p>Policies matter.</p></part>
      <control id="ac-1.1" class="SP800-53-enhancement">
        <title>Withdrawn Enhancement</title>
        <prop name="label" value="AC-1(1)"/>
        <prop name="status" value="withdrawn"/>
      </control>
    </control>
  </group>
</catalog>
"""


def test_it_reads_groups_controls_enhancements_and_parameters():
    data = oscal_catalog(families=2, controls=3, enhancements=2, seed=1)
    doc = parse_bytes(json.dumps(data).encode()).frameworks[0]
    assert doc.source_format == "oscal"
    assert len(doc.requirements) == 2
    family = doc.requirements[0]
    assert family.assessable is False
    control = family.children[0]
    assert control.ref_id == data["catalog"]["groups"][0]["controls"][0]["props"][0]["value"]
    assert len(control.children) == 2
    assert "{{ insert" not in control.description
    assert "[Assignment:" in control.description
    assert control.description.count("\n") == 2  # items a., b., c.
    assert control.guidance


def test_it_reads_xml_the_same_way():
    parsed = parse_bytes(XML)
    assert parsed.format == "oscal-xml"
    doc = parsed.frameworks[0]
    assert (doc.name, doc.version) == ("Small XML Catalog", "1.0")
    control = doc.requirements[0].children[0]
    assert control.ref_id == "AC-1"
    assert "a. Develop and disseminate to [Assignment: organization-defined personnel]" in (
        control.description
    )
    assert control.guidance == "Policies matter."
    enhancement = control.children[0]
    assert enhancement.ref_id == "AC-1(1)"
    assert enhancement.withdrawn is True


def test_withdrawn_controls_are_kept_as_withdrawn():
    data = oscal_catalog(families=3, controls=10, enhancements=3, seed=3)
    doc = parse_bytes(json.dumps(data).encode()).frameworks[0]
    withdrawn = [n for n, _p, _d in doc.walk() if n.withdrawn]
    expected = sum(
        1
        for g in data["catalog"]["groups"]
        for c in g["controls"]
        for e in c["controls"]
        if {"name": "status", "value": "withdrawn"} in e["props"]
    )
    assert expected > 0
    assert len(withdrawn) == expected


def test_export_validates_against_the_oscal_model():
    doc = FrameworkDoc(
        urn="urn:test:x",
        version="1",
        name="X",
        description="About X",
        requirements=[
            NodeDoc(
                ref_id="4",
                name="Context",
                assessable=False,
                children=[
                    NodeDoc(ref_id="4.1", name="Understanding", description="Do it."),
                    NodeDoc(
                        ref_id="Art. 30", name="Records", guidance="Keep them.", withdrawn=True
                    ),
                ],
            ),
            NodeDoc(ref_id="loose", name="A lone control"),
            NodeDoc(
                ref_id="late heading",
                name="Heading after a control",
                assessable=False,
                children=[NodeDoc(ref_id="late.1", name="Child")],
            ),
        ],
    )
    data = oscal.export_catalog(doc)
    Catalog.model_validate(data["catalog"])
    again = oscal.parse_catalog(json.loads(json.dumps(data)))
    assert again.urn == "urn:test:x"
    assert [(n.ref_id, n.assessable, n.withdrawn, d) for n, _p, d in again.walk()] == [
        (n.ref_id, n.assessable, n.withdrawn, d) for n, _p, d in doc.walk()
    ]


def test_a_profile_selects_from_its_catalog():
    data = oscal_catalog(families=2, controls=3, enhancements=1, seed=2)
    base = oscal.parse_catalog(data)
    first = data["catalog"]["groups"][0]["controls"][0]
    profile = {
        "profile": {
            "metadata": {"title": "Low baseline", "version": "1"},
            "imports": [
                {
                    "href": "catalog.json",
                    "include-controls": [{"with-ids": [first["id"], first["controls"][0]["id"]]}],
                }
            ],
        }
    }
    resolved = oscal.resolve_profile(profile, base)
    nodes = [n for n, _p, _d in resolved.walk()]
    assert [n.ref_id for n in nodes if n.assessable] == [
        first["props"][0]["value"],
        first["controls"][0]["props"][0]["value"],
    ]
    assert nodes[0].assessable is False  # the family, kept as a heading
    assert oscal.profile_source_name(profile) == "catalog.json"


def test_a_profile_that_selects_nothing_is_refused():
    base = oscal.parse_catalog(oscal_catalog(families=1, controls=2, enhancements=0))
    profile = {
        "profile": {
            "metadata": {"title": "Empty"},
            "imports": [{"href": "x.json", "include-controls": [{"with-ids": ["zz-9"]}]}],
        }
    }
    with pytest.raises(LibraryError):
        oscal.resolve_profile(profile, base)
