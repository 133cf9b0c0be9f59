"""/api/v1/campaign-stages/, /api/v1/campaign-stage-tasks/ and /api/v1/campaign-stage-statuses/.
Stages and tasks are the county's frame (every signed-in user); statuses follow
`stage_organizations_visible_to`, a page of organisations at a time, each with the status
of every task that applies to it.

Writes, with the permissions of the checklist pages: POST …/campaign-stage-tasks/{id}/done/
marks a manual task done for an organisation (its admins and admins above it; JSON, or
multipart/form-data with an evidence `file`), POST …/campaign-stage-tasks/{id}/send-back/
sends a marked task back (admins above it). The organisation is named by code: one the
user does not see is a 404, one they see but may not mark a 403, both before the rest of
the input is read; then the domain function (refusals: 400 under the field)."""
from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from pacesetter.api.viewsets import DomainViewSet, Listing, Reading, call
from pacesetter.campaigns.queries import campaigns_visible_to, current_campaign

from .. import dashboard, domain, queries
from .. import rules as s_rules
from ..models import TaskCompletion
from .serializers import (
    OrganizationRefSerializer,
    OrgStatusSerializer,
    StageFilterSerializer,
    StageSerializer,
    StageTaskFilterSerializer,
    StageTaskSerializer,
    StatusFilterSerializer,
    TaskCompletionSerializer,
    TaskDoneSerializer,
    TaskSendBackSerializer,
)

#: Domain refusal codes → the input field they are shown under (the others name their field).
MARK_ERRORS = {"file_*": "file"}


@extend_schema_view(
    list=extend_schema(summary=_("List campaign stages with their tasks"), parameters=[StageFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a campaign stage with its tasks")),
)
class StageViewSet(Listing, Reading, DomainViewSet):
    """The stages of campaigns (mobilise, implement, summarise and commend) with their dates
    and checklists; set up on the pages by county admins."""

    serializer_class = StageSerializer
    filter_serializer_class = StageFilterSerializer
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return queries.stages_visible_to(self.request.user).prefetch_related("tasks").order_by(
            "-campaign__starts_on", "starts_on", "id")

    def apply_filters(self, queryset, filters):
        return queryset.filter(campaign_id=filters["campaign"]) if "campaign" in filters else queryset


@extend_schema_view(
    list=extend_schema(summary=_("List stage tasks"), parameters=[StageTaskFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a stage task")),
)
class StageTaskViewSet(Listing, Reading, DomainViewSet):
    """The tasks of the stages' checklists, each with its deadline and the organisations it
    applies to; an organisation's admins mark its manual tasks done, admins above it send
    them back."""

    serializer_class = StageTaskSerializer
    filter_serializer_class = StageTaskFilterSerializer
    http_method_names = ["get", "post", "head", "options"]
    #: Checked on the organisation named in the input, once it is found among those the user sees.
    org_predicates = {"done": s_rules.can_mark_tasks, "send_back": s_rules.can_send_back}

    def may_change(self, user, obj) -> bool:
        return self.action in self.org_predicates

    def _organization(self, request):
        """The organisation of the input among those the user sees (else 404), checked with
        the action's predicate (else 403)."""
        code = self.input(OrganizationRefSerializer)["organization"]
        org = get_object_or_404(queries.stage_organizations_visible_to(request.user), code=code)
        if not self.org_predicates[self.action].test(request.user, org):
            raise PermissionDenied
        return org

    def _completion(self, completion) -> Response:
        row = TaskCompletion.objects.select_related("organization").prefetch_related("evidence").get(pk=completion.pk)
        return Response(TaskCompletionSerializer(row, context=self.get_serializer_context()).data)

    @extend_schema(
        summary=_("Mark a manual task done for an organisation"),
        description=_("JSON, or multipart/form-data with an evidence `file`. For the organisation's admins and "
                      "admins above it; automatic tasks are done by their data and refused."),
        request={"application/json": TaskDoneSerializer, "multipart/form-data": TaskDoneSerializer},
        responses=TaskCompletionSerializer,
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, MultiPartParser])
    def done(self, request, *args, **kwargs):
        task = self.get_object()
        org = self._organization(request)
        data = self.input(TaskDoneSerializer)
        completion = call(domain.mark_done, task, org, by=request.user, note=data["note"], done_on=data["done_on"],
                          file=data["file"], errors=MARK_ERRORS)
        return self._completion(completion)

    @extend_schema(summary=_("Send a task marked done back to its organisation, with the reason"),
                   description=_("For admins above the organisation."),
                   request=TaskSendBackSerializer, responses=TaskCompletionSerializer)
    @action(detail=True, methods=["post"], url_path="send-back", url_name="send-back")
    def send_back(self, request, *args, **kwargs):
        task = self.get_object()
        org = self._organization(request)
        data = self.input(TaskSendBackSerializer)
        return self._completion(call(domain.send_back, task, org, by=request.user, reason=data["reason"]))

    def get_queryset(self):
        return queries.stage_tasks_visible_to(self.request.user).select_related("stage").order_by("due_on", "id")

    def apply_filters(self, queryset, filters):
        if "campaign" in filters:
            queryset = queryset.filter(stage__campaign_id=filters["campaign"])
        if "stage" in filters:
            queryset = queryset.filter(stage_id=filters["stage"])
        return queryset


class StageStatusViewSet(DomainViewSet):
    """Where each organisation you see stands on the campaign's tasks: done, done late, open
    (not yet due) or overdue, with its red / amber / green rating; a page of organisations
    at a time, the statuses computed for that page in bulk."""

    serializer_class = OrgStatusSerializer
    http_method_names = ["get", "head", "options"]

    @extend_schema(summary=_("List organisations with the status of each campaign task"),
                   parameters=[StatusFilterSerializer], responses=OrgStatusSerializer(many=True))
    def list(self, request, *args, **kwargs):
        filters = StatusFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        if "campaign" in data:
            campaign = campaigns_visible_to(request.user).filter(pk=data["campaign"]).first()
            if campaign is None:
                raise Http404
        else:
            campaign = current_campaign()
        orgs = queries.stage_organizations_visible_to(request.user).order_by("path")
        for name, field in (("township", "township"), ("sector", "sector"), ("org", "code")):
            if name in data:
                orgs = orgs.filter(**{field: data[name]})
        page = self.paginate_queryset(orgs.only("pk") if campaign is not None else orgs.none())
        ids = [org.pk for org in page]
        body = []
        if ids:
            board = dashboard.build(campaign, orgs.model.objects.filter(pk__in=ids), timezone.localdate(),
                                    stage_kind=data.get("stage_kind", ""))
            found = board.found
            for org in board.org_rows:
                tally = board.organizations[org["pk"]]
                body.append({
                    "org_code": org["code"], "org_name": org["name"], "township": org["township"],
                    "sector": org["sector"], "done": tally.done, "done_late": tally.done_late, "open": tally.open,
                    "overdue": tally.overdue, "rating": tally.rag,
                    "tasks": [{"task": task.pk, "task_status": found[org["pk"], task.pk][0],
                               "done_on": found[org["pk"], task.pk][1]}
                              for task in board.tasks if (org["pk"], task.pk) in found],
                })
        return self.get_paginated_response(OrgStatusSerializer(body, many=True).data)

    def get_queryset(self):
        return queries.stage_organizations_visible_to(self.request.user)
