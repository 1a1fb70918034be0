"""Isolation matrix rows for skanse.commons (see tests/isolation/__init__.py).

Templates belong to the coordinator and, once published, every organisation reads them; an
adoption belongs to the adopting organisation (a foreign one is a 404)."""

from skanse.tenancy.roles import Cap
from tests.isolation import Row

KIND = "supplier_requirements"
PAYLOAD = {"name": "Matrix krav", "description": "", "items": []}


def _template(personas, org, user):
    """The coordinator's matrix template: versions 1 and 2 published, version 3 a draft."""
    from skanse.commons import services
    from skanse.commons.models import Template

    template = Template.objects.filter(key="matrix").first()
    if template is None:
        actor = personas.coordinator
        first = services.template_create(
            actor=actor,
            organisation=personas.coordinator_org,
            kind=KIND,
            key="matrix",
            name="Matrix",
            payload=PAYLOAD,
        )
        services.template_publish(actor=actor, version=first)
        second = services.version_start(actor=actor, template=first.template)
        services.draft_save(
            actor=actor, version=second, payload={**PAYLOAD, "name": "Matrix 2"}, change_note="2"
        )
        services.template_publish(actor=actor, version=second)
        services.version_start(actor=actor, template=first.template)
        template = Template.objects.get(pk=first.template.pk)
    return template


def _adoption(personas, org, user):
    """`org`'s adoption of version 1 of the matrix template (made directly, because the
    coordinator, which reads adoptions pages too, never adopts through the service)."""
    from django.contrib.contenttypes.models import ContentType

    from skanse.commons.models import Adoption
    from skanse.requirements.services import requirement_set_create

    existing = Adoption.objects.filter(organisation=org).first()
    if existing is not None:
        return existing
    template = _template(personas, org, user)
    first = template.versions.get(number=1)
    obj = requirement_set_create(actor=None, organisation=org, **first.payload)
    return Adoption.objects.create(
        organisation=org,
        template=template,
        version=first,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        base=first.payload,
    )


ORG_ROWS = {
    # Every organisation: the published templates, its adoptions and their updates.
    "commons_index": Row(Cap.COMMONS_VIEW),
    "commons_updates": Row(Cap.COMMONS_VIEW),
    "commons_template": Row(Cap.COMMONS_VIEW, obj="commons_template"),
    "commons_adopt": Row(Cap.COMMONS_ADOPT, ("POST",), obj="commons_template"),
    "commons_adoption": Row(Cap.COMMONS_VIEW, obj="commons_adoption"),
    "commons_sync": Row(
        Cap.COMMONS_ADOPT,
        ("POST",),
        obj="commons_adoption",
        data={"take": "name", "version": "1"},
    ),
    "commons_dismiss": Row(Cap.COMMONS_ADOPT, ("POST",), obj="commons_adoption"),
    # The coordinator: authoring and publishing.
    "commons_authoring": Row(Cap.COMMONS_PUBLISH, coordinator_only=True),
    "commons_template_create": Row(
        Cap.COMMONS_PUBLISH,
        ("GET", "POST"),
        coordinator_only=True,
        data={"kind": KIND, "name": "Matrix new", "key": "matrix-new"},
    ),
    "commons_authoring_template": Row(
        Cap.COMMONS_PUBLISH,
        ("GET", "POST"),
        obj="commons_template",
        coordinator_only=True,
        data={"name": "Matrix renamed"},
    ),
    "commons_draft": Row(
        Cap.COMMONS_PUBLISH,
        ("GET", "POST"),
        obj="commons_template",
        coordinator_only=True,
        data={"name": "Matrix 3", "change_note": "3"},
    ),
    "commons_version_start": Row(
        Cap.COMMONS_PUBLISH, ("POST",), obj="commons_template", coordinator_only=True
    ),
    "commons_publish": Row(
        Cap.COMMONS_PUBLISH, ("POST",), obj="commons_template", coordinator_only=True
    ),
}

API_ROWS = {
    ("GET", "/api/v1/commons/templates"): Row(Cap.COMMONS_VIEW),
    ("GET", "/api/v1/commons/templates/{uuid}/versions"): Row(
        Cap.COMMONS_VIEW, obj="commons_template"
    ),
    ("POST", "/api/v1/commons/templates/{uuid}/adopt"): Row(
        Cap.COMMONS_ADOPT, obj="commons_template"
    ),
    ("GET", "/api/v1/commons/adoptions"): Row(Cap.COMMONS_VIEW),
    ("GET", "/api/v1/commons/adoptions/{uuid}/diff"): Row(Cap.COMMONS_VIEW, obj="commons_adoption"),
    ("POST", "/api/v1/commons/adoptions/{uuid}/sync"): Row(
        Cap.COMMONS_ADOPT, obj="commons_adoption", data={"take": ["name"], "version": 1}
    ),
}

BUILDERS = {"commons_template": _template, "commons_adoption": _adoption}
PARAMS = {"commons_template": "template", "commons_adoption": "adoption"}
TENANT_OBJECTS = ("commons_adoption",)
