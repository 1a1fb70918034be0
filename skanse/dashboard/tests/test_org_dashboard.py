from django.urls import reverse
from django_scopes import scopes_disabled

from skanse.core.audit import audit_record
from skanse.tenancy import services
from tests.helpers import grow_members


def _url(org):
    return reverse("org_dashboard", args=[org.slug])


def _token(user, org, name):
    with scopes_disabled():
        return services.token_create(actor=user, organisation=org, name=name)[0]


def test_it_shows_the_organisation_members_and_recent_activity(personas):
    _token(personas.contributor, personas.org, "Token of the contributor")
    response = personas.client(personas.admin).get(_url(personas.org))
    assert response.status_code == 200
    assert response.context["member_count"] == 5
    assert len(response.context["members"]) == 5
    recent = list(response.context["recent"])
    assert recent[0].action == "tenancy.api_token.created"
    assert recent[0].actor_label == personas.contributor.email
    content = response.content.decode()
    assert personas.org.name in content
    assert "Token of the contributor" in content


def test_it_shows_a_member_without_audit_view_only_their_own_activity(personas):
    _token(personas.contributor, personas.org, "mine")
    _token(personas.admin, personas.org, "Token of the admin")
    response = personas.client(personas.contributor).get(_url(personas.org))
    recent = list(response.context["recent"])
    assert [e.object_repr.split(" (")[0] for e in recent] == ["mine"]
    assert all(e.actor_id == personas.contributor.pk for e in recent)


def test_it_hides_other_tenants(personas):
    _token(personas.outsider, personas.other_org, "Token in Vejle")
    response = personas.client(personas.admin).get(_url(personas.org))
    content = response.content.decode()
    assert "Token in Vejle" not in content
    assert "@vejle.test" not in content
    assert all(e.organisation_id == personas.org.pk for e in response.context["recent"])


def test_its_query_count_stays_bounded(personas, django_assert_max_num_queries):
    client = personas.client(personas.admin)
    client.get(_url(personas.org))  # the session remembers the organisation once
    # Two of them are the open campaign work assigned to the person (see the test below);
    # the rest are the GDPR registers' figures (inventory, records, breaches, Art. 25, DPIAs)
    # and the template updates: a fixed number, whatever the organisation's size.
    with django_assert_max_num_queries(27):
        assert client.get(_url(personas.org)).status_code == 200
    members = grow_members(personas.org, 30)
    with scopes_disabled():
        for member in members:
            audit_record(
                actor=member.user, organisation=personas.org, action="test.event", obj=member
            )
    with django_assert_max_num_queries(27):
        response = client.get(_url(personas.org))
    assert response.context["member_count"] == 35
    assert len(response.context["recent"]) == 8


def test_it_lists_open_campaign_work_assigned_to_the_person(personas):
    from django.urls import reverse

    from skanse.campaigns.models import SectionAssignment
    from skanse.campaigns.tests.conftest import launched, response_of

    campaign = launched([personas.org, personas.other_org])
    response = response_of(campaign, personas.org)
    section = campaign.questionnaire_version.sections.order_by("order").first()
    with scopes_disabled():
        SectionAssignment.objects.create(
            organisation=personas.org,
            response=response,
            section=section,
            assignee=personas.contributor,
        )
    url = reverse("org_dashboard", args=[personas.org.slug])
    contributor_items = personas.client(personas.contributor).get(url).context["assigned"]
    assert [item["title"] for item in contributor_items] == [
        f"{campaign.name}: {section.name_i18n}"
    ]
    # Those who submit see the response itself; the auditor sees nothing to do.
    officer_items = personas.client(personas.security_officer).get(url).context["assigned"]
    assert [item["title"] for item in officer_items] == [campaign.name]
    assert personas.client(personas.auditor).get(url).context["assigned"] == []


def test_a_system_with_sensitive_data_counts_as_covered_by_a_dpia_of_an_activity_on_it(personas):
    from skanse.dpia.tests.conftest import make_dpia
    from skanse.inventory.tests.conftest import make_system
    from skanse.privacy.tests.conftest import make_activity

    covered = make_system(personas.org, name="Omsorg", data_sensitivity_levels=["SensitiveData"])
    make_system(personas.org, name="Sag", data_sensitivity_levels=["LegalData"])
    make_system(personas.org, name="Intranet")
    client = personas.client(personas.dpo)
    assert client.get(_url(personas.org)).context["registers"]["sensitive_without_dpia"] == 2
    activity = make_activity(personas.org, name="Hjemmepleje", systems=[covered])
    make_dpia(personas.org, activity=activity)
    assert client.get(_url(personas.org)).context["registers"]["sensitive_without_dpia"] == 1
