"""Notifications in the admin: read-only, for county admins, to answer "was I told?"."""
from django.contrib import admin

from pacesetter.core.admin import ReadOnlyAdmin
from pacesetter.orgs import rules as org_rules

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "user", "kind", "title", "read_at", "emailed_at")
    list_filter = ("kind",)
    search_fields = ("=user__username", "title", "=key")
    list_select_related = ("user",)
    fields = ("user", "key", "kind", "title", "body", "url", "created_at", "read_at", "emailed_at")
    readonly_fields = fields
    ordering = ("-created_at", "-id")
    show_full_result_count = False

    def has_module_permission(self, request) -> bool:
        return org_rules.is_county_admin(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return org_rules.is_county_admin(request.user)
