"""Work style and accountability in the Django admin: county admins read key tasks with their
milestones and reports, the ladder's escalations, supervision notices and cases here.

Nothing is edited in place: tasks, plans, reports, notices and cases are written on their
pages and through the API, where the domain's rules and audit entries hold."""
from __future__ import annotations

from django.contrib import admin

from pacesetter.core.admin import ReadOnlyAdmin
from pacesetter.evaluation.admin import CountyAdminReadOnly

from .models import (
    AccountabilityCase,
    CaseSanction,
    Escalation,
    EscalationStep,
    KeyTask,
    Milestone,
    ProgressReport,
    SupervisionNotice,
)
from .queries import cases_visible_to, notices_visible_to, tasks_visible_to


class MilestoneInline(CountyAdminReadOnly, admin.TabularInline):
    model = Milestone
    fields = ("title", "due_on", "weight", "done_on")
    readonly_fields = fields
    extra = 0


class ReportInline(CountyAdminReadOnly, admin.TabularInline):
    model = ProgressReport
    fields = ("reported_on", "percent", "narrative", "organization", "leader_signed_at")
    readonly_fields = fields
    extra = 0
    show_change_link = False


@admin.register(KeyTask)
class KeyTaskAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("code", "title", "kind", "leader", "lead_unit", "status", "progress", "next_report_due")
    list_filter = ("kind", "status")
    search_fields = ("code", "title", "leader__name", "lead_unit__name")
    list_select_related = ("leader", "lead_unit")
    fields = (
        "code", "title", "kind", "description", "leader", "lead_unit", "supporting_units", "goal", "budget",
        "planned_start", "planned_end", "report_every_days", "status", "progress", "last_report_on",
        "next_report_due", "completed_on",
    )
    readonly_fields = fields
    inlines = (MilestoneInline, ReportInline)
    show_full_result_count = False

    def get_queryset(self, request):
        return tasks_visible_to(request.user)


@admin.register(EscalationStep)
class EscalationStepAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("days_late", "action", "is_active")
    list_filter = ("is_active",)


@admin.register(Escalation)
class EscalationAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("task", "step", "since", "days_late", "applied_on")
    list_select_related = ("task", "step")
    search_fields = ("task__code", "task__title")
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(task__in=tasks_visible_to(request.user))


@admin.register(SupervisionNotice)
class SupervisionNoticeAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("number", "task", "organization", "issued_at", "respond_by", "status")
    list_filter = ("status",)
    search_fields = ("number", "task__code", "organization__name")
    list_select_related = ("task", "organization")
    show_full_result_count = False

    def get_queryset(self, request):
        return notices_visible_to(request.user)


class SanctionInline(CountyAdminReadOnly, admin.TabularInline):
    model = CaseSanction
    fields = ("kind", "points", "person", "imposed_on", "note")
    readonly_fields = fields
    extra = 0


@admin.register(AccountabilityCase)
class AccountabilityCaseAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("number", "organization", "task", "source", "status", "opened_at", "closed_at")
    list_filter = ("status", "source")
    search_fields = ("number", "organization__name", "task__code")
    list_select_related = ("organization", "task")
    inlines = (SanctionInline,)
    show_full_result_count = False

    def get_queryset(self, request):
        return cases_visible_to(request.user)
