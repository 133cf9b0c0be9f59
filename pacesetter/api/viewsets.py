"""What the domain endpoints (accountability, exhibition, seminars, honours) share: the
viewset base with its rules predicates, the 400 schema for lists of rows, and domain
refusals filed under the input field they concern."""
from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status, viewsets
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.settings import api_settings

from pacesetter.api.exceptions import api_errors
from pacesetter.api.schema import VALIDATION_ERROR_SCHEMA, ApiAutoSchema
from pacesetter.api.views import ApiView
from pacesetter.core.errors import DomainError, PermissionDeniedError

#: Ids in paths: digits only, so a stray suffix is a 404 from the resolver, not a 500.
ID_PATTERN = r"[0-9]{1,18}"


class RowErrorsAutoSchema(ApiAutoSchema):
    def _error_responses(self) -> dict:
        errors = super()._error_responses()
        if "400" in errors:
            errors["400"] = OpenApiResponse(VALIDATION_ERROR_SCHEMA, description=_("Invalid input."))
        return errors


def call(fn, *args, errors: dict[str, str] | None = None, **kwargs):
    """Run a domain function; a refusal becomes a 400 under the input field its code names
    in `errors` (a key ending in `*` matches codes by prefix), a permission refusal a 403."""
    try:
        return fn(*args, **kwargs)
    except PermissionDeniedError:
        raise
    except DomainError as exc:
        code, errors = getattr(exc, "code", None) or "", errors or {}
        field = errors.get(code) or next(
            (f for key, f in errors.items() if key.endswith("*") and code.startswith(key[:-1])), None
        )
        raise serializers.ValidationError(
            api_errors(exc, default_field=field or api_settings.NON_FIELD_ERRORS_KEY)
        ) from exc


class DomainViewSet(ApiView, viewsets.GenericViewSet):
    """Reads through a visibility query (outside it: 404); each write checked up front with
    a rules predicate (`create_predicate`, `predicates[action]`: 403 when it says no) before
    its input is read, then done by one domain function."""

    schema = RowErrorsAutoSchema()
    parser_classes = [JSONParser]
    lookup_field = "pk"
    lookup_url_kwarg = "id"
    lookup_value_regex = ID_PATTERN
    filter_serializer_class = None
    create_predicate = None
    predicates: dict = {}

    def may_create(self, user) -> bool:
        return self.create_predicate is not None and self.create_predicate.test(user)

    def may_change(self, user, obj) -> bool:
        predicate = self.predicates.get(self.action)
        return predicate is not None and predicate.test(user, obj)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def apply_filters(self, queryset, filters: dict):
        return queryset

    def filter_queryset(self, queryset):
        if self.action != "list" or self.filter_serializer_class is None:
            return queryset
        params = {k: v.strip() for k, v in self.request.query_params.dict().items() if v.strip()}
        filters = self.filter_serializer_class(data=params, context=self.get_serializer_context())
        filters.is_valid(raise_exception=True)
        return self.apply_filters(queryset, filters.validated_data)

    def input(self, serializer_class, **kwargs) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context(), **kwargs)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def fresh(self, obj):
        """The object as read back through the scoped queryset."""
        return self.get_serializer(self.get_queryset().get(pk=obj.pk)).data

    def paginated(self, queryset, serializer_class):
        page = self.paginate_queryset(queryset)
        data = serializer_class(page, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)

    def created(self, body) -> Response:
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": body["url"]})


class Listing:
    """GET on the collection: the visible objects, filtered, a page at a time."""

    def list(self, request, *args, **kwargs):
        return self.paginated(self.filter_queryset(self.get_queryset()), self.get_serializer_class())


class Reading:
    """GET on one visible object."""

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)


class PlainViewSet(ApiView, viewsets.GenericViewSet):
    """The smaller base of the selections and observation-meeting endpoints: reads through a
    visibility query, query-string filters checked by `filter_serializer_class`, and writes
    that each endpoint checks itself (may_create / may_change say no unless overridden)."""

    parser_classes = [JSONParser]
    lookup_url_kwarg = "id"
    lookup_value_regex = ID_PATTERN
    filter_serializer_class = None

    def may_create(self, user) -> bool:
        return False

    def may_change(self, user, obj) -> bool:
        return False

    def filters(self) -> dict:
        params = {k: v.strip() for k, v in self.request.query_params.dict().items() if v.strip()}
        serializer = self.filter_serializer_class(data=params)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)
