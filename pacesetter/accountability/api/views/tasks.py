"""/api/v1/key-tasks/ and /api/v1/progress-reports/: key tasks with how they keep to
schedule, their plan, progress reports with evidence, the leader's and the units' sign-off.

Reads go through `tasks_visible_to`: a leader sees the tasks they are responsible for, unit
admins and inspectors those of the units in their subtrees; anything else is a 404.
"""
from __future__ import annotations

import rules
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.status import HTTP_201_CREATED

from pacesetter.api.viewsets import DomainViewSet, Listing, Reading, call
from pacesetter.orgs.models import Organization
from pacesetter.orgs.validators import CODE_PATTERN

from ... import domain
from ... import rules as a_rules
from ...models import KeyTask, ProgressReport, SignOff
from ...queries import annotate_schedule, tasks_visible_to
from ..serializers import (
    KeyTaskChangeSerializer,
    KeyTaskDetailSerializer,
    KeyTaskFilterSerializer,
    KeyTaskInputSerializer,
    KeyTaskSerializer,
    MilestonePlanSerializer,
    ProgressReportSerializer,
    ReportInputSerializer,
    SignOffInputSerializer,
    SignOffSerializer,
    SignReportSerializer,
    TaskStatusSerializer,
)

TASK_ERRORS = {
    "code_taken": "code", "code_invalid": "code", "kind_invalid": "kind", "leader_required": "leader",
    "lead_unit_required": "lead_unit", "budget_invalid": "budget", "period_invalid": "report_every_days",
    "dates_required": "planned_start", "dates_order": "planned_end", "supporting_is_lead": "supporting_units",
    "too_many_units": "supporting_units",
}
PLAN_ERRORS = dict.fromkeys(
    ("milestones_required", "too_many_milestones", "milestone_due", "milestone_outside", "milestone_weight",
     "weights_total", "milestone_unknown", "milestone_done"),
    "milestones",
)
REPORT_ERRORS = {
    "percent_invalid": "percent", "required": "narrative", "too_long": "narrative", "report_future": "reported_on",
    "report_order": "reported_on", "milestone_unknown": "milestones_done", "milestone_done": "milestones_done",
    "too_many_files": "files", "file_*": "files",
}


@rules.predicate
def may_sign_some_part(user, task: KeyTask) -> bool:
    """The leader, or an admin of the lead unit or of a supporting unit: which part they
    sign for is the domain's to check."""
    units = [task.lead_unit, *task.supporting_units.all()]
    return a_rules.is_task_leader(user, task) or any(a_rules.can_sign_for_unit(user, unit) for unit in units)


@rules.predicate
def leads_reported_task(user, report: ProgressReport) -> bool:
    return a_rules.is_task_leader(user, report.task)


def _reports():
    return (
        ProgressReport.objects.select_related("task", "organization", "created_by")
        .prefetch_related("evidence", "milestones_done")
        .order_by("-reported_on", "-id")
    )


@extend_schema_view(
    list=extend_schema(summary=_("List key tasks with their schedule status"), parameters=[KeyTaskFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a key task with its milestones and supporting units")),
    create=extend_schema(
        summary=_("Create a key task with its milestones"), request=KeyTaskInputSerializer,
        responses={201: KeyTaskDetailSerializer},
    ),
    partial_update=extend_schema(
        summary=_("Change a key task's particulars"), request=KeyTaskChangeSerializer,
        responses=KeyTaskDetailSerializer,
    ),
)
class KeyTaskViewSet(Listing, Reading, DomainViewSet):
    """Key work, key projects and key engineering works (重点工作/项目/工程), each with its
    responsible county-level leader, lead and supporting units, milestones and progress.
    The schedule status (on track, behind, seriously behind, …) is computed for today from
    the milestones and the latest report. County admins create, change and plan tasks; the
    lead unit's admins report progress; the leader signs reports off."""

    lookup_field = "code"
    lookup_url_kwarg = "code"
    lookup_value_regex = CODE_PATTERN
    http_method_names = ["get", "post", "patch", "put", "head", "options"]
    filter_serializer_class = KeyTaskFilterSerializer
    create_predicate = a_rules.can_manage_tasks
    predicates = {
        "partial_update": a_rules.can_manage_tasks,
        "milestones": a_rules.can_manage_tasks,
        "status": a_rules.can_manage_tasks,
        "reports": a_rules.can_report_progress,
        "sign_offs": may_sign_some_part,
    }

    def get_serializer_class(self):
        return KeyTaskSerializer if self.action == "list" else KeyTaskDetailSerializer

    def get_queryset(self):
        tasks = annotate_schedule(tasks_visible_to(self.request.user), timezone.localdate())
        tasks = tasks.select_related("leader", "lead_unit", "goal").order_by("code")
        if self.action in ("list", "reports", "sign_offs"):
            return tasks
        return tasks.prefetch_related(
            Prefetch("supporting_units", queryset=Organization.objects.order_by("path")), "milestones"
        )

    def apply_filters(self, queryset, filters):
        for name in ("kind", "status", "schedule", "leader", "lead_unit", "goal"):
            if name in filters:
                queryset = queryset.filter(**{name: filters[name]})
        if "late_reporting" in filters:
            queryset = queryset.filter(reporting_late=filters["late_reporting"])
        return queryset

    def create(self, request, *args, **kwargs):
        data = self.input(KeyTaskInputSerializer)
        task = call(domain.create_task, by=request.user, errors=TASK_ERRORS | PLAN_ERRORS, **data)
        return self.created(self.fresh(task))

    def partial_update(self, request, *args, **kwargs):
        task = self.get_object()
        data = self.input(KeyTaskChangeSerializer, partial=True)
        dates = [name for name in ("planned_start", "planned_end") if name in data]
        errors = TASK_ERRORS | ({"milestone_outside": dates[-1]} if dates else {})
        call(domain.update_task, task, by=request.user, errors=errors, **data)
        return Response(self.fresh(task))

    @extend_schema(
        summary=_("Replace a key task's plan of milestones"),
        description=_("Rows with an existing milestone's id keep it; milestones left out are removed unless done."),
        request=MilestonePlanSerializer, responses=KeyTaskDetailSerializer,
    )
    @action(detail=True, methods=["put"])
    def milestones(self, request, *args, **kwargs):
        task = self.get_object()
        rows = self.input(MilestonePlanSerializer)["milestones"]
        call(domain.plan_milestones, task, [dict(row) for row in rows], by=request.user, errors=PLAN_ERRORS)
        return Response(self.fresh(task))

    @extend_schema(
        summary=_("Mark a key task completed, suspended or in progress again"), request=TaskStatusSerializer,
        responses=KeyTaskDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def status(self, request, *args, **kwargs):
        task = self.get_object()
        data = self.input(TaskStatusSerializer)
        call(domain.set_task_status, task, by=request.user, status=data["status"], note=data.get("note", ""),
             errors={"status_invalid": "status", "status_same": "status", "too_long": "note"})
        return Response(self.fresh(task))

    @extend_schema(
        methods=["GET"], summary=_("List a key task's progress reports, newest first"),
        responses=ProgressReportSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"], summary=_("Report progress on a key task, with evidence files"),
        description=_(
            "multipart/form-data: percent, narrative, the ids of the milestones reached (milestones_done, "
            "repeated), reported_on and up to 10 `files`. Each file is checked by its content; a refusal leaves "
            "the task unchanged. The next report falls due one reporting period later."
        ),
        request={"multipart/form-data": ReportInputSerializer}, responses={201: ProgressReportSerializer},
    )
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser])
    def reports(self, request, *args, **kwargs):
        task = self.get_object()
        if request.method == "GET":
            return self.paginated(_reports().filter(task=task), ProgressReportSerializer)
        data = self.input(ReportInputSerializer)
        report = call(
            domain.submit_report, task, by=request.user, percent_done=data["percent"], narrative=data["narrative"],
            milestones_done=data.get("milestones_done", []), files=data.get("files", []),
            reported_on=data.get("reported_on"), errors=REPORT_ERRORS,
        )
        body = ProgressReportSerializer(_reports().get(pk=report.pk), context=self.get_serializer_context()).data
        return self.created(body)

    @extend_schema(
        methods=["GET"], summary=_("List who has signed off a key task"), responses=SignOffSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"], summary=_("Sign off a key task as its leader, its lead unit or a supporting unit"),
        request=SignOffInputSerializer, responses={201: SignOffSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="sign-offs", url_name="sign-offs")
    def sign_offs(self, request, *args, **kwargs):
        task = self.get_object()
        sign_offs = SignOff.objects.filter(task=task).select_related("organization", "signed_by")
        if request.method == "GET":
            return self.paginated(sign_offs.order_by("signed_at", "id"), SignOffSerializer)
        context = {**self.get_serializer_context(), "task": task}
        serializer = SignOffInputSerializer(data=request.data, context=context)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        sign_off = call(
            domain.sign_off_task, task, by=request.user, party=data["party"], organization=data.get("organization"),
            note=data.get("note", ""),
            errors={"party_invalid": "party", "already_signed": "party", "not_supporting": "organization",
                    "too_long": "note"},
        )
        return Response(SignOffSerializer(sign_offs.get(pk=sign_off.pk), context=context).data, status=HTTP_201_CREATED)


@extend_schema_view(retrieve=extend_schema(summary=_("Read a progress report with its evidence")))
class ProgressReportViewSet(Reading, DomainViewSet):
    """Progress reports of the key tasks you see; the responsible leader signs each off."""

    serializer_class = ProgressReportSerializer
    http_method_names = ["get", "post", "head", "options"]
    predicates = {"sign": leads_reported_task}

    def get_queryset(self):
        return _reports().select_related("task__leader").filter(task__in=tasks_visible_to(self.request.user))

    @extend_schema(summary=_("Sign off a progress report as the task's responsible leader"),
                   request=SignReportSerializer, responses=ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request, *args, **kwargs):
        report = self.get_object()
        data = self.input(SignReportSerializer)
        call(domain.sign_report, report, by=request.user, comment=data.get("comment", ""),
             errors={"too_long": "comment"})
        return Response(self.fresh(report))
