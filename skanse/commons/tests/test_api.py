"""The commons API: published templates, adopt, diff and sync with a token."""

import json

from django_scopes import scopes_disabled

from skanse.commons.models import Adoption
from skanse.commons.tests.conftest import KIND, adopt, publish, v2
from skanse.requirements.models import RequirementSet
from tests.helpers import bearer, events


def test_the_api_lists_published_templates_and_their_versions(personas, client, template):
    publish(personas, v2(name="Krav 2027"), note="Nyt navn")
    headers = bearer(personas.contributor, personas.org)
    listed = client.get("/api/v1/commons/templates", {"kind": KIND}, **headers).json()
    assert [t["version"] for t in listed["items"]] == [2]
    versions = client.get(f"/api/v1/commons/templates/{template.uuid}/versions", **headers)
    assert [v["number"] for v in versions.json()] == [2, 1]
    assert versions.json()[0]["change_note"] == "Nyt navn"


def test_adopting_through_the_api_is_audited_as_api(personas, client, template):
    reply = client.post(
        f"/api/v1/commons/templates/{template.uuid}/adopt", **bearer(personas.dpo, personas.org)
    )
    assert reply.status_code == 201
    with scopes_disabled():
        obj = RequirementSet.objects.get(organisation=personas.org)
    assert reply.json()["object_uuid"] == str(obj.uuid)
    assert events(personas.org, "commons.adoption.created")[0].via == "api"


def test_diff_and_sync_through_the_api(personas, client, template):
    adoption = adopt(personas, template)
    publish(personas, v2(name="Krav 2027", description="Ny"), note="Navn")
    headers = bearer(personas.admin, personas.org)
    waiting = client.get("/api/v1/commons/adoptions", {"update_available": True}, **headers)
    assert [a["uuid"] for a in waiting.json()["items"]] == [str(adoption.uuid)]
    diff = client.get(f"/api/v1/commons/adoptions/{adoption.uuid}/diff", **headers).json()
    assert {d["field"]: d["state"] for d in diff}["name"] == "theirs"
    reply = client.post(
        f"/api/v1/commons/adoptions/{adoption.uuid}/sync",
        json.dumps({"take": ["name"], "version": 1}),
        content_type="application/json",
        **headers,
    )
    assert reply.status_code == 200
    assert reply.json()["update_available"] is False
    with scopes_disabled():
        requirement_set = RequirementSet.objects.get(pk=adoption.object_id)
        assert requirement_set.name == "Krav 2027"
        assert requirement_set.description == "Fælles krav til leverandører af it-systemer."


def test_an_unknown_field_is_a_400_with_the_error_shape(personas, client, template):
    adoption = adopt(personas, template)
    publish(personas, v2(name="Krav 2027"), note="Navn")
    reply = client.post(
        f"/api/v1/commons/adoptions/{adoption.uuid}/sync",
        json.dumps({"take": ["colour"]}),
        content_type="application/json",
        **bearer(personas.admin, personas.org),
    )
    assert reply.status_code == 400
    assert "colour" in reply.json()["detail"]
    with scopes_disabled():
        assert Adoption.objects.get().version.number == 1


def test_a_draft_only_template_is_a_404_in_the_api(personas, client):
    with scopes_disabled():
        from skanse.commons import services

        draft = services.template_create(
            actor=personas.coordinator,
            organisation=personas.coordinator_org,
            kind=KIND,
            key="kladde",
            name="Kladde",
        )
    headers = bearer(personas.admin, personas.org)
    url = f"/api/v1/commons/templates/{draft.template.uuid}/versions"
    assert client.get(url, **headers).status_code == 404
    assert (
        client.post(f"/api/v1/commons/templates/{draft.template.uuid}/adopt", **headers).status_code
        == 404
    )
