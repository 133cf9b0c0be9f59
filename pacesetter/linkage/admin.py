"""Linkage in the Django admin: county admins read affiliate units, honours and joint
activities through the same visibility queries. Nothing is edited in place: every write is
a domain function on the pages and the API."""
from __future__ import annotations

from django.contrib import admin

from pacesetter.core.admin import ReadOnlyAdmin
from pacesetter.evaluation.admin import CountyAdminReadOnly

from .models import AffiliateHonour, AffiliateUnit, JointActivity
from .queries import activities_visible_to, honours_visible_to, units_visible_to


@admin.register(AffiliateUnit)
class AffiliateUnitAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("code", "name", "kind", "organization", "members_count", "active")
    list_filter = ("kind", "active")
    search_fields = ("code", "name")
    list_select_related = ("organization",)
    show_full_result_count = False

    def get_queryset(self, request):
        return units_visible_to(request.user)


@admin.register(AffiliateHonour)
class AffiliateHonourAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("year", "title", "unit", "person_name", "awarded_by")
    list_filter = ("year",)
    search_fields = ("title", "person_name")
    list_select_related = ("unit",)
    show_full_result_count = False

    def get_queryset(self, request):
        return honours_visible_to(request.user)


@admin.register(JointActivity)
class JointActivityAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("held_on", "title", "organization", "participants")
    search_fields = ("title",)
    list_select_related = ("organization",)
    show_full_result_count = False

    def get_queryset(self, request):
        return activities_visible_to(request.user)
