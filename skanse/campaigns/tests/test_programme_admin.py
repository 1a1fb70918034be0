"""The coordinator keeps the programme — texts, tracks, objectives, recommendations,
milestones — and the peer groups; everyone reads the programme page; every change audited."""

import datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from skanse.campaigns.models import Objective, PeerGroup, Recommendation
from skanse.campaigns.tests.conftest import launched, load_catalogues
from skanse.core.models import AuditEvent
from skanse.programme.models import Milestone, Programme, Track
from tests.helpers import da


@pytest.fixture
def programme(db):
    programme = Programme.objects.create(
        name="Programme", starts=datetime.date(2026, 1, 1), ends=datetime.date(2028, 1, 1)
    )
    Track.objects.create(programme=programme, key="iso27001", name="ISO 27001")
    return programme


def kl(name, *args):
    return reverse(name, args=["kl", *args])


def audited(action) -> AuditEvent:
    with scopes_disabled():
        return AuditEvent.objects.filter(action=action).latest("pk")


def test_the_coordinator_edits_the_programme_texts_in_danish_and_english(
    personas,
    coordinator,
    programme,
):
    page = coordinator.post(
        kl("programme_edit"),
        {
            "name_da": "Sikkerhedsprogrammet",
            "name": "The Security Programme",
            "description_da": "Fælles indsats",
            "description": "A joint effort",
            "starts": "2026-01-01",
            "ends": "2029-12-31",
        },
    )
    assert page.status_code == 302
    programme.refresh_from_db()
    assert programme.name == "The Security Programme"
    assert programme.translations["da"]["name"] == "Sikkerhedsprogrammet"
    assert str(programme.ends) == "2029-12-31"
    event = audited("programme.programme.changed")
    assert event.actor == personas.coordinator
    assert event.changes["ends"] == ["2028-01-01", "2029-12-31"]
    read = personas.client(personas.admin).get(reverse("programme", args=[personas.org.slug]))
    assert "Sikkerhedsprogrammet" in read.content.decode()


def test_a_programme_cannot_end_before_it_starts(coordinator, programme):
    page = coordinator.post(
        kl("programme_edit"),
        {"name_da": "P", "name": "P", "starts": "2027-01-01", "ends": "2026-01-01"},
    )
    assert page.status_code == 400
    assert da("The programme cannot end before it starts.") in page.content.decode()
    programme.refresh_from_db()
    assert str(programme.ends) == "2028-01-01"


def test_an_objective_is_checked_against_the_campaigns_questionnaire(
    personas,
    coordinator,
    programme,
):
    campaign = launched([personas.org])
    track = programme.tracks.get()
    base = {"name_da": "Mål", "name": "Goal", "track": track.pk, "due_campaign": campaign.pk}
    page = coordinator.post(
        kl("objective_create"),
        base | {"section_key": "nope", "threshold": "3", "target_percent": "80"},
    )
    assert page.status_code == 400
    assert "nope" in page.content.decode()
    page = coordinator.post(
        kl("objective_create"),
        base | {"section_key": "gov", "threshold": "9", "target_percent": "80"},
    )
    assert page.status_code == 400
    page = coordinator.post(
        kl("objective_create"), base | {"threshold": "3", "target_percent": "80"}
    )
    assert page.status_code == 400  # neither a section nor a question
    assert not Objective.objects.exists()
    page = coordinator.post(
        kl("objective_create"),
        base | {"section_key": "gov", "threshold": "3", "target_percent": "75"},
    )
    assert page.status_code == 302
    objective = Objective.objects.get()
    assert objective.target_share == 0.75
    assert objective.translations["da"]["name"] == "Mål"
    assert audited("programme.objective.created").actor == personas.coordinator
    assert coordinator.post(kl("objective_delete", objective.uuid)).status_code == 302
    assert not Objective.objects.exists()
    assert audited("programme.objective.deleted").changes["name"] == ["Goal", None]


def test_a_recommendation_links_objectives_and_library_requirements(
    personas,
    coordinator,
    programme,
):
    load_catalogues()
    track = programme.tracks.get()
    objective = Objective.objects.create(
        programme=programme,
        track=track,
        name="Goal",
        section_key="gov",
        threshold=3,
        target_share=0.8,
    )
    base = {
        "name_da": "Anbefaling",
        "name": "Advice",
        "track": track.pk,
        "order": "0",
        "objectives": [objective.pk],
    }
    page = coordinator.post(kl("recommendation_create"), base | {"requirements": "urn:nowhere:x"})
    assert page.status_code == 400
    assert "urn:nowhere:x" in page.content.decode()
    assert not Recommendation.objects.exists()
    urn = "urn:skanse:framework:iso27001-2022:5.1"
    page = coordinator.post(kl("recommendation_create"), base | {"requirements": urn})
    assert page.status_code == 302
    recommendation = Recommendation.objects.get()
    assert [r.urn for r in recommendation.requirements.all()] == [urn]
    assert list(recommendation.objectives.all()) == [objective]
    read = personas.client(personas.admin).get(reverse("programme", args=[personas.org.slug]))
    content = read.content.decode()
    assert "Anbefaling" in content
    assert "5.1" in content


def test_milestones_draw_the_master_timeline(personas, coordinator, programme):
    track = programme.tracks.get()
    page = coordinator.post(
        kl("milestone_create"),
        {
            "name_da": "Første opfølgning",
            "name": "First follow-up",
            "track": track.pk,
            "year": "2027",
            "quarter": "2",
        },
    )
    assert page.status_code == 302
    assert Milestone.objects.filter(year=2027, quarter=2).exists()
    read = personas.client(personas.admin).get(reverse("programme", args=[personas.org.slug]))
    content = read.content.decode()
    assert "<svg" in content  # the timeline chart
    assert "Første opfølgning" in content


def test_the_peer_groups_are_kept_by_the_coordinator(personas, coordinator):
    page = coordinator.post(
        kl("peer_group_create"), {"name": "Østjylland", "members": [personas.org.pk]}
    )
    assert page.status_code == 302
    group = PeerGroup.objects.get(name="Østjylland")
    assert list(group.members.all()) == [personas.org]
    page = coordinator.post(
        kl("peer_group_create"), {"name": "Østjylland", "members": [personas.org.pk]}
    )
    assert page.status_code == 400  # the name is taken
    page = coordinator.post(
        kl("peer_group_edit", group.uuid),
        {"name": "Østjylland", "members": [personas.org.pk, personas.other_org.pk]},
    )
    assert group.members.count() == 2
    changes = audited("campaigns.peergroup.changed").changes
    assert changes["members"][1] == sorted([personas.org.name, personas.other_org.name])
    listing = coordinator.get(kl("peer_group_list"))
    assert "Østjylland" in listing.content.decode()
    assert coordinator.post(kl("peer_group_delete", group.uuid)).status_code == 302
    assert not PeerGroup.objects.exists()


def test_the_analyst_reads_but_does_not_edit(personas, programme):
    analyst = personas.client(personas.analyst)
    assert analyst.get(kl("peer_group_list")).status_code == 200
    assert analyst.get(kl("programme_edit")).status_code == 403
    page = analyst.get(reverse("programme", args=["kl"]))
    assert kl("programme_edit") not in page.content.decode()


def test_the_programme_page_takes_a_bounded_number_of_queries(
    personas,
    programme,
    django_assert_max_num_queries,
):
    track = programme.tracks.get()
    for n in range(5):
        Recommendation.objects.create(programme=programme, track=track, name=f"R{n}")
        Milestone.objects.create(track=track, name=f"M{n}", year=2027, quarter=n % 4 + 1)
    Track.objects.create(programme=programme, key="gdpr", name="GDPR")
    client = personas.client(personas.admin)
    url = reverse("programme", args=[personas.org.slug])
    client.get(url)
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


def test_the_peer_group_list_takes_a_bounded_number_of_queries(
    personas, coordinator, django_assert_max_num_queries
):
    for n in range(6):
        PeerGroup.objects.create(name=f"G{n}").members.set([personas.org, personas.other_org])
    coordinator.get(kl("peer_group_list"))
    with django_assert_max_num_queries(8):
        assert coordinator.get(kl("peer_group_list")).status_code == 200
