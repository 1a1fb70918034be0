from django_scopes import scope, scopes_disabled

from skanse.breaches import demo, selectors
from skanse.breaches.models import Breach
from skanse.breaches.tests.conftest import ago, make_breach
from skanse.core.models import AuditEvent


def test_the_cards_show_open_breaches_with_time_left_and_the_overdue(
    personas, django_assert_max_num_queries
):
    soon = make_breach(personas.org, title="Snart", aware_at=ago(hours=60))
    late = make_breach(personas.org, title="Forsinket", aware_at=ago(hours=80), risk="high")
    make_breach(personas.org, title="Ingen risiko", risk="none", risk_reasoning="Krypteret.")
    make_breach(personas.org, title="Anmeldt", risk="risk", authority_notified_at=ago(hours=1))
    make_breach(personas.other_org, title="Vejle", aware_at=ago(hours=80))
    with scope(organisation=personas.org), django_assert_max_num_queries(2):
        cards = selectors.dashboard_cards(personas.org)
    assert [b.title for b, _clock in cards["awaiting"]] == [late.title, soon.title]
    assert cards["overdue"] == 1
    assert cards["due_soon"] == 1
    assert cards["open"] == 4
    assert cards["awaiting"][1][1].words.endswith("left")


def test_the_demo_loader_is_idempotent_and_audited(personas):
    with scopes_disabled():
        first = demo.load_breaches_demo()
        assert first >= 1
        assert demo.load_breaches_demo() == 0
        assert Breach.objects.filter(reference="BR-D1").count() == first
        assert AuditEvent.objects.filter(action="breaches.breach.created").count() == 3 * first


def test_the_generator_fills_one_organisation_once(personas):
    assert demo.generate_breaches(personas.org, 200) == 200
    assert demo.generate_breaches(personas.org, 200) == 0
    with scopes_disabled():
        assert Breach.objects.filter(organisation=personas.org).count() == 200
        assert not Breach.objects.filter(organisation=personas.other_org).exists()


def test_generated_breaches_keep_the_rules_so_they_can_be_edited(personas):
    """Bulk-made, not through the services: each must still pass their checks, or the first
    person to edit one would be refused for a mistake the generator made."""
    from skanse.breaches import services

    demo.generate_breaches(personas.org, 120)
    with scopes_disabled():
        breaches = list(Breach.objects.filter(organisation=personas.org))
        assert {b.risk for b in breaches} == {"none", "risk", "high"}
        for breach in breaches:
            services._clean(breach, {})


def test_the_card_include_shows_the_time_left_in_words(personas):
    from django.template.loader import render_to_string

    make_breach(personas.org, title="Forsinket", aware_at=ago(hours=80))
    with scope(organisation=personas.org):
        cards = selectors.dashboard_cards(personas.org)
    html = render_to_string("breaches/_dashboard_card.html", {"b": cards, "org": personas.org})
    assert "Forsinket" in html
    assert "<time datetime=" in html
    assert "Overdue by 8 hours" in html or "Overskredet med 8 timer" in html
