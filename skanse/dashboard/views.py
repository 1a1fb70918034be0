"""The start page (choose an organisation) and each organisation's dashboard."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from skanse.auditlog.selectors import audit_event_list
from skanse.breaches import selectors as breaches_selectors
from skanse.campaigns.selectors import assigned_to
from skanse.commons import selectors as commons_selectors
from skanse.design import selectors as design_selectors
from skanse.dpia import selectors as dpia_selectors
from skanse.inventory import selectors as inventory_selectors
from skanse.privacy import selectors as privacy_selectors
from skanse.tenancy.access import requires
from skanse.tenancy.roles import Cap
from skanse.tenancy.selectors import membership_list, memberships_of_user


def home(request):
    if not request.user.is_authenticated:
        return redirect("account_login")
    memberships = memberships_of_user(request.user)
    slugs = [m.organisation.slug for m in memberships]
    last = request.session.get("last_org")
    if len(slugs) == 1 or (last in slugs and not request.GET.get("choose")):
        return redirect("org_dashboard", org=last if last in slugs else slugs[0])
    return render(request, "dashboard/home.html", {"memberships": memberships})


@require_safe
@login_required
@requires(Cap.ORG_VIEW)
def org_dashboard(request, org):
    organisation = request.organisation
    members = membership_list(organisation)
    recent = []
    if Cap.AUDIT_VIEW in request.capabilities:
        recent = audit_event_list(organisation).select_related(None)[:8]
    else:
        recent = audit_event_list(organisation, actor=request.user.uuid).select_related(None)[:8]
    return render(
        request,
        "dashboard/org_dashboard.html",
        {
            "recent": recent,
            "members": members[:8],
            "member_count": members.count(),
            # Modules add what they assign to a person here (risk assessments, DPIA sections…).
            "assigned": assigned_to(request.user, organisation, request.membership.role)
            + dpia_selectors.assigned_to(request.user, organisation),
            "registers": _registers(request),
            "template_cards": (
                commons_selectors.dashboard_cards(organisation)
                if Cap.COMMONS_VIEW in request.capabilities
                else []
            )
            + (
                dpia_selectors.dashboard_cards(organisation)
                if Cap.RECORDS_VIEW in request.capabilities
                else []
            ),
        },
    )


def _registers(request) -> dict | None:
    """The GDPR registers' figures that call for attention, for those who read them."""
    if Cap.RECORDS_VIEW not in request.capabilities:
        return None
    return {
        "inventory": inventory_selectors.dashboard_cards(request.organisation),
        "sensitive_without_dpia": dpia_selectors.sensitive_systems_without_dpia(
            request.organisation
        ),
        "privacy": privacy_selectors.dashboard_cards(request.organisation),
        "breaches": breaches_selectors.dashboard_cards(request.organisation),
        "design": design_selectors.dashboard_cards(request.organisation),
    }


def accessibility(request):
    return render(request, "accessibility.html")
