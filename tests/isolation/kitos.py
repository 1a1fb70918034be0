"""Isolation matrix rows for skanse.kitos (see tests/isolation/__init__.py).

No row ever reaches a KITOS server: the matrix saves no connection before "sync now", so a
sync is refused (a message, or 400 in the API) before anything is queued."""

from skanse.tenancy.roles import Cap
from tests.isolation import Row

MANAGE = Cap.INTEGRATIONS_MANAGE
SETTINGS = {
    "base_url": "https://kitos.example.test",
    "api_email": "api@example.test",
    "password": "matrix-secret",
}


def _run(personas, org, user):
    from skanse.kitos.models import SyncRun

    return SyncRun.objects.create(organisation=org, kind="file", status="done", file_name="x.json")


ORG_ROWS = {
    "kitos_settings": Row(MANAGE, ("GET", "POST"), data=SETTINGS),
    "kitos_sync": Row(MANAGE, ("POST",)),
    "kitos_import": Row(MANAGE, ("POST",)),
    "kitos_run": Row(MANAGE, obj="sync_run"),
}

API_ROWS = {
    ("GET", "/api/v1/kitos/settings"): Row(MANAGE),
    ("PUT", "/api/v1/kitos/settings"): Row(MANAGE, data=SETTINGS),
    ("POST", "/api/v1/kitos/syncs"): Row(MANAGE, data={"full": False}),
    ("GET", "/api/v1/kitos/syncs"): Row(MANAGE),
    ("GET", "/api/v1/kitos/syncs/{uuid}"): Row(MANAGE, obj="sync_run"),
}
BUILDERS = {"sync_run": _run}
PARAMS = {"sync_run": "run"}
TENANT_OBJECTS = ("sync_run",)
