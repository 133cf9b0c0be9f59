"""Domain errors (Django ValidationErrors) become 400s with their translated messages."""
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions as drf_exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from pacesetter.core.errors import PermissionDeniedError


def exception_handler(exc, context):
    if isinstance(exc, PermissionDeniedError):
        exc = drf_exceptions.PermissionDenied(detail=exc.messages[0])
    elif isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()}
        else:
            detail = {"non_field_errors": [str(m) for m in exc.messages]}
        exc = drf_exceptions.ValidationError(detail=detail)
    return drf_exception_handler(exc, context)
