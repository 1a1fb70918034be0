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
    target = url("design_assessment_complete", personas.org, assessment.uuid)
    response = keeper.post(target, {"summary": "Gennemgået"})
    assert response.status_code == 400
    assert "elements have no result yet" in response.content.decode()
    with scopes_disabled():
        assessment.refresh_from_db()
    assert assessment.is_draft and assessment.summary == ""
    assess_all(assessment)
    assert keeper.post(target, {"summary": "Gennemgået"}).status_code == 302
    with scopes_disabled():
        assessment.refresh_from_db()
    assert not assessment.is_draft and assessment.summary == "Gennemgået"


def test_a_summary_too_long_is_refused_at_its_field_and_nothing_is_completed(personas, keeper):
    assessment = start(make_system(personas.org))
    assess_all(assessment)
    response = keeper.post(
        url("design_assessment_complete", personas.org, assessment.uuid), {"summary": "x" * 5001}
    )
    assert response.status_code == 400
    assert field_errors(response, "summary", form="complete_form")
    with scopes_disabled():
        assessment.refresh_from_db()
    assert assessment.is_draft


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


def test_the_elements_are_assessed_one_principle_at_a_time(personas, keeper):
    assessment = start(make_system(personas.org))
    target = url("design_assessment_elements", personas.org, assessment.uuid)
    first = keeper.get(target)
    fields = set(first.context["form"].fields)
    assert "TR-01.result" in fields and not any(name.startswith("DM-") for name in fields)
    page = keeper.get(target, {"principle": "DM"})
    assert {name.split("-")[0] for name in page.context["form"].fields} == {"DM"}
    response = keeper.post(f"{target}?principle=DM", {"DM-01.result": "met", "next": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith("?principle=AC")  # the principle after DM
    assert gap(assessment, "DM-01").result == "met"
    back = keeper.post(f"{target}?principle=AB", {"AB-01.result": "met"})
    assert back["Location"].endswith(
        url("design_assessment_detail", personas.org, assessment.uuid) + "#p-AB"
    )
    assert keeper.get(target, {"principle": "XX"}).status_code == 404


def test_the_assessment_page_shows_the_results_by_principle_and_can_show_only_the_gaps(
    personas, keeper
):
    assessment = start(make_system(personas.org))
    assess_all(assessment, **{"DM-02": Result.NOT_MET, "TR-03": Result.PARTLY})
    target = url("design_assessment_detail", personas.org, assessment.uuid)
    page = keeper.get(target)
    summary = {g["principle"].ref_id: g for g in page.context["groups"]}
    assert (summary["DM"]["not_met"], summary["DM"]["unanswered"]) == (1, 1)
    assert summary["TR"]["partly"] == 1
    gaps = keeper.get(target, {"show": "gaps"})
    shown = [row.element.ref_id for g in gaps.context["groups"] for row in g["rows"]]
    assert shown == ["TR-03", "DM-02"]


@pytest.mark.parametrize("name", ["design_assessment_detail", "design_system"])
def test_the_assessment_and_system_pages_take_a_bounded_number_of_queries(personas, keeper, name):
    system = make_system(personas.org, supplier=make_supplier(personas.org))
    assessment = start(system)
    target = url(name, personas.org, assessment.uuid if name != "design_system" else system.uuid)
    keeper.get(target)
    with CaptureQueriesContext(connection) as few:
        keeper.get(target)
    gaps = ("TR-01", "LA-02", "FA-03", "DM-04", "SL-05", "IC-06")
    assess_all(assessment, **dict.fromkeys(gaps, Result.NOT_MET))
    with scopes_disabled():
        for ref in gaps:
            services.gap_decide(
                actor=None,
                row=gap(assessment, ref),
                response="system_change",
                measure="Ændring",
                due_on=datetime.date(2027, 1, 1),
            )
        services.assessment_complete(actor=None, assessment=assessment)
    start(system, occasion="periodic")
    with CaptureQueriesContext(connection) as many:
        keeper.get(target)
    assert len(many) <= len(few) + 1  # + the current assessment read once


def test_the_supplier_files_are_named_after_the_supplier(personas, keeper):
    supplier = _with_requirement(personas)
    response = keeper.get(url("design_supplier_pdf", personas.org, supplier.uuid))
    assert "art25-krav-systemhuset-as-" in response["Content-Disposition"]
