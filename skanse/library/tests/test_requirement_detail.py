import uuid

from django.conf import settings

from skanse.library.services import library_import
from skanse.library.tests.conftest import generated, mapping_file, small, url
from tests.helpers import da, shows


def test_it_shows_the_requirement_with_its_place_in_the_tree(personas, municipal):
    version = generated(families=1, controls=2, enhancements=1)
    enhancement = version.requirements.get(depth=3, position=2)
    control, family = enhancement.parent, enhancement.parent.parent
    response = municipal.get(url("library_requirement", personas.org, enhancement.uuid))
    assert response.status_code == 200
    assert response.context["ancestors"] == [family, control]
    content = response.content.decode()
    for node in (family, control):
        assert url("library_requirement", personas.org, node.uuid) in content
    assert url("library_version", personas.org, version.uuid) in content
    assert shows(response, enhancement.name)
    assert shows(response, enhancement.urn)
    assert enhancement.guidance and shows(response, enhancement.guidance.split("\n")[0])


def test_titles_follow_the_language_cookie(personas, municipal):
    version = small()
    requirement = version.requirements.get(ref_id="S1.1")
    page = url("library_requirement", personas.org, requirement.uuid)
    danish = municipal.get(page)
    assert '<span class="ref">S1.1</span> Første lille krav</h1>' in danish.content.decode()
    municipal.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = municipal.get(page)
    assert '<span class="ref">S1.1</span> First small requirement</h1>' in english.content.decode()


def test_it_shows_mappings_both_ways(personas, municipal):
    small()
    other = small(urn="urn:test:other", name="Other framework")
    library_import(mapping_file(pairs=[("S1.1", "S1.2", "subset")]))
    source = small().requirements.get(ref_id="S1.1")
    target = other.requirements.get(ref_id="S1.2")
    outgoing = municipal.get(url("library_requirement", personas.org, source.uuid))
    assert [m.target for m in outgoing.context["mappings_out"]] == [target]
    assert url("library_requirement", personas.org, target.uuid) in outgoing.content.decode()
    assert shows(outgoing, da("part of").capitalize())
    assert shows(outgoing, "Why S1.1")
    incoming = municipal.get(url("library_requirement", personas.org, target.uuid))
    assert [m.source for m in incoming.context["mappings_in"]] == [source]
    assert url("library_requirement", personas.org, source.uuid) in incoming.content.decode()
    unmapped = municipal.get(
        url("library_requirement", personas.org, other.requirements.get(ref_id="S1.1").uuid)
    )
    assert shows(unmapped, da("No mappings."))


def test_a_draft_requirement_is_hidden_from_readers(personas, municipal, coordinator):
    draft = small(status="draft")
    requirement = draft.requirements.get(ref_id="S1.1")
    assert (
        municipal.get(url("library_requirement", personas.org, requirement.uuid)).status_code == 404
    )
    assert (
        personas.client(personas.analyst)
        .get(url("library_requirement", personas.coordinator_org, requirement.uuid))
        .status_code
        == 404
    )
    assert (
        coordinator.get(
            url("library_requirement", personas.coordinator_org, requirement.uuid)
        ).status_code
        == 200
    )


def test_an_unknown_requirement_is_404(personas, municipal):
    response = municipal.get(url("library_requirement", personas.org, uuid.uuid4()))
    assert response.status_code == 404


def test_it_rejects_post(personas, municipal):
    requirement = small().requirements.get(ref_id="S1.1")
    page = url("library_requirement", personas.org, requirement.uuid)
    assert municipal.post(page).status_code == 405


def test_its_query_count_does_not_grow_with_the_mappings(
    personas, municipal, django_assert_max_num_queries
):
    small()
    small(
        urn="urn:test:other",
        name="Other framework",
        extra=[{"ref_id": f"X{n}", "name": f"Extra {n}"} for n in range(20)],
    )
    library_import(mapping_file(pairs=[("S1.1", "S1.2", "equal")]))
    source = small().requirements.get(ref_id="S1.1")
    page = url("library_requirement", personas.org, source.uuid)
    municipal.get(page)
    with django_assert_max_num_queries(7):
        assert municipal.get(page).status_code == 200
    library_import(
        mapping_file(
            urn="urn:test:many",
            pairs=[
                *((ref, f"X{n}", "related") for n in range(20) for ref in ("S1.1", "S1.2")),
                *((ref, "S1.1", "intersect") for ref in ("S1", "S1.2")),
            ],
        )
    )
    with django_assert_max_num_queries(7):
        response = municipal.get(page)
    assert len(response.context["mappings_out"]) == 21
