from django.urls import reverse

from skanse.tenancy.models import Organisation
from tests.helpers import da, events, shows


def _url(personas, target, name="organisation_deactivate"):
    return reverse(name, args=[personas.coordinator_org.slug, target.uuid])


def _active(org):
    return Organisation.objects.get(pk=org.pk).is_active


def test_it_deactivates_and_reactivates(personas):
    client = personas.client(personas.coordinator)
    dashboard = reverse("org_dashboard", args=[personas.other_org.slug])
    vejle = personas.client(personas.outsider)
    assert vejle.get(dashboard).status_code == 200

    response = client.post(_url(personas, personas.other_org))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "organisation_detail", args=[personas.coordinator_org.slug, personas.other_org.uuid]
    )
    assert not _active(personas.other_org)
    assert vejle.get(dashboard).status_code == 404
    for org in (personas.coordinator_org, personas.other_org):
        [event] = events(org, "tenancy.organisation.deactivated")
        assert event.actor == personas.coordinator
        assert event.changes == {"is_active": [True, False]}

    client.post(_url(personas, personas.other_org, "organisation_reactivate"))
    assert _active(personas.other_org)
    assert vejle.get(dashboard).status_code == 200
    [event] = events(personas.other_org, "tenancy.organisation.reactivated")
    assert event.changes == {"is_active": [False, True]}


def test_it_leaves_other_organisations_alone(personas):
    personas.client(personas.coordinator).post(_url(personas, personas.other_org))
    assert _active(personas.org)
    aarhus = reverse("org_dashboard", args=[personas.org.slug])
    assert personas.client(personas.admin).get(aarhus).status_code == 200


def test_it_requires_organisations_manage(personas):
    response = personas.client(personas.analyst).post(_url(personas, personas.other_org))
    assert response.status_code == 403
    assert _active(personas.other_org)


def test_it_rejects_get(personas):
    response = personas.client(personas.coordinator).get(_url(personas, personas.other_org))
    assert response.status_code == 405
    assert _active(personas.other_org)


def test_it_never_deactivates_the_coordinator(personas):
    client = personas.client(personas.coordinator)
    response = client.post(_url(personas, personas.coordinator_org), follow=True)
    assert shows(response, da("The coordinator organisation cannot be deactivated."))
    assert _active(personas.coordinator_org)
    assert events(personas.coordinator_org, "tenancy.organisation.deactivated") == []
