"""Vanguard projects in the Django admin, read-only, through the same visibility query.
Every change is a domain function on the pages and the API, where the rules and the audit
entries hold."""
from __future__ import annotations

from django.contrib import admin

from pacesetter.core.admin import ReadOnlyAdmin
from pacesetter.evaluation.admin import CountyAdminReadOnly

from .models import Evidence, ProgressUpdate, Project, ResultLine, Review
from .queries import projects_visible_to


class _PartInline(CountyAdminReadOnly, admin.TabularInline):
    extra = 0

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name not in ("id", "project")]


class ProgressInline(_PartInline):
    model = ProgressUpdate


class ResultInline(_PartInline):
    model = ResultLine


class EvidenceInline(_PartInline):
    model = Evidence


class ReviewInline(_PartInline):
    model = Review


@admin.register(Project)
class ProjectAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("title", "kind", "organization", "lead", "state", "starts_on", "ends_on")
    list_filter = ("kind", "state")
    search_fields = ("title", "lead__name", "lead__code", "organization__name")
    list_select_related = ("organization", "lead")
    inlines = (ProgressInline, ResultInline, EvidenceInline, ReviewInline)

    def get_queryset(self, request):
        return projects_visible_to(request.user)
