import json
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.generate import oscal_catalog_bytes
from skanse.core.models import AuditEvent
from skanse.library.documents import LibraryError
from skanse.library.models import FrameworkVersion, Mapping, MappingSet, Requirement
from skanse.library.services import library_import

pytestmark = pytest.mark.django_db


def framework(version="1", extra_requirement=None, urn="urn:test:svc"):
    requirements = [
        {
            "ref_id": "1",
            "name": "Heading",
            "assessable": False,
            "children": [{"ref_id": "1.1", "name": "First"}, {"ref_id": "1.2", "name": "Second"}],
        },
    ]
    if extra_requirement:
        requirements.append(extra_requirement)
    return json.dumps(
        {
            "format": "skanse-library/1",
            "kind": "framework",
            "urn": urn,
            "version": version,
            "name": "Service test",
            "requirements": requirements,
        }
    ).encode()


def mapping(target_ref="1.2", version="1"):
    return json.dumps(
        {
            "format": "skanse-library/1",
            "kind": "mapping-set",
            "urn": "urn:test:svc-map",
            "version": version,
            "name": "Self map",
            "source": {"urn": "urn:test:svc"},
            "target": {"urn": "urn:test:svc"},
            "mappings": [{"source": "1.1", "target": target_ref, "relationship": "subset"}],
        }
    ).encode()


def test_it_writes_the_tree_in_order_with_parents():
    report = library_import(framework())
    assert report.created == ["urn:test:svc 1"]
    version = FrameworkVersion.objects.get(framework__urn="urn:test:svc")
    rows = list(
        version.requirements.order_by("position").values_list(
            "ref_id", "parent__ref_id", "depth", "assessable"
        )
    )
    assert rows == [("1", None, 1, False), ("1.1", "1", 2, True), ("1.2", "1", 2, True)]
    assert version.requirement_count == 3
    assert version.status == "published" and version.published_at is not None


def test_reimporting_the_same_version_changes_nothing():
    library_import(framework())
    report = library_import(framework())
    assert report.created == [] and report.skipped == ["urn:test:svc 1"]
    assert FrameworkVersion.objects.count() == 1


def test_a_changed_file_under_the_same_version_is_refused():
    library_import(framework())
    with pytest.raises(LibraryError) as caught:
        library_import(framework(extra_requirement={"ref_id": "2", "name": "New"}))
    assert caught.value.where == "version"
    assert Requirement.objects.count() == 3


def test_a_new_version_is_added_beside_the_old_one():
    library_import(framework())
    library_import(framework(version="2", extra_requirement={"ref_id": "2", "name": "New"}))
    versions = FrameworkVersion.objects.filter(framework__urn="urn:test:svc")
    assert sorted(versions.values_list("version", "requirement_count")) == [("1", 3), ("2", 4)]


def test_a_mapping_set_links_requirements():
    library_import(framework())
    report = library_import(mapping())
    assert report.mappings == 1
    link = Mapping.objects.select_related("source", "target").get()
    assert (link.source.ref_id, link.target.ref_id, link.relationship) == ("1.1", "1.2", "subset")


def test_a_bad_mapping_writes_nothing():
    library_import(framework())
    with pytest.raises(LibraryError) as caught:
        library_import(mapping(target_ref="9.9"))
    assert caught.value.where == "mappings[0].target"
    assert MappingSet.objects.count() == 0 and Mapping.objects.count() == 0


def test_a_duplicate_identifier_is_refused_with_both_places():
    with pytest.raises(LibraryError) as caught:
        library_import(framework(extra_requirement={"ref_id": "1.1", "name": "Again"}))
    assert caught.value.where == "requirements[1]"
    assert "requirements[0].children[0]" in caught.value.message
    assert FrameworkVersion.objects.count() == 0


def test_an_import_is_audited_in_the_coordinator_organisation():
    library_import(framework())
    event = AuditEvent.objects.with_scopes_disabled().get(action="library.version.imported")
    assert event.organisation.kind == "coordinator"
    assert event.changes["requirements"] == [None, 3]


def test_a_large_catalog_imports_in_bulk():
    content = oscal_catalog_bytes()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        report = library_import(content)
        elapsed = time.perf_counter() - start
    assert report.requirements == 1220
    # Bulk writes: a handful of statements, not one per requirement.
    assert len(queries.captured_queries) < 30
    # The budget is 1 s (benchmarks/); a test only guards against a collapse.
    assert elapsed < 10
