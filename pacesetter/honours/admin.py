"""Honours in the Django admin, read only: they are given, entered and revoked on their
pages and through the API, where the rules and the audit entries hold."""
from django.contrib import admin

from pacesetter.evaluation.admin import CountyAdminReadOnly

from .models import Honour


@admin.register(Honour)
class HonourAdmin(CountyAdminReadOnly, admin.ModelAdmin):
    list_display = ("certificate_no", "year", "kind", "organization_name", "member_name", "township", "revoked_at")
    list_filter = ("year", "kind")
    list_select_related = ("kind",)
    search_fields = ("certificate_no", "organization_name", "member_name")
    exclude = ("verify_token",)
