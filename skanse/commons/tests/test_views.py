"""Commons pages: browse, adopt, updates, the field-by-field diff with a checkbox per field,
and the coordinator's authoring (the content form generated from the kind's fields)."""

import re

from django_scopes import scopes_disabled

from skanse.commons.models import Adoption, Template, TemplateVersion
from skanse.commons.tests.conftest import KIND, V1, adopt, publish, url, v2
from skanse.requirements.models import RequirementSet
from skanse.requirements.services import items_of, requirement_set_update
from tests.helpers import da, events, field_errors, shows


def _more_templates(personas, n):
    for i in range(n):
        publish(personas, v2(name=f"Sæt {i}"), key=f"more-{i}", name=f"Sæt {i}")


def test_the_index_lists_published_templates_and_hides_drafts(personas, admin, template):
    with scopes_disabled():
        from skanse.commons import services

        services.template_create(
            actor=personas.coordinator,
            organisation=personas.coordinator_org,
            kind=KIND,
            key="hemmelig",
            name="Hemmelig kladde",
        )
    page = admin.get(url("commons_index", personas.org))
    assert page.status_code == 200
    assert shows(page, template.name)
    assert not shows(page, "Hemmelig kladde")
    assert shows(page, da("Not adopted"))


def test_the_index_takes_the_same_number_of_queries_for_1_or_6_templates(
    personas, admin, template, django_assert_max_num_queries
):
    adopt(personas, template)
    page = url("commons_index", personas.org)
    admin.get(page)
    _more_templates(personas, 5)
    with scopes_disabled():
        adopt(personas, Template.objects.get(key="more-0"))
    with django_assert_max_num_queries(12):
        assert len(admin.get(page).context["rows"]) == 6


def test_a_draft_only_template_is_a_404_for_municipalities(personas, admin):
    with scopes_disabled():
        from skanse.commons import services

        draft = services.template_create(
            actor=personas.coordinator,
            organisation=personas.coordinator_org,
            kind=KIND,
            key="kladde",
            name="Kladde",
        )
    assert admin.get(url("commons_template", personas.org, draft.template.uuid)).status_code == 404


def test_a_municipality_adopts_a_template_from_its_page(personas, admin, template):
    detail = admin.get(url("commons_template", personas.org, template.uuid))
    assert shows(detail, da("Adopt this template"))
    reply = admin.post(url("commons_adopt", personas.org, template.uuid), follow=True)
    with scopes_disabled():
        adoption = Adoption.objects.get(organisation=personas.org)
        requirement_set = RequirementSet.objects.get(organisation=personas.org)
    assert reply.redirect_chain[-1][0] == url("commons_adoption", personas.org, adoption.uuid)
    assert requirement_set.name == V1["name"]
    assert url("requirement_set_detail", personas.org, requirement_set.uuid) in (
        reply.content.decode()
    )


def test_adopting_again_shows_the_refusal_and_adds_nothing(personas, admin, template):
    adopt(personas, template)
    reply = admin.post(url("commons_adopt", personas.org, template.uuid), follow=True)
    assert shows(reply, da("Your organisation has adopted this template already."))
    with scopes_disabled():
        assert RequirementSet.objects.filter(organisation=personas.org).count() == 1


def test_the_updates_page_lists_adoptions_with_a_new_version_first(
    personas, admin, template, django_assert_max_num_queries
):
    adoption = adopt(personas, template)
    _more_templates(personas, 3)
    with scopes_disabled():
        for t in Template.objects.filter(key__startswith="more-"):
            adopt(personas, t)
    publish(personas, v2(name="Krav 2027"), note="Nyt navn")
    with django_assert_max_num_queries(10):
        page = admin.get(url("commons_updates", personas.org))
    assert page.context["waiting"] == [adoption]
    assert len(page.context["current"]) == 3


def _diverged(personas, template):
    """Adopted v1; the municipality renamed its copy; v2 renames and adds a requirement."""
    adoption = adopt(personas, template)
    with scopes_disabled():
        requirement_set_update(
            actor=personas.admin,
            requirement_set=RequirementSet.objects.get(pk=adoption.object_id),
            name="Aarhus' krav",
        )
    items = V1["items"] + [{"code": "K3", "priority": "must", "text": "Ny: logning i 5 år."}]
    publish(personas, v2(name="Krav 2027", items=items), note="K3 tilføjet")
    return adoption


def test_the_diff_page_marks_conflicts_and_ticks_only_the_associations_changes(
    personas, admin, template, django_assert_max_num_queries
):
    adoption = _diverged(personas, template)
    with django_assert_max_num_queries(14):
        page = admin.get(url("commons_adoption", personas.org, adoption.uuid))
    assert page.status_code == 200
    states = {r.field.name: r.state for r in page.context["changed_rows"]}
    assert states == {"name": "conflict", "items": "theirs"}
    content = page.content.decode()
    assert 'id="take-items" checked' in content
    assert 'id="take-name">' in content
    assert shows(page, da("Conflict: changed by both"))
    assert shows(page, "K3 tilføjet")
    assert shows(page, "Ny: logning i 5 år.")


def test_taking_the_ticked_fields_keeps_the_municipalitys_own_name(personas, admin, template):
    adoption = _diverged(personas, template)
    reply = admin.post(
        url("commons_sync", personas.org, adoption.uuid), {"take": ["items"], "version": "1"}
    )
    assert reply.status_code == 302
    assert reply["Location"] == url("commons_updates", personas.org)
    with scopes_disabled():
        requirement_set = RequirementSet.objects.get(pk=adoption.object_id)
        assert requirement_set.name == "Aarhus' krav"
        assert [i["code"] for i in items_of(requirement_set)] == ["K1", "K2", "K3"]
        adoption.refresh_from_db()
        assert adoption.version.number == 2
    assert events(personas.org, "commons.adoption.synced")[0].actor == personas.admin


def test_a_field_that_cannot_be_taken_is_refused(personas, admin, template):
    adoption = _diverged(personas, template)
    reply = admin.post(
        url("commons_sync", personas.org, adoption.uuid),
        {"take": ["description"], "version": "1"},
        follow=True,
    )
    assert shows(reply, da("Choose among the fields shown, and try again."))
    with scopes_disabled():
        adoption.refresh_from_db()
        assert adoption.version.number == 1


def test_a_stale_page_does_not_sync_twice(personas, admin, template):
    adoption = _diverged(personas, template)
    target = url("commons_sync", personas.org, adoption.uuid)
    admin.post(target, {"take": ["items"], "version": "1"})
    again = admin.post(target, {"take": ["name"], "version": "1"}, follow=True)
    assert shows(again, da("Someone took this update meanwhile. Look at the differences again."))
    with scopes_disabled():
        assert RequirementSet.objects.get(pk=adoption.object_id).name == "Aarhus' krav"


def test_keeping_ones_own_content_sets_the_update_aside(personas, admin, template):
    adoption = _diverged(personas, template)
    admin.post(url("commons_dismiss", personas.org, adoption.uuid))
    with scopes_disabled():
        adoption.refresh_from_db()
        assert adoption.version.number == 2
        assert RequirementSet.objects.get(pk=adoption.object_id).name == "Aarhus' krav"
    assert events(personas.org, "commons.adoption.dismissed")


def test_the_auditor_reads_the_diff_without_checkboxes(personas, template):
    adoption = _diverged(personas, template)
    page = personas.client(personas.auditor).get(
        url("commons_adoption", personas.org, adoption.uuid)
    )
    assert page.status_code == 200
    assert 'name="take"' not in page.content.decode()


def test_an_update_is_taken_in_three_requests(personas, admin, template):
    """The issue's bar: the association updates a model activity; a municipality that adopted
    it takes the change within a minute — updates list, diff page, one click."""
    adoption = _diverged(personas, template)
    updates = admin.get(url("commons_updates", personas.org))
    diff_url = url("commons_adoption", personas.org, adoption.uuid)
    assert diff_url in updates.content.decode()
    page = admin.get(diff_url)
    ticked = [r.field.name for r in page.context["takeable"] if r.takes_by_default]
    admin.post(url("commons_sync", personas.org, adoption.uuid), {"take": ticked, "version": "1"})
    assert admin.get(url("commons_updates", personas.org)).context["waiting"] == []


# --- The coordinator --------------------------------------------------------------------------


def test_the_coordinator_creates_fills_and_publishes_a_template(personas, coordinator):
    reply = coordinator.post(
        url("commons_template_create", personas.coordinator_org),
        {"kind": KIND, "name": "Cloud-krav", "key": "cloud-krav"},
    )
    with scopes_disabled():
        template = Template.objects.get(key="cloud-krav")
    draft_url = url("commons_draft", personas.coordinator_org, template.uuid)
    assert reply["Location"] == draft_url
    form = coordinator.get(draft_url)
    assert set(form.context["form"].fields) == {"name", "description", "items", "change_note"}
    coordinator.post(
        draft_url,
        {
            "name": "Cloud-krav",
            "items": "C1 | must | Sikkerhed | | Data opbevares i EU/EØS.\n\n"
            "C2 | should | Drift | | Leverandøren har en exit-plan.",
        },
    )
    coordinator.post(url("commons_publish", personas.coordinator_org, template.uuid))
    with scopes_disabled():
        template.refresh_from_db()
        version = template.published_version
    assert version.number == 1
    assert [i["code"] for i in version.payload["items"]] == ["C1", "C2"]
    assert version.payload["items"][0]["text"] == "Data opbevares i EU/EØS."
    assert events(personas.coordinator_org, "commons.template.published")


def test_a_bad_row_in_the_content_form_is_shown_at_the_field(personas, coordinator):
    with scopes_disabled():
        from skanse.commons import services

        draft = services.template_create(
            actor=personas.coordinator,
            organisation=personas.coordinator_org,
            kind=KIND,
            key="kladde",
            name="Kladde",
        )
    page = coordinator.post(
        url("commons_draft", personas.coordinator_org, draft.template.uuid),
        {"name": "Kladde", "items": "K1 | must | | | Fint\nK2 | altid | | | Forkert prioritet"},
    )
    assert page.status_code == 400
    assert (
        da("Row %(n)d, %(column)s: %(message)s").split(",")[0] % {"n": 2}
        in field_errors(page, "items")[0]
    )
    with scopes_disabled():
        draft.refresh_from_db()
        assert draft.payload["items"] == []


def test_a_new_version_is_started_from_the_published_one(personas, coordinator, template):
    coordinator.post(url("commons_version_start", personas.coordinator_org, template.uuid))
    with scopes_disabled():
        draft = TemplateVersion.objects.get(template=template, status="draft")
    assert draft.number == 2 and draft.payload == V1
    page = coordinator.get(
        url("commons_authoring_template", personas.coordinator_org, template.uuid)
    )
    assert shows(page, da("Publish version %(n)s") % {"n": 2})


def test_the_authoring_list_has_a_bounded_number_of_queries(
    personas, coordinator, template, django_assert_max_num_queries
):
    _more_templates(personas, 4)
    with django_assert_max_num_queries(10):
        page = coordinator.get(url("commons_authoring", personas.coordinator_org))
    assert len(page.context["templates"]) == 5


def test_municipalities_do_not_reach_the_authoring_pages(personas, admin):
    assert admin.get(url("commons_authoring", personas.org)).status_code == 403


def test_the_template_page_has_a_bounded_number_of_queries(
    personas, admin, template, django_assert_max_num_queries
):
    for n in range(3):
        publish(personas, v2(name=f"Krav {n}"), note=f"Runde {n}")
    with django_assert_max_num_queries(10):
        page = admin.get(url("commons_template", personas.org, template.uuid))
    assert len(page.context["versions"]) == 4
    assert shows(page, "Runde 2")
    assert shows(page, "K1")


def test_the_diff_page_says_which_rows_are_new_changed_or_removed(personas, admin, template):
    adoption = adopt(personas, template)
    k1 = {**V1["items"][0], "text": "Leverandøren er ISO 27001-certificeret."}
    k3 = {"code": "K3", "priority": "must", "category": "", "requirement": "", "text": "Ny."}
    publish(personas, v2(items=[k1, k3]), note="K1 skærpet, K2 udgår, K3 ny")
    page = admin.get(url("commons_adoption", personas.org, adoption.uuid)).content.decode()
    marks = {
        code: mark
        for mark, code in re.findall(r"<tr><td><strong>(\w+)</strong></td><td>(K\d)</td>", page)
    }
    assert marks == {"K1": da("Changed"), "K3": da("New"), "K2": da("Removed")}


def test_the_authoring_pages_of_a_template_have_a_bounded_number_of_queries(
    personas, coordinator, template, django_assert_max_num_queries
):
    for n in range(4):
        publish(personas, v2(name=f"Krav {n}"), note=f"Runde {n}")
    coordinator.post(url("commons_version_start", personas.coordinator_org, template.uuid))
    with django_assert_max_num_queries(12):
        page = coordinator.get(
            url("commons_authoring_template", personas.coordinator_org, template.uuid)
        )
    assert len(page.context["versions"]) == 6
    with django_assert_max_num_queries(10):
        draft = coordinator.get(url("commons_draft", personas.coordinator_org, template.uuid))
    assert draft.status_code == 200
