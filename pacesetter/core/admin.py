"""The audit log in the admin: read-only, for county admins and inspectors (`core.view_auditentry`)."""
from django.contrib import admin

from .models import AuditEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that are never added, changed or deleted through the admin."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("id", "at", "actor_name", "action", "object_type", "object_id", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "=object_id", "actor_name", "=action")
    fields = (
        "at", "actor_name", "actor_id", "action", "object_type", "object_id", "object_repr",
        "before", "after", "prev_hash", "hash",
    )
    readonly_fields = fields
    ordering = ("-id",)
    show_full_result_count = False

    def has_module_permission(self, request) -> bool:
        return request.user.has_perm("core.view_auditentry")

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("core.view_auditentry")

