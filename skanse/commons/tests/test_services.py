"""Publish → adopt → sync through the services, with the supplier-requirements kind."""

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from skanse.commons import selectors, services, values
from skanse.commons.models import Adoption, TemplateVersion
from skanse.commons.tests.conftest import KIND, V1, adopt, publish, v2
from skanse.requirements import services as requirement_services
from skanse.requirements.models import RequirementSet
from tests.helpers import da, events


def _set(adoption) -> RequirementSet:
    with scopes_disabled():
        return RequirementSet.objects.get(pk=adoption.object_id)


def _edit(personas, adoption, **fields):
    with scope(organisation=adoption.organisation):
        requirement_services.requirement_set_update(
            actor=personas.admin, requirement_set=_set(adoption), **fields
        )


def _read(adoption) -> dict:
    with scopes_disabled():
        return {
            "name": _set(adoption).name,
            "description": _set(adoption).description,
            "items": requirement_services.items_of(_set(adoption)),
        }


def test_adopting_makes_the_organisations_own_set_linked_to_the_version(personas, template):
    adoption = adopt(personas, template)
    requirement_set = _set(adoption)
    assert requirement_set.organisation == personas.org
    assert requirement_set.name == V1["name"]
    assert _read(adoption)["items"] == V1["items"]
    assert adoption.version.number == 1
    assert adoption.base == V1
    created = events(personas.org, "commons.adoption.created")
    assert len(created) == 1 and created[0].changes["version"] == [None, 1]
    assert events(personas.org, "requirements.set.created")


def test_adopting_twice_is_refused(personas, template):
    adopt(personas, template)
    with pytest.raises(ValidationError):
        adopt(personas, template)
    with scopes_disabled():
        assert RequirementSet.objects.filter(organisation=personas.org).count() == 1


def test_the_coordinator_does_not_adopt(personas, template):
    with pytest.raises(ValidationError):
        adopt(personas, template, org=personas.coordinator_org, user=personas.coordinator)


def test_a_template_without_a_published_version_cannot_be_adopted(personas):
    with scopes_disabled():
        draft = services.template_create(
            actor=personas.coordinator,
            organisation=personas.coordinator_org,
            kind=KIND,
            key="kladde",
            name="Kladde",
        )
        assert list(selectors.published_templates()) == []
        with pytest.raises(ValidationError):
            adopt(personas, draft.template)


def test_only_the_coordinator_creates_templates(personas):
    with scopes_disabled(), pytest.raises(ValidationError):
        services.template_create(
            actor=personas.admin, organisation=personas.org, kind=KIND, key="x", name="X"
        )


def test_an_unknown_kind_is_refused_at_the_kind_field(personas):
    with scopes_disabled(), pytest.raises(ValidationError) as refused:
        services.template_create(
            actor=personas.coordinator,
            organisation=personas.coordinator_org,
            kind="horoscope",
            key="x",
            name="X",
        )
    assert "kind" in refused.value.error_dict


def test_a_published_version_never_changes(personas, template):
    with scopes_disabled(), pytest.raises(ValidationError):
        services.draft_save(
            actor=personas.coordinator, version=template.published_version, payload=v2(name="X")
        )


def test_a_new_version_needs_a_change_and_a_note(personas, template):
    with scopes_disabled():
        draft = services.version_start(actor=personas.coordinator, template=template)
        assert draft.number == 2 and draft.payload == V1
        with pytest.raises(ValidationError):
            services.template_publish(actor=personas.coordinator, version=draft)
        services.draft_save(actor=personas.coordinator, version=draft, payload=v2(name="Ny"))
        with pytest.raises(ValidationError) as refused:
            services.template_publish(actor=personas.coordinator, version=draft)
        assert "change_note" in refused.value.error_dict
        draft.refresh_from_db()
        assert draft.status == TemplateVersion.Status.DRAFT


def test_a_malformed_payload_names_the_field_and_row(personas):
    bad = v2(items=[{"code": "K1", "priority": "always", "text": "x"}])
    with scopes_disabled(), pytest.raises(ValidationError) as refused:
        publish(personas, bad)
    assert "items" in refused.value.error_dict
    assert (
        da("Row %(n)d, %(column)s: %(message)s").split(",")[0] % {"n": 1}
        in refused.value.error_dict["items"][0].messages[0]
    )


def test_a_new_version_shows_as_an_update_for_adopters_only(personas, template):
    adoption = adopt(personas, template)
    with scopes_disabled():
        assert list(selectors.updates_available(personas.org)) == []
    publish(personas, v2(name="Krav 2027"), note="Nyt navn")
    with scopes_disabled():
        assert list(selectors.updates_available(personas.org)) == [adoption]
        assert list(selectors.updates_available(personas.other_org)) == []
        assert selectors.dashboard_cards(personas.org)[0]["count"] == 1
        assert selectors.dashboard_cards(personas.other_org) == []


def test_the_comparison_tells_who_changed_what(personas, template):
    adoption = adopt(personas, template)
    _edit(personas, adoption, description="Vores egen beskrivelse")
    items = [dict(i) for i in V1["items"]]
    items[0]["text"] = "Leverandøren er ISO 27001-certificeret."
    publish(personas, v2(name="Krav 2027", items=items), note="Skarpere K1")
    _edit(personas, adoption, name="Vores krav")
    with scopes_disabled():
        adoption = Adoption.objects.select_related("template__published_version").get()
        states = {r.field.name: r.state for r in selectors.adoption_diff(adoption)}
    assert states == {"name": values.CONFLICT, "description": values.OURS, "items": values.THEIRS}


def test_syncing_takes_the_chosen_fields_and_keeps_the_organisations_own(personas, template):
    adoption = adopt(personas, template)
    _edit(personas, adoption, name="Vores krav", description="Vores beskrivelse")
    items = V1["items"] + [
        {
            "code": "K3",
            "priority": "must",
            "category": "Jura",
            "requirement": "",
            "text": "Databehandleraftale efter Datatilsynets standard.",
        }
    ]
    publish(personas, v2(name="Krav 2027", description="Ny", items=items), note="K3")
    with scopes_disabled():
        services.sync(actor=personas.admin, adoption=adoption, take=["items"], expected_version=1)
    now = _read(adoption)
    assert now["name"] == "Vores krav" and now["description"] == "Vores beskrivelse"
    assert [i["code"] for i in now["items"]] == ["K1", "K2", "K3"]
    with scopes_disabled():
        adoption.refresh_from_db()
        assert adoption.version.number == 2
        assert adoption.base["name"] == "Krav 2027"
        assert list(selectors.updates_available(personas.org)) == []
    synced = events(personas.org, "commons.adoption.synced")[0]
    assert synced.changes == {"version": [1, 2], "fields_taken": [None, ["items"]]}
    changed = events(personas.org, "requirements.set.changed")[-1]
    assert set(changed.changes) == {"items"}


def test_a_declined_field_counts_as_the_organisations_own_afterwards(personas, template):
    adoption = adopt(personas, template)
    publish(personas, v2(name="Krav 2027"), note="Navn")
    with scopes_disabled():
        services.sync(actor=personas.admin, adoption=adoption, take=[])
        adoption.refresh_from_db()
        states = {r.field.name: r.state for r in selectors.adoption_diff(adoption)}
    assert _read(adoption)["name"] == V1["name"]
    assert states["name"] == values.OURS
    assert events(personas.org, "commons.adoption.dismissed")


def test_skipped_versions_compare_with_what_was_last_taken(personas, template):
    adoption = adopt(personas, template)
    publish(personas, v2(name="Krav 2027"), note="Navn")
    publish(personas, v2(name="Krav 2027", description="Version 3"), note="Beskrivelse")
    with scopes_disabled():
        adoption.refresh_from_db()
        states = {r.field.name: r.state for r in selectors.adoption_diff(adoption)}
        assert states == {
            "name": values.THEIRS,
            "description": values.THEIRS,
            "items": values.UNCHANGED,
        }
        services.sync(actor=personas.admin, adoption=adoption, take=["name", "description"])
        adoption.refresh_from_db()
    assert adoption.version.number == 3
    assert _read(adoption)["description"] == "Version 3"


def test_a_sync_the_kind_refuses_changes_nothing(personas, template):
    """The template names a library requirement that does not exist: the requirement set's
    own service refuses it, and neither the set nor the adoption changes."""
    adoption = adopt(personas, template)
    items = [dict(i) for i in V1["items"]]
    items[0]["requirement"] = "urn:test:no-such-requirement"
    publish(personas, v2(name="Krav 2027", items=items), note="Link")
    before = _read(adoption)
    with scopes_disabled(), pytest.raises(ValidationError):
        services.sync(actor=personas.admin, adoption=adoption, take=["name", "items"])
    assert _read(adoption) == before
    with scopes_disabled():
        adoption.refresh_from_db()
        assert adoption.version.number == 1
    assert events(personas.org, "commons.adoption.synced") == []


def test_a_concurrent_sync_is_noticed(personas, template):
    adoption = adopt(personas, template)
    publish(personas, v2(name="Krav 2027"), note="Navn")
    publish(personas, v2(name="Krav 2028"), note="Navn")
    with scopes_disabled():
        services.sync(actor=personas.admin, adoption=adoption, take=["name"], expected_version=1)
        with pytest.raises(ValidationError):
            services.sync(actor=personas.dpo, adoption=adoption, take=[], expected_version=1)


def test_there_is_nothing_to_sync_at_the_newest_version(personas, adoption):
    with scopes_disabled(), pytest.raises(ValidationError):
        services.sync(actor=personas.admin, adoption=adoption, take=["name"])


def test_publishing_is_audited_in_the_coordinators_trail(personas, template):
    publish(personas, v2(name="Krav 2027"), note="Nyt navn")
    published = events(personas.coordinator_org, "commons.template.published")
    assert [e.changes["version"] for e in published] == [[None, 1], [1, 2]]
    assert published[1].changes["change_note"] == [None, "Nyt navn"]
    assert events(personas.coordinator_org, "commons.version.draft_saved")[0].changes["name"] == [
        V1["name"],
        "Krav 2027",
    ]


def test_a_deleted_copy_can_be_adopted_again(personas, template):
    adoption = adopt(personas, template)
    publish(personas, v2(name="Krav 2027"), note="Navn")
    with scopes_disabled():
        _set(adoption).delete()
        assert selectors.adoption_diff(Adoption.objects.get()) is None
        with pytest.raises(ValidationError) as refused:
            services.sync(actor=personas.admin, adoption=adoption, take=[])
    assert refused.value.messages[0] == da("The adopted object no longer exists.")
    again = adopt(personas, template)
    assert again.pk != adoption.pk
    assert _set(again).name == "Krav 2027"
    assert events(personas.org, "commons.adoption.removed")
