"""A local HTTP server that answers like KITOS API v2, for tests, benchmarks and demos.

Built from the documented shapes (DOMAIN.md §1): `POST /api/authorize/GetToken`, bare JSON
arrays for lists, `page`/`pageSize` (1..250), `changedSinceGtEq`, `organizationUuid`,
`orderByProperty=LastChanged`, and the delta feed of deleted entities. Never the internet.
"""

import datetime
import json
import random
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LISTS = {
    "/api/v2/it-system-usages": "usages",
    "/api/v2/it-contracts": "contracts",
    "/api/v2/data-processing-registrations": "registrations",
}


def _parse(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))


class FakeKitos:
    """`with FakeKitos(...) as kitos:` serves at `kitos.url`; change its lists between runs."""

    def __init__(self, *, email="api@kommune.dk", password="hemmeligt", org_cvr="55133018"):  # noqa: S107 - a fake
        self.email, self.password = email, password
        self.org = {"uuid": str(uuid.uuid4()), "name": "Testkommune", "cvr": org_cvr}
        self.usages: list[dict] = []
        self.contracts: list[dict] = []
        self.registrations: list[dict] = []
        self.deletions: list[dict] = []
        self.requests: list[tuple[str, dict]] = []  # (path, query) of every GET
        self.token = "fake-jwt-" + uuid.uuid4().hex
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _send(self, status, body):
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if urlsplit(self.path).path != "/api/authorize/GetToken":
                    return self._send(404, {"msg": "Not found"})
                if body.get("email") != fake.email or body.get("password") != fake.password:
                    return self._send(401, {"msg": "Unauthorized", "response": None})
                return self._send(
                    200,
                    {
                        "msg": "",
                        "response": {
                            "token": fake.token,
                            "email": fake.email,
                            "loginSuccessful": True,
                            "expires": "2099-01-01T00:00:00Z",
                        },
                    },
                )

            def do_GET(self):
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                fake.requests.append((parts.path, query))
                if self.headers.get("Authorization") != f"Bearer {fake.token}":
                    return self._send(401, {"message": "Unauthorized"})
                try:
                    page = int(query.get("page", 0))
                    size = int(query.get("pageSize", 250))
                except ValueError:
                    return self._send(400, {"message": "Bad paging"})
                if page < 0 or not 1 <= size <= 250:
                    return self._send(400, {"message": "pageSize must be 1..250"})
                if parts.path == "/api/v2/organizations":
                    cvr = query.get("cvrContent", "")
                    found = [fake.org] if cvr and cvr in fake.org["cvr"] else []
                    return self._send(200, found[page * size : (page + 1) * size])
                if parts.path == "/api/v2/delta-feed/deleted-entities":
                    items = [
                        d for d in fake.deletions if d["entityType"] == query.get("entityType")
                    ]
                    if "deletedSinceUTC" in query:
                        since = _parse(query["deletedSinceUTC"])
                        items = [d for d in items if _parse(d["occurredAtUtc"]) >= since]
                    return self._send(200, items[page * size : (page + 1) * size])
                if parts.path not in LISTS:
                    return self._send(404, {"message": "Not found"})
                items = getattr(fake, LISTS[parts.path])
                if query.get("organizationUuid") != fake.org["uuid"]:
                    items = []
                if "changedSinceGtEq" in query:
                    since = _parse(query["changedSinceGtEq"])
                    items = [i for i in items if _parse(i["lastModified"]) >= since]
                items = sorted(items, key=lambda i: i["lastModified"])
                return self._send(200, items[page * size : (page + 1) * size])

        return Handler


# --- Objects shaped like KITOS's response DTOs -----------------------------------------------

SYSTEM_NAMES = (
    "Sagssystem",
    "Økonomisystem",
    "Lønsystem",
    "Omsorgssystem",
    "Skoleintra",
    "Borgerservice",
    "Byggesag",
    "Jobcenter",
    "Ydelsessystem",
    "Intranet",
)


def stamp(day: int = 0, seconds: int = 0) -> str:
    moment = datetime.datetime(2025, 3, 1, 10, tzinfo=datetime.UTC) + datetime.timedelta(
        days=day, seconds=seconds
    )
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def org_ref(org: dict) -> dict:
    return {"uuid": org["uuid"], "name": org["name"], "cvr": org["cvr"]}


def usage(org: dict, n: int, rng: random.Random | None = None, **overrides) -> dict:
    """A system usage (ItSystemUsageResponseDTO) with a GDPR block, like DOMAIN.md §1.10."""
    rng = rng or random.Random(n)  # noqa: S311 - test data
    levels = rng.choice(
        [["None"], ["PersonData"], ["PersonData", "SensitiveData"], ["PersonData", "LegalData"]]
    )
    dto = {
        "uuid": str(uuid.UUID(int=rng.getrandbits(128))),
        "lastModified": stamp(seconds=n),
        "systemContext": {
            "uuid": str(uuid.UUID(int=rng.getrandbits(128))),
            "name": f"{SYSTEM_NAMES[n % len(SYSTEM_NAMES)]} {n}",
        },
        "organizationContext": org_ref(org),
        "general": {
            "localCallName": f"S{n}",
            "localSystemId": f"LOK-{n}",
            "dataClassification": {"uuid": str(uuid.uuid4()), "name": "Fortrolig"},
            "validity": {
                "valid": True,
                "lifeCycleStatus": rng.choice(
                    ["Operational", "Operational", "PhasingIn", "PhasingOut", "Undecided"]
                ),
            },
            "containsAITechnology": "No",
        },
        "roles": [
            {
                "user": {"uuid": str(uuid.uuid4()), "name": f"Medarbejder {n % 40}"},
                "role": {"uuid": str(uuid.uuid4()), "name": "Systemejer"},
            }
        ],
        "organizationUsage": {
            "usingOrganizationUnits": [],
            "responsibleOrganizationUnit": {
                "uuid": str(uuid.uuid4()),
                "name": "IT og Digitalisering",
            },
        },
        "gdpr": {
            "purpose": "Sagsbehandling",
            "businessCritical": rng.choice(["Yes", "No", "DontKnow", "Undecided"]),
            "hostedAt": rng.choice(["OnPremise", "External", "Hybrid"]),
            "dataSensitivityLevels": levels,
            "specificPersonalData": ["CprNumber"] if rng.random() < 0.6 else [],
            "sensitivePersonData": [],
            "registeredDataCategories": [{"uuid": str(uuid.uuid4()), "name": "Borgere"}],
            "technicalPrecautionsInPlace": "Yes",
            "technicalPrecautionsApplied": ["Encryption", "AccessControl", "Logging"],
            "riskAssessmentConducted": rng.choice(["Yes", "No"]),
            "riskAssessmentConductedDate": "2024-05-01",
            "riskAssessmentResult": rng.choice(["Low", "Medium", "High"]),
            "dpiaConducted": rng.choice(["Yes", "No", "Undecided"]),
            "retentionPeriodDefined": "Yes",
        },
        "archiving": {"archiveDuty": rng.choice(["B", "K", "Undecided"])},
        "outgoingSystemRelations": [],
    }
    dto.update(overrides)
    return dto


def supplier_ref(n: int) -> dict:
    return {
        "uuid": str(uuid.UUID(int=10**6 + n)),
        "name": f"Leverandør {n} A/S",
        "cvr": f"{30000000 + n}",
    }


def contract(org: dict, n: int, usages: list[dict], supplier: dict, **overrides) -> dict:
    """An IT contract (ItContractResponseDTO) covering `usages`, with `supplier`."""
    dto = {
        "uuid": str(uuid.UUID(int=2 * 10**6 + n)),
        "name": f"Kontrakt {n}",
        "lastModified": stamp(seconds=n),
        "organizationContext": org_ref(org),
        "general": {
            "contractId": f"K-{n}",
            "contractType": {"uuid": str(uuid.uuid4()), "name": "Driftsaftale"},
            # Some end soon, whenever the demo is loaded (the dashboard counts them).
            "validity": {
                "valid": True,
                "validFrom": "2024-01-01",
                "validTo": (
                    datetime.date.today() + datetime.timedelta(days=30 + 45 * n)
                ).isoformat(),
            },
        },
        "supplier": {"organization": supplier, "signed": True},
        "systemUsages": [{"uuid": u["uuid"], "name": u["systemContext"]["name"]} for u in usages],
        "termination": {"terms": {"noticePeriodMonths": {"uuid": str(uuid.uuid4()), "name": "6"}}},
    }
    dto.update(overrides)
    return dto


def registration(org: dict, n: int, usages: list[dict], processor: dict, **overrides) -> dict:
    """A data-processing registration (DataProcessingRegistrationResponseDTO)."""
    dto = {
        "uuid": str(uuid.UUID(int=3 * 10**6 + n)),
        "name": f"Databehandleraftale {n}",
        "lastModified": stamp(seconds=n),
        "organizationContext": org_ref(org),
        "systemUsages": [{"uuid": u["uuid"], "name": u["systemContext"]["name"]} for u in usages],
        "general": {
            "isAgreementConcluded": "Yes",
            "agreementConcludedAt": "2024-02-01T00:00:00Z",
            "transferToInsecureThirdCountries": "No",
            "dataProcessors": [processor],
            "hasSubDataProcessors": "No",
        },
        "oversight": {"oversightInterval": "Yearly"},
    }
    dto.update(overrides)
    return dto


def municipality_bundle(org: dict, systems: int, suppliers: int, seed: int = 1) -> dict:
    """A file of KITOS API responses for one municipality: usages, contracts, registrations."""
    rng = random.Random(seed)  # noqa: S311 - test data
    usages = [usage(org, n, rng) for n in range(systems)]
    refs = [supplier_ref(n) for n in range(suppliers)]
    contracts, registrations = [], []
    for n in range(0, systems, 2):
        covered = usages[n : n + 2]
        contracts.append(contract(org, n // 2, covered, refs[(n // 2) % suppliers]))
        if n % 4 == 0:
            registrations.append(registration(org, n // 4, covered, refs[(n // 2) % suppliers]))
    return {
        "itSystemUsages": usages,
        "itContracts": contracts,
        "dataProcessingRegistrations": registrations,
    }
