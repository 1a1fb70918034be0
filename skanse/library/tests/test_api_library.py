from django.core.files.uploadedfile import SimpleUploadedFile

from skanse.library.models import FrameworkVersion
from skanse.library.services import library_import
from skanse.library.tests.conftest import framework_file, generated, mapping_file, small
from tests.helpers import bearer, events

API = "/api/v1/library"


def _upload(client, headers, content, name="small.yaml"):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(f"{API}/imports", {"file": upload}, **headers)


def test_it_lists_published_versions(personas, client):
    version = small()
    small(urn="urn:test:draft", status="draft")
    response = client.get(f"{API}/versions", **bearer(personas.contributor, personas.org))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["uuid"] == str(version.uuid)
    assert (item["urn"], item["version"], item["status"], item["requirement_count"]) == (
        "urn:test:small",
        "1",
        "published",
        3,
    )
    assert item["translations"] == {"da": {"name": "Small framework (da)"}}


def test_library_authors_see_drafts(personas, client):
    small()
    draft = small(urn="urn:test:draft", status="draft")
    headers = bearer(personas.coordinator, personas.coordinator_org)
    body = client.get(f"{API}/versions", **headers).json()
    assert {item["urn"] for item in body["items"]} == {"urn:test:small", "urn:test:draft"}
    assert client.get(f"{API}/versions/{draft.uuid}", **headers).status_code == 200
    requirements = client.get(f"{API}/versions/{draft.uuid}/requirements", **headers)
    assert requirements.json()["count"] == 3


def test_a_draft_is_404_to_readers(personas, client):
    draft = small(status="draft")
    for user, org in [
        (personas.contributor, personas.org),
        (personas.admin, personas.org),
        (personas.analyst, personas.coordinator_org),
    ]:
        headers = bearer(user, org)
        assert client.get(f"{API}/versions/{draft.uuid}", **headers).status_code == 404
        assert client.get(f"{API}/versions/{draft.uuid}/requirements", **headers).status_code == 404
        assert client.get(f"{API}/versions", **headers).json()["count"] == 0


def test_versions_can_be_filtered_by_urn(personas, client):
    small()
    small(version="2")
    small(urn="urn:test:other")
    headers = bearer(personas.contributor, personas.org)
    body = client.get(f"{API}/versions", {"urn": "URN:test:small"}, **headers).json()
    assert [item["version"] for item in body["items"]] == ["2", "1"]


def test_it_gets_one_version(personas, client):
    version = small()
    response = client.get(
        f"{API}/versions/{version.uuid}", **bearer(personas.auditor, personas.org)
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Small framework"


def test_it_lists_requirements_in_tree_order_with_their_parents(personas, client):
    version = small()
    body = client.get(
        f"{API}/versions/{version.uuid}/requirements", **bearer(personas.contributor, personas.org)
    ).json()
    heading, first, second = body["items"]
    assert [(r["ref_id"], r["depth"], r["assessable"]) for r in body["items"]] == [
        ("S1", 1, False),
        ("S1.1", 2, True),
        ("S1.2", 2, True),
    ]
    assert heading["parent"] is None
    assert first["parent"] == second["parent"] == heading["uuid"]
    assert first["urn"] == "urn:test:small:s1.1"
    assert first["translations"] == {"da": {"name": "Første lille krav"}}


def test_requirements_come_in_pages_of_500(personas, client):
    version = generated()
    headers = bearer(personas.contributor, personas.org)
    page = f"{API}/versions/{version.uuid}/requirements"
    first = client.get(page, **headers).json()
    last = client.get(page, {"page": 3}, **headers).json()
    assert (first["count"], len(first["items"]), len(last["items"])) == (1220, 500, 220)


def test_it_lists_mapping_sets_and_their_mappings(personas, client):
    source = small()
    target = small(urn="urn:test:other")
    library_import(mapping_file(pairs=[("S1.1", "S1.2", "subset"), ("S1.2", "S1", "related")]))
    headers = bearer(personas.contributor, personas.org)
    [mapping_set] = client.get(f"{API}/mapping-sets", **headers).json()["items"]
    assert (mapping_set["urn"], mapping_set["source"], mapping_set["target"]) == (
        "urn:test:small-to-other",
        str(source.uuid),
        str(target.uuid),
    )
    body = client.get(f"{API}/mapping-sets/{mapping_set['uuid']}/mappings", **headers).json()
    assert body["items"] == [
        {
            "source": "urn:test:small:s1.1",
            "target": "urn:test:other:s1.2",
            "relationship": "subset",
            "rationale": "Why S1.1",
        },
        {
            "source": "urn:test:small:s1.2",
            "target": "urn:test:other:s1",
            "relationship": "related",
            "rationale": "Why S1.2",
        },
    ]


def test_an_upload_is_imported_at_once_and_recorded_as_done_through_the_api(personas, client):
    headers = bearer(personas.coordinator, personas.coordinator_org)
    response = _upload(client, headers, framework_file())
    assert response.status_code == 201
    assert response.json() == {
        "format": "skanse-yaml",
        "created": ["urn:test:small 1"],
        "skipped": [],
        "requirements": 3,
        "mappings": 0,
    }
    version = FrameworkVersion.objects.get(framework__urn="urn:test:small")
    [event] = events(personas.coordinator_org, "library.version.imported")
    assert (event.actor, event.via, event.object_uuid) == (
        personas.coordinator,
        "api",
        version.uuid,
    )
    again = _upload(client, headers, framework_file())
    assert again.status_code == 201
    assert again.json()["skipped"] == ["urn:test:small 1"]


def test_a_bad_upload_is_400_naming_the_place_and_writes_nothing(personas, client):
    headers = bearer(personas.coordinator, personas.coordinator_org)
    broken = framework_file(extra=[{"ref_id": "S1.2", "name": "Twice"}])
    response = _upload(client, headers, broken)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("requirements[1]: ")
    assert "S1.2" in response.json()["detail"]
    assert not FrameworkVersion.objects.exists()
    assert events(personas.coordinator_org, "library.version.imported") == []


def test_its_list_query_counts_stay_bounded(personas, client, django_assert_max_num_queries):
    headers = bearer(personas.contributor, personas.org)
    small_version = small()
    small(urn="urn:test:other")
    library_import(mapping_file())
    big = generated()
    for n in range(12):
        small(urn=f"urn:test:more-{n}")
    library_import(
        mapping_file(
            urn="urn:test:many",
            pairs=[
                (ref, target, "related")
                for ref in ("S1", "S1.1", "S1.2")
                for target in ("S1", "S1.1", "S1.2")
            ],
        )
    )
    mapping_sets = client.get(f"{API}/mapping-sets", **headers).json()["items"]
    # The token and its member (2 queries), the page's count and rows, and the version or
    # mapping set the rows belong to.
    pages = [
        (f"{API}/versions", 4),
        (f"{API}/versions/{small_version.uuid}/requirements", 5),
        (f"{API}/versions/{big.uuid}/requirements", 5),
        (f"{API}/mapping-sets", 4),
        *((f"{API}/mapping-sets/{m['uuid']}/mappings", 5) for m in mapping_sets),
    ]
    for page, queries in pages:
        with django_assert_max_num_queries(queries):
            assert client.get(page, **headers).status_code == 200
