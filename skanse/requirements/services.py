"""Writes for requirement sets. Items are replaced as a whole (all or nothing), each checked
with its row number; a library reference is a requirement's URN in a published version."""

from django.db import transaction
from django.utils.translation import gettext as _

from skanse.core.audit import audit_record, diff
from skanse.core.errors import DomainError
from skanse.library.models import Requirement
from skanse.requirements.models import Priority, RequirementItem, RequirementSet

ITEM_KEYS = ("code", "text", "category", "priority", "requirement")
MAX_ITEMS = 1000


def items_of(requirement_set: RequirementSet) -> list[dict]:
    """The set's items as plain values (the shape the services take and commons compares)."""
    return [
        {
            "code": item.code,
            "text": item.text,
            "category": item.category,
            "priority": item.priority,
            "requirement": item.library_requirement.urn if item.library_requirement_id else "",
        }
        for item in requirement_set.items.select_related("library_requirement").order_by("position")
    ]


def _clean_items(items) -> tuple[list[dict], dict[str, int]]:
    if not isinstance(items, list):
        raise DomainError(_("Expected a list of requirements."), "items")
    if len(items) > MAX_ITEMS:
        raise DomainError(_("At most %(n)d requirements.") % {"n": MAX_ITEMS}, "items")
    cleaned, codes = [], set()
    priorities = set(Priority.values)
    for number, raw in enumerate(items, start=1):
        if not isinstance(raw, dict):
            raise DomainError(_("Row %(n)d: expected an object.") % {"n": number}, "items")
        item = {key: str(raw.get(key) or "").strip() for key in ITEM_KEYS}
        item["priority"] = item["priority"] or Priority.MUST
        problems = [
            (not item["code"], _("a code is required")),
            (len(item["code"]) > 40, _("the code has more than 40 characters")),
            (not item["text"], _("the requirement's text is required")),
            (len(item["text"]) > 2000, _("the text has more than 2000 characters")),
            (len(item["category"]) > 100, _("the category has more than 100 characters")),
            (item["priority"] not in priorities, _("the priority must be must, should or could")),
            (item["code"] in codes, _("the code is used by an earlier row")),
        ]
        for failed, message in problems:
            if failed:
                raise DomainError(
                    _("Row %(n)d: %(problem)s.") % {"n": number, "problem": message}, "items"
                )
        codes.add(item["code"])
        cleaned.append(item)
    urns = {item["requirement"] for item in cleaned if item["requirement"]}
    found = dict(
        Requirement.objects.filter(urn__in=urns, version__status="published").values_list(
            "urn", "pk"
        )
    )
    for number, item in enumerate(cleaned, start=1):
        if item["requirement"] and item["requirement"] not in found:
            raise DomainError(
                _("Row %(n)d: the requirement “%(urn)s” is not in the library.")
                % {"n": number, "urn": item["requirement"]},
                "items",
            )
    return cleaned, found


def _write_items(requirement_set: RequirementSet, items: list[dict], found: dict) -> None:
    requirement_set.items.all().delete()
    RequirementItem.objects.bulk_create(
        RequirementItem(
            organisation=requirement_set.organisation,
            requirement_set=requirement_set,
            position=position,
            code=item["code"],
            text=item["text"],
            category=item["category"],
            priority=item["priority"],
            library_requirement_id=found.get(item["requirement"]),
        )
        for position, item in enumerate(items)
    )


def _clean_head(name, description) -> tuple[str, str]:
    name, description = (name or "").strip(), (description or "").strip()
    if not name:
        raise DomainError(_("A name is required."), "name")
    if len(name) > 200:
        raise DomainError(_("At most 200 characters."), "name")
    if len(description) > 5000:
        raise DomainError(_("At most 5000 characters."), "description")
    return name, description


@transaction.atomic
def requirement_set_create(
    *, actor, organisation, name: str, description: str = "", items=(), via: str = "web"
) -> RequirementSet:
    name, description = _clean_head(name, description)
    cleaned, found = _clean_items(list(items))
    requirement_set = RequirementSet.objects.create(
        organisation=organisation, name=name, description=description
    )
    _write_items(requirement_set, cleaned, found)
    audit_record(
        actor=actor,
        organisation=organisation,
        action="requirements.set.created",
        obj=requirement_set,
        via=via,
        changes=diff({}, {"name": name, "description": description, "items": cleaned}),
    )
    return requirement_set


@transaction.atomic
def requirement_set_update(
    *, actor, requirement_set: RequirementSet, via: str = "web", **fields
) -> RequirementSet:
    """Change any of name, description and items (the fields given)."""
    unknown = set(fields) - {"name", "description", "items"}
    if unknown:
        raise DomainError(_("Unknown field “%(field)s”.") % {"field": sorted(unknown)[0]})
    before = {
        "name": requirement_set.name,
        "description": requirement_set.description,
        "items": items_of(requirement_set),
    }
    name, description = _clean_head(
        fields.get("name", requirement_set.name),
        fields.get("description", requirement_set.description),
    )
    after = {"name": name, "description": description, "items": before["items"]}
    if "items" in fields:
        after["items"], found = _clean_items(list(fields["items"]))
        if after["items"] != before["items"]:
            _write_items(requirement_set, after["items"], found)
    requirement_set.name, requirement_set.description = name, description
    requirement_set.save(update_fields=["name", "description", "updated_at"])
    changes = diff(before, after)
    if changes:
        audit_record(
            actor=actor,
            organisation=requirement_set.organisation,
            action="requirements.set.changed",
            obj=requirement_set,
            via=via,
            changes=changes,
        )
    return requirement_set
