"""Resolve the organisation in the URL, check membership, and scope the whole request."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django_scopes import scope

from skanse.accounts.selectors import user_has_mfa
from skanse.tenancy.roles import capabilities_for
from skanse.tenancy.selectors import membership_for_request
from skanse.tenancy.services import token_authenticate


class OrganisationMiddleware:
    """For URLs under /o/<org>/: 404 to non-members, MFA policy, then scope(organisation=…).

    The scope wraps `get_response`, so templates rendered by the view run inside it too:
    a query that forgets the tenant raises ScopeError instead of leaking another's rows.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = None
        request.membership = None
        request.capabilities = frozenset()
        if request.path_info.startswith("/api/"):
            return self._api(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        slug = match.kwargs.get("org")
        if slug is None:
            return self.get_response(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())

        membership = membership_for_request(request.user, slug)
        if membership is None:
            raise Http404
        organisation = membership.organisation
        if (
            membership.role in organisation.mfa_required_roles
            and not request.user.is_demo
            and not user_has_mfa(request.user)
        ):
            messages.warning(
                request,
                _("%(org)s requires two-factor login for your role. Set it up to continue.")
                % {"org": organisation.name},
            )
            return redirect("mfa_activate_totp")

        request.organisation = organisation
        request.membership = membership
        request.capabilities = capabilities_for(membership.role)
        if request.session.get("last_org") != organisation.slug:
            request.session["last_org"] = organisation.slug
        with scope(organisation=organisation):
            return self.get_response(request)

    def _api(self, request):
        """API requests: a bearer token names the organisation and, through its owner, the role."""
        request.api_token = None
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return self.get_response(request)
        token = token_authenticate(header.removeprefix("Bearer ").strip())
        if token is None:
            return self.get_response(request)
        request.api_token = token
        request.user = token.user
        request.organisation = token.organisation
        request.membership = token.membership
        request.capabilities = capabilities_for(token.membership.role)
        with scope(organisation=token.organisation):
            return self.get_response(request)
