import io

import pytest
from django.urls import reverse
from django_scopes import scope
from openpyxl import load_workbook

from skanse.core.errors import DomainError
from skanse.core.models import AuditEvent
from skanse.privacy import importer, records
from skanse.privacy.models import ProcessingActivity
from skanse.privacy.tests.conftest import make_activity


def _exported(org):
    with scope(organisation=org):
        return load_workbook(io.BytesIO(records.record_xlsx(org)))


def _bytes(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _column(key):
    return records.IMPORT_COLUMNS.index(key) + 1


def _import(personas, content):
    with scope(organisation=personas.org):
        return importer.import_file(personas.dpo, personas.org, content)


def test_an_exported_record_imports_back_changed_and_extended(personas, inv):
    activity = make_activity(personas.org, name="Løn", legal_bases=["art6_1_b"])
    book = _exported(personas.org)
    sheet = book["Import"]
    sheet.cell(row=3, column=_column("purposes"), value="Udbetaling af løn")
    new_row = ["", "BA-9", "Rekruttering", "", "", "", "", "", "", "Ansættelse"]
    sheet.append(new_row)
    sheet.cell(row=4, column=_column("legal_bases"), value="art6_1_b, dbl_12")
    sheet.cell(row=4, column=_column("systems"), value="sagssystem")
    result = _import(personas, _bytes(book))
    assert (result.created, result.updated) == (1, 1)
    with scope(organisation=personas.org):
        activity.refresh_from_db()
        assert activity.purposes == "Udbetaling af løn"
        new = ProcessingActivity.objects.get(name="Rekruttering")
        assert new.legal_bases == ["art6_1_b", "dbl_12"]
        assert new.source == "excel"
        assert [s.name for s in new.systems.all()] == ["Sagssystem"]
        assert AuditEvent.objects.filter(action="privacy.activity.created", via="web").count() == 2


def test_errors_are_reported_by_row_and_column_and_nothing_is_saved(personas, inv):
    make_activity(personas.org, name="Løn")
    book = _exported(personas.org)
    sheet = book["Import"]
    sheet.cell(row=3, column=_column("purposes"), value="Changed")
    sheet.append(["", "", "Ny"])
    sheet.cell(row=4, column=_column("legal_bases"), value="art6_1_e, art99")
    sheet.append(["", "", ""])
    sheet.cell(row=5, column=_column("reference"), value="BA-X")  # a row without a name
    sheet.cell(row=5, column=_column("systems"), value="Ukendt system")
    with pytest.raises(importer.ImportRefused) as refused:
        _import(personas, _bytes(book))
    errors = refused.value.errors
    assert any(e.startswith("Import!K4:") and "art99" in e for e in errors)
    assert any(e.startswith("Import!AC5:") for e in errors)
    with scope(organisation=personas.org):
        assert list(ProcessingActivity.objects.values_list("name", "purposes")) == [("Løn", "")]


def test_a_row_without_a_name_is_refused_at_the_name_column(personas):
    book = _exported(personas.org)
    book["Import"].append(["", "BA-1"])
    with pytest.raises(importer.ImportRefused) as refused:
        _import(personas, _bytes(book))
    assert refused.value.errors[0].startswith("Import!C3:")


def test_an_id_of_another_organisation_is_refused(personas):
    foreign = make_activity(personas.other_org, name="Vejle")
    book = _exported(personas.org)
    book["Import"].append([str(foreign.uuid), "", "Taken"])
    with pytest.raises(importer.ImportRefused) as refused:
        _import(personas, _bytes(book))
    assert refused.value.errors[0].startswith("Import!A3:")
    with scope(organisation=personas.other_org):
        assert ProcessingActivity.objects.get(pk=foreign.pk).name == "Vejle"


@pytest.mark.parametrize(
    "content",
    [b"name;purposes\nx;y\n", b"PK\x03\x04broken zip", b"%PDF-1.4 not a workbook"],
)
def test_a_file_that_is_not_a_workbook_is_refused(personas, content):
    with pytest.raises(DomainError) as refused:
        _import(personas, content)
    assert "Excel" in refused.value.messages[0]


def test_an_oversized_file_is_refused_before_it_is_read(personas):
    with pytest.raises(DomainError) as refused:
        _import(personas, b"PK\x03\x04" + b"0" * (importer.MAX_BYTES + 1))
    assert "MB" in refused.value.messages[0]


def test_a_changed_header_is_refused(personas):
    book = _exported(personas.org)
    book["Import"].cell(row=2, column=3, value="navn")
    with pytest.raises(DomainError) as refused:
        _import(personas, _bytes(book))
    assert "Import!A2" in refused.value.messages[0]


def test_a_workbook_without_the_import_sheet_is_refused(personas):
    book = _exported(personas.org)
    del book["Import"]
    with pytest.raises(DomainError):
        _import(personas, _bytes(book))


def test_the_page_lists_every_error_and_saves_nothing(personas):
    book = _exported(personas.org)
    book["Import"].append(["", "", "Ny", "", "bogus-status"])
    upload = io.BytesIO(_bytes(book))
    upload.name = "record.xlsx"
    response = personas.client(personas.dpo).post(
        reverse("activity_import", kwargs={"org": personas.org.slug}), {"file": upload}
    )
    assert response.status_code == 400
    assert b"Import!E3" in response.content
    with scope(organisation=personas.org):
        assert not ProcessingActivity.objects.exists()


def test_the_page_imports_a_good_file(personas):
    book = _exported(personas.org)
    book["Import"].append(["", "", "Ny aktivitet"])
    upload = io.BytesIO(_bytes(book))
    upload.name = "record.xlsx"
    response = personas.client(personas.dpo).post(
        reverse("activity_import", kwargs={"org": personas.org.slug}), {"file": upload}
    )
    assert response.status_code == 302
    with scope(organisation=personas.org):
        assert ProcessingActivity.objects.get().name == "Ny aktivitet"
