"""Inventory test helpers: systems, suppliers and contracts made through the services."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from skanse.inventory import services


def url(name, org, *args):
    return reverse(name, args=[org.slug, *args])


def make_supplier(org, name="Leverandør A/S", cvr="", **data):
    with scopes_disabled():
        return services.supplier_create(actor=None, organisation=org, name=name, cvr=cvr, **data)


def make_system(org, name="Sagssystem", **data):
    with scopes_disabled():
        return services.system_create(actor=None, organisation=org, name=name, **data)


def make_contract(org, name="Driftskontrakt", systems=(), **data):
    with scopes_disabled():
        return services.contract_create(
            actor=None, organisation=org, name=name, systems=systems, **data
        )


@pytest.fixture
def keeper(personas):
    """The DPO: reads and edits the registers."""
    return personas.client(personas.dpo)
