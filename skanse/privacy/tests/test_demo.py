from django_scopes import scope, scopes_disabled

from skanse.privacy import demo, selectors
from skanse.privacy.models import ProcessingActivity, ProcessorAgreement
from skanse.tenancy.models import Organisation


def test_the_demo_fills_the_demo_municipalities_once(db):
    assert demo.load_privacy_demo() == 3
    assert demo.load_privacy_demo() == 0
    aarhus = Organisation.objects.get(kind="municipality", code="751")
    with scope(organisation=aarhus):
        assert ProcessingActivity.objects.filter(organisation=aarhus).count() == len(
            demo.ACTIVITIES
        )
        cards = selectors.dashboard_cards(aarhus)
    assert cards["activities_without_legal_basis"] == 1
    assert cards["systems_without_agreement"] >= 1
    assert cards["supervisions_overdue"] == 1
    assert cards["supervisions_due_soon"] == 1


def test_the_national_generator_fills_a_municipality_in_bulk_once(db):
    odense = Organisation.objects.get(kind="municipality", code="461")
    with scopes_disabled():
        assert demo.generate_for(odense, activities=40, processors=20)
        assert not demo.generate_for(odense, activities=40, processors=20)
        assert ProcessingActivity.objects.filter(organisation=odense).count() == 40
        assert ProcessorAgreement.objects.filter(organisation=odense).count() == 20
