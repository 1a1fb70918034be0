"""Library content for the page, API and command tests: catalogues, generated and small files."""

import json
from pathlib import Path

import pytest
import yaml
from django.urls import reverse

from benchmarks.generate import oscal_catalog_bytes
from skanse.library.models import FrameworkVersion
from skanse.library.services import library_import

CATALOGUES = Path(__file__).resolve().parents[1] / "catalogues"


def catalogue(name: str) -> FrameworkVersion:
    """Load one built-in catalogue (e.g. "iso27001-2022") and return its version."""
    content = (CATALOGUES / f"{name}.yaml").read_bytes()
    library_import(content, via="cli", file_name=f"{name}.yaml")
    urn = yaml.safe_load(content)["urn"]
    return FrameworkVersion.objects.get(framework__urn=urn, version="1")


def framework_file(
    urn="urn:test:small", version="1", status="published", extra=(), name="Small framework"
) -> bytes:
    """A small Skanse library file: a heading with two requirements, and `extra` nodes."""
    data = {
        "format": "skanse-library/1",
        "kind": "framework",
        "urn": urn,
        "version": version,
        "name": name,
        "status": status,
        "translations": {"da": {"name": f"{name} (da)"}},
        "requirements": [
            {
                "ref_id": "S1",
                "name": "Small heading",
                "assessable": False,
                "children": [
                    {
                        "ref_id": "S1.1",
                        "name": "First small requirement",
                        "description": "Keep a list.",
                        "translations": {"da": {"name": "Første lille krav"}},
                    },
                    {"ref_id": "S1.2", "name": "Second small requirement"},
                ],
            },
            *extra,
        ],
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


def mapping_file(
    pairs=(("S1.1", "S1.2", "subset"),),
    urn="urn:test:small-to-other",
    source="urn:test:small",
    target="urn:test:other",
    version="1",
) -> bytes:
    data = {
        "format": "skanse-library/1",
        "kind": "mapping-set",
        "urn": urn,
        "version": version,
        "name": "Small to other",
        "source": {"urn": source},
        "target": {"urn": target},
        "mappings": [
            {"source": s, "target": t, "relationship": r, "rationale": f"Why {s}"}
            for s, t, r in pairs
        ],
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


def small(**kwargs) -> FrameworkVersion:
    urn = kwargs.setdefault("urn", "urn:test:small")
    version = kwargs.setdefault("version", "1")
    library_import(framework_file(**kwargs), via="cli")
    return FrameworkVersion.objects.get(framework__urn=urn, version=version)


def generated(**kwargs) -> FrameworkVersion:
    """A generated OSCAL catalog, shaped like SP 800-53 (1,220 nodes by default)."""
    report = library_import(oscal_catalog_bytes(**kwargs), via="cli", file_name="catalog.json")
    [label] = report.created
    urn, version = label.rsplit(" ", 1)
    return FrameworkVersion.objects.get(framework__urn=urn, version=version)


def profile_file(base: FrameworkVersion, href: str = "catalog.json") -> bytes:
    """An OSCAL profile selecting the first control of `base`, a generated catalog."""
    chosen = base.requirements.filter(depth=2).order_by("position").first()
    selection = [{"with-ids": [chosen.props["oscal_id"]]}]
    return json.dumps(
        {
            "profile": {
                "metadata": {"title": "Low baseline", "version": "1"},
                "imports": [{"href": href, "include-controls": selection}],
            }
        }
    ).encode()


def url(name: str, org, *args) -> str:
    return reverse(name, args=[org.slug, *args])


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """Uploads go to a fresh directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def coordinator(personas):
    return personas.client(personas.coordinator)


@pytest.fixture
def municipal(personas):
    """A member of a municipality: may browse the library, not author it."""
    return personas.client(personas.contributor)
