"""Public commitments in the Django admin: county admins read pledges, items, their
versions and evidence, public feedback and superiors' judgements here.

Nothing is edited in place. Pledges are written and reviewed on the commitment pages and
through the API, where the domain's rules hold (only drafts change, every change leaves a
version on the timeline); the steps offered here (approve submitted pledges, show pending
feedback) call the same domain functions, so each is checked and audited. Versions and
evidence are the public record: read-only for everyone."""
from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from pacesetter.core.admin import ReadOnlyAdmin
from pacesetter.core.errors import DomainError
from pacesetter.evaluation.admin import CountyAdminReadOnly
from pacesetter.orgs import rules as org_rules

from . import domain
from .models import Commitment, CommitmentItem, Evidence, Feedback, ItemVersion, SuperiorReview
from .queries import commitments_visible_to, feedback_visible_to, items_visible_to


def _steps(modeladmin, request, objects, step, done_message) -> None:
    """Call a domain step on each object; a refusal is an error message naming the object."""
    done = 0
    for obj in objects:
        try:
            step(obj)
        except DomainError as exc:
            modeladmin.message_user(request, f"{obj}: {' '.join(exc.messages)}", messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message(done), messages.SUCCESS)


class ItemInline(CountyAdminReadOnly, admin.TabularInline):
    model = CommitmentItem
    fields = ("order", "content", "target", "deadline", "category", "goal", "progress", "outcome", "outcome_on")
    readonly_fields = fields
    extra = 0
    show_change_link = True


@admin.register(Commitment)
class CommitmentAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("owner_name", "organization", "campaign", "status", "submitted_at", "published_at")
    list_filter = ("status", "campaign", "organization__sector")
    search_fields = ("organization__code", "organization__name", "member__code", "member__name")
    list_select_related = ("organization", "member", "campaign")
    fields = (
        "campaign", "organization", "member", "status", "submitted_at", "published_at", "reviewed_by",
        "return_reason", "created_at", "updated_at",
    )
    readonly_fields = fields
    inlines = (ItemInline,)
    actions = ["approve"]
    show_full_result_count = False

    def get_queryset(self, request):
        return commitments_visible_to(request.user)

    def has_approve_permission(self, request) -> bool:
        return org_rules.is_county_admin(request.user)

    @admin.display(description=_("whose"))
    def owner_name(self, obj):
        return obj.owner_name

    @admin.action(description=_("Approve and publish the selected submitted commitments"), permissions=["approve"])
    def approve(self, request, queryset):
        _steps(
            self, request, queryset.select_related("organization", "member").order_by("id"),
            lambda c: domain.approve_commitment(c, by=request.user),
            lambda n: ngettext("%(n)d commitment approved.", "%(n)d commitments approved.", n) % {"n": n},
        )


class VersionInline(CountyAdminReadOnly, admin.TabularInline):
    model = ItemVersion
    fields = ("number", "kind", "at", "actor_name", "note", "snapshot")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    ordering = ("-number",)


@admin.register(CommitmentItem)
class CommitmentItemAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("content", "commitment", "deadline", "category", "progress", "outcome")
    list_filter = ("outcome", "category", "commitment__status", "commitment__campaign")
    search_fields = ("content", "target", "commitment__organization__code", "commitment__organization__name")
    list_select_related = ("commitment__organization", "commitment__member", "commitment__campaign")
    fields = (
        "commitment", "order", "content", "target", "deadline", "category", "goal", "progress", "outcome",
        "outcome_on", "updated_at",
    )
    readonly_fields = fields
    inlines = (VersionInline,)
    show_full_result_count = False

    def get_queryset(self, request):
        return items_visible_to(request.user)


class EvidenceInline(CountyAdminReadOnly, admin.TabularInline):
    model = Evidence
    fields = ("kind", "original_name", "extension", "content_type", "size", "sha256", "width", "height")
    readonly_fields = fields
    extra = 0
    show_change_link = True


@admin.register(ItemVersion)
class ItemVersionAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("item", "number", "kind", "at", "actor_name")
    list_filter = ("kind",)
    search_fields = ("item__content", "actor_name", "note")
    list_select_related = ("item",)
    fields = ("item", "number", "kind", "at", "by", "actor_name", "note", "snapshot")
    readonly_fields = fields
    inlines = (EvidenceInline,)
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(item__in=items_visible_to(request.user).values("pk"))


@admin.register(Evidence)
class EvidenceAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("original_name", "kind", "extension", "size", "version")
    list_filter = ("kind", "extension")
    search_fields = ("original_name", "=sha256")
    list_select_related = ("version__item",)
    fields = (
        "version", "kind", "original_name", "extension", "content_type", "size", "sha256", "width", "height",
        "file", "thumbnail",
    )
    readonly_fields = fields
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(version__item__in=items_visible_to(request.user).values("pk"))


@admin.register(Feedback)
class FeedbackAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("text_start", "commitment", "kind", "status", "created_at", "moderated_by")
    list_filter = ("status", "kind")
    search_fields = ("text", "commitment__organization__code", "commitment__organization__name")
    list_select_related = ("commitment__organization", "commitment__member", "commitment__campaign", "moderated_by")
    fields = (
        "commitment", "item", "kind", "text", "name", "status", "created_at", "moderated_by",
        "moderated_at", "moderation_reason", "reply",
    )
    readonly_fields = fields  # not the contact: it is for replies by the organisation, never shown
    actions = ["show"]
    show_full_result_count = False

    def get_queryset(self, request):
        return feedback_visible_to(request.user)

    def has_moderate_permission(self, request) -> bool:
        return org_rules.is_county_admin(request.user)

    @admin.display(description=_("text"))
    def text_start(self, obj):
        return str(obj)

    @admin.action(description=_("Show the selected feedback on the public pages"), permissions=["moderate"])
    def show(self, request, queryset):
        _steps(
            self, request, queryset.order_by("id"),
            lambda fb: domain.moderate_feedback(fb, by=request.user, show=True),
            lambda n: ngettext("%(n)d feedback shown.", "%(n)d feedback shown.", n) % {"n": n},
        )


@admin.register(SuperiorReview)
class SuperiorReviewAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("commitment", "judgement", "by_organization", "by", "at")
    list_filter = ("judgement",)
    search_fields = ("commitment__organization__code", "commitment__organization__name")
    list_select_related = ("commitment__organization", "commitment__member", "commitment__campaign",
                           "by_organization", "by")
    fields = ("commitment", "judgement", "comment", "by", "by_organization", "at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).filter(commitment__in=commitments_visible_to(request.user).values("pk"))
