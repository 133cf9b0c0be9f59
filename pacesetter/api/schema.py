"""OpenAPI details drf-spectacular cannot infer: the token scheme and the error answers.

Every operation documents the errors it can give (401 without credentials, 403 on a write
the user may not make, 404 outside the user's view, 400 on bad input, 415 on a body of a
media type the operation does not parse, 429 when throttled), so clients and schemathesis
know them.
"""
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_array_type, build_basic_type, build_bearer_security_scheme_object
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from pacesetter.orgs.validators import validate_phone


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = "pacesetter.api.authentication.PersonalTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        definition = build_bearer_security_scheme_object(header_name="AUTHORIZATION", token_prefix="Bearer")  # nosec B106 # the name of the HTTP auth scheme, not a password
        definition["description"] = str(_("A personal token made with `pacesetter make_api_token USERNAME`."))
        return definition


class PhoneFieldExtension(OpenApiSerializerFieldExtension):
    """A phone's pattern holds for input only: answers mask it (138****5678) for those who
    may not edit the record."""

    target_class = "pacesetter.api.serializers.PhoneField"

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction == "request":  # a phone or nothing (blank)
            phone = {"type": "string", "maxLength": self.target.max_length, "pattern": validate_phone.regex.pattern}
            schema = {"oneOf": [phone, {"type": "string", "maxLength": 0}]}
        return schema


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("What went wrong, in the user's language."))


#: A 400's body: each offending field (or `non_field_errors`) with its messages; a nested
#: object's or list's field holds its own errors the same way (a list's by item, as a list
#: or as an object keyed by the item's index). A body that cannot be parsed gets `detail`.
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": build_basic_type(OpenApiTypes.STR)},
    "additionalProperties": {
        "anyOf": [
            build_array_type({"anyOf": [build_basic_type(OpenApiTypes.STR), {"type": "object"}]}),
            {"type": "object"},
        ]
    },
    "description": "Field name (or non_field_errors) → messages, or a nested field's errors.",
}

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
BODY_METHODS = {"POST", "PUT", "PATCH"}


class ApiAutoSchema(AutoSchema):
    def _get_paginator(self):
        """Only GET lists page through their rows: a POST that answers the rows it made (photos
        uploaded, honours conferred) answers them as a plain list, whatever the view's pagination."""
        return super()._get_paginator() if self.method == "GET" else None

    def _error_responses(self) -> dict:
        unsafe = self.method in UNSAFE_METHODS
        has_path_params = "{" in self.path
        errors = {
            "401": OpenApiResponse(ErrorSerializer, description=_("No valid session or token.")),
            "429": OpenApiResponse(ErrorSerializer, description=_("Too many requests; try again later.")),
        }
        if unsafe or self._is_list_view():
            errors["400"] = OpenApiResponse(VALIDATION_ERROR_SCHEMA, description=_("Invalid input."))
        if unsafe:
            errors["403"] = OpenApiResponse(ErrorSerializer, description=_("You may not make this change."))
        if self.method in BODY_METHODS:
            errors["415"] = OpenApiResponse(
                ErrorSerializer, description=_("The body is not JSON (or, for uploads, multipart form data).")
            )
        if has_path_params or self._is_list_view():
            errors["404"] = OpenApiResponse(
                ErrorSerializer, description=_("Not found, or outside what you may see (or no such page).")
            )
        return errors

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, response in self._error_responses().items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return dict(sorted(responses.items()))
