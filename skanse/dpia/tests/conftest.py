"""DPIA test helpers: an activity in each municipality, and DPIAs made through the services."""

import datetime
from pathlib import Path

import pytest
from django_scopes import scope

from skanse.dpia import services
from skanse.library.services import library_import
from skanse.privacy import services as privacy

CATALOGUE = (
    Path(__file__).resolve().parents[2] / "library" / "catalogues" / "wp248-dpia-criteria.yaml"
)


@pytest.fixture
def activity(personas):
    with scope(organisation=personas.org):
        return privacy.processing_activity_create(None, personas.org, name="Visitation")


@pytest.fixture
def foreign_activity(personas):
    with scope(organisation=personas.other_org):
        return privacy.processing_activity_create(None, personas.other_org, name="Visitation")


def make_dpia(org, **fields):
    fields.setdefault("title", "DPIA: visitation")
    fields.setdefault("document", {"purposes": "Visitation"})
    fields.setdefault(
        "risks",
        [
            {
                "title": "Uautoriseret adgang",
                "likelihood": 3,
                "severity": 4,
                "measures": "Adgangsstyring",
                "residual_likelihood": 1,
                "residual_severity": 4,
            }
        ],
    )
    with scope(organisation=org):
        return services.dpia_create(actor=None, organisation=org, **fields)


def consult(version, on=None):
    with scope(organisation=version.organisation):
        return services.version_consult(
            actor=None,
            version=version,
            dpo_name="DPO",
            dpo_consulted_on=on or datetime.date(2026, 1, 10),
            dpo_opinion="Enig.",
        )


def approve(version, **fields):
    """Send a draft for approval and approve it (the DPO must have been consulted)."""
    fields.setdefault("approved_by_name", "Direktør")
    fields.setdefault("approved_on", datetime.date(2026, 1, 15))
    fields.setdefault("reassess_on", datetime.date(2027, 1, 15))
    with scope(organisation=version.organisation):
        if version.status == "draft":
            version = services.version_submit(actor=None, version=version)
        return services.version_approve(actor=None, version=version, **fields)


@pytest.fixture
def wp248(db):
    """The built-in WP248 catalogue, imported as the coordinator would."""
    library_import(CATALOGUE.read_bytes(), via="cli")


def make_version(org, **fields):
    dpia = make_dpia(org, **fields)
    with scope(organisation=org):
        return dpia.versions.select_related("dpia").get()


@pytest.fixture(autouse=True)
def _in_english(settings):
    """These tests read the English interface (the Danish one is checked complete by
    tests/test_translations.py): pages and messages in English, as a reader who chose it."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
