"""Round trips, by property: any framework survives our format and OSCAL unchanged."""

import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skanse.library.documents import FrameworkDoc, NodeDoc
from skanse.library.formats import native, oscal
from skanse.library.formats.read import parse_bytes
from skanse.library.models import FrameworkVersion
from skanse.library.selectors import version_to_doc
from skanse.library.services import ImportReport, framework_import

text = (
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)
ref_ids = (
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9. ()\-]{0,10}", fullmatch=True).map(str.strip).filter(bool)
)


@st.composite
def trees(draw, depth=0):
    count = draw(st.integers(min_value=1, max_value=4 if depth == 0 else 3))
    nodes = []
    for _ in range(count):
        children = draw(trees(depth + 1)) if depth < 2 and draw(st.booleans()) else []
        nodes.append(
            NodeDoc(
                ref_id=draw(ref_ids),
                name=draw(text),
                description=draw(st.one_of(st.just(""), text)),
                guidance=draw(st.one_of(st.just(""), text)),
                assessable=draw(st.booleans()),
                withdrawn=draw(st.booleans()),
                translations=draw(st.one_of(st.just({}), text.map(lambda t: {"da": {"name": t}}))),
                children=children,
            )
        )
    return nodes


def unique(nodes):
    """Make ref_ids unique across the tree, as the format requires."""
    seen = set()

    def fix(items):
        for node in items:
            base, n = node.ref_id, 2
            while node.ref_id.lower() in seen:
                node.ref_id, n = f"{base}-{n}", n + 1
            seen.add(node.ref_id.lower())
            fix(node.children)

    fix(nodes)
    return nodes


frameworks = st.builds(
    lambda name, nodes, description: FrameworkDoc(
        urn="urn:test:prop",
        version="1",
        name=name,
        description=description,
        requirements=unique(nodes),
    ),
    text,
    trees(),
    st.one_of(st.just(""), text),
)


def semantic(doc):
    return [
        (
            n.ref_id,
            n.name,
            n.description,
            n.guidance,
            n.assessable,
            n.withdrawn,
            d,
            p.ref_id if p else None,
        )
        for n, p, d in doc.walk()
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frameworks)
def test_our_format_survives_export_and_import(doc):
    data = yaml.safe_dump(native.dump_framework(doc), allow_unicode=True)
    again = parse_bytes(data.encode()).frameworks[0]
    assert again.content_hash() == doc.content_hash()


@settings(max_examples=40, deadline=None)
@given(frameworks)
def test_oscal_export_keeps_the_requirements(doc):
    exported = json.dumps(oscal.export_catalog(doc)).encode()
    again = parse_bytes(exported).frameworks[0]
    assert semantic(again) == semantic(doc)


@pytest.mark.django_db
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(frameworks)
def test_import_export_import_through_the_database_is_the_same(doc):
    FrameworkVersion.objects.filter(framework__urn=doc.urn).delete()
    version = framework_import(doc, report=ImportReport())
    exported = yaml.safe_dump(native.dump_framework(version_to_doc(version)), allow_unicode=True)
    again = parse_bytes(exported.encode()).frameworks[0]
    assert again.content_hash() == doc.content_hash()
