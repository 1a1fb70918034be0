"""Domain errors: a translatable message and, where one field is at fault, its name."""

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """Raised by services. Views show it at `field` (or above the form); the API as 400/409."""

    def __init__(self, message, field: str | None = None, code: str = "invalid"):
        self.field = field
        if field:
            super().__init__({field: [ValidationError(message, code=code)]})
        else:
            super().__init__(message, code=code)


def apply_to_form(form, error: ValidationError) -> None:
    """Show a service's ValidationError on `form`: at the field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def perform(request, action, success) -> bool:
    """Run a service call for a POST-redirect view: its refusal or `success` goes into the
    messages shown on the next page. `success` may be a callable of the action's result."""
    from django.contrib import messages

    try:
        result = action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success(result) if callable(success) else success)
    return True
