"""The organisation's main menu and the GDPR section's own menu.

Which entries a member sees follows from their capabilities and the kind of organisation.
An entry is *active* when the page lies in its part of the site and *current* when the page is
the entry's own page (`aria-current="page"`).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from skanse.tenancy.roles import Cap


@dataclass(frozen=True)
class Entry:
    label: str
    url: str
    active: bool
    current: bool


@dataclass(frozen=True)
class _Item:
    label: str
    url_name: str
    areas: tuple[str, ...]  # path prefixes below /o/<org>/ that belong to the entry
    shown: object  # (caps, org) -> bool


def _can(capability):
    return lambda caps, org: capability in caps


def _coordinator_can(capability):
    return lambda caps, org: org.is_coordinator and capability in caps


GDPR_AREAS = ("records/", "processor-agreements/", "supervision/", "dpia/", "design/")

GDPR_ITEMS = (
    _Item(_("Record of processing"), "activity_list", ("records/",), _can(Cap.RECORDS_VIEW)),
    _Item(
        _("Processor agreements"),
        "agreement_list",
        ("processor-agreements/",),
        _can(Cap.RECORDS_VIEW),
    ),
    _Item(_("Supervision"), "supervision_list", ("supervision/",), _can(Cap.RECORDS_VIEW)),
    _Item(_("DPIAs"), "dpia_list", ("dpia/",), _can(Cap.RECORDS_VIEW)),
    _Item(_("Privacy by design"), "design_overview", ("design/",), _can(Cap.RECORDS_VIEW)),
    # The coordinator keeps no registers; it follows Art. 25 across the municipalities.
    _Item(
        _("Privacy by design"),
        "design_national",
        ("design/",),
        lambda caps, org: (
            Cap.RECORDS_VIEW not in caps and org.is_coordinator and Cap.ORGANISATIONS_VIEW in caps
        ),
    ),
)

MAIN_ITEMS = (
    _Item(_("Dashboard"), "org_dashboard", (), lambda caps, org: True),
    _Item(_("Programme"), "programme", ("programme/",), lambda caps, org: True),
    _Item(_("Campaigns"), "campaign_list", ("campaigns/",), _coordinator_can(Cap.CAMPAIGNS_VIEW)),
    _Item(
        _("Campaigns"),
        "response_list",
        ("responses/", "evidence/"),
        lambda caps, org: (
            Cap.RESPONSES_VIEW in caps and not (org.is_coordinator and Cap.CAMPAIGNS_VIEW in caps)
        ),
    ),
    _Item(
        _("IT systems"),
        "system_list",
        ("systems/", "suppliers/", "contracts/", "kitos/", "requirements/"),
        _can(Cap.RECORDS_VIEW),
    ),
    None,  # the GDPR section: its first entry the member can see
    _Item(_("Breaches"), "breach_list", ("breaches/",), _can(Cap.RECORDS_VIEW)),
    _Item(_("Templates"), "commons_index", ("commons/",), _can(Cap.COMMONS_VIEW)),
    _Item(_("Library"), "library_index", ("library/",), _can(Cap.LIBRARY_VIEW)),
    _Item(_("Members"), "member_list", ("members/", "invitations/"), _can(Cap.MEMBERS_VIEW)),
    _Item(
        _("Organisations"),
        "organisation_list",
        ("organisations/",),
        _coordinator_can(Cap.ORGANISATIONS_VIEW),
    ),
    _Item(_("Audit trail"), "audit_list", ("audit/", "history/"), _can(Cap.AUDIT_VIEW)),
)


def _entries(items, request, org, caps, rest: str) -> list[Entry]:
    entries = []
    for item in items:
        if not item.shown(caps, org):
            continue
        url = reverse(item.url_name, kwargs={"org": org.slug})
        entries.append(
            Entry(
                label=item.label,
                url=url,
                active=request.path == url or rest.startswith(item.areas),
                current=request.path == url,
            )
        )
    return entries


def menus(request, org, caps) -> dict:
    """`main_menu` and, on a GDPR page, `section_menu` (entries) for the header."""
    rest = request.path.removeprefix(f"/o/{org.slug}/")
    gdpr = _entries(GDPR_ITEMS, request, org, caps, rest)
    main = []
    for item in MAIN_ITEMS:
        if item is None:
            if gdpr:
                main.append(
                    Entry(
                        label=_("GDPR"),
                        url=gdpr[0].url,
                        active=rest.startswith(GDPR_AREAS),
                        current=request.path == gdpr[0].url,
                    )
                )
            continue
        main += _entries((item,), request, org, caps, rest)
    in_gdpr = rest.startswith(GDPR_AREAS)
    return {"main_menu": main, "section_menu": gdpr if in_gdpr and len(gdpr) > 1 else []}


def context(request) -> dict:
    """Template context processor: the menus of the organisation the page is in."""
    org = getattr(request, "organisation", None)
    if org is None:
        return {}
    return menus(request, org, getattr(request, "capabilities", frozenset()))
