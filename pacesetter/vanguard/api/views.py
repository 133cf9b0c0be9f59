"""/api/v1/vanguard-projects/ with their evidence files (/vanguard-projects/{id}/evidence/,
uploaded as multipart form data), progress (/vanguard-progress/), results
(/vanguard-results/) and reviews (/vanguard-reviews/). Reads go through the visibility
queries (outside: 404), writes through the domain functions after a rules check (refused:
403); a refusal of the input is a 400 under the field it concerns."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from pacesetter.api.exceptions import call_domain
from pacesetter.api.viewsets import DomainViewSet, Listing, Reading
from pacesetter.orgs.queries import organizations_visible_to

from .. import domain, queries
from .. import rules as v_rules
from .serializers import (
    VanguardEvidenceSerializer,
    VanguardEvidenceUploadSerializer,
    VanguardPartFilterSerializer,
    VanguardProgressSerializer,
    VanguardProjectChangeSerializer,
    VanguardProjectFilterSerializer,
    VanguardProjectSerializer,
    VanguardProjectWriteSerializer,
    VanguardResultSerializer,
    VanguardReviewSerializer,
    VanguardStateSerializer,
)

#: The domain's field names → the API's.
RENAMES = {"kind": "vanguard_kind", "state": "vanguard_state", "measure": "vanguard_measure",
           "rating": "vanguard_rating"}


def _project_values(data: dict) -> dict:
    values = dict(data)
    if "vanguard_kind" in values:
        values["kind"] = values.pop("vanguard_kind")
    return values


@extend_schema_view(
    list=extend_schema(summary=_("List vanguard projects"), parameters=[VanguardProjectFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a vanguard project with its progress, results and review")),
)
class VanguardProjectViewSet(Listing, Reading, DomainViewSet):
    """Member vanguard projects (党员责任区, 党员先锋岗, 党员品牌工程, 党员攻关项目): county admins,
    inspectors and leaders see those of their subtrees, organisation admins theirs, a member
    the projects they own. County and organisation admins create and change them."""

    serializer_class = VanguardProjectSerializer
    filter_serializer_class = VanguardProjectFilterSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_predicate = v_rules.can_create_project
    predicates = {"partial_update": v_rules.can_edit_project, "state": v_rules.can_edit_project,
                  "evidence": v_rules.can_edit_project}

    def get_queryset(self):
        if self.action == "evidence":
            return queries.projects_visible_to(self.request.user).select_related("organization")
        return queries.projects_visible_to(self.request.user).select_related(
            "organization", "lead", "review").prefetch_related("co_owners", "progress", "results").order_by(
            queries.TOWNSHIP, "organization__path", "-starts_on", "-id")

    def apply_filters(self, queryset, filters):
        if "vanguard_kind" in filters:
            queryset = queryset.filter(kind=filters["vanguard_kind"])
        if "vanguard_state" in filters:
            queryset = queryset.filter(state=filters["vanguard_state"])
        if "township" in filters:
            queryset = queryset.filter(**{queries.TOWNSHIP: filters["township"]})
        if "org" in filters:
            org = organizations_visible_to(self.request.user).filter(code=filters["org"]).first()
            queryset = queries.in_subtree(queryset, org.path) if org else queryset.none()
        if filters.get("mine"):
            queryset = queryset.filter(queries.owned_q(self.request.user.pk))
        return queries.search(queryset, filters.get("q", ""))

    @extend_schema(summary=_("Create a vanguard project"), request=VanguardProjectWriteSerializer,
                   responses={201: VanguardProjectSerializer})
    def create(self, request, *args, **kwargs):
        data = _project_values(self.input(VanguardProjectWriteSerializer))
        project = call_domain(domain.create_project, data.pop("organization"), by=request.user, renames=RENAMES,
                              **data)
        return self.created(self.fresh(project))

    @extend_schema(summary=_("Change a vanguard project's details"), request=VanguardProjectChangeSerializer,
                   responses=VanguardProjectSerializer)
    def partial_update(self, request, *args, **kwargs):
        project = self.get_object()
        current = {"kind": project.kind, "title": project.title, "lead": project.lead, "goals": project.goals,
                   "co_owners": list(project.co_owners.all()), "starts_on": project.starts_on,
                   "ends_on": project.ends_on}
        data = {**current, **_project_values(self.input(VanguardProjectChangeSerializer))}
        call_domain(domain.update_project, project, by=request.user, renames=RENAMES, **data)
        return Response(self.fresh(project))

    @extend_schema(summary=_("Move a vanguard project to its next state"), request=VanguardStateSerializer,
                   responses=VanguardProjectSerializer)
    @action(detail=True, methods=["post"])
    def state(self, request, *args, **kwargs):
        project = self.get_object()
        data = self.input(VanguardStateSerializer)
        call_domain(domain.change_state, project, by=request.user, state=data["vanguard_state"], renames=RENAMES)
        return Response(self.fresh(project))

    @extend_schema(methods=["GET"], summary=_("List a vanguard project's evidence files (unpaginated)"),
                   request=None, responses=VanguardEvidenceSerializer(many=True))
    @extend_schema(
        methods=["POST"], summary=_("Add evidence files to a vanguard project (its admins)"),
        description=_("multipart/form-data with one or more `files`; a project holds at most "
                      "VANGUARD_MAX_EVIDENCE files in all. A photo must be a "
                      "photo by its content and is stored re-encoded without EXIF (no GPS location), with a "
                      "thumbnail; a document must be what its name says. Each file's `url` is the project "
                      "page's file view, for a signed-in browser session."),
        request={"multipart/form-data": VanguardEvidenceUploadSerializer},
        responses={201: VanguardEvidenceSerializer(many=True)},
    )
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser], pagination_class=None)
    def evidence(self, request, *args, **kwargs):
        project = self.get_object()
        context = self.get_serializer_context()
        if request.method == "POST":
            data = self.input(VanguardEvidenceUploadSerializer)
            stored = call_domain(domain.add_evidence, project, by=request.user, files=data["files"],
                                 default_field="files")
            rows = project.evidence.filter(pk__in=[row.pk for row in stored]).order_by("id")
            return Response(VanguardEvidenceSerializer(rows, many=True, context=context).data,
                            status=status.HTTP_201_CREATED)
        rows = project.evidence.order_by("id")
        return Response(VanguardEvidenceSerializer(rows, many=True, context=context).data)


class _PartViewSet(Listing, Reading, DomainViewSet):
    """A part of a project, listed and read with it (`?project=` narrows the list) and added
    by naming the project's id; the domain function decides who may add it (403)."""

    http_method_names = ["get", "post", "head", "options"]
    filter_serializer_class = VanguardPartFilterSerializer
    add = staticmethod(domain.log_progress)

    def may_create(self, user) -> bool:
        return user.is_authenticated

    def apply_filters(self, queryset, filters):
        return queryset.filter(project_id=filters["project"]) if "project" in filters else queryset

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        part = call_domain(self.add, data.pop("project"), by=request.user, renames=RENAMES, **data)
        return self.created(self.fresh(part))


def _part_schema(noun: str, add: str):
    return extend_schema_view(
        list=extend_schema(summary=_("List %(noun)s of vanguard projects") % {"noun": noun},
                           parameters=[VanguardPartFilterSerializer]),
        retrieve=extend_schema(summary=_("Read one of the %(noun)s") % {"noun": noun}),
        create=extend_schema(summary=add),
    )


@_part_schema("progress updates", _("Log a running project's progress (its admins and owners)"))
class VanguardProgressViewSet(_PartViewSet):
    """Progress updates of vanguard projects: date, percent done (never going back) and text."""

    serializer_class = VanguardProgressSerializer
    add = staticmethod(domain.log_progress)

    def get_queryset(self):
        return queries.progress_visible_to(self.request.user).order_by("project_id", "date", "id")


@_part_schema("results", _("Record a result of a running or completed project (its admins)"))
class VanguardResultViewSet(_PartViewSet):
    """Measurable results of vanguard projects: problems solved, money saved in yuan, people served…"""

    serializer_class = VanguardResultSerializer
    add = staticmethod(domain.add_result)

    def get_queryset(self):
        return queries.results_visible_to(self.request.user).order_by("project_id", "measure", "id")


@_part_schema("reviews", _("Review a completed project (county admins and admins above its organisation)"))
class VanguardReviewViewSet(_PartViewSet):
    """The superior organisation's ratings of completed vanguard projects (excellent, good,
    fair, poor) with a comment."""

    serializer_class = VanguardReviewSerializer
    add = staticmethod(domain.review_project)

    def get_queryset(self):
        return queries.reviews_visible_to(self.request.user).order_by("project_id")
