"""The trail stores codes; the reader sees words in their language. Actions read as the object's
kind and what happened to it; codes read as their labels, whether the field has Django choices
or its app registered the labels of a JSON list of codes; dates and times read in the reader's
format and local time; names keep their capitals."""

from types import SimpleNamespace

import pytest
from django.utils import translation
from django.utils.text import capfirst

from skanse.auditlog import codes
from skanse.auditlog.codes import register_codes, register_field_lookup
from skanse.auditlog.display import type_label
from skanse.auditlog.templatetags.audit import audit_action, audit_changes, audit_channel
from skanse.breaches.models import KINDS
from skanse.privacy import choices as pc
from tests.helpers import da


@pytest.fixture(autouse=True)
def _registry(monkeypatch):
    """What a test registers is gone after it: the apps' own registrations stay as they were."""
    monkeypatch.setattr(codes, "_CODES", dict(codes._CODES))
    monkeypatch.setattr(codes, "_LOOKUPS", dict(codes._LOOKUPS))


def _rows(object_type, changes, language="en"):
    with translation.override(language):
        return audit_changes(SimpleNamespace(object_type=object_type, changes=changes))


def test_an_unlabelled_action_reads_as_the_objects_kind_and_the_verb():
    with translation.override("en"):
        assert audit_action("campaigns.peergroup.created", "campaigns.peergroup") == (
            "Peer group: created"
        )
        assert audit_action("report.requested", "reporting.report") == "Report: requested"
    with translation.override("da"):
        assert audit_action("dpia.version.approved", "dpia.dpiaversion") == (
            da("%(object)s: approved") % {"object": capfirst(da("DPIA version"))}
        )


def test_an_unknown_verb_or_model_shows_the_code():
    assert audit_action("x.y.frobbed", "campaigns.peergroup") == "x.y.frobbed"
    assert audit_action("x.y.created", "nowhere.nothing") == "x.y.created"


def test_names_keep_their_capitals():
    """Only the first letter is raised: not "Dpia screening" or "Wp248 criteria met"."""
    with translation.override("en"):
        assert type_label("dpia.screening") == "DPIA screening"
        assert audit_action("dpia.screening.created", "dpia.screening") == (
            "DPIA screening: created"
        )
        assert type_label("breaches.breach") == "Personal data breach"
    [(label, _old, _new)] = _rows("dpia.screening", {"criteria": [[], ["c3"]]})
    assert label == "WP248 criteria met"


def test_json_lists_of_codes_read_as_their_registered_labels():
    rows = _rows(
        "breaches.breach",
        {
            "kinds": [None, ["confidentiality"]],
            "subject_categories": [["citizens"], ["citizens", "employees"]],
            "data_categories": [None, ["ordinary", "cpr"]],
        },
    )
    with translation.override("en"):
        kinds = {code: str(label) for code, label in KINDS}
        labels = {code: str(label) for code, label in pc.SUBJECT_CATEGORIES}
    assert rows[0] == ("Kind of breach", "", str(kinds["confidentiality"]))
    assert rows[1] == (
        "Categories of data subjects",
        "Citizens",
        f"Citizens; {labels['employees']}",
    )
    assert rows[2] == (
        "Categories of personal data",
        "",
        "Ordinary personal data; CPR number",
    )
    # In Danish too, and across apps: the screening's WP248 criteria.
    [(_label, _old, new)] = _rows("dpia.screening", {"criteria": [None, ["c3", "c8"]]}, "da")
    assert new == "; ".join(
        [
            da("Systematic monitoring"),
            da("Innovative use or applying new technological or organisational solutions"),
        ]
    )


def test_a_field_with_choices_reads_as_its_labels_and_an_unknown_code_as_itself():
    rows = _rows("breaches.breach", {"risk": ["", "high"], "status": ["open", "gone"]})
    assert rows[0][1:] == ("Not assessed yet", "High risk: also tell the data subjects (Art. 34)")
    assert rows[1][1:] == ("Open", "gone")


def test_an_app_registers_labels_for_its_codes():
    register_codes("campaigns.campaign", "tags", [("a", "Alpha"), ("b", "Beta")])
    assert _rows("campaigns.campaign", {"tags": [None, ["a", "b", "c"]]}) == [
        ("tags", "", "Alpha; Beta; c")
    ]
    register_codes("campaigns.campaign", "tags", lambda: [("a", "Alfa", "ignored")])
    assert _rows("campaigns.campaign", {"tags": [["a"], []]}) == [("tags", "Alfa", "")]


def test_keys_of_a_document_are_named_by_the_apps_lookup():
    def lookup(key):
        return ("Legal bases", pc.LEGAL_BASES) if key == "legal_bases" else None

    register_field_lookup("commons.templateversion", lookup)
    rows = _rows("commons.templateversion", {"legal_bases": [["art6_1_e"], ["art6_1_c"]]})
    assert rows == [
        (
            "Legal bases",
            "Art. 6(1)(e) task in the public interest or exercise of official authority",
            "Art. 6(1)(c) legal obligation",
        )
    ]


def test_times_read_in_local_time_and_the_readers_format():
    changes = {
        "aware_at": [None, "2026-10-21T00:24:59.735914+00:00"],
        "authority_notified_at": ["2026-07-01T10:00:00+00:00", None],
    }
    aware, notified = _rows("breaches.breach", changes)
    # 00:24 UTC is 02:24 in Copenhagen (summer time), a date and a time without seconds.
    assert aware[2] == "10/21/2026 2:24 a.m."
    assert notified[1:] == ("07/01/2026 noon", "")
    [(_label, _old, new)] = _rows(
        "breaches.breach", {"aware_at": [None, changes["aware_at"][1]]}, "da"
    )
    assert new == "21.10.2026 02:24"


def test_dates_read_in_the_readers_format():
    [(_label, old, new)] = _rows(
        "dpia.screening", {"screened_on": ["2026-11-20", "2026-12-01"]}, "da"
    )
    assert (old, new) == ("20.11.2026", "01.12.2026")
    # A key that is no field: known by its shape. A text field keeps what was typed.
    rows = _rows(
        "breaches.breach",
        {"deadline": [None, "2026-11-20"], "authority_reference": [None, "2026-04-01"]},
        "da",
    )
    assert rows[0] == ("deadline", "", "20.11.2026")
    assert rows[1][1:] == ("", "2026-04-01")


def test_yes_no_numbers_and_nothing():
    rows = _rows(
        "privacy.processingactivity",
        {
            "third_country_transfer": [False, True],
            "kle_numbers": [[], []],
            "description": ["", None],
        },
    )
    # Unchanged blanks ("[] → []" when a record is created) are left out.
    assert rows == [("Transfer to third countries", "No", "Yes")]
    [(_label, old, new)] = _rows("breaches.breach", {"subjects_count": [0, 12000]})
    assert (old, new) == ("0", "12000")


def test_rows_of_a_table_read_as_their_number():
    rows = _rows(
        "requirements.requirementset", {"items": [[{"code": "A"}], [{"code": "A"}, {"code": "B"}]]}
    )
    assert rows[0][1:] == ("1 row", "2 rows")


def test_a_reverse_relation_is_named_by_its_key():
    rows = _rows("campaigns.campaign", {"responses": [1, 2]})
    assert rows == [("responses", "1", "2")]


def test_channels_have_names():
    with translation.override("en"):
        assert audit_channel("workbook") == "Workbook import"
        assert audit_channel("cli") == "Command line"
        assert audit_channel("pigeon") == "pigeon"
