from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only: jobs change through their pages (retry, cancel) and the worker."""

    list_display = ("id", "kind", "state", "progress", "requested_by", "created_at", "finished_at", "attempts")
    list_filter = ("state", "kind")
    search_fields = ("kind", "message")
    list_select_related = ("requested_by",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
