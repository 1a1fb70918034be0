"""The Art. 25 pages: start an assessment, assess the elements, answer a gap, complete, and
export the requirements to a supplier."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from skanse.design import services
from skanse.design.models import Assessment, Result
from skanse.design.tests.conftest import (
    assess_all,
    gap,
    make_supplier,
    make_system,
    start,
    url,
)
from tests.helpers import da, events, field_errors

pytestmark = pytest.mark.usefixtures("edpb")


def test_a_keeper_starts_an_assessment_of_a_system(personas, keeper):
    system = make_system(personas.org)
    page = keeper.get(url("design_assessment_create", personas.org, system.uuid))
    assert page.status_code == 200
    response = keeper.post(
        url("design_assessment_create", personas.org, system.uuid),
        {"occasion": "design", "assessed_on": "2026-11-01"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assessment = Assessment.objects.get(system=system)
    assert assessment.occasion == "design"
    assert events(personas.org, "design.assessment.created")[0].actor == personas.dpo


def test_the_elements_page_saves_results_and_shows_a_bad_one_at_its_field(personas, keeper):
    assessment = start(make_system(personas.org))
    target = url("design_assessment_elements", personas.org, assessment.uuid)
    page = keeper.get(target)
    assert page.status_code == 200
    assert da("Transparency") in page.content.decode() or "Gennemsigtighed" in page.content.decode()
    bad = keeper.post(target, {"TR-01.result": "met", "TR-02.result": "brilliant"})
    assert bad.status_code == 400
    assert field_errors(bad, "TR-02.result")
    assert gap(assessment, "TR-01").result == ""  # nothing saved
    good = keeper.post(target, {"TR-01.result": "met", "TR-01.evidence": "Privatlivspolitik v3"})
    assert good.status_code == 302
    assert gap(assessment, "TR-01").evidence == "Privatlivspolitik v3"


def test_the_elements_page_takes_a_bounded_number_of_queries(personas, keeper):
    assessment = start(make_system(personas.org))
    with CaptureQueriesContext(connection) as queries:
        keeper.get(url("design_assessment_elements", personas.org, assessment.uuid))
    assert len(queries) < 20


def test_an_accepted_gap_without_reason_or_approver_is_refused_at_the_fields(personas, keeper):
    assessment = start(make_system(personas.org))
    assess_all(assessment, **{"DM-02": Result.NOT_MET})
    row = gap(assessment, "DM-02")
    response = keeper.post(url("design_gap_edit", personas.org, row.uuid), {"response": "accepted"})
    assert response.status_code == 400
    assert field_errors(response, "accept_reason")
    response = keeper.post(
        url("design_gap_edit", personas.org, row.uuid),
        {"response": "accepted", "accept_reason": "Lav risiko"},
    )
    assert field_errors(response, "accepted_by")
    assert gap(assessment, "DM-02").response == ""


def test_a_supplier_change_without_due_date_is_refused_at_the_field(personas, keeper):
    system = make_system(personas.org, supplier=make_supplier(personas.org))
    assessment = start(system)
    assess_all(assessment, **{"SL-01": Result.PARTLY})
    row = gap(assessment, "SL-01")
    target = url("design_gap_edit", personas.org, row.uuid)
    response = keeper.post(target, {"response": "system_change", "measure": "Slettefunktion"})
    assert response.status_code == 400
    assert field_errors(response, "due_on")
    assert (
        keeper.post(
            target,
            {"response": "system_change", "measure": "Slettefunktion", "due_on": "2027-03-01"},
        ).status_code
        == 302
    )
    assert gap(assessment, "SL-01").due_on == datetime.date(2027, 3, 1)


def test_a_foreign_supplier_cannot_be_chosen(personas, keeper):
    system = make_system(personas.org)
    foreign = make_supplier(personas.other_org, name="Fremmed A/S")
    assessment = start(system)
    assess_all(assessment, **{"SL-01": Result.PARTLY})
    response = keeper.post(
        url("design_gap_edit", personas.org, gap(assessment, "SL-01").uuid),
        {
            "response": "system_change",
            "measure": "Slettefunktion",
            "due_on": "2027-03-01",
            "supplier": foreign.pk,
        },
    )
    assert response.status_code == 400
    assert field_errors(response, "supplier")


def test_completing_from_the_page_reports_what_is_missing(personas, keeper):
    assessment = start(make_system(personas.org))
    response = keeper.post(
        url("design_assessment_complete", personas.org, assessment.uuid), follow=True
    )
    assert response.status_code == 200
    with scopes_disabled():
        assessment.refresh_from_db()
    assert assessment.is_draft
    assess_all(assessment)
    keeper.post(url("design_assessment_complete", personas.org, assessment.uuid))
    with scopes_disabled():
        assessment.refresh_from_db()
    assert not assessment.is_draft


def test_an_auditor_reads_but_cannot_answer_a_gap(personas):
    assessment = start(make_system(personas.org))
    assess_all(assessment, **{"DM-02": Result.NOT_MET})
    auditor = personas.client(personas.auditor)
    assert (
        auditor.get(url("design_assessment_detail", personas.org, assessment.uuid)).status_code
        == 200
    )
    row = gap(assessment, "DM-02")
    assert auditor.get(url("design_gap_edit", personas.org, row.uuid)).status_code == 403


def _with_requirement(personas):
    supplier = make_supplier(personas.org, name="Systemhuset A/S")
    system = make_system(personas.org, name="Omsorgssystem", supplier=supplier)
    assessment = start(system)
    assess_all(assessment, **{"SL-03": Result.NOT_MET})
    with scopes_disabled():
        services.gap_decide(
            actor=None,
            row=gap(assessment, "SL-03"),
            response="system_change",
            measure='=HYPERLINK("x") Automatisk sletning',
            due_on=datetime.date(2027, 6, 1),
        )
        services.assessment_complete(actor=None, assessment=assessment)
    return supplier


def test_the_supplier_requirements_download_as_excel_with_text_kept_as_text(personas, keeper):
    supplier = _with_requirement(personas)
    response = keeper.get(url("design_supplier_xlsx", personas.org, supplier.uuid))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    line = next(v for v in values if v and v[0] == "Omsorgssystem")
    assert line[1] == "SL-03"
    assert line[3].startswith("=HYPERLINK")
    assert sheet.cell(row=values.index(line) + 1, column=4).data_type == "s"


def test_the_supplier_requirements_download_as_pdf(personas, keeper):
    supplier = _with_requirement(personas)
    response = keeper.get(url("design_supplier_pdf", personas.org, supplier.uuid))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_another_organisations_supplier_export_is_404(personas, keeper):
    foreign = make_supplier(personas.other_org)
    assert keeper.get(url("design_supplier_xlsx", personas.org, foreign.uuid)).status_code == 404
