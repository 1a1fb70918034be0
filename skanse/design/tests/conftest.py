"""Art. 25 test helpers: the EDPB catalogue from the library's file, systems and assessments
made through the services."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from skanse.design import services
from skanse.design.models import Result
from skanse.inventory import services as inventory_services
from skanse.library.services import library_import

CATALOGUE = (
    Path(__file__).resolve().parents[2] / "library" / "catalogues" / "edpb-art25-elements.yaml"
)


def url(name, org, *args):
    return reverse(name, args=[org.slug, *args])


@pytest.fixture
def edpb(db):
    """The built-in EDPB catalogue, imported as the coordinator would."""
    library_import(CATALOGUE.read_bytes(), via="cli")


@pytest.fixture
def keeper(personas):
    """The DPO: reads and edits the registers."""
    return personas.client(personas.dpo)


def make_supplier(org, name="Leverandør A/S"):
    with scopes_disabled():
        return inventory_services.supplier_create(actor=None, organisation=org, name=name)


def make_system(org, name="Sagssystem", **data):
    with scopes_disabled():
        return inventory_services.system_create(actor=None, organisation=org, name=name, **data)


def start(system, occasion="design", assessed_on=None, actor=None):
    with scopes_disabled():
        return services.assessment_create(
            actor=actor,
            organisation=system.organisation,
            system=system,
            occasion=occasion,
            assessed_on=assessed_on or datetime.date.today(),
        )


def assess_all(assessment, result=Result.MET, **overrides):
    """Give every element `result`, except `overrides` ({ref_id: result})."""
    with scopes_disabled():
        rows = [
            {"element": row.element.ref_id, "result": overrides.get(row.element.ref_id, result)}
            for row in assessment.elements.select_related("element")
        ]
        services.elements_save(actor=None, assessment=assessment, rows=rows)


def gap(assessment, ref_id):
    with scopes_disabled():
        return assessment.elements.select_related("assessment__system", "element").get(
            element__ref_id=ref_id
        )


def assessed(system, *, gaps=(), assessed_on=None):
    """A completed assessment of `system`; each gap in `gaps` answered with an accepted gap."""
    assessment = start(system, assessed_on=assessed_on)
    assess_all(assessment, **dict.fromkeys(gaps, Result.NOT_MET))
    with scopes_disabled():
        for ref in gaps:
            services.gap_decide(
                actor=None,
                row=gap(assessment, ref),
                response="accepted",
                accept_reason="Lav risiko",
                accepted_by="Direktionen",
            )
        return services.assessment_complete(actor=None, assessment=assessment)


@pytest.fixture(autouse=True)
def _in_english(settings):
    """These tests read the English interface (the Danish one is checked complete by
    tests/test_translations.py): pages and messages in English, as a reader who chose it."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
