"""Demo commons: the association (KL) publishes each registered kind's demo templates —
version 1, and for the first template of each kind a version 2 — and the demo
municipalities adopted version 1, so their "updates" page has something to show. Idempotent.

The content comes from each kind (`Kind.demo`), so commons names no other app."""

from django.db import transaction
from django_scopes import scopes_disabled

from skanse.commons import kinds, services
from skanse.commons.models import Adoption, Template
from skanse.tenancy.models import Organisation

# Aarhus and Vejle adopted version 1 of every demo template (Aarhus then edited its copies
# where the template says `local_edit`); Læsø adopted none.
ADOPTERS = ["751", "630"]


@transaction.atomic
def load_commons_demo() -> list[Template]:
    with scopes_disabled():
        coordinator = Organisation.objects.get(kind="coordinator")
        adopters = list(Organisation.objects.filter(kind="municipality", code__in=ADOPTERS))
        templates = []
        for kind in kinds.all_kinds():
            for spec in kind.demo() if kind.demo else []:
                templates.append(_template(coordinator, adopters, kind, spec))
        return templates


def _template(coordinator, adopters, kind, spec) -> Template:
    template = Template.objects.filter(
        organisation=coordinator, kind=kind.key, key=spec["key"]
    ).first()
    if template is not None:
        return template
    first, *later = spec["versions"]
    version = services.template_create(
        actor=None,
        organisation=coordinator,
        kind=kind.key,
        key=spec["key"],
        name=spec["name"],
        summary=spec.get("summary", ""),
        payload=first["payload"],
        via="cli",
    )
    template = services.template_publish(actor=None, version=version, via="cli").template
    for index, organisation in enumerate(adopters):
        adoption = services.adopt(
            actor=None, organisation=organisation, template=template, via="cli"
        )
        if index == 0 and spec.get("local_edit"):
            # The first adopter changed its copy, so the demo shows "changed by you" and a
            # conflict where the association changed the same field.
            kind.update(
                obj=adoption.adopted_object, actor=None, values=spec["local_edit"], via="cli"
            )
    for step in later:
        draft = services.version_start(actor=None, template=template, via="cli")
        services.draft_save(
            actor=None, version=draft, payload=step["payload"], change_note=step["note"], via="cli"
        )
        services.template_publish(actor=None, version=draft, via="cli")
    template.refresh_from_db()
    return template


def adoption_count() -> int:
    with scopes_disabled():
        return Adoption.objects.count()
