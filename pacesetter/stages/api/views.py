"""/api/v1/campaign-stages/, /api/v1/campaign-stage-tasks/ and /api/v1/campaign-stage-statuses/,
read-only. Stages and tasks are the county's frame (every signed-in user); statuses follow
`stage_organizations_visible_to`, a page of organisations at a time, each with the status
of every task that applies to it."""
from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.response import Response

from pacesetter.api.viewsets import DomainViewSet, Listing, Reading
from pacesetter.campaigns.queries import campaigns_visible_to, current_campaign

from .. import dashboard, queries
from .serializers import (
    OrgStatusSerializer,
    StageFilterSerializer,
    StageSerializer,
    StageTaskFilterSerializer,
    StageTaskSerializer,
    StatusFilterSerializer,
)


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
    """The tasks of the stages' checklists, each with its deadline and the organisations it applies to."""

    serializer_class = StageTaskSerializer
    filter_serializer_class = StageTaskFilterSerializer
    http_method_names = ["get", "head", "options"]

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
            board = dashboard.build(campaign, orgs.model.objects.filter(pk__in=ids), timezone.localdate())
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
