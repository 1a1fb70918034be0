import uuid

from django.urls import reverse


def _url(personas, target):
    return reverse("organisation_detail", args=[personas.coordinator_org.slug, target])


def test_it_shows_the_organisation_with_its_admins(personas):
    response = personas.client(personas.coordinator).get(_url(personas, personas.org.uuid))
    assert response.status_code == 200
    target = response.context["target"]
    assert (target, target.member_count) == (personas.org, 5)
    assert [a.user for a in response.context["admins"]] == [personas.admin]
    content = response.content.decode()
    assert personas.admin.email in content
    assert "dpo@aarhus.test" not in content  # members who are not admins stay private
    deactivate = reverse(
        "organisation_deactivate", args=[personas.coordinator_org.slug, personas.org.uuid]
    )
    assert deactivate in content


def test_it_offers_no_deactivation_to_the_analyst(personas):
    response = personas.client(personas.analyst).get(_url(personas, personas.org.uuid))
    assert response.status_code == 200
    assert "/deactivate/" not in response.content.decode()


def test_it_offers_no_deactivation_of_the_coordinator(personas):
    url = _url(personas, personas.coordinator_org.uuid)
    response = personas.client(personas.coordinator).get(url)
    assert response.status_code == 200
    assert "/deactivate/" not in response.content.decode()


def test_it_answers_404_for_an_unknown_organisation(personas):
    response = personas.client(personas.coordinator).get(_url(personas, uuid.uuid4()))
    assert response.status_code == 404


def test_it_is_for_the_coordinator_only(personas):
    """A municipality cannot look at another organisation through its own address."""
    url = reverse("organisation_detail", args=[personas.org.slug, personas.other_org.uuid])
    assert personas.client(personas.admin).get(url).status_code == 403
