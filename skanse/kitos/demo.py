"""Demo inventory for the demo municipalities: a KITOS import (from a generated file of
KITOS API responses, as a municipality without API access would do) beside a few systems
registered in Skanse itself."""

import json

from django_scopes import scopes_disabled

from skanse.inventory.demo import load_local_demo
from skanse.kitos import services
from skanse.kitos.fake_server import municipality_bundle
from skanse.kitos.models import SyncRun
from skanse.tenancy.demo import DEMO_MUNICIPALITIES
from skanse.tenancy.models import Organisation

# Systems per demo municipality (Aarhus, Vejle, Læsø: large, medium, small).
SIZES = {"751": (60, 20), "630": (30, 12), "825": (12, 6)}


def load_inventory_demo() -> int:
    """Import the demo KITOS file once per demo municipality (idempotent); systems made."""
    made = 0
    with scopes_disabled():
        for organisation in Organisation.objects.filter(
            kind="municipality", code__in=DEMO_MUNICIPALITIES
        ):
            made += load_local_demo(organisation)
            if SyncRun.objects.filter(organisation=organisation, file_name="demo-kitos.json"):
                continue
            systems, suppliers = SIZES.get(organisation.code, (10, 5))
            org = {"uuid": None, "name": organisation.name, "cvr": organisation.cvr}
            content = json.dumps(
                municipality_bundle(org, systems, suppliers, seed=int(organisation.code or 1))
            ).encode()
            run = services.file_import(
                actor=None,
                organisation=organisation,
                content=content,
                file_name="demo-kitos.json",
                via="cli",
            )
            made += run.counts["systems"]["created"]
    return made
