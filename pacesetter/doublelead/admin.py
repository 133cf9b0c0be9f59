"""Double-lead members in the Django admin, read-only, through the same visibility query.
Every change is a domain function on the pages and the API, where the rules and the audit
entries hold."""
from __future__ import annotations

from django.contrib import admin

from pacesetter.core.admin import ReadOnlyAdmin
from pacesetter.evaluation.admin import CountyAdminReadOnly

from .models import DoubleLeadMember, Enterprise, HelpedHousehold, Training, YearFigures
from .queries import double_lead_members_visible_to


class _PartInline(CountyAdminReadOnly, admin.TabularInline):
    extra = 0

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name not in ("id", "holder")]


class EnterpriseInline(_PartInline):
    model = Enterprise


class HouseholdInline(_PartInline):
    model = HelpedHousehold


class FiguresInline(_PartInline):
    model = YearFigures


class TrainingInline(_PartInline):
    model = Training


@admin.register(DoubleLeadMember)
class DoubleLeadMemberAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("member", "registered_on", "active")
    list_filter = ("active",)
    search_fields = ("member__name", "member__code")
    list_select_related = ("member",)
    inlines = (EnterpriseInline, HouseholdInline, FiguresInline, TrainingInline)

    def get_queryset(self, request):
        return double_lead_members_visible_to(request.user)
