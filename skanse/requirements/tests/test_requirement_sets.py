"""Requirement sets: the list, creating, reading and editing, with errors at the row."""

from django.urls import reverse
from django_scopes import scopes_disabled

from skanse.library.documents import FrameworkDoc, NodeDoc
from skanse.library.services import ImportReport, framework_import
from skanse.requirements import services
from skanse.requirements.models import RequirementSet
from tests.helpers import da, events, field_errors, shows


def url(name, org, *args):
    return reverse(name, args=[org.slug, *args])


def make_set(personas, org=None, name="Krav til hosting", items=None):
    with scopes_disabled():
        return services.requirement_set_create(
            actor=personas.admin,
            organisation=org or personas.org,
            name=name,
            items=items if items is not None else [{"code": "H1", "text": "Drift i EU."}],
        )


def library_requirement():
    return framework_import(
        FrameworkDoc(
            urn="urn:test:req",
            version="1",
            name="Testkrav",
            requirements=[NodeDoc(ref_id="A.5.1", name="Politikker")],
        ),
        report=ImportReport(),
    ).requirements.get()


def test_a_set_is_created_with_its_requirements_in_order(personas):
    client = personas.client(personas.dpo)
    reply = client.post(
        url("requirement_set_create", personas.org),
        {
            "name": "Krav til SaaS",
            "description": "Til udbud",
            "items": "S1 | must | Sikkerhed | | MFA for alle brugere\n"
            "S2 | could | | | Single sign-on via | SAML",
        },
    )
    with scopes_disabled():
        obj = RequirementSet.objects.get(organisation=personas.org)
        items = services.items_of(obj)
    assert reply["Location"] == url("requirement_set_detail", personas.org, obj.uuid)
    assert [i["code"] for i in items] == ["S1", "S2"]
    assert items[1]["text"] == "Single sign-on via | SAML"
    assert items[1]["priority"] == "could"
    created = events(personas.org, "requirements.set.created")[0]
    assert created.actor == personas.dpo
    assert created.changes["name"] == [None, "Krav til SaaS"]


def test_a_bad_row_is_named_at_the_field_and_nothing_is_saved(personas):
    client = personas.client(personas.admin)
    page = client.post(
        url("requirement_set_create", personas.org),
        {"name": "Krav", "items": "S1 | must | | | Fint\nS1 | must | | | Samme kode igen"},
    )
    assert page.status_code == 400
    assert (
        da("Row %(n)d, %(column)s: %(message)s").split(",")[0] % {"n": 2}
        in field_errors(page, "items")[0]
    )
    with scopes_disabled():
        assert not RequirementSet.objects.filter(organisation=personas.org).exists()


def test_an_item_links_a_library_requirement_by_urn(personas):
    requirement = library_requirement()
    obj = make_set(
        personas, items=[{"code": "P1", "text": "Politik", "requirement": requirement.urn}]
    )
    page = personas.client(personas.auditor).get(
        url("requirement_set_detail", personas.org, obj.uuid)
    )
    assert page.status_code == 200
    assert url("library_requirement", personas.org, requirement.uuid) in page.content.decode()


def test_an_unknown_library_urn_is_refused_at_its_row(personas):
    client = personas.client(personas.admin)
    page = client.post(
        url("requirement_set_create", personas.org),
        {"name": "Krav", "items": "P1 | must | | urn:test:nothing | Politik"},
    )
    assert page.status_code == 400
    assert "urn:test:nothing" in field_errors(page, "items")[0]


def test_editing_records_what_changed(personas):
    obj = make_set(personas)
    client = personas.client(personas.admin)
    edit = url("requirement_set_edit", personas.org, obj.uuid)
    form = client.get(edit)
    assert "H1 | must |  |  | Drift i EU." in form.content.decode()
    client.post(edit, {"name": "Krav til hosting 2027", "items": "H1 | must | | | Drift i EU."})
    changed = events(personas.org, "requirements.set.changed")
    assert len(changed) == 1
    assert changed[0].changes == {"name": ["Krav til hosting", "Krav til hosting 2027"]}


def test_the_list_has_a_bounded_number_of_queries(personas, django_assert_max_num_queries):
    for n in range(5):
        make_set(personas, name=f"Sæt {n}", items=[{"code": "X", "text": "x"}] * 1)
    make_set(personas, org=personas.other_org, name="Vejles sæt")
    client = personas.client(personas.contributor)
    with django_assert_max_num_queries(9):
        page = client.get(url("requirement_set_list", personas.org))
    assert len(page.context["page"].object_list) == 5
    assert not shows(page, "Vejles sæt")


def test_the_detail_page_has_a_bounded_number_of_queries(personas, django_assert_max_num_queries):
    requirement = library_requirement()
    items = [{"code": f"R{n}", "text": "x", "requirement": requirement.urn} for n in range(20)]
    obj = make_set(personas, items=items)
    client = personas.client(personas.admin)
    with django_assert_max_num_queries(11):
        page = client.get(url("requirement_set_detail", personas.org, obj.uuid))
    assert len(page.context["items"]) == 20


def test_the_api_creates_reads_and_changes_a_set_and_refuses_a_bad_row(personas, client):
    from skanse.tenancy import services as tenancy_services

    with scopes_disabled():
        _token, secret = tenancy_services.token_create(
            actor=personas.admin, organisation=personas.org, name="api"
        )
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    created = client.post(
        "/api/v1/requirement-sets",
        {"name": "Krav", "items": [{"code": "K1", "text": "Logning", "priority": "should"}]},
        content_type="application/json",
        **auth,
    )
    assert created.status_code == 201, created.content
    uuid = created.json()["uuid"]
    assert created.json()["items"][0]["priority"] == "should"
    changed = client.patch(
        f"/api/v1/requirement-sets/{uuid}",
        {"items": [{"code": "K1", "text": "Logning", "priority": "always"}]},
        content_type="application/json",
        **auth,
    )
    assert changed.status_code == 400
    assert "items" in changed.json()["errors"]
    read = client.get(f"/api/v1/requirement-sets/{uuid}", **auth)
    assert read.json()["items"][0]["priority"] == "should"  # nothing saved
    listing = client.get("/api/v1/requirement-sets", **auth).json()
    assert [row["name"] for row in listing] == ["Krav"]
