"""Privacy test helpers: an inventory (suppliers, systems) in both municipalities, and
processing activities and agreements made through the services."""

import pytest
from django_scopes import scope

from skanse.inventory import services as inventory
from skanse.privacy import services


@pytest.fixture
def inv(personas):
    """Two suppliers and two systems with personal data in each municipality."""
    made = {}
    for key, org in (("own", personas.org), ("other", personas.other_org)):
        with scope(organisation=org):
            nordlys = inventory.supplier_create(
                actor=None, organisation=org, name="Nordlys A/S", cvr="12345678"
            )
            skyhus = inventory.supplier_create(
                actor=None, organisation=org, name="Skyhus ApS", cvr="87654321"
            )
            social = inventory.system_create(
                actor=None,
                organisation=org,
                name="Sagssystem",
                supplier=nordlys,
                data_sensitivity_levels=["PersonData"],
            )
            booking = inventory.system_create(
                actor=None,
                organisation=org,
                name="Booking",
                supplier=skyhus,
                data_sensitivity_levels=["PersonData"],
            )
        made[key] = {"nordlys": nordlys, "skyhus": skyhus, "social": social, "booking": booking}
    return made


def make_activity(org, **fields):
    fields.setdefault("name", "Sagsbehandling")
    with scope(organisation=org):
        return services.processing_activity_create(None, org, **fields)


def make_agreement(org, **fields):
    fields.setdefault("name", "Databehandleraftale")
    with scope(organisation=org):
        return services.processor_agreement_create(None, org, **fields)
