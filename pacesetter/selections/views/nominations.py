"""Nominations: the form with evidence, the page with the record snapshot, the eligibility
table, the reviews and the next step (review or withdraw), the evidence files and the
queue of nominations awaiting the user's review."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.core.errors import PermissionDeniedError
from pacesetter.core.uploads import file_response
from pacesetter.evaluation.enums import Grade
from pacesetter.linkage.queries import units_visible_to
from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.queries import editable_paths, members_visible_to, organizations_visible_to
from pacesetter.orgs.views.common import CappedPaginator

from .. import domain
from .. import rules as s_rules
from ..eligibility import describe_rule, explain
from ..enums import NominationStatus, ReviewLevel, SelectionState
from ..forms import NominationFilter, NominationForm, ReviewForm
from ..queries import awaiting_review, evidence_visible_to
from .common import PER_PAGE, NominationPage, SelectionPage, SelectionsMixin


class NominationNew(SelectionPage, View):
    template_name = "selections/nomination/form.html"

    def load(self, request, pk, **kwargs):
        super().load(request, pk)
        paths = editable_paths(request.user)
        if paths is not None and not paths:
            raise PermissionDenied

    def form(self, data=None, files=None) -> NominationForm:
        user = self.request.user
        return NominationForm(data, files, organizations=organizations_visible_to(user),
                              members=members_visible_to(user), units=units_visible_to(user),
                              nominee=self.selection.kind.nominee)

    def get(self, request, pk):
        if self.selection.state != SelectionState.NOMINATING:
            raise Http404
        return render(request, self.template_name, {"form": self.form(), "selection": self.selection})

    def post(self, request, pk):
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                nomination = domain.nominate(
                    self.selection, by=request.user, organization=data.get("organization"), member=data.get("member"),
                    affiliate_unit=data.get("affiliate_unit"), statement=data["statement"], files=data["files"])
            except PermissionDeniedError as error:
                raise PermissionDenied from error
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The nomination was submitted."))
                return redirect(nomination.get_absolute_url())
        return render(request, self.template_name, {"form": form, "selection": self.selection}, status=400)


class NominationDetail(NominationPage, TemplateView):
    template_name = "selections/nomination/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, nomination = self.request.user, self.nomination
        record = nomination.record
        ctx.update(
            nomination=nomination, selection=self.selection, record=record,
            grade_label=Grade(record["grade"]).label if record.get("grade") else "",
            eligibility=[{**row, "label": describe_rule(row["rule"], row["threshold"]), "reason": explain(row)}
                         for row in nomination.eligibility],
            reviews=list(nomination.reviews.select_related("by")), evidence=list(nomination.evidence.all()),
            review_form=ReviewForm() if domain.may_review(user, nomination) else None,
            level=ReviewLevel(level).label if (level := domain.review_level(nomination)) else None,
            can_withdraw=(self.selection.state == SelectionState.NOMINATING and nomination.status in (
                NominationStatus.SUBMITTED, NominationStatus.TOWNSHIP_APPROVED) and s_rules.can_withdraw(
                user, nomination)),
        )
        return ctx


class NominationReview(NominationPage, View):
    def post(self, request, pk):
        if not domain.may_review(request.user, self.nomination):
            raise PermissionDenied
        form = ReviewForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
            return redirect(self.nomination.get_absolute_url())
        try:
            domain.review_nomination(self.nomination, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your review was recorded."))
        return redirect(self.nomination.get_absolute_url())


class NominationWithdraw(NominationPage, View):
    def post(self, request, pk):
        if not s_rules.can_withdraw(request.user, self.nomination):
            raise PermissionDenied
        try:
            domain.withdraw_nomination(self.nomination, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The nomination was withdrawn."))
        return redirect(self.nomination.get_absolute_url())


class EvidenceFile(SelectionsMixin, View):
    """An evidence file, to those who see the nomination (else 404)."""

    http_method_names = ["get", "head"]

    def get(self, request, pk):
        evidence = get_object_or_404(evidence_visible_to(request.user), pk=pk)
        return file_response(evidence.file, content_type=evidence.content_type, attachment=evidence.kind != "photo",
                             filename=evidence.original_name)


class ReviewQueue(SelectionsMixin, TemplateView):
    """Nominations awaiting the user's review: the township's for its admins, the county's
    for county admins."""

    template_name = "selections/nomination/queue.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        filter_ = NominationFilter(self.request.GET)
        waiting = filter_.apply(awaiting_review(user)).select_related(
            "selection__kind", "organization", "member", "affiliate_unit").order_by("created_at", "id")
        ctx.update(filter=filter_, query_string=filter_.querystring(),
                   page=CappedPaginator(waiting, PER_PAGE).get_page(self.request.GET.get("page")))
        return ctx

