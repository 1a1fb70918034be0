"""Generated OSCAL catalogs of realistic shape and size, for tests and benchmarks.

We do not commit third-party catalogs; this makes one shaped like NIST SP 800-53 rev. 5:
families as groups, controls with parameters, statements with lettered items, guidance,
enhancements nested in their control, and some withdrawn controls.
"""

import json
import random
import uuid

WORDS = tuple(
    "system organization information access control security policy procedures review "
    "update monitor account privileged audit record incident response plan assess risk "
    "configuration baseline software component supply chain media protection personnel "
    "training awareness authenticator identity device network boundary encryption key "
    "backup recovery contingency maintenance physical environment assessment".split(" ")
)


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _control(rng, family: str, number: int, enhancement: int | None = None) -> dict:
    base = f"{family}-{number}"
    control_id = base if enhancement is None else f"{base}.{enhancement}"
    label = control_id.upper().replace(".", "(") + (")" if enhancement else "")
    params = [{"id": f"{control_id}_prm_{i}", "label": _sentence(rng, 4)[:-1]} for i in (1, 2)]
    items = [
        {
            "id": f"{control_id}_smt.{letter}",
            "name": "item",
            "props": [{"name": "label", "value": f"{letter}."}],
            "prose": _sentence(rng, 14) + " {{ insert: param, " + params[i % 2]["id"] + " }}",
        }
        for i, letter in enumerate("abc")
    ]
    control = {
        "id": control_id,
        "class": "SP800-53" if enhancement is None else "SP800-53-enhancement",
        "title": _sentence(rng, 4)[:-1].title(),
        "params": params,
        "props": [{"name": "label", "value": label}, {"name": "sort-id", "value": control_id}],
        "links": [{"href": f"#{uuid.UUID(int=rng.getrandbits(128))}", "rel": "reference"}],
        "parts": [
            {"id": f"{control_id}_smt", "name": "statement", "parts": items},
            {
                "id": f"{control_id}_gdn",
                "name": "guidance",
                "prose": " ".join(_sentence(rng, 18) for _ in range(3)),
            },
        ],
    }
    if enhancement is not None and rng.random() < 0.08:
        control["props"].append({"name": "status", "value": "withdrawn"})
    return control


def oscal_catalog(
    families: int = 20,
    controls: int = 20,
    enhancements: int = 2,
    seed: int = 5,
    title: str = "Generated Security Controls Catalog",
    version: str = "5.1.1",
) -> dict:
    """A catalog of families × controls × (1 + enhancements) items (1,200 by default)."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    groups = []
    for f in range(families):
        family = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(2)) + str(f)
        group = {
            "id": family,
            "class": "family",
            "title": _sentence(rng, 3)[:-1].title(),
            "controls": [],
        }
        for n in range(1, controls + 1):
            control = _control(rng, family, n)
            control["controls"] = [_control(rng, family, n, e) for e in range(1, enhancements + 1)]
            group["controls"].append(control)
        groups.append(group)
    return {
        "catalog": {
            "uuid": str(uuid.UUID(int=rng.getrandbits(128))),
            "metadata": {
                "title": title,
                "last-modified": "2026-01-01T00:00:00+00:00",
                "version": version,
                "oscal-version": "1.1.2",
            },
            "groups": groups,
        }
    }


def oscal_catalog_bytes(**kwargs) -> bytes:
    return json.dumps(oscal_catalog(**kwargs), indent=2).encode()
