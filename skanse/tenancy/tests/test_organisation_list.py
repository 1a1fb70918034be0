from django.urls import reverse

from skanse.tenancy.models import Organisation
from tests.personas import add_member, make_user


def _url(personas):
    return reverse("organisation_list", args=[personas.coordinator_org.slug])


def test_it_lists_every_organisation_with_members_and_admins(personas):
    response = personas.client(personas.analyst).get(_url(personas))
    assert response.status_code == 200
    organisations = response.context["organisations"]
    assert len(organisations) == 104 == Organisation.objects.count()
    aarhus = next(o for o in organisations if o.pk == personas.org.pk)
    assert aarhus.member_count == 5
    assert [a.user for a in aarhus.admins] == [personas.admin]
    assert personas.admin.name in response.content.decode()


def test_it_filters_by_kind_and_search(personas):
    client = personas.client(personas.coordinator)
    regions = client.get(_url(personas), {"kind": "region"}).context["organisations"]
    assert len(regions) == 5
    assert {o.kind for o in regions} == {"region"}
    by_name = client.get(_url(personas), {"q": "aarhus"}).context["organisations"]
    assert [o.pk for o in by_name] == [personas.org.pk]
    by_code = client.get(_url(personas), {"q": "630"}).context["organisations"]
    assert [o.pk for o in by_code] == [personas.other_org.pk]


def test_it_ignores_an_unknown_kind(personas):
    response = personas.client(personas.coordinator).get(_url(personas), {"kind": "planet"})
    assert response.status_code == 200
    assert len(response.context["organisations"]) == 104


def test_it_is_for_the_coordinator_only(personas):
    """A municipality admin lacks organisations.view; the page is not there for them."""
    url = reverse("organisation_list", args=[personas.org.slug])
    assert personas.client(personas.admin).get(url).status_code == 403


def test_its_query_count_stays_bounded(personas, django_assert_max_num_queries):
    client = personas.client(personas.analyst)
    client.get(_url(personas))
    with django_assert_max_num_queries(5):
        assert client.get(_url(personas)).status_code == 200
    for n, organisation in enumerate(Organisation.objects.filter(kind="municipality")[:30]):
        add_member(
            organisation, make_user(f"admin{n}@example.test", name=f"Admin {n}"), "org_admin"
        )
    with django_assert_max_num_queries(5):
        response = client.get(_url(personas))
    assert sum(len(o.admins) for o in response.context["organisations"]) == 30 + 3
