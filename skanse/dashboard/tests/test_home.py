from django.urls import reverse

from skanse.tenancy.models import Organisation
from tests.personas import add_member, make_user

HOME = reverse("home")


def test_it_sends_a_member_of_one_organisation_to_its_dashboard(personas):
    response = personas.client(personas.contributor).get(HOME)
    assert response.status_code == 302
    assert response["Location"] == reverse("org_dashboard", args=[personas.org.slug])


def test_it_lists_the_organisations_of_a_member_of_several(personas):
    add_member(personas.other_org, personas.contributor, "auditor")
    response = personas.client(personas.contributor).get(HOME)
    assert response.status_code == 200
    chosen = [(m.organisation, m.role) for m in response.context["memberships"]]
    assert chosen == [(personas.org, "contributor"), (personas.other_org, "auditor")]
    assert reverse("org_dashboard", args=[personas.other_org.slug]) in response.content.decode()


def test_it_returns_to_the_organisation_used_last(personas):
    add_member(personas.other_org, personas.contributor, "auditor")
    client = personas.client(personas.contributor)
    client.get(reverse("org_dashboard", args=[personas.other_org.slug]))
    response = client.get(HOME)
    assert response["Location"] == reverse("org_dashboard", args=[personas.other_org.slug])
    # "Switch organisation" shows the choice even so.
    assert client.get(HOME, {"choose": "1"}).status_code == 200


def test_it_hides_other_tenants(personas):
    """Only the person's own, active organisations: never the coordinator or a deactivated one."""
    add_member(personas.other_org, personas.contributor, "auditor")
    Organisation.objects.filter(pk=personas.other_org.pk).update(is_active=False)
    response = personas.client(personas.contributor).get(HOME, {"choose": "1"})
    assert response["Location"] == reverse("org_dashboard", args=[personas.org.slug])


def test_it_tells_a_person_without_organisations_how_to_join(personas):
    lonely = make_user("lonely@example.test")
    response = personas.client(lonely).get(HOME)
    assert response.status_code == 200
    assert response.context["memberships"] == []


def test_its_query_count_stays_bounded(personas, django_assert_max_num_queries):
    add_member(personas.other_org, personas.contributor, "auditor")
    client = personas.client(personas.contributor)
    with django_assert_max_num_queries(3):
        assert client.get(HOME).status_code == 200
    for organisation in Organisation.objects.filter(kind="municipality").exclude(
        pk__in=[personas.org.pk, personas.other_org.pk]
    )[:30]:
        add_member(organisation, personas.contributor, "auditor")
    with django_assert_max_num_queries(3):
        response = client.get(HOME)
    assert len(response.context["memberships"]) == 32
