"""The one way views reach tenant data: the capability check and the single-object helper."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404


def requires(capability: str):
    """Decorate an organisation view: 403 unless the member's role has `capability`.

    The OrganisationMiddleware has already answered 404 to non-members, so a 403 here never
    tells an outsider that the organisation exists.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.organisation is None:
                raise Http404
            if capability not in request.capabilities:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_capability = capability
        return wrapped

    return decorator


def get_for_org(request, queryset, **lookup):
    """One object of the request's organisation, or 404 — for missing and foreign alike."""
    if request.organisation is None:
        raise Http404
    model = queryset.model
    try:
        return queryset.get(organisation=request.organisation, **lookup)
    except model.DoesNotExist:
        raise Http404 from None


def coordinator_only(request) -> None:
    """404 for a page that exists only in the coordinator organisation (not 403: to a
    municipality the page is simply not there)."""
    if request.organisation is None or not request.organisation.is_coordinator:
        raise Http404
