from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

from django.urls import reverse
from django_scopes import scope

from skanse.core.audit import audit_record
from skanse.tenancy import services
from tests.helpers import da, field_errors

TZ = ZoneInfo("Europe/Copenhagen")


def _url(org):
    return reverse("audit_list", args=[org.slug])


def _token(user, org, name="sync"):
    with scope(organisation=org):
        return services.token_create(actor=user, organisation=org, name=name)[0]


def _event_on(moment, actor, org, obj):
    """An event recorded at `moment` (local time; the clock is set back while it is written)."""
    with mock.patch("django.utils.timezone.now", return_value=datetime(*moment, tzinfo=TZ)):
        return audit_record(actor=actor, organisation=org, action="test.event", obj=obj)


def _shown(response):
    return list(response.context["page"].object_list)


def test_it_lists_the_organisations_events_newest_first(personas):
    token = _token(personas.dpo, personas.org, "KITOS sync")
    response = personas.client(personas.auditor).get(_url(personas.org))
    assert response.status_code == 200
    shown = _shown(response)
    assert shown[0].object_uuid == token.uuid
    assert len(shown) == 6  # five members added, one token
    content = response.content.decode()
    assert "KITOS sync" in content
    assert reverse("object_history", args=[personas.org.slug, token.uuid]) in content


def test_it_hides_other_tenants(personas):
    _token(personas.outsider, personas.other_org, "Vejle sync")
    response = personas.client(personas.admin).get(_url(personas.org))
    assert all(e.organisation_id == personas.org.pk for e in _shown(response))
    content = response.content.decode()
    assert "Vejle sync" not in content
    assert "@vejle.test" not in content
    # People of other organisations are not offered as a filter either.
    actors = [label for _value, label in response.context["form"].fields["actor"].choices]
    assert personas.outsider.email not in actors


def test_it_filters_by_person(personas):
    _token(personas.dpo, personas.org, "by the DPO")
    _token(personas.dpo, personas.org, "by the DPO again")
    _token(personas.admin, personas.org, "by the admin")
    response = personas.client(personas.admin).get(
        _url(personas.org), {"actor": str(personas.dpo.uuid)}
    )
    assert [e.actor for e in _shown(response)] == [personas.dpo, personas.dpo]
    # Each person who acted is offered once.
    actors = [value for value, _label in response.context["form"].fields["actor"].choices]
    assert actors == ["", str(personas.admin.uuid), str(personas.dpo.uuid)]


def test_it_filters_by_object_type(personas):
    _token(personas.dpo, personas.org)
    response = personas.client(personas.admin).get(
        _url(personas.org), {"object_type": "tenancy.apitoken"}
    )
    assert [e.object_type for e in _shown(response)] == ["tenancy.apitoken"]
    types = [value for value, _label in response.context["form"].fields["object_type"].choices]
    assert types == ["", "tenancy.apitoken", "tenancy.membership"]


def test_it_filters_by_date_range_in_local_time(personas):
    """Whole local days: from 00:00 on the first day up to midnight after the last."""
    membership = personas.membership[personas.dpo.email]
    dpo, org = personas.dpo, personas.org
    before = _event_on((2001, 3, 1, 23, 59), dpo, org, membership)
    first = _event_on((2001, 3, 2, 0, 30), dpo, org, membership)  # 1 March 23:30 UTC
    last = _event_on((2001, 3, 4, 23, 30), dpo, org, membership)
    after = _event_on((2001, 3, 5, 0, 0), dpo, org, membership)
    response = personas.client(personas.admin).get(
        _url(personas.org), {"date_from": "2001-03-02", "date_to": "2001-03-04"}
    )
    assert _shown(response) == [last, first]
    assert before not in _shown(response) and after not in _shown(response)


def test_it_shows_an_end_date_before_the_start_date_at_the_field(personas):
    response = personas.client(personas.admin).get(
        _url(personas.org), {"date_from": "2001-03-04", "date_to": "2001-03-02"}
    )
    assert field_errors(response, "date_to") == [da("The end date is before the start date.")]


def test_it_pages_through_a_long_trail(personas):
    membership = personas.membership[personas.dpo.email]
    for _n in range(50):
        audit_record(actor=None, organisation=personas.org, action="test.event", obj=membership)
    client = personas.client(personas.admin)
    first = client.get(_url(personas.org))
    assert len(_shown(first)) == 50
    second = client.get(_url(personas.org), {"page": "2"})
    assert len(_shown(second)) == 5
    # A page number out of range or not a number gives a page, not an error.
    assert client.get(_url(personas.org), {"page": "999"}).status_code == 200
    assert client.get(_url(personas.org), {"page": "x"}).status_code == 200


def test_its_query_count_stays_bounded(personas, django_assert_max_num_queries):
    client = personas.client(personas.admin)
    client.get(_url(personas.org))
    with django_assert_max_num_queries(7):
        assert client.get(_url(personas.org)).status_code == 200
    for n in range(30):
        _token([personas.dpo, personas.auditor, personas.admin][n % 3], personas.org, f"t{n}")
    with django_assert_max_num_queries(7):
        response = client.get(_url(personas.org))
    assert len(_shown(response)) == 35
