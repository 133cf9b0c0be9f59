"""Activities in the Django admin: county admins read activities and attendance through the
same visibility queries. Nothing is edited in place: every write is a domain function on
the pages and the API."""
from __future__ import annotations

from django.contrib import admin

from pacesetter.core.admin import ReadOnlyAdmin
from pacesetter.evaluation.admin import CountyAdminReadOnly

from .models import Activity, Attendance
from .queries import activities_visible_to, attendances_visible_to


@admin.register(Activity)
class ActivityAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("day", "title", "kind", "organization", "state")
    list_filter = ("kind", "state")
    search_fields = ("title",)
    list_select_related = ("organization",)
    show_full_result_count = False

    def get_queryset(self, request):
        return activities_visible_to(request.user)


@admin.register(Attendance)
class AttendanceAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("activity", "member", "status", "source", "recorded_at")
    list_filter = ("status", "source")
    list_select_related = ("activity", "member")
    show_full_result_count = False

    def get_queryset(self, request):
        return attendances_visible_to(request.user)
