"""/api/v1/honours/: the honour roll and the county's commendations.

Reads go through `honours_visible_to`, the same as the pages: the honours in force for
everyone signed in, revoked ones too for county admins; anything else is a 404. County
admins enter earlier honours, revoke one, and commend a final selection
(POST /api/v1/honours/commend/); the others get a 403 before their input is read."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from pacesetter.api.viewsets import (
    DomainViewSet,
    Listing,
    Reading,
    call,
)
from pacesetter.orgs.queries import subtree_q

from .. import domain
from .. import rules as h_rules
from ..queries import honours_visible_to, with_display
from .serializers import (
    CommendSerializer,
    HonourCreateSerializer,
    HonourFilterSerializer,
    HonourSerializer,
    RevokeSerializer,
)

CREATE_ERRORS = {"kind_*": "kind", "year_*": "year", "organization_*": "organization", "member_*": "member",
                 "affiliate_unit_*": "affiliate_unit",
                 "commended_on_*": "commended_on", "citation_*": "citation"}
COMMEND_ERRORS = {"not_final": "selection", "nothing_confirmed": "selection", "commended_on_*": "commended_on",
                  "citation_*": "citation"}


@extend_schema_view(
    list=extend_schema(summary=_("List the honours you see, newest year first")),
    retrieve=extend_schema(summary=_("Read one honour")),
)
class HonourViewSet(Listing, Reading, DomainViewSet):
    """Honours (荣誉) the county has given: from a commended selection or entered by hand."""

    serializer_class = HonourSerializer
    filter_serializer_class = HonourFilterSerializer
    http_method_names = ["get", "post", "head", "options"]
    create_predicate = h_rules.can_manage_honours
    predicates = {"revoke": h_rules.can_manage_honours}

    def get_queryset(self):
        honours = with_display(honours_visible_to(self.request.user)).select_related("organization", "affiliate_unit")
        return honours.order_by("-year", "kind__position", "certificate_no")

    def apply_filters(self, queryset, filters: dict):
        for name in ("year", "kind", "township", "sector"):
            if name in filters:
                queryset = queryset.filter(**{name: filters[name]})
        if "given_to" in filters:
            queryset = queryset.filter(kind__nominee=filters["given_to"])
        if "organization" in filters:
            queryset = queryset.filter(subtree_q(filters["organization"].path, "organization__path"))
        if "revoked" in filters:
            queryset = queryset.filter(revoked_at__isnull=not filters["revoked"])
        return queryset

    @extend_schema(summary=_("Enter an honour by hand (an earlier year's record)"),
                   request=HonourCreateSerializer, responses={201: HonourSerializer})
    def create(self, request, *args, **kwargs):
        data = self.input(HonourCreateSerializer)
        honour = call(domain.add_honour, by=request.user, errors=CREATE_ERRORS, **data)
        return self.created(self.fresh(honour))

    @extend_schema(summary=_("Revoke an honour, with a reason"), request=RevokeSerializer, responses=HonourSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, *args, **kwargs):
        honour = self.get_object()
        data = self.input(RevokeSerializer)
        honour = call(domain.revoke_honour, honour, by=request.user, reason=data["reason"],
                      errors={"already_revoked": "reason", "reason_*": "reason"})
        return Response(self.fresh(honour))

    @extend_schema(
        summary=_("Commend a final selection: an honour and certificate for each confirmed nominee"),
        request=CommendSerializer, responses={201: HonourSerializer(many=True)},
    )
    @action(detail=False, methods=["post"])
    def commend(self, request, *args, **kwargs):
        if not h_rules.can_manage_honours(request.user):
            raise PermissionDenied
        data = self.input(CommendSerializer)
        honours = call(domain.commend, data.pop("selection"), by=request.user, errors=COMMEND_ERRORS, **data)
        fresh = self.get_queryset().filter(pk__in=[h.pk for h in honours]).order_by("certificate_no")
        return Response(HonourSerializer(fresh, many=True, context=self.get_serializer_context()).data, status=201)
