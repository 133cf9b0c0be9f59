"""Theory seminars in the Django admin: county admins read seminars with their rubric,
papers and reviews here. Nothing is edited in place: every step is a domain function on the
seminar pages and the API, where the rules and the audit entries hold."""
from __future__ import annotations

from django.contrib import admin

from pacesetter.core.admin import ReadOnlyAdmin
from pacesetter.evaluation.admin import CountyAdminReadOnly

from .models import Criterion, Review, Seminar, Submission
from .queries import reviews_visible_to, seminars_visible_to, submissions_visible_to


class CriterionInline(CountyAdminReadOnly, admin.TabularInline):
    model = Criterion
    fields = ("position", "name", "max_points")
    readonly_fields = fields
    extra = 0


@admin.register(Seminar)
class SeminarAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("title", "theme", "state", "opens_on", "closes_on", "reviews_due", "published_at")
    list_filter = ("state",)
    search_fields = ("title", "theme")
    inlines = (CriterionInline,)

    def get_queryset(self, request):
        return seminars_visible_to(request.user)


@admin.register(Submission)
class SubmissionAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("seminar", "number", "title", "author_name", "organization", "status", "rank", "award")
    list_filter = ("status", "award")
    search_fields = ("title", "author_name", "organization__name")
    list_select_related = ("seminar", "organization")
    exclude = ("file", "thumbnail")
    show_full_result_count = False

    def get_queryset(self, request):
        return submissions_visible_to(request.user)


@admin.register(Review)
class ReviewAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("submission", "reviewer", "assigned_at", "submitted_at", "total")
    search_fields = ("submission__title", "reviewer__username")
    list_select_related = ("submission", "reviewer")
    show_full_result_count = False

    def get_queryset(self, request):
        return reviews_visible_to(request.user)
