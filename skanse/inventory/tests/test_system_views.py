"""The IT-system pages: list with filters and paging, detail, create, edit, delete."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from skanse.inventory.models import ITSystem
from skanse.inventory.tests.conftest import make_contract, make_supplier, make_system, url
from tests.helpers import events, field_errors


def test_the_list_shows_the_organisations_systems_only(personas, keeper):
    make_system(personas.org, name="ESDH Aarhus")
    make_system(personas.other_org, name="ESDH Vejle")
    page = keeper.get(url("system_list", personas.org))
    assert page.status_code == 200
    names = [s.name for s in page.context["page"].object_list]
    assert names == ["ESDH Aarhus"]


def test_the_list_filters_by_life_cycle_criticality_sensitivity_source_and_search(personas, keeper):
    make_system(
        personas.org,
        name="Omsorg",
        life_cycle_status="Operational",
        business_critical="Yes",
        data_sensitivity_levels=["SensitiveData"],
    )
    make_system(personas.org, name="Intranet", life_cycle_status="PhasingOut")
    make_system(personas.org, name="Løn", specific_personal_data=["CprNumber"], source="kitos")

    def names(**query):
        page = keeper.get(url("system_list", personas.org), query)
        assert page.status_code == 200
        return [s.name for s in page.context["page"].object_list]

    assert names(life_cycle="PhasingOut") == ["Intranet"]
    assert names(critical="Yes") == ["Omsorg"]
    assert names(sensitivity="sensitive") == ["Omsorg"]
    assert names(sensitivity="cpr") == ["Løn"]
    assert names(sensitivity="none") == ["Intranet"]
    assert names(source="kitos") == ["Løn"]
    assert names(q="oms") == ["Omsorg"]


def test_an_unknown_filter_value_is_shown_as_a_filter_error_not_ignored_silently(personas, keeper):
    make_system(personas.org, name="Omsorg")
    page = keeper.get(url("system_list", personas.org), {"life_cycle": "Exploded"})
    assert page.status_code == 200
    assert page.context["form"].errors["life_cycle"]


def test_the_list_takes_the_same_number_of_queries_for_1_or_30_systems(personas, keeper):
    supplier = make_supplier(personas.org)
    make_system(personas.org, name="S0", supplier=supplier)
    target = url("system_list", personas.org)
    keeper.get(target)
    with CaptureQueriesContext(connection) as one:
        keeper.get(target)
    for n in range(1, 30):
        make_system(personas.org, name=f"S{n}", supplier=make_supplier(personas.org, f"L{n}"))
    with CaptureQueriesContext(connection) as many:
        assert len(keeper.get(target).context["page"].object_list) == 30
    assert len(one) == len(many)


def test_the_list_pages_at_50(personas, keeper, django_assert_max_num_queries):
    for n in range(55):
        make_system(personas.org, name=f"System {n:02}")
    with django_assert_max_num_queries(12):
        second = keeper.get(url("system_list", personas.org), {"page": 2})
    assert len(second.context["page"].object_list) == 5


def test_a_system_is_created_with_personal_data_and_audited(personas, keeper):
    supplier = make_supplier(personas.org, cvr="12345678")
    reply = keeper.post(
        url("system_create", personas.org),
        {
            "name": "Borgerservice",
            "supplier": supplier.pk,
            "life_cycle_status": "Operational",
            "business_critical": "Yes",
            "hosted_at": "External",
            "data_sensitivity_levels": ["PersonData", "SensitiveData"],
            "specific_personal_data": ["CprNumber"],
            "sensitive_personal_data": "Helbredsoplysninger\n\nFagforening",
            "technical_precautions_in_place": "Yes",
            "technical_precautions": ["Encryption", "Logging"],
            "user_supervision": "Undecided",
            "risk_assessment": "Yes",
            "risk_assessment_date": "2026-05-01",
            "risk_assessment_result": "Medium",
            "dpia": "No",
            "retention_period_defined": "Undecided",
            "archive_duty": "Undecided",
        },
    )
    with scopes_disabled():
        system = ITSystem.objects.get(name="Borgerservice")
    assert reply.status_code == 302
    assert reply["Location"] == url("system_detail", personas.org, system.uuid)
    assert system.organisation == personas.org
    assert system.sensitive_personal_data == ["Helbredsoplysninger", "Fagforening"]
    assert system.has_cpr and system.has_sensitive_data and system.has_personal_data
    (event,) = events(personas.org, "inventory.system.created")
    assert event.actor == personas.dpo
    assert event.changes["name"] == [None, "Borgerservice"]
    assert event.changes["supplier"] == [None, "Leverandør A/S"]


def test_a_foreign_supplier_cannot_be_chosen(personas, keeper):
    foreign = make_supplier(personas.other_org, name="Fremmed")
    reply = keeper.post(
        url("system_create", personas.org),
        {"name": "X", "supplier": foreign.pk, "life_cycle_status": "Undecided"},
    )
    assert reply.status_code == 400
    assert field_errors(reply, "supplier")
    with scopes_disabled():
        assert not ITSystem.objects.filter(name="X").exists()


def test_an_end_before_the_start_is_refused_at_the_field_and_nothing_saved(personas, keeper):
    system = make_system(personas.org, name="Gammelt")
    data = {
        "name": "Nyt navn",
        "valid_from": "2026-05-01",
        "valid_to": "2026-01-01",
        **{
            f: "Undecided"
            for f in (
                "life_cycle_status",
                "business_critical",
                "hosted_at",
                "technical_precautions_in_place",
                "user_supervision",
                "risk_assessment",
                "risk_assessment_result",
                "dpia",
                "retention_period_defined",
                "archive_duty",
            )
        },
    }
    reply = keeper.post(url("system_edit", personas.org, system.uuid), data)
    assert reply.status_code == 400
    assert field_errors(reply, "valid_to")
    system.refresh_from_db()
    assert system.name == "Gammelt"


def test_an_edit_records_only_what_changed(personas, keeper):
    system = make_system(personas.org, name="Gammelt", owner="Jens")
    page = keeper.get(url("system_edit", personas.org, system.uuid))
    data = {k: v for k, v in page.context["form"].initial.items() if v not in (None, [], "")}
    data["owner"] = "Hanne"
    data.pop("supplier", None)
    reply = keeper.post(url("system_edit", personas.org, system.uuid), data)
    assert reply.status_code == 302, reply.context["form"].errors
    (event,) = events(personas.org, "inventory.system.changed")
    assert event.changes == {"owner": ["Jens", "Hanne"]}


def test_saving_a_system_unchanged_changes_nothing(personas, keeper):
    """Not the trail, and not the "last changed" time that makes a system due for its
    Art. 25 re-assessment."""
    system = make_system(personas.org, name="Omsorg", owner="Jens")
    page = keeper.get(url("system_edit", personas.org, system.uuid))
    data = {k: v for k, v in page.context["form"].initial.items() if v not in (None, [], "")}
    data.pop("supplier", None)
    reply = keeper.post(url("system_edit", personas.org, system.uuid), data)
    assert reply.status_code == 302, reply.context["form"].errors
    with scopes_disabled():
        assert ITSystem.objects.get(pk=system.pk).updated_at == system.updated_at
    assert not events(personas.org, "inventory.system.changed")


def test_the_detail_shows_provenance_contracts_and_history_link(
    personas, keeper, django_assert_max_num_queries
):
    system = make_system(personas.org, name="Omsorg", source="kitos")
    make_contract(personas.org, name="Omsorgskontrakt", systems=[system])
    with django_assert_max_num_queries(12):
        page = keeper.get(url("system_detail", personas.org, system.uuid))
    content = page.content.decode()
    assert "Omsorgskontrakt" in content
    assert url("object_history", personas.org, system.uuid) in content


def test_a_system_is_deleted_and_the_deletion_audited(personas, keeper):
    system = make_system(personas.org, name="Udfaset")
    reply = keeper.post(url("system_delete", personas.org, system.uuid))
    assert reply.status_code == 302
    with scopes_disabled():
        assert not ITSystem.objects.filter(pk=system.pk).exists()
    (event,) = events(personas.org, "inventory.system.deleted")
    assert event.changes["name"] == ["Udfaset", None]


def test_the_auditor_reads_but_cannot_edit(personas):
    system = make_system(personas.org, name="Omsorg")
    auditor = personas.client(personas.auditor)
    assert auditor.get(url("system_detail", personas.org, system.uuid)).status_code == 200
    assert auditor.get(url("system_edit", personas.org, system.uuid)).status_code == 403


def test_an_htmx_filter_request_gets_only_the_results(personas, keeper):
    make_system(personas.org, name="Omsorg", life_cycle_status="Operational")
    make_system(personas.org, name="Intranet", life_cycle_status="PhasingOut")
    reply = keeper.get(
        url("system_list", personas.org), {"life_cycle": "PhasingOut"}, HTTP_HX_REQUEST="true"
    )
    content = reply.content.decode()
    assert content.lstrip().startswith('<div id="system-results"')
    assert "Intranet" in content and "Omsorg" not in content


def test_the_form_shows_every_field_once_in_its_section(personas, keeper):
    page = keeper.get(url("system_create", personas.org))
    form = page.context["form"]
    shown = [field.name for _legend, fields in form.grouped() for field in fields]
    assert sorted(shown) == sorted(form.fields)
    assert page.content.decode().count('<legend class="h2">') == 3
