from django_scopes import scope, scopes_disabled

from skanse.dpia import demo, selectors
from skanse.dpia.models import Dpia, DpiaRisk
from skanse.privacy.demo import load_privacy_demo
from skanse.tenancy.models import Organisation


def test_the_demo_fills_the_demo_municipalities_once(db):
    load_privacy_demo()
    assert demo.load_dpia_demo() == 3
    assert demo.load_dpia_demo() == 0
    aarhus = Organisation.objects.get(kind="municipality", code="751")
    with scope(organisation=aarhus):
        dpia = Dpia.objects.get(title=demo.DEMO_TITLE)
        assert [v.status for v in dpia.versions.order_by("number")] == ["approved", "draft"]
        cards = {c["key"]: c["count"] for c in selectors.dashboard_cards(aarhus)}
    assert cards == {"reassessment_due": 1, "dpia_missing": 1}


def test_the_national_generator_fills_a_municipality_in_bulk_once(db):
    odense = Organisation.objects.get(kind="municipality", code="461")
    with scopes_disabled():
        assert demo.generate_for(odense, dpias=30, risks=4)
        assert not demo.generate_for(odense, dpias=30, risks=4)
        assert Dpia.objects.filter(organisation=odense).count() == 30
        assert DpiaRisk.objects.filter(organisation=odense).count() == 120
