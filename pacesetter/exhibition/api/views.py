"""/api/v1/exhibition-photos/ and /api/v1/exhibition-themes/: the photo exhibition.

Reads go through `photos_visible_to`, the same as the pages: published photos for everyone
signed in, photos awaiting moderation or rejected for their uploader, their organisation's
admins and county admins; anything else is a 404. Writes are checked with the exhibition's
rules predicates first (403), then done by one domain function (refusals: 400)."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from pacesetter.api.viewsets import (
    DomainViewSet,
    Listing,
    Reading,
    call,
)
from pacesetter.orgs.queries import subtree_q

from .. import domain
from .. import rules as x_rules
from ..queries import photos_visible_to, themes_visible_to, with_display
from .serializers import (
    PhotoFilterSerializer,
    PhotoSerializer,
    PhotoUploadSerializer,
    RejectSerializer,
    ThemeSerializer,
)

UPLOAD_ERRORS = {"caption_*": "caption", "place_*": "place", "theme_*": "theme", "taken_on_*": "taken_on",
                 "files_*": "files", "file_*": "files"}
THEME_ERRORS = {"name_*": "name", "description_*": "description", "position_*": "position"}


@extend_schema_view(
    list=extend_schema(summary=_("List the exhibition's photos you see, newest first")),
    retrieve=extend_schema(summary=_("Read one exhibition photo")),
)
class PhotoViewSet(Listing, Reading, DomainViewSet):
    """Photos of the exhibition (图片展): the published ones, and those awaiting moderation
    or rejected that you uploaded or whose organisation you administer."""

    serializer_class = PhotoSerializer
    filter_serializer_class = PhotoFilterSerializer
    parser_classes = [MultiPartParser]  # uploads; the moderation actions take JSON
    http_method_names = ["get", "post", "head", "options"]
    create_predicate = x_rules.can_upload
    predicates = {"approve": x_rules.can_moderate, "reject": x_rules.can_moderate}

    def get_queryset(self):
        return with_display(photos_visible_to(self.request.user)).order_by("-taken_on", "-id")

    def apply_filters(self, queryset, filters: dict):
        if "theme" in filters:
            queryset = queryset.filter(theme=filters["theme"])
        if "township" in filters:
            queryset = queryset.filter(organization__township=filters["township"])
        if "sector" in filters:
            queryset = queryset.filter(organization__sector=filters["sector"])
        if "moderation" in filters:
            queryset = queryset.filter(status=filters["moderation"])
        if "organization" in filters:
            queryset = queryset.filter(subtree_q(filters["organization"].path, "organization__path"))
        return queryset

    @extend_schema(
        summary=_("Upload an organisation's photos of one occasion"),
        description=_(
            "multipart/form-data: organization (code), theme (id), caption, place, taken_on and up to 12 `files`. "
            "Each file must be a photo by its content; it is stored re-encoded without EXIF (no GPS location). "
            "The photos await a county admin's moderation."
        ),
        request={"multipart/form-data": PhotoUploadSerializer}, responses={201: PhotoSerializer(many=True)},
    )
    def create(self, request, *args, **kwargs):
        data = self.input(PhotoUploadSerializer)
        photos = call(domain.upload_photos, by=request.user, organization=data["organization"], theme=data["theme"],
                      caption=data["caption"], place=data.get("place", ""), taken_on=data["taken_on"],
                      files=data["files"], errors=UPLOAD_ERRORS)
        fresh = self.get_queryset().filter(pk__in=[p.pk for p in photos]).order_by("id")
        return Response(PhotoSerializer(fresh, many=True, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(summary=_("Publish a photo in the public gallery"), request=None, responses=PhotoSerializer)
    @action(detail=True, methods=["post"], parser_classes=[JSONParser])
    def approve(self, request, *args, **kwargs):
        photo = call(domain.approve_photo, self.get_object(), by=request.user, errors={"already": "moderation"})
        return Response(self.fresh(photo))

    @extend_schema(summary=_("Reject a photo, or take a published one down, with a reason"),
                   request=RejectSerializer, responses=PhotoSerializer)
    @action(detail=True, methods=["post"], parser_classes=[JSONParser])
    def reject(self, request, *args, **kwargs):
        photo = self.get_object()
        data = self.input(RejectSerializer)
        photo = call(domain.reject_photo, photo, by=request.user, reason=data["reason"],
                     errors={"already": "moderation", "reason_*": "reason"})
        return Response(self.fresh(photo))


@extend_schema_view(
    list=extend_schema(summary=_("List the exhibition's themes")),
    retrieve=extend_schema(summary=_("Read one exhibition theme")),
)
class ThemeViewSet(Listing, Reading, DomainViewSet):
    """Themes of the photo exhibition, which county admins define."""

    serializer_class = ThemeSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_predicate = x_rules.can_manage_themes
    predicates = {"partial_update": x_rules.can_manage_themes}

    def get_queryset(self):
        return themes_visible_to(self.request.user).order_by("position", "name")

    @extend_schema(summary=_("Add an exhibition theme"), request=ThemeSerializer, responses={201: ThemeSerializer})
    def create(self, request, *args, **kwargs):
        data = self.input(ThemeSerializer)
        theme = call(domain.create_theme, by=request.user, errors=THEME_ERRORS, **data)
        return self.created(self.fresh(theme))

    @extend_schema(summary=_("Change an exhibition theme"), request=ThemeSerializer, responses=ThemeSerializer)
    def partial_update(self, request, *args, **kwargs):
        theme = self.get_object()
        current = {"name": theme.name, "description": theme.description, "position": theme.position,
                   "is_active": theme.is_active}
        data = current | self.input(ThemeSerializer, partial=True)
        theme = call(domain.update_theme, theme, by=request.user, errors=THEME_ERRORS, **data)
        return Response(self.fresh(theme))
