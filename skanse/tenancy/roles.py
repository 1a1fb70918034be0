"""Roles are data on a membership; capabilities are code. This module is the one place that
decides what a role may do. `docs/access-model.md` is checked against it by a test."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region")
    OTHER = "other", _("Other authority")


class Role(models.TextChoices):
    COORDINATOR_ADMIN = "coordinator_admin", _("Coordinator admin")
    COORDINATOR_ANALYST = "coordinator_analyst", _("Coordinator analyst")
    ORG_ADMIN = "org_admin", _("Organisation admin")
    SECURITY_OFFICER = "security_officer", _("Information security officer")
    DPO = "dpo", _("Data protection officer")
    CONTRIBUTOR = "contributor", _("Contributor")
    AUDITOR = "auditor", _("Auditor (read-only)")


class Cap:
    """Capability names. Views and API routes declare the capability they need."""

    ORG_VIEW = "org.view"
    MEMBERS_VIEW = "members.view"
    MEMBERS_MANAGE = "members.manage"
    SETTINGS_MANAGE = "settings.manage"
    AUDIT_VIEW = "audit.view"
    TOKENS_OWN = "tokens.own"
    ORGANISATIONS_VIEW = "organisations.view"
    ORGANISATIONS_MANAGE = "organisations.manage"
    LIBRARY_VIEW = "library.view"
    LIBRARY_MANAGE = "library.manage"
    CAMPAIGNS_VIEW = "campaigns.view"
    CAMPAIGNS_MANAGE = "campaigns.manage"
    RESPONSES_VIEW = "responses.view"
    RESPONSES_ANSWER = "responses.answer"
    RESPONSES_SUBMIT = "responses.submit"
    RECORDS_VIEW = "records.view"
    RECORDS_EDIT = "records.edit"
    INTEGRATIONS_MANAGE = "integrations.manage"
    COMMONS_VIEW = "commons.view"
    COMMONS_ADOPT = "commons.adopt"
    COMMONS_PUBLISH = "commons.publish"


CAPABILITY_LABELS = {
    Cap.ORG_VIEW: _("See the organisation's dashboard"),
    Cap.MEMBERS_VIEW: _("See the organisation's members and their roles"),
    Cap.MEMBERS_MANAGE: _("Invite members, change their roles, remove them"),
    Cap.SETTINGS_MANAGE: _("Change the organisation's settings (MFA policy)"),
    Cap.AUDIT_VIEW: _("Read and export the organisation's audit trail"),
    Cap.TOKENS_OWN: _("Create and revoke one's own API tokens"),
    Cap.ORGANISATIONS_VIEW: _("See all organisations and their admins"),
    Cap.ORGANISATIONS_MANAGE: _("Create, deactivate and reactivate organisations"),
    Cap.LIBRARY_VIEW: _("Browse, compare and export the framework library"),
    Cap.LIBRARY_MANAGE: _("Import, author and publish frameworks in the library"),
    Cap.CAMPAIGNS_VIEW: _("Follow campaigns: participation and anonymised results"),
    Cap.CAMPAIGNS_MANAGE: _("Import questionnaires; create, launch and close campaigns"),
    Cap.RESPONSES_VIEW: _("Read the organisation's campaign responses and results"),
    Cap.RESPONSES_ANSWER: _("Answer campaign questions (contributors: assigned sections)"),
    Cap.RESPONSES_SUBMIT: _("Assign sections, choose sharing and submit responses"),
    Cap.RECORDS_VIEW: _(
        "Read the GDPR registers: systems, suppliers, records of processing, processor "
        "agreements and supervision"
    ),
    Cap.RECORDS_EDIT: _("Create, change, import and delete entries in the GDPR registers"),
    Cap.INTEGRATIONS_MANAGE: _("Set up integrations (KITOS) and run their imports"),
    Cap.COMMONS_VIEW: _("Browse the templates the association publishes"),
    Cap.COMMONS_ADOPT: _("Adopt published templates and take their updates"),
    Cap.COMMONS_PUBLISH: _("Author and publish templates for all organisations"),
}

_MEMBER = {Cap.ORG_VIEW, Cap.MEMBERS_VIEW, Cap.TOKENS_OWN, Cap.LIBRARY_VIEW, Cap.COMMONS_VIEW}
_ADMIN = _MEMBER | {Cap.MEMBERS_MANAGE, Cap.SETTINGS_MANAGE, Cap.AUDIT_VIEW}
_RESPONDENT = {Cap.RESPONSES_VIEW, Cap.RECORDS_VIEW}
# Those who keep a municipality's GDPR registers.
_KEEPER = {Cap.RECORDS_EDIT, Cap.INTEGRATIONS_MANAGE, Cap.COMMONS_ADOPT}

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.COORDINATOR_ADMIN: frozenset(
        _ADMIN
        | {
            Cap.ORGANISATIONS_VIEW,
            Cap.ORGANISATIONS_MANAGE,
            Cap.LIBRARY_MANAGE,
            Cap.CAMPAIGNS_VIEW,
            Cap.CAMPAIGNS_MANAGE,
            Cap.COMMONS_PUBLISH,
        }
    ),
    Role.COORDINATOR_ANALYST: frozenset(_MEMBER | {Cap.ORGANISATIONS_VIEW, Cap.CAMPAIGNS_VIEW}),
    Role.ORG_ADMIN: frozenset(
        _ADMIN | _RESPONDENT | _KEEPER | {Cap.RESPONSES_ANSWER, Cap.RESPONSES_SUBMIT}
    ),
    Role.SECURITY_OFFICER: frozenset(
        _MEMBER
        | _RESPONDENT
        | _KEEPER
        | {Cap.AUDIT_VIEW, Cap.RESPONSES_ANSWER, Cap.RESPONSES_SUBMIT}
    ),
    Role.DPO: frozenset(_MEMBER | _RESPONDENT | _KEEPER | {Cap.AUDIT_VIEW, Cap.RESPONSES_ANSWER}),
    Role.CONTRIBUTOR: frozenset(_MEMBER | _RESPONDENT | {Cap.RESPONSES_ANSWER}),
    Role.AUDITOR: frozenset(_MEMBER | _RESPONDENT | {Cap.AUDIT_VIEW}),
}

ROLES_BY_KIND: dict[str, tuple[str, ...]] = {
    OrganisationKind.COORDINATOR: (Role.COORDINATOR_ADMIN, Role.COORDINATOR_ANALYST),
    OrganisationKind.MUNICIPALITY: (
        Role.ORG_ADMIN,
        Role.SECURITY_OFFICER,
        Role.DPO,
        Role.CONTRIBUTOR,
        Role.AUDITOR,
    ),
}
ROLES_BY_KIND[OrganisationKind.REGION] = ROLES_BY_KIND[OrganisationKind.MUNICIPALITY]
ROLES_BY_KIND[OrganisationKind.OTHER] = ROLES_BY_KIND[OrganisationKind.MUNICIPALITY]

# Roles that administer an organisation; an organisation always keeps at least one.
ADMIN_ROLES = frozenset({Role.COORDINATOR_ADMIN, Role.ORG_ADMIN})


def capabilities_for(role: str) -> frozenset[str]:
    return ROLE_CAPABILITIES.get(role, frozenset())


def role_choices_for(kind: str) -> list[tuple[str, str]]:
    allowed = ROLES_BY_KIND[kind]
    return [(value, label) for value, label in Role.choices if value in allowed]


def access_model_table() -> str:
    """The role × capability table in Markdown; docs/access-model.md carries it verbatim."""
    roles = list(Role)
    header = "| Capability | " + " | ".join(str(r.label) for r in roles) + " |"
    rule = "|---|" + "---|" * len(roles)
    lines = [header, rule]
    for capability, label in CAPABILITY_LABELS.items():
        marks = ["✓" if capability in ROLE_CAPABILITIES[r] else "" for r in roles]
        lines.append(f"| `{capability}` — {label} | " + " | ".join(marks) + " |")
    return "\n".join(lines) + "\n"
