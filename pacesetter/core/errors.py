"""Domain errors: ValidationErrors with translated messages, so forms show them and the API answers 400."""
from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A rule of the domain refused the change; nothing was written."""


class PermissionDeniedError(DomainError):
    """The acting user may not make this change."""
