from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from skanse.tenancy import services
from skanse.tenancy.models import Invitation
from tests.helpers import grow_members


def _url(org):
    return reverse("member_list", args=[org.slug])


def _invite(personas, org, email, role="dpo"):
    with scopes_disabled():
        return services.invitation_create(
            actor=personas.admin, organisation=org, email=email, role=role
        )


def test_it_lists_members(personas):
    response = personas.client(personas.contributor).get(_url(personas.org))
    assert response.status_code == 200
    listed = [(m.user.email, m.role) for m in response.context["members"]]
    assert sorted(listed) == sorted(
        (email, m.role) for email, m in personas.membership.items() if email.endswith("aarhus.test")
    )
    content = response.content.decode()
    assert "dpo@aarhus.test" in content
    first = response.context["members"][0]
    assert reverse("member_detail", args=[personas.org.slug, first.uuid]) in content


def test_it_hides_other_tenants(personas):
    _invite(personas, personas.other_org, "vejle-invitee@example.test")
    response = personas.client(personas.admin).get(_url(personas.org))
    content = response.content.decode()
    assert "@vejle.test" not in content
    assert "vejle-invitee@example.test" not in content
    assert list(response.context["invitations"]) == []


def test_it_shows_open_invitations_to_admins_only(personas):
    _invite(personas, personas.org, "open@example.test")
    _invite(personas, personas.org, "withdrawn@example.test")
    expired = _invite(personas, personas.org, "expired@example.test")
    with scopes_disabled():
        Invitation.objects.filter(email="withdrawn@example.test").update(revoked_at=timezone.now())
        Invitation.objects.filter(pk=expired.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
    admin_page = personas.client(personas.admin).get(_url(personas.org))
    assert [i.email for i in admin_page.context["invitations"]] == ["open@example.test"]
    assert "withdrawn@example.test" not in admin_page.content.decode()
    contributor_page = personas.client(personas.contributor).get(_url(personas.org))
    assert contributor_page.context["invitations"] == []
    assert "open@example.test" not in contributor_page.content.decode()


def test_its_query_count_stays_bounded(personas, django_assert_max_num_queries):
    client = personas.client(personas.admin)
    client.get(_url(personas.org))
    with django_assert_max_num_queries(5):
        assert client.get(_url(personas.org)).status_code == 200
    grow_members(personas.org, 30)
    for n in range(30):
        _invite(personas, personas.org, f"invitee{n}@example.test")
    with django_assert_max_num_queries(5):
        response = client.get(_url(personas.org))
    assert len(response.context["members"]) == 35
    assert len(response.context["invitations"]) == 30
