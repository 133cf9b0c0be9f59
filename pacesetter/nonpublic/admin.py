"""The registry in the Django admin, read-only, through the same visibility query. Every
change is a domain function on the pages and the API, where the rules and the audit hold."""
from __future__ import annotations

from django.contrib import admin

from pacesetter.core.admin import ReadOnlyAdmin
from pacesetter.evaluation.admin import CountyAdminReadOnly

from .models import (
    ChecklistCheck,
    ChecklistItem,
    EstablishPlan,
    NonpublicEntity,
    StatusPeriod,
)
from .queries import checks_visible_to, entities_visible_to, plans_visible_to


class PeriodInline(CountyAdminReadOnly, admin.TabularInline):
    model = StatusPeriod
    extra = 0
    fields = readonly_fields = ["status", "covering", "valid_from", "valid_to", "note", "recorded_at"]


@admin.register(NonpublicEntity)
class EntityAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ["name", "credit_code", "kind", "industry", "township", "status", "covering"]
    list_filter = ["kind", "status", "industry"]
    search_fields = ["name", "credit_code"]
    list_select_related = ["township", "covering"]
    inlines = [PeriodInline]

    def get_queryset(self, request):
        return entities_visible_to(request.user)


@admin.register(EstablishPlan)
class PlanAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ["entity", "target_date", "instructor", "done_on"]
    list_select_related = ["entity", "instructor"]

    def get_queryset(self, request):
        return plans_visible_to(request.user)


@admin.register(ChecklistItem)
class ItemAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ["name", "order", "active"]


@admin.register(ChecklistCheck)
class CheckAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ["organization", "item", "met", "checked_on"]
    list_select_related = ["organization", "item"]

    def get_queryset(self, request):
        return checks_visible_to(request.user)
