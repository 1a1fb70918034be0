from django.urls import reverse

from skanse.tenancy.models import Organisation
from tests.helpers import events, field_errors


def _url(org):
    return reverse("org_settings", args=[org.slug])


def _policy(org):
    return Organisation.objects.get(pk=org.pk).mfa_required_roles


def test_it_shows_the_policy_with_the_roles_of_the_organisations_kind(personas):
    Organisation.objects.filter(pk=personas.org.pk).update(mfa_required_roles=["dpo"])
    response = personas.client(personas.admin).get(_url(personas.org))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial == {"mfa_required_roles": ["dpo"]}
    offered = [value for value, _label in form.fields["mfa_required_roles"].choices]
    assert offered == ["org_admin", "security_officer", "dpo", "contributor", "auditor"]


def test_it_saves_the_mfa_policy(personas):
    response = personas.client(personas.admin).post(
        _url(personas.org), {"mfa_required_roles": ["security_officer", "org_admin"]}
    )
    assert response.status_code == 302
    assert _policy(personas.org) == ["org_admin", "security_officer"]
    [event] = events(personas.org, "tenancy.organisation.settings_changed")
    assert event.actor == personas.admin
    assert event.changes == {"mfa_required_roles": [[], ["org_admin", "security_officer"]]}
    # Saving the same policy again records nothing new.
    personas.client(personas.admin).post(
        _url(personas.org), {"mfa_required_roles": ["org_admin", "security_officer"]}
    )
    assert len(events(personas.org, "tenancy.organisation.settings_changed")) == 1


def test_it_hides_other_tenants(personas):
    personas.client(personas.admin).post(_url(personas.org), {"mfa_required_roles": ["dpo"]})
    assert _policy(personas.other_org) == []
    assert events(personas.other_org, "tenancy.organisation.settings_changed") == []


def test_it_requires_settings_manage(personas):
    response = personas.client(personas.security_officer).post(
        _url(personas.org), {"mfa_required_roles": ["dpo"]}
    )
    assert response.status_code == 403
    assert _policy(personas.org) == []


def test_it_rejects_a_role_of_another_kind_of_organisation(personas):
    response = personas.client(personas.admin).post(
        _url(personas.org), {"mfa_required_roles": ["org_admin", "coordinator_admin"]}
    )
    assert response.status_code == 400
    assert field_errors(response, "mfa_required_roles")
    assert _policy(personas.org) == []
