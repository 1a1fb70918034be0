from django.urls import reverse

from skanse.tenancy.roles import Role
from tests.helpers import label, shows
from tests.personas import add_member, make_user


def _url(org, membership):
    return reverse("member_detail", args=[org.slug, membership.uuid])


def test_it_shows_the_member_with_the_forms_to_manage_them(personas):
    membership = personas.membership[personas.contributor.email]
    response = personas.client(personas.admin).get(_url(personas.org, membership))
    assert response.status_code == 200
    assert response.context["form"].initial == {"role": "contributor"}
    assert shows(response, personas.contributor.email)
    assert shows(response, label(Role.CONTRIBUTOR))
    content = response.content.decode()
    assert reverse("member_role", args=[personas.org.slug, membership.uuid]) in content
    assert reverse("member_remove", args=[personas.org.slug, membership.uuid]) in content
    assert reverse("object_history", args=[personas.org.slug, membership.uuid]) in content


def test_it_offers_no_changes_without_members_manage(personas):
    membership = personas.membership[personas.dpo.email]
    response = personas.client(personas.contributor).get(_url(personas.org, membership))
    assert response.status_code == 200
    content = response.content.decode()
    assert reverse("member_role", args=[personas.org.slug, membership.uuid]) not in content
    assert reverse("member_remove", args=[personas.org.slug, membership.uuid]) not in content
    assert reverse("object_history", args=[personas.org.slug, membership.uuid]) not in content


def test_it_offers_only_the_roles_of_the_organisations_kind(personas):
    membership = personas.membership[personas.contributor.email]
    response = personas.client(personas.admin).get(_url(personas.org, membership))
    offered = [value for value, _label in response.context["form"].fields["role"].choices]
    assert offered == ["org_admin", "security_officer", "dpo", "contributor", "auditor"]


def test_it_hides_other_tenants(personas):
    """A person in both municipalities: their Vejle membership is not reachable via Aarhus."""
    both = make_user("both@example.test")
    add_member(personas.org, both, "contributor")
    in_vejle = add_member(personas.other_org, both, "auditor")
    response = personas.client(personas.admin).get(_url(personas.org, in_vejle))
    assert response.status_code == 404
