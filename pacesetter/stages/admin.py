"""Campaign stages in the Django admin, read-only and for county admins. Every change is a
domain function on the pages, where the rules and the audit entries hold."""
from __future__ import annotations

from django.contrib import admin

from pacesetter.core.admin import ReadOnlyAdmin
from pacesetter.evaluation.admin import CountyAdminReadOnly

from .models import Stage, StageTask, TaskCompletion
from .queries import completions_visible_to, stage_tasks_visible_to, stages_visible_to


class TaskInline(CountyAdminReadOnly, admin.TabularInline):
    model = StageTask
    extra = 0
    fields = readonly_fields = ("title", "check_kind", "due_on", "level", "sector")


@admin.register(Stage)
class StageAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("campaign", "kind", "starts_on", "ends_on")
    list_filter = ("kind",)
    list_select_related = ("campaign",)
    inlines = (TaskInline,)

    def get_queryset(self, request):
        return stages_visible_to(request.user)


@admin.register(StageTask)
class StageTaskAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("title", "stage", "check_kind", "due_on")
    list_select_related = ("stage__campaign",)
    search_fields = ("title",)

    def get_queryset(self, request):
        return stage_tasks_visible_to(request.user)


@admin.register(TaskCompletion)
class TaskCompletionAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("task", "organization", "state", "done_on")
    list_filter = ("state",)
    list_select_related = ("task", "organization")
    search_fields = ("organization__code", "organization__name")

    def get_queryset(self, request):
        return completions_visible_to(request.user)
