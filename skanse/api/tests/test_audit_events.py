from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

from django_scopes import scope

from skanse.core.audit import audit_record
from skanse.tenancy import services
from tests.helpers import bearer

URL = "/api/v1/audit-events"
TZ = ZoneInfo("Europe/Copenhagen")


def _event_on(day, org, obj):
    with mock.patch("django.utils.timezone.now", return_value=datetime(*day, 12, tzinfo=TZ)):
        return audit_record(actor=None, organisation=org, action="test.event", obj=obj)


def test_it_lists_the_organisations_events_newest_first(personas, client):
    headers = bearer(personas.auditor, personas.org)  # creating it is the newest event
    body = client.get(URL, **headers).json()
    assert body["count"] == 6
    newest = body["items"][0]
    assert set(newest) == {
        "uuid",
        "created_at",
        "actor",
        "action",
        "object_type",
        "object_uuid",
        "object_repr",
        "changes",
        "via",
    }
    assert (newest["action"], newest["actor"]) == (
        "tenancy.api_token.created",
        "auditor@aarhus.test",
    )


def test_it_hides_other_tenants(personas, client):
    with scope(organisation=personas.other_org):
        services.token_create(actor=personas.outsider, organisation=personas.other_org, name="V")
    items = client.get(URL, **bearer(personas.admin, personas.org)).json()["items"]
    assert all(
        "vejle" not in item["actor"] and "Vejle" not in item["object_repr"] for item in items
    )
    assert len(items) == 6


def test_it_filters_by_object_type_and_dates(personas, client):
    membership = personas.membership[personas.dpo.email]
    _event_on((2001, 3, 1), personas.org, membership)
    inside = _event_on((2001, 3, 2), personas.org, membership)
    _event_on((2001, 3, 3), personas.org, membership)
    headers = bearer(personas.admin, personas.org)
    by_type = client.get(URL, {"object_type": "tenancy.apitoken"}, **headers).json()
    assert [e["object_type"] for e in by_type["items"]] == ["tenancy.apitoken"]
    by_date = client.get(URL, {"date_from": "2001-03-02", "date_to": "2001-03-02"}, **headers)
    assert [e["uuid"] for e in by_date.json()["items"]] == [str(inside.uuid)]


def test_it_rejects_a_malformed_date_at_the_field(personas, client):
    response = client.get(URL, {"date_from": "2. marts"}, **bearer(personas.admin, personas.org))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["date_from"]


def test_it_requires_audit_view(personas, client):
    assert client.get(URL, **bearer(personas.contributor, personas.org)).status_code == 403


def test_its_query_count_stays_bounded(personas, client, django_assert_max_num_queries):
    headers = bearer(personas.admin, personas.org)
    client.get(URL, **headers)
    with django_assert_max_num_queries(4):
        assert client.get(URL, **headers).status_code == 200
    membership = personas.membership[personas.dpo.email]
    for _n in range(30):
        audit_record(actor=personas.dpo, organisation=personas.org, action="t", obj=membership)
    with django_assert_max_num_queries(4):
        body = client.get(URL, **headers).json()
    assert (body["count"], len(body["items"])) == (36, 36)
