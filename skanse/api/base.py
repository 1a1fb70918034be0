"""The API's shared parts: token authentication, capability checks and one error shape."""

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as InputError
from ninja.security import HttpBearer


class TokenAuth(HttpBearer):
    """The token was resolved by OrganisationMiddleware (which also scoped the request)."""

    openapi_description = "A personal API token, created under Profile → API tokens."

    def authenticate(self, request, token):
        return getattr(request, "api_token", None)


class Error(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def need(request, capability: str) -> None:
    """403 unless the token owner's role has `capability`."""
    if capability not in request.capabilities:
        raise HttpError(403, "Your role does not allow this.")


def make_api() -> NinjaAPI:
    api = NinjaAPI(
        title="Skanse API",
        version="1",
        description=(
            "The REST API of Skanse. Every request acts for one organisation: the one the "
            "personal API token was created in, with the token owner's current role there."
        ),
        auth=TokenAuth(),
        urls_namespace="api-v1",
        docs_url="/explorer",
    )

    @api.exception_handler(ValidationError)
    def validation_error(request, exc):
        if hasattr(exc, "error_dict"):
            errors = {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
        else:
            errors = {}
        return api.create_response(
            request, {"detail": " ".join(exc.messages), "errors": errors}, status=400
        )

    @api.exception_handler(InputError)
    def input_error(request, exc):
        # Malformed input (an unknown role, a missing field) gets the same shape and status as
        # a refusal by a service, not ninja's 422 list of pydantic errors.
        errors = {}
        for error in exc.errors:
            loc = [str(part) for part in error.get("loc", ())]
            # ["body", "payload", "role"] → "role"; ["query", "page"] → "page".
            path = loc[2:] if loc[:1] == ["body"] else loc[1:]
            errors.setdefault(".".join(path) or "__all__", []).append(error.get("msg", ""))
        detail = " ".join(f"{field}: {'; '.join(msgs)}" for field, msgs in errors.items())
        return api.create_response(request, {"detail": detail, "errors": errors}, status=400)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": "Not found."}, status=404)

    return api
