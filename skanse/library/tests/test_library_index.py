from django_scopes import scopes_disabled

from skanse.library.models import ImportJob
from skanse.library.services import library_import
from skanse.library.tests.conftest import mapping_file, small, url
from tests.helpers import da, shows


def test_it_lists_published_frameworks_and_mapping_sets(personas, municipal):
    small()
    small(urn="urn:test:other", name="Other framework")
    library_import(mapping_file(pairs=[("S1.1", "S1.2", "subset"), ("S1.2", "S1.1", "equal")]))
    response = municipal.get(url("library_index", personas.org))
    assert response.status_code == 200
    names = [v.name for v in response.context["versions"]]
    assert names == ["Other framework", "Small framework"]
    # Danish first: the framework's Danish name is shown, linked to its page.
    version = response.context["versions"][1]
    assert shows(response, "Small framework (da)")
    assert url("library_version", personas.org, version.uuid) in response.content.decode()
    [mapping_set] = response.context["mapping_sets"]
    assert mapping_set.mapping_count == 2
    assert shows(response, "Small to other (1)")


def test_drafts_are_listed_for_library_authors_only(personas, municipal, coordinator):
    small()
    draft = small(urn="urn:test:draft", name="Secret draft", status="draft")
    reader_page = municipal.get(url("library_index", personas.org))
    assert [v.name for v in reader_page.context["versions"]] == ["Small framework"]
    assert "Secret draft" not in reader_page.content.decode()
    assert str(draft.uuid) not in reader_page.content.decode()
    author_page = coordinator.get(url("library_index", personas.coordinator_org))
    assert {v.name for v in author_page.context["versions"]} == {"Small framework", "Secret draft"}
    assert shows(author_page, da("Draft"))


def test_authors_see_the_import_and_authoring_buttons_and_recent_imports(
    personas, municipal, coordinator
):
    with scopes_disabled():
        job = ImportJob.objects.create(
            organisation=personas.coordinator_org,
            file_name="nsis.yaml",
            started_by=personas.coordinator,
            status="done",
        )
    author_page = coordinator.get(url("library_index", personas.coordinator_org))
    content = author_page.content.decode()
    assert url("library_import", personas.coordinator_org) in content
    assert url("library_framework_create", personas.coordinator_org) in content
    assert url("library_import_job", personas.coordinator_org, job.uuid) in content
    reader_page = municipal.get(url("library_index", personas.org))
    content = reader_page.content.decode()
    assert url("library_import", personas.org) not in content
    assert url("library_framework_create", personas.org) not in content
    assert "nsis.yaml" not in content
    assert reader_page.context["jobs"] == []


def test_an_empty_library_says_so(personas, municipal):
    response = municipal.get(url("library_index", personas.org))
    assert shows(response, da("The library is empty."))


def test_it_rejects_post(personas, coordinator):
    assert coordinator.post(url("library_index", personas.coordinator_org)).status_code == 405


def test_its_query_count_stays_bounded(personas, coordinator, django_assert_max_num_queries):
    page = url("library_index", personas.coordinator_org)
    small()
    small(urn="urn:test:other", name="Other framework")
    library_import(mapping_file())
    coordinator.get(page)
    with django_assert_max_num_queries(6):
        assert coordinator.get(page).status_code == 200
    for n in range(12):
        small(urn=f"urn:test:more-{n}", name=f"More {n}", status="draft" if n % 2 else "published")
    for n in range(0, 12, 2):
        library_import(mapping_file(urn=f"urn:test:map-{n}", target=f"urn:test:more-{n}"))
    with scopes_disabled():
        ImportJob.objects.bulk_create(
            ImportJob(
                organisation=personas.coordinator_org,
                file_name=f"f{n}.yaml",
                started_by=personas.coordinator,
            )
            for n in range(8)
        )
    with django_assert_max_num_queries(6):
        response = coordinator.get(page)
    assert len(response.context["versions"]) == 14
    assert len(response.context["mapping_sets"]) == 7
    assert len(response.context["jobs"]) == 5
