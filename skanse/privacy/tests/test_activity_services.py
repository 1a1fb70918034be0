import pytest
from django_scopes import scope

from skanse.core.errors import DomainError
from skanse.core.models import AuditEvent
from skanse.privacy import services
from skanse.privacy.tests.conftest import make_activity


def test_it_stores_pick_lists_as_codes_in_the_pick_lists_order(personas):
    activity = make_activity(
        personas.org, legal_bases=["dbl_11", "art6_1_e"], data_categories=["cpr", "ordinary"]
    )
    assert activity.legal_bases == ["art6_1_e", "dbl_11"]
    assert activity.data_categories == ["ordinary", "cpr"]


def test_it_refuses_an_unknown_code_at_the_field(personas):
    with pytest.raises(DomainError) as refused:
        make_activity(personas.org, legal_bases=["art6_1_e", "art99"])
    assert "legal_bases" in refused.value.error_dict
    assert "art99" in refused.value.messages[0]


def test_it_refuses_a_malformed_kle_number(personas):
    with pytest.raises(DomainError) as refused:
        make_activity(personas.org, kle_numbers=["27.24.00", "twenty"])
    assert "kle_numbers" in refused.value.error_dict


def test_a_processor_record_names_the_controller(personas):
    with pytest.raises(DomainError) as refused:
        make_activity(personas.org, role="processor")
    assert "controller_name" in refused.value.error_dict
    assert make_activity(personas.org, role="processor", controller_name="Solsikken").pk


def test_a_transfer_to_third_countries_needs_countries_and_a_basis(personas):
    with pytest.raises(DomainError) as refused:
        make_activity(personas.org, third_country_transfer=True, third_countries="USA")
    assert "transfer_basis" in refused.value.error_dict
    activity = make_activity(
        personas.org, third_country_transfer=True, third_countries="USA", transfer_basis="dpf"
    )
    assert activity.transfer_basis == "dpf"


def test_it_links_systems_and_processors_by_uuid(personas, inv):
    activity = make_activity(
        personas.org,
        systems=[inv["own"]["social"].uuid],
        processors=[str(inv["own"]["nordlys"].uuid)],
    )
    with scope(organisation=personas.org):
        assert list(activity.systems.all()) == [inv["own"]["social"]]
        assert list(activity.processors.all()) == [inv["own"]["nordlys"]]


def test_it_refuses_another_organisations_system(personas, inv):
    with pytest.raises(DomainError) as refused:
        make_activity(personas.org, systems=[inv["other"]["social"].uuid])
    assert "systems" in refused.value.error_dict


def test_every_change_is_audited_with_the_fields_that_changed(personas, inv):
    activity = make_activity(personas.org, purposes="Before")
    with scope(organisation=personas.org):
        services.processing_activity_update(
            personas.dpo, activity, purposes="After", systems=[inv["own"]["social"].uuid]
        )
        services.processing_activity_update(personas.dpo, activity, purposes="After")
        events = list(AuditEvent.objects.filter(object_uuid=activity.uuid).order_by("id"))
    assert [e.action for e in events] == ["privacy.activity.created", "privacy.activity.changed"]
    assert events[1].changes == {
        "purposes": ["Before", "After"],
        "systems": [[], ["Sagssystem"]],
    }
    assert events[1].actor == personas.dpo


def test_deleting_is_audited(personas):
    activity = make_activity(personas.org, name="Gone")
    with scope(organisation=personas.org):
        services.processing_activity_delete(personas.dpo, activity)
        event = AuditEvent.objects.get(action="privacy.activity.deleted")
    assert event.object_uuid == activity.uuid


def test_an_unknown_field_is_refused(personas):
    with pytest.raises(DomainError):
        make_activity(personas.org, organisation_id=1)
