"""/api/v1/pairings/: the pairings the user sees (queries.pairings_visible_to), filtered by
kind and state; outside the user's view a pairing is a 404. County admins create, change,
end and replace pairings; the helper side's organisation admins (and county admins) log
visits and add their photos. Each write is one domain function after a rules check (403)."""
from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from pacesetter.api.viewsets import ID_PATTERN, DomainViewSet, Listing, Reading, call

from .. import domain
from .. import rules as p_rules
from ..enums import PartySide
from ..models import HelpLog, HelpPhoto
from ..queries import pairings_visible_to, with_parties
from .serializers import (
    HelpLogSerializer,
    HelpLogWriteSerializer,
    HelpPhotoSerializer,
    HelpPhotosWriteSerializer,
    PairingChangeSerializer,
    PairingEndSerializer,
    PairingFilterSerializer,
    PairingReplaceSerializer,
    PairingSerializer,
    PairingWriteSerializer,
)

#: Domain refusal codes → the input field they are shown under.
PAIRING_ERRORS = {
    "kind": "pairing_kind", "helpers_missing": "helpers", "shape_helpers": "helpers", "helped_missing": "helped",
    "shape_helped": "helped", "helped_many": "helped", "party_twice": "helped", "goals_*": "goals",
    "starts_on_required": "starts_on", "period_order": "ends_on", "end_before_start": "on", "end_future": "on",
    "reason_*": "reason",
}
LOG_ERRORS = {"date_*": "date", "people_invalid": "people", "money_invalid": "money", "activity_*": "activity",
              "goods_*": "goods", "photos_*": "files", "file_*": "files"}


def _logs():
    return HelpLog.objects.prefetch_related(
        Prefetch("photos", queryset=HelpPhoto.objects.select_related("log").order_by("id"))).order_by("-date", "-id")


@extend_schema_view(
    list=extend_schema(summary=_("List the pairings you see, newest first"), parameters=[PairingFilterSerializer]),
    retrieve=extend_schema(summary=_("Read one pairing with its parties")),
)
class PairingViewSet(Listing, Reading, DomainViewSet):
    """Pairings (帮带结对) with their helper and helped parties, newest first. Parties are named
    by type (organization, member, leader) and code, among those you see; the kind's rules on
    which parties it pairs are refused under `helpers` or `helped`."""

    serializer_class = PairingSerializer
    filter_serializer_class = PairingFilterSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_predicate = p_rules.can_manage_pairings
    predicates = {"partial_update": p_rules.can_manage_pairings, "end": p_rules.can_manage_pairings,
                  "replace": p_rules.can_manage_pairings, "logs": p_rules.can_log_help,
                  "photos": p_rules.can_log_help}

    def get_queryset(self):
        return with_parties(pairings_visible_to(self.request.user)).order_by("-starts_on", "-id")

    def apply_filters(self, queryset, filters: dict):
        if kind := filters.get("pairing_kind"):
            queryset = queryset.filter(kind=kind)
        if state := filters.get("pairing_state"):
            queryset = queryset.filter(state=state)
        return queryset

    @extend_schema(summary=_("Create a pairing"), request=PairingWriteSerializer, responses={201: PairingSerializer})
    def create(self, request, *args, **kwargs):
        data = self.input(PairingWriteSerializer)
        pairing = call(domain.create_pairing, by=request.user, errors=PAIRING_ERRORS, kind=data.pop("pairing_kind"),
                       **data)
        return self.created(self.fresh(pairing))

    @extend_schema(summary=_("Change an active pairing's goals or planned end (its parties stay)"),
                   request=PairingChangeSerializer, responses=PairingSerializer)
    def partial_update(self, request, *args, **kwargs):
        pairing = self.get_object()
        data = {"goals": pairing.goals, "ends_on": pairing.ends_on} | self.input(PairingChangeSerializer,
                                                                                 partial=True)
        call(domain.update_pairing, pairing, by=request.user, errors=PAIRING_ERRORS, **data)
        return Response(self.fresh(pairing))

    @extend_schema(summary=_("End an active pairing on a day, with the reason"), request=PairingEndSerializer,
                   responses=PairingSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, *args, **kwargs):
        pairing = self.get_object()
        call(domain.end_pairing, pairing, by=request.user, errors=PAIRING_ERRORS,
             **self.input(PairingEndSerializer))
        return Response(self.fresh(pairing))

    @extend_schema(
        summary=_("Replace a pairing by a new one with a new helper side"),
        description=_("The old pairing ends on `on` as replaced and points to the new one, which starts that day."),
        request=PairingReplaceSerializer, responses={201: PairingSerializer},
    )
    @action(detail=True, methods=["post"])
    def replace(self, request, *args, **kwargs):
        pairing = self.get_object()
        data = self.input(PairingReplaceSerializer)
        data.setdefault("goals", pairing.goals)
        if "helped" not in data:
            data["helped"] = [p.party for p in pairing.parties.all() if p.side == PartySide.HELPED]
        new = call(domain.replace_pairing, pairing, by=request.user, errors=PAIRING_ERRORS, **data)
        return self.created(self.fresh(new))

    @extend_schema(methods=["GET"], summary=_("List a pairing's visits and help, newest first"),
                   responses=HelpLogSerializer(many=True))
    @extend_schema(methods=["POST"], summary=_("Log a visit or help given (photos: …/logs/{log}/photos/)"),
                   request=HelpLogWriteSerializer, responses={201: HelpLogSerializer})
    @action(detail=True, methods=["get", "post"])
    def logs(self, request, *args, **kwargs):
        pairing = self.get_object()
        if request.method == "GET":
            return self.paginated(_logs().filter(pairing=pairing), HelpLogSerializer)
        log = call(domain.log_help, pairing, by=request.user, errors=LOG_ERRORS, **self.input(HelpLogWriteSerializer))
        return Response(HelpLogSerializer(_logs().get(pk=log.pk), context=self.get_serializer_context()).data,
                        status=201)

    @extend_schema(
        summary=_("Add photos to a logged visit"),
        description=_("multipart/form-data: up to 9 `files` in all per visit, JPEG, PNG or WebP, checked by their "
                      "content and re-encoded without EXIF or GPS data."),
        request={"multipart/form-data": HelpPhotosWriteSerializer}, responses={201: HelpPhotoSerializer(many=True)},
        parameters=[OpenApiParameter("log", str, OpenApiParameter.PATH, pattern=rf"^{ID_PATTERN}$",
                                    description=_("The help log's id."))],
    )
    @action(detail=True, methods=["post"], url_path=rf"logs/(?P<log>{ID_PATTERN})/photos", url_name="log-photos",
            parser_classes=[MultiPartParser, JSONParser])
    def photos(self, request, *args, **kwargs):
        pairing = self.get_object()
        log = get_object_or_404(HelpLog.objects.filter(pairing=pairing).select_related("pairing"), pk=kwargs["log"])
        files = self.input(HelpPhotosWriteSerializer)["files"]
        stored = call(domain.add_help_photos, log, photos=files, by=request.user, errors=LOG_ERRORS)
        rows = HelpPhoto.objects.filter(pk__in=[p.pk for p in stored]).select_related("log").order_by("id")
        return Response(HelpPhotoSerializer(rows, many=True, context=self.get_serializer_context()).data, status=201)
