"""Importing a file of KITOS API responses: mapping, tolerance, idempotency, refusals."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from django_scopes import scopes_disabled

from skanse.core.errors import DomainError
from skanse.inventory.models import Contract, ITSystem, Supplier
from skanse.inventory.tests.conftest import make_supplier, make_system
from skanse.kitos import services
from skanse.kitos.models import SyncRun
from skanse.kitos.tests.conftest import EXAMPLE
from skanse.privacy.models import ProcessorAgreement
from tests.helpers import events

ES = "2f0c4a1e-1b2c-4d5e-8f90-0123456789ab"
LON = "3a1d5b2f-2c3d-4e6f-9012-123456789abc"


def import_file(personas, content: bytes, org=None) -> SyncRun:
    """Import in English, so the reasons read as the msgids whatever is translated."""
    with scopes_disabled(), translation.override("en"):
        return services.file_import(
            actor=personas.dpo,
            organisation=org or personas.org,
            content=content,
            file_name="kitos.json",
        )


def systems(org):
    with scopes_disabled():
        return {str(s.kitos_uuid): s for s in ITSystem.objects.filter(organisation=org)}


def test_the_example_file_becomes_systems_suppliers_contracts_and_agreements(personas):
    run = import_file(personas, EXAMPLE.read_bytes())
    assert run.status == "done"
    assert run.counts["systems"] == {
        "created": 4,
        "updated": 0,
        "unchanged": 0,
        "deleted": 0,
        "skipped": 2,
    }
    found = systems(personas.org)
    es = found[ES]
    assert es.name == "Eksempelsystem"
    assert es.source == "file" and es.synced_at is not None
    assert es.kitos_modified_at == datetime.datetime(2025, 3, 1, 10, tzinfo=datetime.UTC)
    assert es.life_cycle_status == "Operational"
    assert es.business_critical == "Yes" and es.hosted_at == "External"
    assert es.data_sensitivity_levels == ["PersonData", "SensitiveData"]
    assert es.has_cpr and es.has_sensitive_data
    assert es.sensitive_personal_data == ["Helbredsoplysninger"]
    assert es.registered_data_categories == ["Borgere"]
    assert es.technical_precautions == ["Encryption", "AccessControl", "Logging"]
    assert es.risk_assessment == "Yes" and es.risk_assessment_date == datetime.date(2024, 5, 1)
    assert es.risk_assessment_result == "Medium" and es.dpia == "No"
    assert es.retention_evaluation_months == 12 and es.archive_duty == "B"
    assert es.owner == "Jens Hansen" and es.responsible_unit == "IT"
    assert es.data_classification == "Fortrolig"
    with scopes_disabled():
        supplier = Supplier.objects.get(organisation=personas.org)
        contract = Contract.objects.get(organisation=personas.org)
        agreement = ProcessorAgreement.objects.get(organisation=personas.org, status="concluded")
        assert list(contract.systems.all()) == [es]
        assert list(agreement.systems.all()) == [es]
    assert (supplier.name, supplier.cvr, supplier.source) == ("Systemhuset A/S", "12345678", "file")
    assert contract.supplier == supplier and contract.notice_period_months == 6
    assert contract.valid_to == datetime.date(2027, 12, 31)
    es.refresh_from_db()
    assert es.supplier == supplier  # from its contract
    assert agreement.supplier == supplier
    assert agreement.concluded_on == datetime.date(2024, 2, 1)
    assert agreement.third_country_transfer and agreement.third_countries == "USA"
    assert agreement.transfer_basis == "scc"


def test_integer_enums_are_read_like_strings(personas):
    import_file(personas, EXAMPLE.read_bytes())
    lon = systems(personas.org)[LON]
    assert lon.life_cycle_status == "PhasingOut"
    assert lon.business_critical == "Yes" and lon.hosted_at == "OnPremise"
    assert lon.data_sensitivity_levels == ["PersonData"] and lon.has_cpr
    assert lon.technical_precautions == ["Encryption", "Logging"]
    assert lon.risk_assessment == "No" and lon.dpia == "Undecided"


def test_what_cannot_be_read_is_reported_with_its_reason(personas):
    run = import_file(personas, EXAMPLE.read_bytes())
    reasons = {(s["name"], s["whole"]): s["reason"] for s in run.skipped}
    assert "riskAssessmentResult: unknown value “7”" in reasons[("Lønsystem", False)]
    assert "lifeCycleStatus: unknown value “Retired”" in reasons[("Intranet", False)]
    assert "gdpr: the block is missing" in reasons[("Intranet", False)]
    assert reasons[("Vejles system", True)] == "belongs to another organisation"
    assert reasons[("Uden UUID", True)] == "no valid uuid"
    skole = reasons[("Skoleintra", False)]
    assert "riskAssessmentConductedDate: not a date" in skole
    assert "dataSensitivityLevels: unknown value “Biometric”" in skole
    assert "system usage “Ukendt system” is not in Skanse" in reasons[("Driftskontrakt", False)]
    assert "Yes without a date" in reasons[("Aftale uden dato", False)]
    # What could be read of a partly skipped object is taken.
    assert systems(personas.org)[
        "6d408e52-5f60-4192-8345-456789abcdef"
    ].data_sensitivity_levels == ["PersonData"]


def test_importing_the_same_file_again_changes_nothing(personas):
    import_file(personas, EXAMPLE.read_bytes())
    with scopes_disabled():
        audited = len(events(personas.org))
    again = import_file(personas, EXAMPLE.read_bytes())
    assert again.counts["systems"]["created"] == 0
    assert again.counts["systems"]["updated"] == 0
    assert again.counts["systems"]["unchanged"] == 4
    assert again.counts["contracts"]["unchanged"] == 1
    assert again.counts["agreements"]["unchanged"] == 2
    # Only the second import's own entry is new in the trail.
    assert len(events(personas.org)) == audited + 1
    assert len(systems(personas.org)) == 4


def test_a_changed_object_is_updated_and_the_change_audited(personas):
    import_file(personas, EXAMPLE.read_bytes())
    before = len(events(personas.org, "inventory.system.changed"))
    data = json.loads(EXAMPLE.read_text())
    data["itSystemUsages"][0]["lastModified"] = "2025-04-01T10:00:00Z"
    data["itSystemUsages"][0]["gdpr"]["dpiaConducted"] = "Yes"
    run = import_file(personas, json.dumps(data).encode())
    assert run.counts["systems"]["updated"] == 1
    assert systems(personas.org)[ES].dpia == "Yes"
    (event,) = events(personas.org, "inventory.system.changed")[before:]
    assert event.changes == {"dpia": ["No", "Yes"]}
    assert event.actor == personas.dpo


def test_local_objects_coexist_and_a_local_supplier_is_found_by_cvr(personas):
    local = make_supplier(personas.org, name="Systemhuset (lokal)", cvr="12345678")
    own = make_system(personas.org, name="Eget system")
    import_file(personas, EXAMPLE.read_bytes())
    local.refresh_from_db()
    assert local.name == "Systemhuset (lokal)" and local.source == "local"
    assert str(local.kitos_uuid) == "50000000-0000-4000-8000-000000000001"
    with scopes_disabled():
        assert Supplier.objects.filter(organisation=personas.org).count() == 1
        assert ITSystem.objects.filter(pk=own.pk, source="local").exists()


def test_a_file_for_another_municipality_imports_nothing_into_this_one(personas):
    run = import_file(personas, EXAMPLE.read_bytes(), org=personas.other_org)
    # Every object that names its organisation names Aarhus: skipped for Vejle.
    names = {s["name"] for s in run.skipped if s["whole"]}
    assert {"Eksempelsystem", "Lønsystem", "Driftskontrakt"} <= names
    assert "Vejles system" in {s.name for s in systems(personas.other_org).values()}


def test_deleted_entities_in_the_file_delete_the_imported_objects(personas):
    import_file(personas, EXAMPLE.read_bytes())
    deletions = {
        "deletedEntities": [
            {
                "entityType": "ItSystemUsage",
                "entityUuid": LON,
                "occurredAtUtc": "2025-05-01T00:00:00Z",
            },
            {
                "entityType": "ItInterface",
                "entityUuid": ES,
                "occurredAtUtc": "2025-05-01T00:00:00Z",
            },
        ]
    }
    run = import_file(personas, json.dumps(deletions).encode())
    assert run.counts["systems"]["deleted"] == 1
    assert LON not in systems(personas.org) and ES in systems(personas.org)
    assert events(personas.org, "inventory.system.deleted")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe not json", "The file is not JSON (UTF-8)."),
        (b'"a string"', "The file must hold a JSON array or object."),
        (b'{"something": []}', "The file holds none of"),
        (b'{"itSystemUsages": {"uuid": "x"}}', "“itSystemUsages” must be a JSON array."),
        (b"[" * 100_000 + b"]" * 100_000, "The file is not JSON (UTF-8)."),
    ],
)
def test_a_malformed_file_is_refused_and_nothing_saved(personas, content, message):
    with pytest.raises(DomainError) as refused:
        import_file(personas, content)
    assert refused.value.field == "file"
    assert message in refused.value.messages[0]
    with scopes_disabled():
        assert not SyncRun.objects.exists()


def test_an_oversized_file_is_refused(personas, monkeypatch):
    from skanse.kitos import importer

    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 1000)
    with pytest.raises(DomainError, match="larger than"):
        import_file(personas, b"[" + b" " * 2000 + b"]")


def test_the_command_imports_a_file_for_an_organisation_by_code(personas, tmp_path, capsys):
    call_command("import-kitos", "--org", "751", str(EXAMPLE))
    out = capsys.readouterr().out
    assert "systems: created 4" in out
    assert "skipped systems Vejles system: belongs to another organisation" in out
    assert len(systems(personas.org)) == 4
    (event,) = events(personas.org, "kitos.file.imported")
    assert event.via == "cli"
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import-kitos", "--org", "751", str(broken))
    with pytest.raises(CommandError, match="No single active organisation"):
        call_command("import-kitos", "--org", "9999", str(EXAMPLE))


def test_a_deletion_keeps_a_system_a_processing_activity_names_and_says_why(personas):
    from skanse.privacy import services as privacy

    import_file(personas, EXAMPLE.read_bytes())
    lon = systems(personas.org)[LON]
    with scopes_disabled():
        privacy.processing_activity_create(
            personas.dpo, personas.org, name="Lønudbetaling", systems=[lon.uuid]
        )
    deletion = {"entityType": "ItSystemUsage", "entityUuid": LON, "occurredAtUtc": "2026-01-01"}
    run = import_file(personas, json.dumps({"deletedEntities": [deletion]}).encode())
    assert run.counts["systems"]["skipped"] == 1 and run.counts["systems"]["deleted"] == 0
    assert "processing activities still name it" in run.skipped[0]["reason"]
    assert LON in systems(personas.org)
