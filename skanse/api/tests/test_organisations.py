import uuid

from skanse.tenancy.models import Organisation
from tests.helpers import bearer

LIST = "/api/v1/organisations"


def test_a_municipality_sees_only_itself(personas, client):
    response = client.get(LIST, **bearer(personas.contributor, personas.org))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [aarhus] = body["items"]
    assert aarhus == {
        "uuid": str(personas.org.uuid),
        "name": "Aarhus Kommune",
        "slug": personas.org.slug,
        "kind": "municipality",
        "code": "751",
        "cvr": personas.org.cvr,
        "region": personas.org.region.name,
        "is_active": True,
    }


def test_the_coordinator_sees_all_organisations_page_by_page(personas, client):
    headers = bearer(personas.analyst, personas.coordinator_org)
    first = client.get(LIST, **headers).json()
    assert (first["count"], len(first["items"])) == (104, 100)
    second = client.get(LIST, {"page": 2}, **headers).json()
    assert (second["count"], len(second["items"])) == (104, 4)
    seen = {o["uuid"] for o in first["items"] + second["items"]}
    assert seen == {str(u) for u in Organisation.objects.values_list("uuid", flat=True)}


def test_it_gets_one_organisation(personas, client):
    url = f"{LIST}/{personas.org.uuid}"
    response = client.get(url, **bearer(personas.auditor, personas.org))
    assert response.status_code == 200
    assert response.json()["name"] == "Aarhus Kommune"
    coordinator = client.get(url, **bearer(personas.analyst, personas.coordinator_org))
    assert coordinator.status_code == 200


def test_it_hides_other_tenants(personas, client):
    headers = bearer(personas.admin, personas.org)
    for target in (personas.other_org.uuid, personas.coordinator_org.uuid, uuid.uuid4()):
        response = client.get(f"{LIST}/{target}", **headers)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


def test_it_rejects_a_page_number_below_one(personas, client):
    response = client.get(LIST, {"page": 0}, **bearer(personas.analyst, personas.coordinator_org))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["page"]


def test_its_query_count_stays_bounded(personas, client, django_assert_max_num_queries):
    headers = bearer(personas.analyst, personas.coordinator_org)
    client.get(LIST, **headers)  # notes the token's first use
    with django_assert_max_num_queries(4):
        assert client.get(LIST, **headers).status_code == 200
    Organisation.objects.bulk_create(
        Organisation(name=f"Styrelse {n}", slug=f"styrelse-{n}", kind="other") for n in range(30)
    )
    with django_assert_max_num_queries(4):
        body = client.get(LIST, {"page": 2}, **headers).json()
    assert (body["count"], len(body["items"])) == (134, 34)
