"""KITOS test helpers: the local fake KITOS server and the real example file."""

from pathlib import Path

import pytest
from django_scopes import scopes_disabled

from skanse.kitos import services
from skanse.kitos.fake_server import FakeKitos

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "aarhus-kitos.json"


@pytest.fixture
def kitos():
    with FakeKitos(org_cvr="55133018") as server:
        yield server


def connect(personas, server, **extra):
    """Save the fake server as the organisation's KITOS connection."""
    with scopes_disabled():
        return services.settings_save(
            actor=personas.admin,
            organisation=personas.org,
            base_url=server.url,
            api_email=server.email,
            password=server.password,
            **extra,
        )
