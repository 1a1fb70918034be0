from django.urls import reverse

from skanse.tenancy.models import Organisation
from tests.helpers import da, events, field_errors


def _url(personas):
    return reverse("organisation_create", args=[personas.coordinator_org.slug])


def test_it_offers_every_kind_but_coordinator(personas):
    response = personas.client(personas.coordinator).get(_url(personas))
    assert response.status_code == 200
    kinds = [value for value, _label in response.context["form"].fields["kind"].choices]
    assert kinds == ["municipality", "region", "other"]


def test_it_creates_an_organisation(personas):
    response = personas.client(personas.coordinator).post(
        _url(personas), {"name": "Digitaliseringsstyrelsen", "kind": "other", "cvr": "34051178"}
    )
    created = Organisation.objects.get(name="Digitaliseringsstyrelsen")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "organisation_detail", args=[personas.coordinator_org.slug, created.uuid]
    )
    assert (created.slug, created.cvr, created.kind) == (
        "digitaliseringsstyrelsen",
        "34051178",
        "other",
    )
    # Secure by default: the new organisation's admins must use two-factor login.
    assert created.mfa_required_roles == ["org_admin"]
    for org in (personas.coordinator_org, created):
        [event] = events(org, "tenancy.organisation.created")
        assert (event.actor, event.object_uuid) == (personas.coordinator, created.uuid)
        assert event.changes["name"] == [None, "Digitaliseringsstyrelsen"]


def test_it_requires_organisations_manage(personas):
    response = personas.client(personas.analyst).post(
        _url(personas), {"name": "Styrelsen", "kind": "other"}
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Styrelsen").exists()


def test_it_rejects_a_short_name_in_use(personas):
    response = personas.client(personas.coordinator).post(
        _url(personas), {"name": "Nyt Aarhus", "kind": "other", "slug": personas.org.slug}
    )
    assert response.status_code == 400
    assert field_errors(response, "slug") == [
        da("An organisation with this short name exists already.")
    ]
    assert not Organisation.objects.filter(name="Nyt Aarhus").exists()


def test_it_rejects_a_cvr_number_that_is_not_eight_digits(personas):
    client = personas.client(personas.coordinator)
    for cvr in ("1234567", "1234567x"):
        response = client.post(_url(personas), {"name": "Styrelsen", "kind": "other", "cvr": cvr})
        assert response.status_code == 400
        assert field_errors(response, "cvr") == [da("A CVR number has eight digits.")]
    assert not Organisation.objects.filter(name="Styrelsen").exists()


def test_it_rejects_a_name_in_use(personas):
    response = personas.client(personas.coordinator).post(
        _url(personas), {"name": personas.org.name, "kind": "other", "slug": "another-slug"}
    )
    assert response.status_code == 400
    assert field_errors(response, "name")


def test_it_rejects_a_second_coordinator(personas):
    response = personas.client(personas.coordinator).post(
        _url(personas), {"name": "KL 2", "kind": "coordinator"}
    )
    assert response.status_code == 400
    assert field_errors(response, "kind")
    assert Organisation.objects.filter(kind="coordinator").count() == 1
