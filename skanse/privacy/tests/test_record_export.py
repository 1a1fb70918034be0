import io

from django.template.loader import render_to_string
from django.urls import reverse
from django_scopes import scope
from openpyxl import load_workbook

from skanse.privacy import records, services
from skanse.privacy.tests.conftest import make_activity
from skanse.reporting.models import Report


def _workbook(content):
    return load_workbook(io.BytesIO(content))


def test_the_excel_record_has_the_art_30_headings_and_the_controller(personas, inv):
    with scope(organisation=personas.org):
        services.controller_details_update(
            actor=None, organisation=personas.org, dpo_name="Dorthe", dpo_email="dpo@a.test"
        )
    make_activity(
        personas.org,
        name="Løn",
        purposes="Udbetaling af løn",
        legal_bases=["art6_1_b"],
        systems=[inv["own"]["social"].uuid],
    )
    make_activity(personas.org, name="For Solsikken", role="processor", controller_name="Sol")
    make_activity(personas.other_org, name="Vejles løn")
    response = personas.client(personas.auditor).get(
        reverse("record_xlsx", kwargs={"org": personas.org.slug})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == records.CONTENT_TYPE
    book = _workbook(response.content)
    record, as_processor, data, _legend = book.worksheets
    cells = [str(c.value) for row in record.iter_rows() for c in row if c.value]
    for letter in "abcdefg":
        assert any(text.startswith(f"{letter}) ") for text in cells), letter
    assert "Dorthe\ndpo@a.test" in cells
    assert "Udbetaling af løn" in cells
    assert not any("Vejle" in text for text in cells)
    assert any("Solsikken" in str(c.value) for row in as_processor.iter_rows() for c in row)
    assert [c.value for c in data[2]] == list(records.IMPORT_COLUMNS)
    assert data.max_row == 4  # marker, header, two activities


def test_a_formula_in_a_text_field_stays_text(personas):
    make_activity(personas.org, name='=HYPERLINK("http://evil.test")')
    with scope(organisation=personas.org):
        book = _workbook(records.record_xlsx(personas.org))
    cell = next(
        c
        for row in book.worksheets[0].iter_rows()
        for c in row
        if c.value and "evil" in str(c.value)
    )
    assert cell.data_type == "s"


def test_the_export_runs_a_fixed_number_of_queries(personas, inv, django_assert_max_num_queries):
    for n in range(30):
        make_activity(personas.org, name=f"A{n}", systems=[inv["own"]["social"].uuid])
    client = personas.client(personas.dpo)
    url = reverse("record_xlsx", kwargs={"org": personas.org.slug})
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_the_pdf_record_is_made_in_the_worker_as_a_report(
    personas, django_capture_on_commit_callbacks
):
    make_activity(personas.org, name="Løn", purposes="Udbetaling af løn")
    with django_capture_on_commit_callbacks(execute=True):
        response = personas.client(personas.auditor).post(
            reverse("record_pdf", kwargs={"org": personas.org.slug}), {"language": "da"}
        )
    assert response.status_code == 302
    with scope(organisation=personas.org):
        report = Report.objects.get(organisation=personas.org, kind="privacy.record")
        assert report.status == "done", report.error
        with report.file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"
    assert response["Location"].endswith(f"/reports/{report.uuid}/")


def test_the_pdf_record_rejects_get(personas):
    response = personas.client(personas.dpo).get(
        reverse("record_pdf", kwargs={"org": personas.org.slug})
    )
    assert response.status_code == 405


def test_the_pdf_names_every_art_30_heading(personas):
    make_activity(personas.org, name="Løn", purposes="Udbetaling af løn", erasure="5y")
    with scope(organisation=personas.org):
        html = render_to_string("privacy/record.pdf.html", records.record_pdf_context(personas.org))
    for letter in "abcdefg":
        assert f"{letter}) " in html, letter
    assert "Udbetaling af løn" in html
