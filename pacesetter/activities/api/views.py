"""/api/v1/activities/ and /api/v1/activity-attendance/: party activities (plan, hold,
cancel, sign in with the QR code, photos of a held one uploaded as multipart form data to
/api/v1/activities/{id}/photos/) and their attendance.

Reads go through the visibility queries (outside: 404); writes are checked with the rules
predicates (refused: 403) and done by the domain functions. Signing in is open to every
login that sees the activity: domain.sign_in decides (the code, the member), and it is
rate-limited like the page (ACTIVITY_SIGNIN_RATE_LIMIT per ACTIVITY_SIGNIN_RATE_WINDOW)."""
from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import Throttled
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from pacesetter.api.viewsets import DomainViewSet, Listing, Reading, call

from .. import domain
from .. import rules as a_rules
from ..queries import activities_visible_to, attendances_visible_to, present_count
from ..views.signin import rate_ok
from .serializers import (
    ActivityFilterSerializer,
    ActivitySerializer,
    ActivityWriteSerializer,
    AttendanceFilterSerializer,
    AttendanceSerializer,
    AttendanceWriteSerializer,
    CancelSerializer,
    HoldSerializer,
    PhotoSerializer,
    PhotoUploadSerializer,
    SignInSerializer,
)

ACTIVITY_ERRORS = {"kind_invalid": "activity_kind", "time_*": "starts_at", "held_future": "starts_at",
                   "required": "title", "too_long": "title", "organization_inactive": "organization",
                   "invited_invalid": "invited"}
SIGNIN_ERRORS = {"code_*": "code"}
ATTENDANCE_ERRORS = {"status_invalid": "attendance_status", "required": "reason", "too_long": "reason",
                     "not_eligible": "member"}
PHOTO_ERRORS = {"photos_required": "files", "too_many_photos": "files", "file_*": "files"}


@extend_schema_view(
    list=extend_schema(summary=_("List party activities"), parameters=[ActivityFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a party activity")),
)
class ActivityViewSet(Listing, Reading, DomainViewSet):
    """Activities of the organisations in view, newest first, with the count of members present."""

    serializer_class = ActivitySerializer
    filter_serializer_class = ActivityFilterSerializer
    http_method_names = ["get", "post", "head", "options"]
    create_predicate = a_rules.can_plan_for
    predicates = {"hold": a_rules.can_run_activity, "cancel": a_rules.can_run_activity,
                  "photos": a_rules.can_run_activity}

    def may_change(self, user, obj) -> bool:
        return self.action == "sign_in" or super().may_change(user, obj)

    def get_queryset(self):
        if self.action == "photos":
            return activities_visible_to(self.request.user).select_related("organization")
        return (activities_visible_to(self.request.user).select_related("organization")
                .prefetch_related("invited", "photos").annotate(present=present_count()).order_by("-starts_at", "-id"))

    def apply_filters(self, queryset, filters):
        if "organization" in filters:
            queryset = queryset.filter(organization__code=filters["organization"])
        if "activity_kind" in filters:
            queryset = queryset.filter(kind=filters["activity_kind"])
        if "activity_state" in filters:
            queryset = queryset.filter(state=filters["activity_state"])
        if "year" in filters:
            queryset = queryset.filter(day__year=filters["year"])
        return queryset

    @extend_schema(summary=_("Plan an activity"), request=ActivityWriteSerializer, responses={201: ActivitySerializer})
    def create(self, request, *args, **kwargs):
        data = self.input(ActivityWriteSerializer)
        data["kind"] = data.pop("activity_kind")
        activity = call(domain.plan_activity, data.pop("organization"), by=request.user, errors=ACTIVITY_ERRORS,
                        **data)
        return self.created(self.fresh(activity))

    @extend_schema(summary=_("Record a planned activity as held, with its minutes (photos on its page)"),
                   request=HoldSerializer, responses=ActivitySerializer)
    @action(detail=True, methods=["post"])
    def hold(self, request, *args, **kwargs):
        activity = self.get_object()
        call(domain.hold_activity, activity, by=request.user, **self.input(HoldSerializer))
        return Response(self.fresh(activity))

    @extend_schema(methods=["GET"], summary=_("List a party activity's photos (at most twelve, unpaginated)"),
                   description=_("Oldest first, each with the URLs of the photo and its thumbnail as the "
                                 "activity's page serves them."),
                   request=None, responses=PhotoSerializer(many=True))
    @extend_schema(
        methods=["POST"], summary=_("Add photos to a held party activity"),
        description=_("multipart/form-data with up to twelve `files` in all; only a held activity takes photos. "
                      "Each file must be a photo by its content; it is stored re-encoded without EXIF (no GPS "
                      "location), with a thumbnail."),
        request={"multipart/form-data": PhotoUploadSerializer}, responses={201: PhotoSerializer(many=True)},
    )
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser], pagination_class=None)
    def photos(self, request, *args, **kwargs):
        activity = self.get_object()
        context = self.get_serializer_context()
        if request.method == "POST":
            data = self.input(PhotoUploadSerializer)
            stored = call(domain.add_photos, activity, by=request.user, photos=data["files"], errors=PHOTO_ERRORS)
            return Response(PhotoSerializer(stored, many=True, context=context).data, status=status.HTTP_201_CREATED)
        # Photos are seen with their activity, which get_object found in the user's view.
        photos = activity.photos.order_by("id")
        return Response(PhotoSerializer(photos, many=True, context=context).data)

    @extend_schema(summary=_("Cancel a planned activity"), request=CancelSerializer, responses=ActivitySerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, *args, **kwargs):
        activity = self.get_object()
        call(domain.cancel_activity, activity, by=request.user, errors={"required": "reason", "too_long": "reason"},
             **self.input(CancelSerializer))
        return Response(self.fresh(activity))

    @extend_schema(summary=_("Sign in to the activity with the code of its QR"), request=SignInSerializer,
                   responses={201: AttendanceSerializer, 429: OpenApiResponse(description=_("Too many attempts."))})
    @action(detail=True, methods=["post"], url_path="sign-in")
    def sign_in(self, request, *args, **kwargs):
        activity = self.get_object()
        if not rate_ok(request.user):
            raise Throttled()
        attendance = call(domain.sign_in, activity, by=request.user, errors=SIGNIN_ERRORS,
                          **self.input(SignInSerializer))
        return Response(AttendanceSerializer(attendance).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary=_("List attendance"), parameters=[AttendanceFilterSerializer]),
    retrieve=extend_schema(summary=_("Read an attendance")),
)
class AttendanceViewSet(Listing, Reading, DomainViewSet):
    """Attendance of the activities in view: present (by QR or by hand), on leave or absent."""

    serializer_class = AttendanceSerializer
    filter_serializer_class = AttendanceFilterSerializer
    http_method_names = ["get", "post", "head", "options"]
    create_predicate = a_rules.can_plan_for

    def get_queryset(self):
        return attendances_visible_to(self.request.user).select_related("member").order_by("activity_id", "member__code")

    def apply_filters(self, queryset, filters):
        if "activity" in filters:
            queryset = queryset.filter(activity_id=filters["activity"])
        if "member" in filters:
            queryset = queryset.filter(member__code=filters["member"])
        return queryset

    @extend_schema(summary=_("Mark a member present, on leave or absent"), request=AttendanceWriteSerializer,
                   responses={201: AttendanceSerializer})
    def create(self, request, *args, **kwargs):
        data = self.input(AttendanceWriteSerializer)
        activity = get_object_or_404(activities_visible_to(request.user).select_related("organization"),
                                     pk=data["activity"])
        attendance = call(domain.mark_attendance, activity, data["member"], by=request.user,
                          status=data["attendance_status"], reason=data["reason"], errors=ATTENDANCE_ERRORS)
        return Response(self.get_serializer(attendance).data, status=status.HTTP_201_CREATED)
