"""Pages for members, invitations, organisation settings, API tokens and (for the
coordinator) the list of organisations."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_scopes import scopes_disabled

from skanse.core.errors import apply_to_form
from skanse.tenancy import selectors, services
from skanse.tenancy.access import coordinator_only, get_for_org, requires
from skanse.tenancy.forms import (
    AcceptInvitationForm,
    InviteForm,
    OrganisationFilterForm,
    OrganisationForm,
    RoleForm,
    SettingsForm,
    TokenForm,
)
from skanse.tenancy.models import ApiToken, Invitation, Membership, Organisation
from skanse.tenancy.roles import Cap


@require_safe
@requires(Cap.MEMBERS_VIEW)
def member_list(request, org):
    return render(
        request,
        "tenancy/member_list.html",
        {
            "members": selectors.membership_list(request.organisation),
            "invitations": (
                selectors.invitation_pending_list(request.organisation)
                if Cap.MEMBERS_MANAGE in request.capabilities
                else []
            ),
        },
    )


@require_safe
@requires(Cap.MEMBERS_VIEW)
def member_detail(request, org, member):
    membership = get_for_org(request, Membership.objects.select_related("user"), uuid=member)
    form = RoleForm(organisation=request.organisation, initial={"role": membership.role})
    return render(request, "tenancy/member_detail.html", {"member": membership, "form": form})


@require_POST
@requires(Cap.MEMBERS_MANAGE)
def member_role(request, org, member):
    membership = get_for_org(request, Membership.objects.select_related("user"), uuid=member)
    form = RoleForm(request.POST, organisation=request.organisation)
    if form.is_valid():
        try:
            services.membership_change_role(
                actor=request.user, membership=membership, role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The role was changed."))
            return redirect("member_detail", org=org, member=member)
    return render(
        request, "tenancy/member_detail.html", {"member": membership, "form": form}, status=400
    )


@require_POST
@requires(Cap.MEMBERS_MANAGE)
def member_remove(request, org, member):
    membership = get_for_org(request, Membership.objects.select_related("user"), uuid=member)
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except ValidationError as error:
        # Refused (the last admin): the member's page again, with the reason, as a 400.
        messages.error(request, " ".join(error.messages))
        form = RoleForm(organisation=request.organisation, initial={"role": membership.role})
        return render(
            request,
            "tenancy/member_detail.html",
            {"member": membership, "form": form},
            status=400,
        )
    messages.success(request, _("%(name)s was removed.") % {"name": membership.user})
    if membership.user == request.user:
        return redirect("home")
    return redirect("member_list", org=org)


@requires(Cap.MEMBERS_MANAGE)
def member_invite(request, org):
    form = InviteForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                actor=request.user, organisation=request.organisation, **form.cleaned_data
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("An invitation was sent to %(email)s.") % form.cleaned_data)
            return redirect("member_list", org=org)
    status = 400 if form.errors else 200
    return render(request, "tenancy/member_invite.html", {"form": form}, status=status)


@require_POST
@requires(Cap.MEMBERS_MANAGE)
def invitation_resend(request, org, invitation):
    obj = get_for_org(request, Invitation.objects, uuid=invitation)
    try:
        services.invitation_resend(actor=request.user, invitation=obj)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The invitation to %(email)s was sent again.") % {"email": obj.email}
        )
    return redirect("member_list", org=org)


@require_POST
@requires(Cap.MEMBERS_MANAGE)
def invitation_revoke(request, org, invitation):
    obj = get_for_org(request, Invitation.objects, uuid=invitation)
    try:
        services.invitation_revoke(actor=request.user, invitation=obj)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The invitation to %(email)s was withdrawn.") % {"email": obj.email}
        )
    return redirect("member_list", org=org)


def invitation_accept(request, secret):
    """The link in the invitation email. Public: the secret in the link is the credential."""
    invitation = services.invitation_by_secret(secret)
    if invitation is None:
        return render(request, "tenancy/invitation_invalid.html", status=404)
    needs_account = not request.user.is_authenticated
    form = AcceptInvitationForm(request.POST or None) if needs_account else None
    refused = False
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if needs_account:
                membership = services.invitation_accept(invitation=invitation, **form.cleaned_data)
            else:
                membership = services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            refused = True
            if form is not None:
                apply_to_form(form, error)
            else:
                messages.error(request, " ".join(error.messages))
        else:
            if needs_account:
                messages.success(request, _("Your account was created. Log in to continue."))
                return redirect("account_login")
            messages.success(request, _("You joined %(org)s.") % {"org": invitation.organisation})
            return redirect("org_dashboard", org=membership.organisation.slug)
    status = 400 if refused or (form is not None and form.errors) else 200
    return render(
        request,
        "tenancy/invitation_accept.html",
        {"invitation": invitation, "form": form},
        status=status,
    )


@requires(Cap.SETTINGS_MANAGE)
def org_settings(request, org):
    organisation = request.organisation
    form = SettingsForm(
        request.POST or None,
        organisation=organisation,
        initial={"mfa_required_roles": organisation.mfa_required_roles},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update_settings(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("org_settings", org=org)
    return render(
        request, "tenancy/org_settings.html", {"form": form}, status=400 if form.errors else 200
    )


@requires(Cap.TOKENS_OWN)
def token_list(request, org):
    form = TokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_secret = services.token_create(
                actor=request.user, organisation=request.organisation, **form.cleaned_data
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            form = TokenForm()
    return render(
        request,
        "tenancy/token_list.html",
        {
            "tokens": selectors.token_list(request.organisation, request.user),
            "form": form,
            "new_secret": new_secret,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@requires(Cap.TOKENS_OWN)
def token_revoke(request, org, token):
    obj = get_for_org(request, ApiToken.objects.filter(user=request.user), uuid=token)
    services.token_revoke(actor=request.user, token=obj)
    messages.success(request, _("The token %(name)s was revoked.") % {"name": obj.name})
    return redirect("token_list", org=org)


# --- Coordinator: all organisations --------------------------------------------------------


@require_safe
@requires(Cap.ORGANISATIONS_VIEW)
def organisation_list(request, org):
    coordinator_only(request)
    filters = OrganisationFilterForm(request.GET or None)
    kind, query = "", ""
    if filters.is_valid():
        kind, query = filters.cleaned_data["kind"], filters.cleaned_data["q"]
    return render(
        request,
        "tenancy/organisation_list.html",
        {
            "organisations": selectors.organisation_list(kind=kind, query=query),
            "filters": filters,
        },
    )


@requires(Cap.ORGANISATIONS_MANAGE)
def organisation_create(request, org):
    coordinator_only(request)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.organisation_create(
                actor=request.user, coordinator=request.organisation, **form.cleaned_data
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("%(name)s was created.") % {"name": created.name})
            return redirect("organisation_detail", org=org, target=created.uuid)
    return render(
        request,
        "tenancy/organisation_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_safe
@requires(Cap.ORGANISATIONS_VIEW)
def organisation_detail(request, org, target):
    coordinator_only(request)
    with scopes_disabled():
        organisation = get_object_or_404(
            Organisation.objects.select_related("region").annotate(
                member_count=Count("membership")
            ),
            uuid=target,
        )
    return render(
        request,
        "tenancy/organisation_detail.html",
        {
            "target": organisation,
            "admins": selectors.organisation_admins(organisation),
        },
    )


@require_POST
@requires(Cap.ORGANISATIONS_MANAGE)
def organisation_set_active(request, org, target, active):
    coordinator_only(request)
    organisation = get_object_or_404(Organisation, uuid=target)
    try:
        services.organisation_set_active(
            actor=request.user,
            coordinator=request.organisation,
            organisation=organisation,
            active=active,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if active:
            messages.success(request, _("%(name)s was reactivated.") % {"name": organisation})
        else:
            messages.success(request, _("%(name)s was deactivated.") % {"name": organisation})
    return redirect("organisation_detail", org=org, target=target)
