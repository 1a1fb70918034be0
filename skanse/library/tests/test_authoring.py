from skanse.library.models import FrameworkVersion, Requirement
from skanse.library.services import library_import
from skanse.library.tests.conftest import url
from tests.helpers import da, events, field_errors, shows


def _create(client, personas, **data):
    data = {
        "name": "Recommendations",
        "name_da": "Anbefalinger",
        "ref_id": "KL-ANB-2026",
        "description": "The programme's own advice.",
        "description_da": "Vores råd.",
        **data,
    }
    response = client.post(url("library_framework_create", personas.coordinator_org), data)
    return response


def _draft(client, personas) -> FrameworkVersion:
    response = _create(client, personas)
    assert response.status_code == 302
    return FrameworkVersion.objects.get(framework__urn="urn:skanse:framework:kl:kl-anb-2026")


def _add(client, personas, version, ref_id, name, parent=None, assessable=True, **extra):
    data = {"ref_id": ref_id, "name": name, "parent": parent.pk if parent else "", **extra}
    if assessable:
        data["assessable"] = "on"
    return client.post(url("library_requirement_add", personas.coordinator_org, version.uuid), data)


def _edit(client, personas, version, requirement, **data):
    return client.post(
        url("library_requirement_edit", personas.coordinator_org, version.uuid, requirement.uuid),
        data,
    )


def _tree(version) -> list[tuple]:
    return list(
        version.requirements.order_by("position").values_list(
            "ref_id", "parent__ref_id", "depth", "position", "assessable"
        )
    )


def _with_tree(client, personas) -> FrameworkVersion:
    """A draft with: 1 (heading) > 1.1, 1.2; and 2."""
    version = _draft(client, personas)
    _add(client, personas, version, "1", "Governance", assessable=False, name_da="Styring")
    heading = version.requirements.get(ref_id="1")
    _add(
        client,
        personas,
        version,
        "1.1",
        "Appoint an owner",
        parent=heading,
        description="Name one person.",
        name_da="Udpeg en ejer",
    )
    _add(client, personas, version, "2", "Report yearly")
    _add(client, personas, version, "1.2", "Review the policy", parent=heading)
    return version


def test_creating_a_framework_makes_a_draft_and_records_it(personas, coordinator):
    response = _create(coordinator, personas)
    version = FrameworkVersion.objects.get()
    assert response["Location"] == url("library_version", personas.coordinator_org, version.uuid)
    assert (version.framework.urn, version.version, version.status) == (
        "urn:skanse:framework:kl:kl-anb-2026",
        "1",
        "draft",
    )
    assert (version.name, version.provider, version.created_by) == (
        "Recommendations",
        personas.coordinator_org.name,
        personas.coordinator,
    )
    assert version.translations == {"da": {"name": "Anbefalinger", "description": "Vores råd."}}
    [event] = events(personas.coordinator_org, "library.version.created")
    assert (event.actor, event.object_uuid) == (personas.coordinator, version.uuid)
    page = coordinator.get(response["Location"])
    assert shows(page, da("The draft was created. Add its requirements."))
    assert shows(page, "Anbefalinger")


def test_a_taken_short_reference_is_refused_at_the_field(personas, coordinator):
    _draft(coordinator, personas)
    response = _create(coordinator, personas, name="Again")
    assert response.status_code == 400
    assert field_errors(response, "ref_id") == [
        da("A framework with this short reference exists already.")
    ]
    assert FrameworkVersion.objects.count() == 1


def test_requirements_are_added_nested_and_recorded(personas, coordinator):
    version = _with_tree(coordinator, personas)
    assert _tree(version) == [
        ("1", None, 1, 0, False),
        ("1.1", "1", 2, 1, True),
        ("1.2", "1", 2, 2, True),
        ("2", None, 1, 3, True),
    ]
    version.refresh_from_db()
    assert version.requirement_count == 4
    owner = version.requirements.get(ref_id="1.1")
    assert owner.urn == "urn:skanse:framework:kl:kl-anb-2026:1.1"
    assert owner.translations == {"da": {"name": "Udpeg en ejer"}}
    added = events(personas.coordinator_org, "library.requirement.added")
    # jsonb (PostgreSQL) does not keep the order of keys: pick the identifier's key by name.
    assert [next(k for k in e.changes if k.endswith(".ref_id")) for e in added] == [
        "1.ref_id",
        "1.1.ref_id",
        "2.ref_id",
        "1.2.ref_id",
    ]
    assert {e.object_uuid for e in added} == {version.uuid}
    assert added[1].changes["1.1.name"] == [None, "Appoint an owner"]
    page = coordinator.get(url("library_version", personas.coordinator_org, version.uuid))
    assert [n["ref_id"] for n in page.context["nodes"]] == ["1", "1.1", "1.2", "2"]
    assert shows(page, "Udpeg en ejer")


def test_a_requirement_is_edited_and_moved(personas, coordinator):
    version = _with_tree(coordinator, personas)
    review = version.requirements.get(ref_id="1.2")
    form = coordinator.get(
        url(
            "library_requirement_edit",
            personas.coordinator_org,
            version.uuid,
            version.requirements.get(ref_id="1.1").uuid,
        )
    )
    assert form.context["form"].initial["name_da"] == "Udpeg en ejer"
    response = _edit(
        coordinator,
        personas,
        version,
        review,
        ref_id="2.1",
        name="Review the policy yearly",
        name_da="Gennemgå politikken",
        parent=version.requirements.get(ref_id="2").pk,
        assessable="on",
    )
    assert response.status_code == 302
    assert _tree(version) == [
        ("1", None, 1, 0, False),
        ("1.1", "1", 2, 1, True),
        ("2", None, 1, 2, True),
        ("2.1", "2", 2, 3, True),
    ]
    review.refresh_from_db()
    assert review.urn == "urn:skanse:framework:kl:kl-anb-2026:2.1"
    assert review.translations == {"da": {"name": "Gennemgå politikken"}}
    [event] = events(personas.coordinator_org, "library.requirement.changed")
    assert event.changes == {
        "2.1.ref_id": ["1.2", "2.1"],
        "2.1.name": ["Review the policy", "Review the policy yearly"],
    }


def test_a_renamed_identifier_can_be_used_again(personas, coordinator):
    version = _with_tree(coordinator, personas)
    _edit(
        coordinator,
        personas,
        version,
        version.requirements.get(ref_id="2"),
        ref_id="3",
        name="Report yearly",
        assessable="on",
    )
    response = _add(coordinator, personas, version, "2", "Report quarterly")
    assert response.status_code == 302
    assert [r for r, *_ in _tree(version)] == ["1", "1.1", "1.2", "3", "2"]


def test_a_requirement_cannot_be_placed_under_itself_or_below_itself(personas, coordinator):
    version = _with_tree(coordinator, personas)
    heading = version.requirements.get(ref_id="1")
    for parent in (heading, version.requirements.get(ref_id="1.1")):
        response = _edit(
            coordinator, personas, version, heading, ref_id="1", name="Governance", parent=parent.pk
        )
        assert response.status_code == 400
        assert field_errors(response, "parent")
    assert version.requirements.get(ref_id="1").parent is None


def test_an_identifier_in_use_is_refused_at_the_field(personas, coordinator):
    version = _with_tree(coordinator, personas)
    response = _add(coordinator, personas, version, "1.1", "Twice")
    assert response.status_code == 400
    assert field_errors(response, "ref_id") == [
        da("The identifier is used already in this framework.")
    ]
    assert version.requirements.count() == 4


def test_deleting_a_requirement_removes_what_is_under_it(personas, coordinator):
    version = _with_tree(coordinator, personas)
    heading = version.requirements.get(ref_id="1")
    response = coordinator.post(
        url("library_requirement_delete", personas.coordinator_org, version.uuid, heading.uuid),
        follow=True,
    )
    assert shows(response, da("%(ref)s was removed.") % {"ref": "1"})
    assert _tree(version) == [("2", None, 1, 0, True)]
    version.refresh_from_db()
    assert version.requirement_count == 1
    [event] = events(personas.coordinator_org, "library.requirement.removed")
    assert event.changes == {"1": ["Governance", None]}


def test_publishing_needs_an_assessable_requirement(personas, coordinator):
    version = _draft(coordinator, personas)
    _add(coordinator, personas, version, "1", "Only a heading", assessable=False)
    response = coordinator.post(
        url("library_publish", personas.coordinator_org, version.uuid), follow=True
    )
    assert shows(response, da("Add at least one assessable requirement before publishing."))
    version.refresh_from_db()
    assert version.status == "draft"
    assert events(personas.coordinator_org, "library.version.published") == []


def test_publishing_records_it_and_freezes_the_version(personas, coordinator):
    version = _with_tree(coordinator, personas)
    response = coordinator.post(
        url("library_publish", personas.coordinator_org, version.uuid), follow=True
    )
    assert shows(
        response, da("Version %(v)s was published. It can no longer be changed.") % {"v": "1"}
    )
    version.refresh_from_db()
    assert version.status == "published" and version.published_at is not None
    [event] = events(personas.coordinator_org, "library.version.published")
    assert (event.actor, event.object_uuid) == (personas.coordinator, version.uuid)
    node = version.requirements.get(ref_id="1.1")
    org = personas.coordinator_org
    for name, args in [
        ("library_requirement_add", [version.uuid]),
        ("library_requirement_edit", [version.uuid, node.uuid]),
    ]:
        assert coordinator.get(url(name, org, *args)).status_code == 404
        assert (
            coordinator.post(url(name, org, *args), {"ref_id": "9", "name": "No"}).status_code
            == 404
        )
    for name, args in [
        ("library_requirement_delete", [version.uuid, node.uuid]),
        ("library_publish", [version.uuid]),
    ]:
        assert coordinator.post(url(name, org, *args)).status_code == 404
    assert _tree(version)[1] == ("1.1", "1", 2, 1, True)
    assert not Requirement.objects.filter(ref_id="9").exists()
    # Now every member sees it.
    assert (
        personas.client(personas.contributor)
        .get(url("library_version", personas.org, version.uuid))
        .status_code
        == 200
    )


def test_the_export_of_a_published_version_reimports_as_unchanged(personas, coordinator):
    version = _with_tree(coordinator, personas)
    coordinator.post(url("library_publish", personas.coordinator_org, version.uuid))
    content = coordinator.get(
        url("library_export", personas.coordinator_org, version.uuid, "yaml")
    ).content
    report = library_import(content)
    assert report.skipped == ["urn:skanse:framework:kl:kl-anb-2026 1"]


def test_a_new_version_is_a_draft_copy_and_compare_shows_what_changed(personas, coordinator):
    org = personas.coordinator_org
    first = _with_tree(coordinator, personas)
    coordinator.post(url("library_publish", org, first.uuid))
    response = coordinator.post(url("library_new_version", org, first.uuid), follow=True)
    second = FrameworkVersion.objects.get(framework=first.framework, version="2")
    assert response.redirect_chain[-1][0] == url("library_version", org, second.uuid)
    assert shows(
        response, da("Draft version %(v)s was made from version %(old)s.") % {"v": "2", "old": "1"}
    )
    assert second.status == "draft" and second.created_by == personas.coordinator
    assert [r[:3] for r in _tree(second)] == [r[:3] for r in _tree(first)]
    assert [e.changes["version"] for e in events(org, "library.version.created")] == [
        [None, "1"],
        ["1", "2"],
    ]
    _add(coordinator, personas, second, "3", "Train the staff")
    _edit(
        coordinator,
        personas,
        second,
        second.requirements.get(ref_id="1.1"),
        ref_id="1.1",
        name="Appoint an owner and a deputy",
        name_da="Udpeg en ejer",
        description="Name one person.",
        parent=second.requirements.get(ref_id="1").pk,
        assessable="on",
    )
    compare = coordinator.get(url("library_compare", org, second.uuid))
    assert compare.context["old"] == first
    diff = compare.context["diff"]
    assert [r.ref_id for r in diff["added"]] == ["3"]
    assert diff["removed"] == []
    assert [(row.ref_id, changes) for row, changes in diff["changed"]] == [
        ("1.1", [("name", "Appoint an owner", "Appoint an owner and a deputy")])
    ]
    # The published version is untouched.
    assert first.requirements.get(ref_id="1.1").name == "Appoint an owner"
    # One draft at a time.
    again = coordinator.post(url("library_new_version", org, first.uuid), follow=True)
    assert shows(again, da("The framework has a draft already."))
    assert first.framework.versions.count() == 2


def test_the_actions_reject_get(personas, coordinator):
    version = _with_tree(coordinator, personas)
    node = version.requirements.get(ref_id="1.1")
    org = personas.coordinator_org
    assert coordinator.get(url("library_publish", org, version.uuid)).status_code == 405
    assert coordinator.get(url("library_new_version", org, version.uuid)).status_code == 405
    assert (
        coordinator.get(url("library_requirement_delete", org, version.uuid, node.uuid)).status_code
        == 405
    )
