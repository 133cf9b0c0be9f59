"""Pairings and recommendation runs in the Django admin, read-only and for county admins,
through the same visibility queries. Every change is a domain function on the pages and the
API, where the rules and the audit entries hold."""
from __future__ import annotations

from django.contrib import admin

from pacesetter.core.admin import ReadOnlyAdmin
from pacesetter.evaluation.admin import CountyAdminReadOnly

from .models import HelpLog, Pairing, PairingParty, RecommendationRow, RecommendationRun
from .queries import pairings_visible_to, runs_visible_to


class _ReadOnlyInline(CountyAdminReadOnly, admin.TabularInline):
    extra = 0
    parent_field = ""

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name not in ("id", self.parent_field)]


class PartyInline(_ReadOnlyInline):
    model = PairingParty
    parent_field = "pairing"
    raw_id_fields = ("organization", "member", "leader")


class HelpLogInline(_ReadOnlyInline):
    model = HelpLog
    parent_field = "pairing"


class RowInline(_ReadOnlyInline):
    model = RecommendationRow
    parent_field = "run"
    raw_id_fields = ("helper", "helped", "pairing")


@admin.register(Pairing)
class PairingAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("id", "kind", "state", "starts_on", "ends_on", "replaced_by")
    list_filter = ("kind", "state")
    search_fields = ("goals",)
    show_full_result_count = False
    inlines = [PartyInline, HelpLogInline]

    def get_queryset(self, request):
        return pairings_visible_to(request.user)


@admin.register(RecommendationRun)
class RecommendationRunAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("id", "round", "capacity", "state", "helpers", "helped", "total_cost", "created_at")
    list_filter = ("state",)
    list_select_related = ("round",)
    show_full_result_count = False
    inlines = [RowInline]

    def get_queryset(self, request):
        return runs_visible_to(request.user)
