import uuid

from skanse.library.tests.conftest import generated, small, url
from tests.helpers import da, shows

# Version 2 of the small framework: S1.1 removed, S1.2 retitled and moved to the top, S2 new.
CHANGES = {
    "extra": [{"ref_id": "S2", "name": "A new requirement"}],
}


def _second(**kwargs):
    version = small(version="2", **CHANGES, **kwargs)
    version.requirements.filter(ref_id="S1.1").delete()
    version.requirements.filter(ref_id="S1.2").update(name="Second, reworded", parent=None, depth=1)
    return version


def test_it_shows_added_removed_and_changed_requirements(personas, municipal):
    small()
    new = _second()
    response = municipal.get(url("library_compare", personas.org, new.uuid))
    assert response.status_code == 200
    assert response.context["old"].version == "1"
    diff = response.context["diff"]
    assert [r.ref_id for r in diff["added"]] == ["S2"]
    assert [r.ref_id for r in diff["removed"]] == ["S1.1"]
    [(row, changes)] = diff["changed"]
    assert row.ref_id == "S1.2"
    assert changes == [
        ("name", "Second small requirement", "Second, reworded"),
        ("parent", "S1", ""),
    ]
    assert shows(
        response, da("%(a)s added, %(r)s removed, %(c)s changed.") % {"a": 1, "r": 1, "c": 1}
    )
    added = new.requirements.get(ref_id="S2")
    assert url("library_requirement", personas.org, added.uuid) in response.content.decode()
    assert shows(response, "Second, reworded")


def test_it_compares_with_the_chosen_version(personas, municipal):
    first = small()
    small(version="2", extra=[{"ref_id": "S2", "name": "Two"}])
    third = small(
        version="3", extra=[{"ref_id": "S2", "name": "Two"}, {"ref_id": "S3", "name": "Three"}]
    )
    page = url("library_compare", personas.org, third.uuid)
    newest = municipal.get(page)
    assert newest.context["old"].version == "2"
    assert [r.ref_id for r in newest.context["diff"]["added"]] == ["S3"]
    chosen = municipal.get(page, {"with": first.uuid})
    assert chosen.context["old"] == first
    assert [r.ref_id for r in chosen.context["diff"]["added"]] == ["S2", "S3"]
    assert [o.version for o in chosen.context["others"]] == ["2", "1"]


def test_an_unknown_or_malformed_version_to_compare_with_is_404(personas, municipal):
    small()
    new = _second()
    page = url("library_compare", personas.org, new.uuid)
    other = generated(families=1, controls=2, enhancements=0)
    for value in ("nonsense", str(uuid.uuid4()), str(new.uuid), str(other.uuid)):
        assert municipal.get(page, {"with": value}).status_code == 404


def test_readers_cannot_compare_with_a_draft(personas, municipal, coordinator):
    published = small()
    draft = _second(status="draft")
    page = url("library_compare", personas.org, published.uuid)
    response = municipal.get(page)
    assert response.context["old"] is None
    assert shows(response, da("There is no other version to compare with."))
    assert str(draft.uuid) not in response.content.decode()
    assert municipal.get(page, {"with": draft.uuid}).status_code == 404
    assert municipal.get(url("library_compare", personas.org, draft.uuid)).status_code == 404
    author = coordinator.get(
        url("library_compare", personas.coordinator_org, published.uuid), {"with": draft.uuid}
    )
    assert author.context["old"] == draft
    assert [r.ref_id for r in author.context["diff"]["removed"]] == ["S2"]


def test_a_single_version_has_nothing_to_compare_with(personas, municipal):
    version = small()
    response = municipal.get(url("library_compare", personas.org, version.uuid))
    assert response.status_code == 200
    assert response.context["diff"] is None
    assert shows(response, da("There is no other version to compare with."))


def test_it_rejects_post(personas, municipal):
    version = small()
    assert municipal.post(url("library_compare", personas.org, version.uuid)).status_code == 405


def test_its_query_count_does_not_grow_with_the_framework(
    personas, municipal, django_assert_max_num_queries
):
    small()
    new = _second()
    page = url("library_compare", personas.org, new.uuid)
    municipal.get(page)
    with django_assert_max_num_queries(8):
        assert municipal.get(page).status_code == 200
    generated(families=1, controls=40, enhancements=2, version="1")
    bigger = generated(families=1, controls=42, enhancements=2, version="2")
    with django_assert_max_num_queries(8):
        response = municipal.get(url("library_compare", personas.org, bigger.uuid))
    diff = response.context["diff"]
    assert (len(diff["added"]), len(diff["removed"])) == (2 * 3, 0)
