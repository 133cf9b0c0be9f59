"""Domain errors (Django ValidationErrors) become 400s with their translated messages."""
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions as drf_exceptions
from rest_framework import serializers
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from pacesetter.core.errors import PermissionDeniedError


def api_errors(exc: DjangoValidationError, renames: dict[str, str] | None = None, default_field: str | None = None):
    """A Django ValidationError as DRF's `{field: [messages]}`, under the API's field names.

    `renames` maps model field names to the API's (`organization` → `org_code`); errors that
    name no field go under `default_field` when the caller knows which input caused them.
    """
    renames = renames or {}
    fallback = default_field or api_settings.NON_FIELD_ERRORS_KEY
    if not hasattr(exc, "error_dict"):
        return {fallback: [str(m) for m in exc.messages]}
    detail: dict[str, list[str]] = {}
    for field, errors in exc.error_dict.items():
        name = fallback if field == NON_FIELD_ERRORS else renames.get(field, field)
        detail.setdefault(name, []).extend(str(m) for e in errors for m in e.messages)
    return detail


def call_domain(fn, *args, renames: dict[str, str] | None = None, default_field: str | None = None, **kwargs):
    """Run a domain function; its refusals become a 400 naming the API's fields (403 stays 403)."""
    try:
        return fn(*args, **kwargs)
    except PermissionDeniedError:
        raise
    except DjangoValidationError as exc:
        raise serializers.ValidationError(api_errors(exc, renames, default_field)) from exc


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        # The same plain "Not found." for missing and invisible objects, naming no model.
        exc = drf_exceptions.NotFound()
    elif isinstance(exc, PermissionDeniedError):
        exc = drf_exceptions.PermissionDenied(detail=exc.messages[0])
    elif isinstance(exc, DjangoValidationError):
        exc = drf_exceptions.ValidationError(detail=api_errors(exc))
    return drf_exception_handler(exc, context)
