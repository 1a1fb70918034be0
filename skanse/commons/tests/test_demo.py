"""The demo: KL publishes templates of every kind; demo municipalities adopted version 1."""

from django_scopes import scopes_disabled

from skanse.commons import selectors
from skanse.commons.demo import adoption_count, load_commons_demo
from skanse.commons.models import Template
from skanse.tenancy.models import Organisation


def test_the_demo_publishes_templates_and_leaves_updates_waiting(db):
    templates = load_commons_demo()
    aarhus = Organisation.objects.get(kind="municipality", code="751")
    laeso = Organisation.objects.get(kind="municipality", code="825")
    with scopes_disabled():
        assert {t.kind for t in templates} >= {"supplier_requirements"}
        assert Template.objects.filter(published_version__number=2).exists()
        waiting = list(selectors.updates_available(aarhus))
        assert waiting
        states = {r.state for a in waiting for r in selectors.adoption_diff(a)}
        assert {"conflict", "ours", "theirs"} <= states
        assert list(selectors.adoption_list(laeso)) == []
    count = adoption_count()
    assert load_commons_demo() and adoption_count() == count
