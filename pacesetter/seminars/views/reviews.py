"""The reviewer's pages, blind: a paper appears by its anonymous number, title and abstract,
and its file downloads as paper-<number>.<ext>; the author, the organisation and the file's
original name appear nowhere. County admins read these pages too (and take back a review
without scores)."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.views.common import CappedPaginator

from .. import domain
from .. import rules as s_rules
from ..forms import ReviewFilter, ReviewForm
from ..queries import reviews_visible_to
from .common import PER_PAGE, SeminarsMixin

#: What a reviewer may read of a paper: loading only these columns keeps the rest out of reach.
BLIND_FIELDS = ("submission__number", "submission__title", "submission__abstract", "submission__extension",
                "submission__content_type", "submission__file", "submission__seminar_id")


class ReviewList(SeminarsMixin, TemplateView):
    template_name = "seminars/review/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filter_ = ReviewFilter(self.request.GET)
        qs = filter_.apply(reviews_visible_to(self.request.user).filter(reviewer=self.request.user)).select_related(
            "submission__seminar").only(*BLIND_FIELDS, "submission__seminar__title", "submission__seminar__state",
                                        "submission__seminar__reviews_due", "submitted_at", "total", "reviewer_id")
        ctx.update(filter=filter_, query_string=filter_.querystring(),
                   page=CappedPaginator(qs.order_by("-submission__seminar_id", "submission__number"), PER_PAGE)
                   .get_page(self.request.GET.get("page")))
        return ctx


class _ReviewPage(SeminarsMixin):
    def load(self, request, pk):
        self.review = get_object_or_404(
            reviews_visible_to(request.user).select_related("submission__seminar").only(
                *BLIND_FIELDS, "submission__seminar__title", "submission__seminar__state",
                "submission__seminar__reviews_due", "submitted_at", "total", "comment", "reviewer_id",
                "submission_id"),
            pk=pk)


class ReviewDetail(_ReviewPage, View):
    template_name = "seminars/review/detail.html"

    def form(self, data=None) -> ReviewForm:
        seminar = self.review.submission.seminar
        initial = {f"c{s.criterion_id}": s.points for s in self.review.scores.all()}
        return ReviewForm(data, seminar=seminar, initial={**initial, "comment": self.review.comment})

    def page(self, request, form, status=200):
        return render(request, self.template_name, {
            "review": self.review, "paper": self.review.submission, "form": form,
            "can_score": s_rules.is_reviewer(request.user, self.review),
        }, status=status)

    def get(self, request, pk):
        return self.page(request, self.form())

    def post(self, request, pk):
        if not s_rules.is_reviewer(request.user, self.review):
            raise PermissionDenied
        form = self.form(request.POST)
        if form.is_valid():
            try:
                domain.submit_review(self.review, by=request.user, scores=form.scores(),
                                     comment=form.cleaned_data["comment"])
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Your scores for %(code)s were saved.")
                                 % {"code": self.review.submission.code})
                return redirect("seminars:review-list")
        return self.page(request, form, status=400)


class ReviewFile(_ReviewPage, View):
    def get(self, request, pk):
        paper = self.review.submission
        response = FileResponse(paper.file.open("rb"), content_type=paper.content_type, as_attachment=True,
                                filename=f"{paper.code}.{paper.extension}")
        response["Cache-Control"] = "private, no-store"
        return response


class ReviewRemove(_ReviewPage, View):
    def check(self, user) -> bool:
        return s_rules.can_manage_seminars(user)

    def post(self, request, pk):
        paper_url = self.review.submission.get_absolute_url()
        try:
            domain.unassign_reviewer(self.review, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The reviewer was taken off the paper."))
        return redirect(paper_url)
