"""Actions without a label of their own read as the object's kind and what happened to it;
lists of codes read as lists; a change named after a reverse relation does not break."""

from types import SimpleNamespace

from django.utils import translation

from skanse.auditlog.templatetags.audit import audit_action, audit_changes


def test_an_unlabelled_action_reads_as_the_objects_kind_and_the_verb():
    with translation.override("en"):
        assert audit_action("campaigns.peergroup.created", "campaigns.peergroup") == (
            "Peer group: created"
        )
        assert audit_action("report.requested", "reporting.report") == "Report: requested"


def test_an_unknown_verb_or_model_shows_the_code():
    assert audit_action("x.y.frobbed", "campaigns.peergroup") == "x.y.frobbed"
    assert audit_action("x.y.created", "nowhere.nothing") == "x.y.created"


def test_a_list_of_codes_is_joined_and_a_reverse_relation_is_named_by_its_key():
    event = SimpleNamespace(
        object_type="campaigns.campaign",
        changes={"tags": [None, ["a", "b"]], "responses": [1, 2]},
    )
    rows = audit_changes(event)
    assert ("tags", None, "a, b") in rows
    assert ("responses", 1, 2) in rows
