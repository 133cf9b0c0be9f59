"""The evaluation mechanism in the Django admin: county admins read schemes, rounds, tally
results and paper counts here, and take the state steps as actions.

Nothing is edited in place. Schemes and rounds are set up on the evaluation pages and
through the API, where the domain's rules hold (weights total 100, a scheme locks once a
round using it opens, setup locks at opening); the steps offered here (activate a scheme;
open, close or release a round) call the same domain functions, so each is checked and
audited. Tally results are written only by a count, paper counts only by their entry and
confirmation.

Not registered, for ballot secrecy: ballot tokens (their status shows, while a round is
open, which subject's voters have voted, and a row's history can be matched with a
ballot's), ballots and answers (what was voted: even read-only, a list of them in the
database's order is what the close rewrite exists to destroy), participation (the tokens'
residue) and open-survey limits (keyed hashes of addresses and devices). Results are read
as the tally stored them, never from ballots.
"""
from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from pacesetter.core.admin import ReadOnlyAdmin
from pacesetter.core.errors import DomainError
from pacesetter.orgs import rules as org_rules

from . import domain
from .models import (
    Indicator, PaperCount, Round, RoundGroup, Scheme, SubjectCells, SubjectResult, TallyResult, VoterGroup,
)
from .queries import rounds_visible_to, subjects_visible_to


class CountyAdminReadOnly:
    """Shown to county admins only (a 403 for anyone else, staff or not), and never edited."""

    def has_module_permission(self, request) -> bool:
        return org_rules.is_county_admin(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return org_rules.is_county_admin(request.user)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def _run_steps(modeladmin, request, objects, step, done_message) -> None:
    """Call a domain step on each object; refusals become error messages naming the object."""
    done = 0
    for obj in objects:
        try:
            step(obj, by=request.user)
        except DomainError as exc:
            modeladmin.message_user(request, f"{obj}: {' '.join(exc.messages)}", messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message(done), messages.SUCCESS)


class IndicatorInline(CountyAdminReadOnly, admin.TabularInline):
    model = Indicator
    fields = ("order", "question", "scale", "points", "weight")
    readonly_fields = fields
    extra = 0


class VoterGroupInline(CountyAdminReadOnly, admin.TabularInline):
    model = VoterGroup
    fields = ("kind", "weight")
    readonly_fields = fields
    extra = 0


@admin.register(Scheme)
class SchemeAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("name", "sector", "status", "created_at")
    list_filter = ("status", "sector")
    search_fields = ("name",)
    fields = ("name", "sector", "status", "created_at")
    readonly_fields = fields
    inlines = (IndicatorInline, VoterGroupInline)
    actions = ["activate"]

    def has_activate_permission(self, request) -> bool:
        return org_rules.is_county_admin(request.user)

    @admin.action(description=_("Activate the selected draft schemes"), permissions=["activate"])
    def activate(self, request, queryset):
        _run_steps(
            self, request, queryset.order_by("name", "id"), domain.activate_scheme,
            lambda n: ngettext("%(n)d scheme activated.", "%(n)d schemes activated.", n) % {"n": n},
        )


class RoundGroupInline(CountyAdminReadOnly, admin.TabularInline):
    model = RoundGroup
    fields = ("voter_group", "expected")
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("voter_group")


@admin.register(Round)
class RoundAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("name", "kind", "scheme", "state", "opens_at", "closes_at")
    list_filter = ("state", "kind")
    search_fields = ("name",)
    list_select_related = ("scheme",)
    fields = (
        "name", "kind", "scheme", "state", "opens_at", "closes_at", "allow_open_channel", "min_n",
        "dissatisfied_flag_share", "grading", "created_at",
    )
    readonly_fields = fields
    inlines = (RoundGroupInline,)
    actions = ["open_rounds", "close_rounds", "release_rounds"]

    def get_queryset(self, request):
        return rounds_visible_to(request.user)

    def has_step_permission(self, request) -> bool:
        return org_rules.is_county_admin(request.user)

    @admin.action(description=_("Open the selected draft rounds"), permissions=["step"])
    def open_rounds(self, request, queryset):
        _run_steps(
            self, request, queryset.order_by("id"), domain.open_round,
            lambda n: ngettext("%(n)d round opened.", "%(n)d rounds opened.", n) % {"n": n},
        )

    @admin.action(description=_("Close the selected open rounds"), permissions=["step"])
    def close_rounds(self, request, queryset):
        _run_steps(
            self, request, queryset.order_by("id"), domain.close_round,
            lambda n: ngettext("%(n)d round closed.", "%(n)d rounds closed.", n) % {"n": n},
        )

    @admin.action(description=_("Release the results of the selected closed rounds"), permissions=["step"])
    def release_rounds(self, request, queryset):
        _run_steps(
            self, request, queryset.order_by("id"), domain.release_results,
            lambda n: ngettext("%(n)d round released.", "%(n)d rounds released.", n) % {"n": n},
        )


@admin.register(TallyResult)
class TallyResultAdmin(CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("round", "ballots", "answers", "fingerprint", "tallied_at")
    list_select_related = ("round",)
    fields = ("round", "fingerprint", "ballots", "answers", "tallied_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return TallyResult.objects.filter(round__in=rounds_visible_to(request.user).values("pk"))


class SubjectScoped:
    """Rows about round subjects: only those of subjects the admin sees."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(subject__in=subjects_visible_to(request.user))


@admin.register(SubjectResult)
class SubjectResultAdmin(SubjectScoped, CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = (
        "subject", "tally", "n", "composite", "insufficient_sample", "dissatisfied_flag", "open_n", "rank_peer",
        "rank_county", "grade",
    )
    list_filter = ("grade", "insufficient_sample", "dissatisfied_flag")
    list_select_related = ("tally__round", "subject__organization", "subject__member")
    search_fields = ("subject__organization__code", "subject__organization__name", "subject__member__name")
    fields = (
        "tally", "subject", "n", "composite", "dissatisfied_share", "insufficient_sample", "dissatisfied_flag",
        "open_n", "open_composite", "peer_group", "rank_peer", "peer_size", "rank_county", "grade",
    )
    readonly_fields = fields
    show_full_result_count = False


@admin.register(SubjectCells)
class SubjectCellsAdmin(SubjectScoped, CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("subject", "tally", "good", "optioned")
    list_select_related = ("tally__round", "subject__organization", "subject__member")
    search_fields = ("subject__organization__code", "subject__organization__name")
    fields = ("tally", "subject", "good", "optioned", "cells")
    readonly_fields = fields
    show_full_result_count = False


@admin.register(PaperCount)
class PaperCountAdmin(SubjectScoped, CountyAdminReadOnly, ReadOnlyAdmin):
    list_display = ("subject", "group", "ballots", "status", "entered_by", "entered_at", "decided_by", "decided_at")
    list_filter = ("status",)
    list_select_related = (
        "subject__organization", "subject__member", "group__voter_group", "entered_by", "decided_by",
    )
    fields = (
        "round", "subject", "group", "ballots", "counts", "note", "status", "entered_by", "entered_at",
        "decided_by", "decided_at",
    )
    readonly_fields = fields
