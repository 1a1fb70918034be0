import pytest
from django.urls import reverse
from django.utils import translation

PERSONAS = ["admin", "security_officer", "dpo", "contributor", "auditor", "coordinator", "analyst"]


@pytest.fixture(autouse=True)
def _in_english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _home(personas, who):
    return personas.coordinator_org if who in ("coordinator", "analyst") else personas.org


@pytest.mark.parametrize("who", PERSONAS)
def test_every_menu_entry_opens_for_the_member_who_sees_it(personas, who):
    user = getattr(personas, who)
    org = _home(personas, who)
    client = personas.client(user)
    page = client.get(reverse("org_dashboard", args=[org.slug]))
    entries = list(page.context["main_menu"])
    gdpr = [e for e in entries if str(e.label) == "GDPR"]
    if gdpr:
        entries += client.get(gdpr[0].url).context["section_menu"]
    assert len(entries) >= 4
    for entry in entries:
        response = client.get(entry.url)
        assert response.status_code == 200, (who, entry.url, response.status_code)


def test_a_gdpr_page_marks_its_section_and_itself(personas):
    client = personas.client(personas.dpo)
    url = reverse("agreement_list", args=[personas.org.slug])
    response = client.get(url)
    main = {str(e.label): e for e in response.context["main_menu"]}
    assert main["GDPR"].active and not main["GDPR"].current
    assert main["GDPR"].url == reverse("activity_list", args=[personas.org.slug])
    assert not main["IT systems"].active
    section = response.context["section_menu"]
    assert [str(e.label) for e in section] == [
        "Record of processing",
        "Processor agreements",
        "Supervision",
        "DPIAs",
        "Privacy by design",
    ]
    [current] = [e for e in section if e.current]
    assert current.url == url
    html = response.content.decode()
    assert f'href="{url}" aria-current="page"' in html


def test_a_page_deeper_in_a_section_keeps_it_active(personas):
    client = personas.client(personas.admin)
    response = client.get(reverse("supplier_list", args=[personas.org.slug]))
    [active] = [e for e in response.context["main_menu"] if e.active]
    assert str(active.label) == "IT systems" and not active.current
    assert response.context["section_menu"] == []


def test_the_coordinator_sees_its_own_menu(personas):
    client = personas.client(personas.coordinator)
    slug = personas.coordinator_org.slug
    response = client.get(reverse("design_national", args=[slug]))
    main = {str(e.label): e.url for e in response.context["main_menu"]}
    assert main["Campaigns"] == reverse("campaign_list", args=[slug])
    assert main["GDPR"] == reverse("design_national", args=[slug])
    assert "Organisations" in main
    assert "IT systems" not in main and "Breaches" not in main
    # One GDPR page only: no section menu.
    assert response.context["section_menu"] == []


def test_there_is_no_menu_outside_an_organisation(personas):
    response = personas.client(personas.admin).get(reverse("profile"))
    assert "main_menu" not in response.context
