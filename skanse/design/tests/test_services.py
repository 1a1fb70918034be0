"""The Art. 25 services: assessments from the library, gaps and their answers, the schedule."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from skanse.design import services
from skanse.design.models import DesignProfile, ElementAssessment, Result
from skanse.design.tests.conftest import (
    assess_all,
    assessed,
    gap,
    make_supplier,
    make_system,
    start,
)
from skanse.library.models import Requirement
from skanse.requirements.models import RequirementItem
from skanse.requirements.services import requirement_set_create
from tests.helpers import events

pytestmark = pytest.mark.usefixtures("edpb")


def test_an_assessment_has_one_row_per_element_of_the_library(personas):
    assessment = start(make_system(personas.org))
    with scopes_disabled():
        expected = Requirement.objects.filter(
            version=assessment.framework_version, parent__isnull=False, assessable=True
        ).count()
        rows = list(assessment.elements.select_related("element", "principle"))
    assert expected > 50
    assert len(rows) == expected
    principles = {row.principle.ref_id for row in rows}
    assert principles == {"TR", "LA", "FA", "PU", "DM", "AC", "SL", "IC", "AB"}
    assert events(personas.org, "design.assessment.created")


def test_without_the_catalogue_in_the_library_no_assessment_can_start(personas):
    from skanse.library.models import FrameworkVersion

    FrameworkVersion.objects.update(status="draft")
    with pytest.raises(ValidationError, match="EDPB"):
        start(make_system(personas.org))


def test_a_bad_result_is_reported_at_its_element_and_nothing_is_saved(personas):
    assessment = start(make_system(personas.org))
    rows = [
        {"element": "TR-01", "result": "met", "evidence": "Privatlivspolitik"},
        {"element": "TR-02", "result": "splendid"},
    ]
    with scopes_disabled(), pytest.raises(ValidationError) as caught:
        services.elements_save(actor=None, assessment=assessment, rows=rows)
    assert "TR-02.result" in caught.value.error_dict
    assert gap(assessment, "TR-01").result == ""


def test_an_accepted_gap_needs_a_reason_and_an_approver(personas):
    assessment = start(make_system(personas.org))
    assess_all(assessment, **{"DM-01": Result.NOT_MET})
    row = gap(assessment, "DM-01")
    with scopes_disabled():
        with pytest.raises(ValidationError) as no_reason:
            services.gap_decide(actor=None, row=row, response="accepted", accepted_by="Direktør")
        assert no_reason.value.field == "accept_reason"
        with pytest.raises(ValidationError) as no_approver:
            services.gap_decide(
                actor=None, row=row, response="accepted", accept_reason="Lav risiko"
            )
        assert no_approver.value.field == "accepted_by"
    assert ElementAssessment.objects.with_scopes_disabled().get(pk=row.pk).response == ""


def test_a_change_to_the_system_needs_a_due_date_and_becomes_a_requirement_to_the_supplier(
    personas,
):
    supplier = make_supplier(personas.org)
    system = make_system(personas.org, supplier=supplier)
    assessment = start(system)
    assess_all(assessment, **{"SL-03": Result.PARTLY})
    row = gap(assessment, "SL-03")
    with scopes_disabled():
        requirement_set = requirement_set_create(
            actor=None, organisation=personas.org, name="Krav til leverandøren"
        )
        with pytest.raises(ValidationError) as no_date:
            services.gap_decide(
                actor=None, row=row, response="system_change", measure="Automatisk sletning."
            )
        assert no_date.value.field == "due_on"
        assert not RequirementItem.objects.filter(requirement_set=requirement_set).exists()
        services.gap_decide(
            actor=None,
            row=row,
            response="system_change",
            measure="Automatisk sletning efter 5 år.",
            due_on=datetime.date(2027, 6, 1),
            requirement_set=requirement_set,
        )
        row.refresh_from_db()
        item = RequirementItem.objects.get(requirement_set=requirement_set)
    assert row.supplier == supplier  # the system's supplier by default
    assert item.text == "Automatisk sletning efter 5 år."
    assert item.library_requirement.ref_id == "SL-03"
    assert events(personas.org, "design.gap.decided")
    assert events(personas.org, "requirements.set.changed")


def test_a_change_to_a_system_without_a_supplier_names_the_supplier_field(personas):
    assessment = start(make_system(personas.org))
    assess_all(assessment, **{"IC-01": Result.NOT_MET})
    with scopes_disabled(), pytest.raises(ValidationError) as caught:
        services.gap_decide(
            actor=None,
            row=gap(assessment, "IC-01"),
            response="system_change",
            measure="Kryptering",
            due_on=datetime.date(2027, 1, 1),
        )
    assert caught.value.field == "supplier"


def test_completing_needs_every_result_and_every_gap_answered(personas):
    assessment = start(make_system(personas.org))
    with scopes_disabled(), pytest.raises(ValidationError, match="no result"):
        services.assessment_complete(actor=None, assessment=assessment)
    assess_all(assessment, **{"AC-01": Result.NOT_MET})
    with scopes_disabled(), pytest.raises(ValidationError, match="One gap has no answer"):
        services.assessment_complete(actor=None, assessment=assessment)


def test_completing_schedules_the_next_re_assessment_after_the_interval(personas):
    system = make_system(personas.org)
    with scopes_disabled():
        services.schedule_update(actor=None, system=system, interval_months=6)
    assessed(system, assessed_on=datetime.date(2026, 8, 31))
    with scopes_disabled():
        profile = DesignProfile.objects.get(system=system)
    assert profile.next_due_on == datetime.date(2027, 2, 28)
    assert events(personas.org, "design.assessment.completed")
    assert events(personas.org, "design.schedule.changed")


def test_a_completed_assessment_cannot_be_changed(personas):
    assessment = assessed(make_system(personas.org))
    with scopes_disabled(), pytest.raises(ValidationError, match="completed"):
        services.elements_save(
            actor=None, assessment=assessment, rows=[{"element": "TR-01", "result": "not_met"}]
        )


def test_a_new_assessment_starts_from_the_previous_one(personas):
    system = make_system(personas.org)
    assessed(system, gaps=["FA-02"], assessed_on=datetime.date(2025, 1, 1))
    again = start(system, occasion="periodic")
    row = gap(again, "FA-02")
    assert row.result == Result.NOT_MET
    assert row.response == "accepted"
    assert row.accepted_by == "Direktionen"


def test_the_schedule_refuses_an_interval_out_of_range(personas):
    system = make_system(personas.org)
    with scopes_disabled(), pytest.raises(ValidationError) as caught:
        services.schedule_update(actor=None, system=system, interval_months=0)
    assert caught.value.field == "interval_months"


def test_changing_the_answer_takes_the_requirement_out_of_the_set_again(personas):
    system = make_system(personas.org, supplier=make_supplier(personas.org))
    assessment = start(system)
    assess_all(assessment, **{"AC-02": Result.NOT_MET})
    row = gap(assessment, "AC-02")
    with scopes_disabled():
        requirement_set = requirement_set_create(
            actor=None,
            organisation=personas.org,
            name="Krav",
            items=[{"code": "K1", "text": "Eksisterende krav"}],
        )
        services.gap_decide(
            actor=None,
            row=row,
            response="system_change",
            measure="Validering af input",
            due_on=datetime.date(2027, 1, 1),
            requirement_set=requirement_set,
        )
        assert requirement_set.items.count() == 2
        services.gap_decide(actor=None, row=row, response="organisational", measure="Kontrol")
        codes = list(requirement_set.items.values_list("code", flat=True))
    assert codes == ["K1"]


def test_a_foreign_requirement_set_is_refused(personas):
    system = make_system(personas.org, supplier=make_supplier(personas.org))
    assessment = start(system)
    assess_all(assessment, **{"AC-02": Result.NOT_MET})
    with scopes_disabled():
        foreign = requirement_set_create(actor=None, organisation=personas.other_org, name="X")
        with pytest.raises(ValidationError) as caught:
            services.gap_decide(
                actor=None,
                row=gap(assessment, "AC-02"),
                response="system_change",
                measure="Validering",
                due_on=datetime.date(2027, 1, 1),
                requirement_set=foreign,
            )
    assert caught.value.field == "requirement_set"


def test_a_gap_that_becomes_met_loses_its_answer_and_the_trail_says_so(personas):
    assessment = start(make_system(personas.org))
    assess_all(assessment, **{"PU-01": Result.NOT_MET})
    with scopes_disabled():
        services.gap_decide(
            actor=None,
            row=gap(assessment, "PU-01"),
            response="accepted",
            accept_reason="Lav risiko",
            accepted_by="Direktionen",
        )
        services.elements_save(
            actor=None, assessment=assessment, rows=[{"element": "PU-01", "result": "met"}]
        )
    row = gap(assessment, "PU-01")
    assert (row.response, row.accept_reason, row.accepted_by) == ("", "", "")
    last = events(personas.org, "design.element.assessed")[-1]
    assert last.changes["result"] == ["not_met", "met"]
    assert last.changes["response"] == ["accepted", ""]


def test_impossible_dates_are_refused_at_their_field_and_nothing_is_saved(personas):
    system = make_system(personas.org, supplier=make_supplier(personas.org))
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with scopes_disabled(), pytest.raises(ValidationError) as future:
        services.assessment_create(
            actor=None,
            organisation=personas.org,
            system=system,
            occasion="design",
            assessed_on=tomorrow,
        )
    assert future.value.field == "assessed_on"
    with scopes_disabled():
        assert not system.design_assessments.exists()
    assessment = start(system, assessed_on=datetime.date(2026, 3, 1))
    assess_all(assessment, **{"SL-01": Result.NOT_MET, "SL-02": Result.PARTLY})
    cases = [
        (
            "SL-01",
            {
                "response": "system_change",
                "measure": "Sletning",
                "due_on": datetime.date(2026, 2, 1),
            },
            "due_on",
        ),
        (
            "SL-01",
            {"response": "organisational", "measure": "Instruks", "done_on": tomorrow},
            "done_on",
        ),
        (
            "SL-01",
            {
                "response": "organisational",
                "measure": "Instruks",
                "due_on": datetime.date(1926, 1, 1),
            },
            "due_on",
        ),
        (
            "SL-02",
            {
                "response": "accepted",
                "accept_reason": "Lav risiko",
                "accepted_by": "Direktionen",
                "accepted_on": tomorrow,
            },
            "accepted_on",
        ),
    ]
    with scopes_disabled():
        for ref, data, field in cases:
            with pytest.raises(ValidationError) as caught:
                services.gap_decide(actor=None, row=gap(assessment, ref), **data)
            assert caught.value.field == field, (ref, data)
    assert {gap(assessment, ref).response for ref in ("SL-01", "SL-02")} == {""}
    assert not events(personas.org, "design.gap.decided")


def test_a_carried_over_due_date_before_the_new_assessment_is_kept(personas):
    system = make_system(personas.org)
    first = start(system, assessed_on=datetime.date(2025, 1, 10))
    assess_all(first, **{"AC-03": Result.PARTLY})
    with scopes_disabled():
        services.gap_decide(
            actor=None,
            row=gap(first, "AC-03"),
            response="organisational",
            measure="Kontrol af stamdata",
            due_on=datetime.date(2025, 6, 1),
        )
        services.assessment_complete(actor=None, assessment=first)
    again = start(system, assessed_on=datetime.date(2026, 1, 10))
    row = gap(again, "AC-03")
    assert row.due_on == datetime.date(2025, 6, 1)
    with scopes_disabled():
        services.gap_decide(
            actor=None,
            row=row,
            response="organisational",
            measure="Kontrol af stamdata",
            due_on=datetime.date(2025, 6, 1),
            done_on=datetime.date(2025, 12, 1),
        )
    assert gap(again, "AC-03").done_on == datetime.date(2025, 12, 1)


def test_the_gaps_of_a_replaced_assessment_cannot_be_answered_again(personas):
    system = make_system(personas.org)
    old = assessed(system, gaps=["FA-01"], assessed_on=datetime.date(2025, 1, 1))
    current = assessed(system, gaps=["FA-01"], assessed_on=datetime.date(2026, 1, 1))
    with scopes_disabled(), pytest.raises(ValidationError, match="newer assessment"):
        services.gap_decide(
            actor=None, row=gap(old, "FA-01"), response="organisational", measure="Instruks"
        )
    with scopes_disabled():
        services.gap_decide(
            actor=None, row=gap(current, "FA-01"), response="organisational", measure="Instruks"
        )
    assert gap(current, "FA-01").response == "organisational"


def test_deleting_a_draft_keeps_the_current_assessments_requirement_in_the_set(personas):
    system = make_system(personas.org, supplier=make_supplier(personas.org))
    with scopes_disabled():
        requirement_set = requirement_set_create(
            actor=None, organisation=personas.org, name="Krav til leverandøren"
        )
    first = start(system, assessed_on=datetime.date(2025, 5, 1))
    assess_all(first, **{"IC-05": Result.NOT_MET})
    with scopes_disabled():
        services.gap_decide(
            actor=None,
            row=gap(first, "IC-05"),
            response="system_change",
            measure="Kryptering af overførsler",
            due_on=datetime.date(2026, 1, 1),
            requirement_set=requirement_set,
        )
        services.assessment_complete(actor=None, assessment=first)
    draft = start(system, occasion="periodic")
    with scopes_disabled():
        services.gap_decide(
            actor=None,
            row=gap(draft, "IC-05"),
            response="accepted",
            accept_reason="Lav risiko",
            accepted_by="Direktionen",
        )
        assert not requirement_set.items.exists()  # the draft's answer took it out
        services.assessment_delete(actor=None, assessment=draft)
        texts = list(requirement_set.items.values_list("text", flat=True))
    assert texts == ["Kryptering af overførsler"]
    assert events(personas.org, "design.assessment.deleted")


def test_completing_moves_the_schedule_on_and_the_schedule_trail_says_so(personas):
    system = make_system(personas.org)
    with scopes_disabled():
        services.reassessment_trigger(
            actor=None, system=system, trigger="change", note="Ny version"
        )
    assessed(system, assessed_on=datetime.date(2026, 4, 1))
    last = events(personas.org, "design.schedule.changed")[-1]
    assert last.changes["next_due_on"] == [None, "2027-04-01"]
    assert last.changes["trigger"] == ["change", ""]
    completed = events(personas.org, "design.assessment.completed")[-1]
    assert completed.changes["status"] == ["draft", "completed"]
