"""REST endpoints under /api/v1/. Thin: read through the visibility queries, write through
the domain functions (via the serializers), check writes with the rules predicates."""
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from pacesetter.orgs import domain
from pacesetter.orgs import rules as org_rules
from pacesetter.orgs.models import Organization
from pacesetter.orgs.queries import (
    editable_paths,
    leaders_visible_to,
    members_visible_to,
    organizations_visible_to,
    role_assignments,
    search_organizations,
    subtree_q,
    visible_roots,
)
from pacesetter.orgs.validators import CODE_PATTERN

from .authentication import PersonalTokenAuthentication
from .exceptions import call_domain
from .permissions import CanEdit
from .schema import ApiAutoSchema
from .serializers import (
    DissolveSerializer,
    LeaderFilterSerializer,
    LeaderSerializer,
    MemberFilterSerializer,
    MemberSerializer,
    MergeSerializer,
    MeSerializer,
    MoveSerializer,
    OrganizationFilterSerializer,
    OrganizationSerializer,
)

# Token first: its `WWW-Authenticate: Bearer` header turns a missing login into a 401, not a 403.
AUTHENTICATION = [PersonalTokenAuthentication, SessionAuthentication]


def edits_somewhere(user) -> bool:
    """Holds an editing role anywhere; the domain function checks the organisations named."""
    paths = editable_paths(user)
    return paths is None or bool(paths)


class ApiView:
    """What every endpoint shares: authentication, throttling, JSON only, the error schema."""

    authentication_classes = AUTHENTICATION
    permission_classes = [IsAuthenticated, CanEdit]
    throttle_classes = [AnonRateThrottle, UserRateThrottle]
    renderer_classes = [JSONRenderer]
    schema = ApiAutoSchema()


class ScopedViewSet(ApiView, viewsets.GenericViewSet):
    """List, read, create and change objects of one kind, all inside the user's view.

    `get_queryset` is built on the visibility queries, so an object outside the view is a
    404 exactly like a missing one. There is no DELETE: organisations are archived by the
    dissolve action and nothing else is removed through the API.
    """

    lookup_field = "code"
    lookup_value_regex = CODE_PATTERN
    http_method_names = ["get", "post", "patch", "head", "options"]
    filter_serializer_class = None

    def may_create(self, user) -> bool:
        return edits_somewhere(user)

    def may_change(self, user, obj) -> bool:
        """Each viewset names its predicate; without one, nothing may be changed."""
        return False

    def apply_filters(self, queryset, filters: dict):
        return queryset

    def filter_queryset(self, queryset):
        if self.action != "list" or self.filter_serializer_class is None:
            return queryset
        params = {k: v.strip() for k, v in self.request.query_params.dict().items() if v.strip()}
        filters = self.filter_serializer_class(data=params, context=self.get_serializer_context())
        filters.is_valid(raise_exception=True)
        return self.apply_filters(queryset, filters.validated_data)

    def fresh(self, obj):
        """The object as read back through the scoped queryset, with its annotations."""
        return self.get_serializer(self.get_queryset().get(pk=obj.pk)).data

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = self.fresh(serializer.save())
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})

    def partial_update(self, request, *args, **kwargs):
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        return Response(self.fresh(serializer.save()))


@extend_schema_view(
    list=extend_schema(summary=_("List organisations"), parameters=[OrganizationFilterSerializer]),
    retrieve=extend_schema(summary=_("Read an organisation")),
    create=extend_schema(summary=_("Create an organisation under a parent")),
    partial_update=extend_schema(summary=_("Change an organisation's fields")),
)
class OrganizationViewSet(ScopedViewSet):
    """Party organisations (committees, general branches, branches) in your view: the
    subtrees of the organisations your roles are attached to, in tree order. Changing one
    needs an organisation-admin or county-admin role over it; archived (dissolved or merged)
    organisations stay readable."""

    serializer_class = OrganizationSerializer
    filter_serializer_class = OrganizationFilterSerializer

    def get_queryset(self):
        visible = organizations_visible_to(self.request.user)
        parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Organization.steplen)
        parent_code = visible.filter(path=parent_path).values("code")[:1]
        return visible.annotate(parent_code=Subquery(parent_code)).order_by("path")

    def may_change(self, user, obj) -> bool:
        return org_rules.can_edit_organization(user, obj)

    def apply_filters(self, queryset, filters):
        for name in ("sector", "level", "township", "status"):
            if name in filters:
                queryset = queryset.filter(**{name: filters[name]})
        if parent := filters.get("parent"):
            queryset = queryset.filter(subtree_q(parent.path), depth=parent.depth + 1)
        if subtree := filters.get("subtree"):
            queryset = queryset.filter(subtree_q(subtree.path))
        return search_organizations(queryset, filters.get("q", ""))

    def _action_input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(summary=_("Move an organisation with its subtree"), request=MoveSerializer, responses=OrganizationSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, *args, **kwargs):
        org = self.get_object()
        data = self._action_input(MoveSerializer)
        call_domain(
            domain.move_organization, org, new_parent=data["parent_code"], by=request.user, default_field="parent_code"
        )
        return Response(self.fresh(org))

    @extend_schema(
        summary=_("Merge an organisation into another"),
        description=_("Members and sub-organisations move to the receiving organisation; this one is archived as merged."),
        request=MergeSerializer,
        responses=OrganizationSerializer,
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, *args, **kwargs):
        org = self.get_object()
        data = self._action_input(MergeSerializer)
        call_domain(domain.merge_organization, org, into=data["into_code"], by=request.user, default_field="into_code")
        return Response(self.fresh(org))

    @extend_schema(
        summary=_("Dissolve (archive) an organisation"),
        description=_("Nothing is deleted: the organisation is archived. It must have no active sub-organisations."),
        request=DissolveSerializer,
        responses=OrganizationSerializer,
    )
    @action(detail=True, methods=["post"])
    def dissolve(self, request, *args, **kwargs):
        org = self.get_object()
        data = self._action_input(DissolveSerializer)
        call_domain(
            domain.dissolve_organization, org, transfer_members_to=data.get("transfer_members_to"), by=request.user
        )
        return Response(self.fresh(org))


@extend_schema_view(
    list=extend_schema(summary=_("List party members"), parameters=[MemberFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a party member")),
    create=extend_schema(summary=_("Add a party member")),
    partial_update=extend_schema(summary=_("Change or transfer a party member")),
)
class MemberViewSet(ScopedViewSet):
    """Party members of the organisations in your view, by member code. Phone numbers are
    masked unless you may edit the member; setting `org_code` transfers the member."""

    serializer_class = MemberSerializer
    filter_serializer_class = MemberFilterSerializer

    def get_queryset(self):
        return members_visible_to(self.request.user).select_related("organization").order_by("code")

    def may_change(self, user, obj) -> bool:
        return org_rules.can_edit_member(user, obj)

    def apply_filters(self, queryset, filters):
        if org := filters.get("org"):
            queryset = queryset.filter(subtree_q(org.path, "organization__path"))
        if "status" in filters:
            queryset = queryset.filter(status=filters["status"])
        if "gender" in filters:
            queryset = queryset.filter(gender=filters["gender"])
        if "rural" in filters:
            queryset = queryset.filter(is_rural=filters["rural"])
        if q := filters.get("q"):
            queryset = queryset.filter(Q(code__istartswith=q) | Q(name__icontains=q))
        return queryset


@extend_schema_view(
    list=extend_schema(summary=_("List county-level leaders"), parameters=[LeaderFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a county-level leader")),
    create=extend_schema(summary=_("Add a county-level leader")),
    partial_update=extend_schema(summary=_("Change a county-level leader")),
)
class LeaderViewSet(ScopedViewSet):
    """County-level leaders serving in the organisations in your view, by leader code.
    Only county admins add or change them; phone numbers are masked for everyone else."""

    serializer_class = LeaderSerializer
    filter_serializer_class = LeaderFilterSerializer

    def get_queryset(self):
        return leaders_visible_to(self.request.user).select_related("organization").order_by("code")

    def may_create(self, user) -> bool:
        return org_rules.can_edit_leader(user, None)

    def may_change(self, user, obj) -> bool:
        return org_rules.can_edit_leader(user, obj)

    def apply_filters(self, queryset, filters):
        if q := filters.get("q"):
            queryset = queryset.filter(Q(code__istartswith=q) | Q(name__icontains=q) | Q(title__icontains=q))
        return queryset


class MeView(ApiView, GenericAPIView):
    """You: your account, the roles you hold and the organisations your view starts from."""

    serializer_class = MeSerializer

    @extend_schema(summary=_("Who am I"))
    def get(self, request, *args, **kwargs):
        user = request.user
        me = {
            "username": user.get_username(),
            "name": user.get_full_name(),
            "is_superuser": user.is_superuser,
            "roles": role_assignments(user),
            "visible_roots": visible_roots(user),
        }
        return Response(self.get_serializer(me).data)


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema. Our API is internal, so even its description needs a login."""

    authentication_classes = AUTHENTICATION
    permission_classes = [IsAuthenticated]


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the sidecar's static files (no CDN), its one inline style carrying
    the CSP nonce; the page's script comes from this same view (`?script`)."""

    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAuthenticated]
    template_name = "api/swagger_ui.html"


docs = login_required(DocsView.as_view(url_name="api:schema"))
