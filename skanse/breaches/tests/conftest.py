"""Breach test helpers: a small inventory in both municipalities and breaches made through
the services."""

import datetime

import pytest
from django.utils import timezone
from django_scopes import scope

from skanse.breaches import services
from skanse.inventory import services as inventory


@pytest.fixture
def inv(personas):
    """One supplier and one system with personal data in each municipality."""
    made = {}
    for key, org in (("own", personas.org), ("other", personas.other_org)):
        with scope(organisation=org):
            supplier = inventory.supplier_create(
                actor=None, organisation=org, name="Nordlys A/S", cvr="12345678"
            )
            system = inventory.system_create(
                actor=None,
                organisation=org,
                name="Sagssystem",
                supplier=supplier,
                data_sensitivity_levels=["PersonData"],
            )
        made[key] = {"supplier": supplier, "system": system}
    return made


def ago(**delta) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**delta)


def make_breach(org, **fields):
    fields.setdefault("title", "Brev til forkert modtager")
    fields.setdefault("aware_at", ago(hours=10))
    fields.setdefault("occurred_at", fields["aware_at"] - datetime.timedelta(hours=2))
    fields.setdefault("description", "Et brev med helbredsoplysninger blev sendt forkert.")
    with scope(organisation=org):
        return services.breach_create(None, org, **fields)


@pytest.fixture(autouse=True)
def _in_english(settings):
    """These tests read the English interface (the Danish one is checked complete by
    tests/test_translations.py): pages and messages in English, as a reader who chose it."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
