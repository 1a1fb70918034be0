"""The DPIA template in commons: the coordinator publishes it, a municipality adopts it as a
draft DPIA and takes a later version's risks."""

import pytest
from django_scopes import scope, scopes_disabled

from skanse.commons import services as commons
from skanse.core.errors import DomainError
from skanse.dpia import commons_kinds
from skanse.dpia.tests.conftest import approve, consult


def _publish(personas, payload, key="video"):
    with scope(organisation=personas.coordinator_org):
        draft = commons.template_create(
            actor=personas.coordinator,
            organisation=personas.coordinator_org,
            kind="dpia_template",
            key=key,
            name="Videomøder",
            payload=payload,
        )
        commons.template_publish(actor=personas.coordinator, version=draft)
    return draft.template


def _next(personas, template, payload):
    with scope(organisation=personas.coordinator_org):
        draft = commons.version_start(actor=personas.coordinator, template=template)
        commons.draft_save(
            actor=personas.coordinator, version=draft, payload=payload, change_note="Ny risiko"
        )
        commons.template_publish(actor=personas.coordinator, version=draft)


def _adopt(personas, template):
    with scopes_disabled():
        template.refresh_from_db()
    with scope(organisation=personas.org):
        return commons.adopt(actor=personas.dpo, organisation=personas.org, template=template)


def test_an_adopted_dpia_template_becomes_a_draft_dpia_with_its_risks(personas):
    v1 = commons_kinds.demo()[0]["versions"][0]
    adoption = _adopt(personas, _publish(personas, v1["payload"]))
    dpia = adoption.adopted_object
    with scope(organisation=personas.org):
        version = dpia.versions.get()
        assert version.status == "draft"
        assert version.risks.count() == 2
        assert commons_kinds._read(dpia)["risks"] == v1["payload"]["risks"]


def test_a_new_version_syncs_into_the_draft_and_is_refused_once_approved(personas):
    v1, v2 = commons_kinds.demo()[0]["versions"]
    template = _publish(personas, v1["payload"])
    adoption = _adopt(personas, template)
    _next(personas, template, v2["payload"])
    with scope(organisation=personas.org):
        adoption.refresh_from_db()
        commons.sync(actor=personas.dpo, adoption=adoption, take=["risks"])
        version = adoption.adopted_object.versions.get()
        assert version.risks.count() == 3
    # An approved DPIA is frozen: a later update is refused and nothing changes.
    version = approve(consult(version))
    _next(personas, template, {**v2["payload"], "risks": v1["payload"]["risks"]})
    with scope(organisation=personas.org):
        adoption.refresh_from_db()
        with pytest.raises(DomainError):
            commons.sync(actor=personas.dpo, adoption=adoption, take=["risks"])
        assert version.risks.count() == 3
