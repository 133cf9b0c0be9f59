"""Observation meetings in the Django admin: county admins read meetings with their score
sheet, sites and observers, and the sheets sent. Nothing is edited in place (every step is a
domain function on the meeting pages and the API), and observers' codes are not shown: only
their keyed hashes are stored."""
from __future__ import annotations

from django.contrib import admin

from pacesetter.core.admin import ReadOnlyAdmin
from pacesetter.evaluation.admin import CountyAdminReadOnly

from .models import Criterion, Meeting, Observer, Sheet, Site
from .queries import meetings_visible_to, observers_visible_to, sheets_visible_to


class CriterionInline(CountyAdminReadOnly, admin.TabularInline):
    model = Criterion
    fields = ("position", "name", "max_points")
    readonly_fields = fields
    extra = 0


class SiteInline(CountyAdminReadOnly, admin.TabularInline):
    model = Site
    fields = ("position", "organization", "sheet_count", "mean_total", "rank")
    readonly_fields = fields
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("title", "held_on", "state", "published_at")
    list_filter = ("state",)
    search_fields = ("title",)
    inlines = (CriterionInline, SiteInline)

    def get_queryset(self, request):
        return meetings_visible_to(request.user)


@admin.register(Observer)
class ObserverAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("meeting", "number", "name", "unit")
    search_fields = ("name", "unit")
    list_select_related = ("meeting",)
    show_full_result_count = False

    def get_queryset(self, request):
        return observers_visible_to(request.user)


@admin.register(Sheet)
class SheetAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("site", "observer", "total", "submitted_at")
    list_select_related = ("site__meeting", "site__organization", "observer")
    show_full_result_count = False

    def get_queryset(self, request):
        return sheets_visible_to(request.user)
