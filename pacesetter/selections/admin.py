"""Selections in the Django admin: county admins read honour kinds, selections with their
quotas, nominations with their reviews, and objections here.

Nothing is edited in place: every change goes through the pages or the API, where the
domain's rules and audit entries hold."""
from __future__ import annotations

from django.contrib import admin

from pacesetter.core.admin import ReadOnlyAdmin
from pacesetter.evaluation.admin import CountyAdminReadOnly

from .models import HonourKind, Nomination, NominationReview, Objection, Quota, Selection
from .queries import nominations_visible_to, objections_visible_to, selections_visible_to


@admin.register(HonourKind)
class HonourKindAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("name", "code", "nominee", "position", "active")
    list_filter = ("nominee", "active")


class QuotaInline(CountyAdminReadOnly, admin.TabularInline):
    model = Quota
    fields = ("group", "seats")
    readonly_fields = fields
    extra = 0


@admin.register(Selection)
class SelectionAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("title", "kind", "campaign", "state", "nominations_close_on", "notice_starts_on",
                    "notice_ends_on")
    list_filter = ("state", "kind")
    search_fields = ("title",)
    list_select_related = ("kind", "campaign")
    fields = ("title", "kind", "campaign", "description", "state", "round", "rules", "quota_by", "default_quota",
              "nominations_close_on", "notice_days", "notice_starts_on", "notice_ends_on", "created_by")
    readonly_fields = fields
    inlines = (QuotaInline,)
    show_full_result_count = False

    def get_queryset(self, request):
        return selections_visible_to(request.user)


class ReviewInline(CountyAdminReadOnly, admin.TabularInline):
    model = NominationReview
    fields = ("level", "decision", "reason", "by", "at")
    readonly_fields = fields
    extra = 0


@admin.register(Nomination)
class NominationAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("__str__", "selection", "organization", "status", "eligible", "rank", "score")
    list_filter = ("status", "eligible")
    search_fields = ("organization__name", "member__name", "selection__title")
    list_select_related = ("selection", "organization", "member", "affiliate_unit")
    fields = ("selection", "organization", "member", "affiliate_unit", "nominated_by", "statement", "record", "eligibility",
              "eligible", "status", "score", "rank", "created_by")
    readonly_fields = fields
    inlines = (ReviewInline,)
    show_full_result_count = False

    def get_queryset(self, request):
        return nominations_visible_to(request.user)


@admin.register(Objection)
class ObjectionAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("nomination", "state", "created_at", "answered_at")
    list_filter = ("state",)
    list_select_related = ("nomination__organization", "nomination__member")
    fields = ("nomination", "text", "name", "contact", "state", "answer", "answered_by", "answered_at")
    readonly_fields = fields
    show_full_result_count = False

    def get_queryset(self, request):
        return objections_visible_to(request.user)
