"""Commons test helpers: templates of the supplier-requirements kind, authored and published
through the services, and adoptions made by the first municipality."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from skanse.commons import services
from skanse.commons.models import Template

KIND = "supplier_requirements"

V1 = {
    "name": "Krav til it-leverandører",
    "description": "Fælles krav til leverandører af it-systemer.",
    "items": [
        {
            "code": "K1",
            "priority": "must",
            "category": "Sikkerhed",
            "requirement": "",
            "text": "Leverandøren har en ISO 27001-certificering eller tilsvarende.",
        },
        {
            "code": "K2",
            "priority": "should",
            "category": "Drift",
            "requirement": "",
            "text": "Leverandøren logger administrative handlinger.",
        },
    ],
}


def url(name, org, *args):
    return reverse(name, args=[org.slug, *args])


def publish(personas, payload=None, *, key="it-krav", name="Krav til it-leverandører", note=""):
    """A template with `payload` published as version 1 (or, when it exists, as the next)."""
    with scopes_disabled():
        template = Template.objects.filter(key=key).first()
        if template is None:
            version = services.template_create(
                actor=personas.coordinator,
                organisation=personas.coordinator_org,
                kind=KIND,
                key=key,
                name=name,
                payload=payload or V1,
            )
        else:
            version = services.version_start(actor=personas.coordinator, template=template)
            services.draft_save(
                actor=personas.coordinator,
                version=version,
                payload=payload,
                change_note=note or "Opdateret",
            )
        return services.template_publish(actor=personas.coordinator, version=version)


def adopt(personas, template, org=None, user=None):
    with scopes_disabled():
        return services.adopt(
            actor=user or personas.admin, organisation=org or personas.org, template=template
        )


def v2(**changes):
    payload = {**V1, "items": [dict(i) for i in V1["items"]]}
    payload.update(changes)
    return payload


@pytest.fixture
def template(personas):
    return publish(personas).template


@pytest.fixture
def adoption(personas, template):
    return adopt(personas, template)


@pytest.fixture
def admin(personas):
    return personas.client(personas.admin)


@pytest.fixture
def coordinator(personas):
    return personas.client(personas.coordinator)
