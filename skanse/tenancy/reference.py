"""Reference data: the coordinator, the 5 regions and the 98 municipalities.

Facts from Statistics Denmark and DAWA (kommunekode, regionskode, CVR, population 2024-04-01),
kept in `data/municipalities.csv`. Loading is idempotent: existing rows are updated by code.
"""

import csv
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "municipalities.csv"

COORDINATOR = {
    "name": "Kommunernes Landsforening (KL)",
    "slug": "kl",
    "kind": "coordinator",
}

_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", " ": "-"})


def municipality_slug(name: str) -> str:
    """'Københavns Kommune' → 'koebenhavns'; 'Bornholms Regionskommune' → 'bornholms'."""
    base = name.removesuffix(" Kommune").removesuffix(" Regionskommune").lower()
    return base.translate(_TRANSLITERATE)


def read_municipalities() -> list[dict]:
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def region_slug(name: str) -> str:
    return name.lower().translate(_TRANSLITERATE)


def load(Region, Organisation) -> None:
    """Create or update the reference rows. Takes the models so migrations can pass theirs."""
    rows = read_municipalities()
    regions = {}
    for row in rows:
        region, _ = Region.objects.update_or_create(
            code=row["region_code"], defaults={"name": row["region_name"]}
        )
        regions[row["region_code"]] = region
    # Secure by default: admins must use two-factor login. Each admin can change it later, so
    # a re-run leaves the policy alone (create_defaults apply only to new rows).
    Organisation.objects.update_or_create(
        slug=COORDINATOR["slug"],
        defaults=COORDINATOR,
        create_defaults={**COORDINATOR, "mfa_required_roles": ["coordinator_admin"]},
    )
    for region in regions.values():
        values = {"name": region.name, "slug": region_slug(region.name), "region": region}
        Organisation.objects.update_or_create(
            kind="region",
            code=region.code,
            defaults=values,
            create_defaults={
                **values,
                "kind": "region",
                "code": region.code,
                "mfa_required_roles": ["org_admin"],
            },
        )
    for row in rows:
        values = {
            "name": row["name"],
            "slug": municipality_slug(row["name"]),
            "cvr": row["cvr"],
            "region": regions[row["region_code"]],
            "population": int(row["population"]),
        }
        Organisation.objects.update_or_create(
            kind="municipality",
            code=row["municipality_code"],
            defaults=values,
            create_defaults={
                **values,
                "kind": "municipality",
                "code": row["municipality_code"],
                "mfa_required_roles": ["org_admin"],
            },
        )
