"""Every action the code writes to the audit trail has a label in the reader's language.

The actions are found in the source: every `audit_record(action=…)` and `AuditEvent(action=…)`,
following the code back through the helpers that pass the action on (`_audit(actor, obj,
"dpia.version.approved", …)`, `f"{action}.deleted"`, `action = "…" if … else "…"`). A new
verb without a label fails here, and so does an action the scan cannot follow."""

import ast
import itertools
from pathlib import Path

import pytest
from django.utils import translation

import skanse
from skanse.auditlog.display import ACTIONS, VERBS, action_label

ROOT = Path(skanse.__file__).parent
SINKS = {"audit_record", "AuditEvent"}  # the calls that write an event
ANY = "*"  # a part of the action the scan cannot know (`_ACTION[type(obj)]`)


class Unresolved(Exception):
    pass


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


class Source:
    """The calls in some modules, each with the function it sits in."""

    def __init__(self, modules: dict[str, str]):
        self.calls = []
        for name, text in modules.items():
            self._walk(name, ast.parse(text, name), None)

    def _walk(self, module, node, func):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Call):
                self.calls.append((module, child, func))
            inner = child if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else func
            self._walk(module, child, inner)

    def actions(self) -> set[str]:
        found = set()
        for module, call, func in self.calls:
            if _callee(call) in SINKS:
                for keyword in call.keywords:
                    if keyword.arg == "action":
                        found |= self._resolve(keyword.value, module, func, frozenset())
        return found

    def _resolve(self, expr, module, func, seen) -> set[str]:
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return {expr.value}
        if isinstance(expr, ast.JoinedStr):
            parts = [
                self._resolve(v.value, module, func, seen)
                if isinstance(v, ast.FormattedValue)
                else {v.value}
                for v in expr.values
            ]
            return {"".join(p) for p in itertools.product(*parts)}
        if isinstance(expr, ast.IfExp):
            return self._resolve(expr.body, module, func, seen) | self._resolve(
                expr.orelse, module, func, seen
            )
        if isinstance(expr, ast.Name) and func is not None:
            return self._name(expr.id, module, func, seen)
        return {ANY}

    def _name(self, name, module, func, seen) -> set[str]:
        """A local variable's values, or a parameter's values at every call of the function."""
        values = set()
        for node in ast.walk(func):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets
            ):
                values |= self._resolve(node.value, module, func, seen)
        if values:
            return values
        positional = [a.arg for a in func.args.posonlyargs + func.args.args]
        if name not in positional + [a.arg for a in func.args.kwonlyargs]:
            raise Unresolved(f"{module}, line {func.lineno}: where does {name} come from?")
        if (module, func.name, name) in seen:
            return set()
        seen = seen | {(module, func.name, name)}
        for caller_module, call, caller in self.calls:
            if caller_module != module or _callee(call) != func.name:
                continue
            arg = next((k.value for k in call.keywords if k.arg == name), None)
            if arg is None and name in positional and positional.index(name) < len(call.args):
                arg = call.args[positional.index(name)]
            if arg is None:
                raise Unresolved(f"{module}, line {call.lineno}: {func.name}() without {name}")
            values |= self._resolve(arg, caller_module, caller, seen)
        if not values:
            raise Unresolved(f"{module}, line {func.lineno}: {func.name}() is never called")
        return values


def _product_modules() -> dict[str, str]:
    modules = {}
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if {"tests", "migrations"} & set(relative.parts):
            continue
        modules[str(relative)] = path.read_text(encoding="utf-8")
    return modules


def _unlabelled(actions: set[str]) -> list[str]:
    return sorted(
        action
        for action in actions
        if action not in ACTIONS and action.rsplit(".", 1)[-1] not in VERBS
    )


def test_every_action_in_the_code_has_a_label():
    actions = Source(_product_modules()).actions()
    # The scan follows the helpers: actions only written through one of them are found.
    assert {
        "design.assessment.completed",  # audit_record(action="…")
        "dpia.version.approved",  # _audit(actor, version, "…", …)
        "campaigns.questionnaire.section.saved",  # f"campaigns.questionnaire.{action}"
        "programme.milestone.deleted",  # f"{action}.deleted"
        "tenancy.organisation.reactivated",  # action = "…" if active else "…"
        "campaigns.response.reminded",  # _audit_coordinator_work(actor, response, "…", …)
        "inventory.*.created",  # f"inventory.{_ACTION[model]}.created", AuditEvent(…)
    } <= actions
    assert len(actions) > 100
    assert all(ANY not in action.rsplit(".", 1)[-1] for action in actions)
    assert _unlabelled(actions) == []


def test_the_four_verbs_reviewers_found_read_as_words():
    with translation.override("en"):
        assert action_label("design.assessment.completed", "design.assessment") == (
            "Art. 25 assessment: completed"
        )
        assert action_label("design.element.assessed", "design.elementassessment") == (
            "Element assessed"
        )
        assert action_label("design.gap.decided", "design.elementassessment") == "Gap answered"
        assert action_label("design.reassessment.triggered", "design.designprofile") == (
            "Re-assessment triggered"
        )
        # The verbs alone have words too, for other objects that use them.
        for verb in ("completed", "assessed", "decided", "triggered"):
            assert verb in VERBS


SNIPPET = """
def _audit(actor, obj, action, via):
    audit_record(actor=actor, organisation=obj.organisation, action=action, obj=obj, via=via)

def frob(actor, thing):
    _audit(actor, thing, "things.thing.frobbed", "web")
"""


def test_the_scan_follows_a_helper_and_reports_a_verb_without_a_label():
    actions = Source({"things/services.py": SNIPPET}).actions()
    assert actions == {"things.thing.frobbed"}
    assert _unlabelled(actions) == ["things.thing.frobbed"]


def test_the_scan_refuses_an_action_it_cannot_follow():
    source = Source(
        {"things/services.py": "def f(o):\n    audit_record(action=ACTION_OF[o], obj=o)\n"}
    )
    assert source.actions() == {ANY}
    helper = "def _audit(action):\n    audit_record(action=action)\n"
    with pytest.raises(Unresolved, match="never called"):
        Source({"things/services.py": helper}).actions()
