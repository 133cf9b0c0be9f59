"""The staff's moderation of public feedback under /commitments/feedback/.

Moderators see the feedback of the organisations they may edit (inspectors read it all,
moderate none): `queries.feedback_visible_to`. Feedback outside that view is missing (404);
reading without the right to moderate (an inspector) gets 403 on the buttons.
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.core.errors import DomainError
from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.queries import organizations_visible_to
from pacesetter.orgs.views.common import CappedPaginator

from .. import domain
from ..enums import FeedbackStatus
from ..forms_feedback import FeedbackFilter, ModerationForm
from ..models import Feedback
from ..queries import feedback_visible_to
from ..rules import can_moderate_feedback

PER_PAGE = 25
TEMPLATE = "commitments/feedback/list.html"


def _decorated(qs: QuerySet[Feedback]) -> QuerySet[Feedback]:
    """What a row shows, in one query with the feedback."""
    return qs.select_related("commitment__organization", "commitment__member", "commitment__campaign", "item",
                             "moderated_by")


def _pending_first(qs: QuerySet[Feedback]) -> QuerySet[Feedback]:
    waiting = Case(When(status=FeedbackStatus.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField())
    return qs.order_by(waiting, "-created_at", "-id")


def _pending_count(user) -> int:
    return feedback_visible_to(user).filter(status=FeedbackStatus.PENDING).count()


def _with_rights(rows, user) -> list[Feedback]:
    """Each row learns whether the user may moderate it (no query: roles are cached)."""
    rows = list(rows)
    for fb in rows:
        fb.can_moderate = can_moderate_feedback(user, fb.commitment)
    return rows


class FeedbackList(LoginRequiredMixin, TemplateView):
    """Feedback awaiting moderation first, then the rest, newest first."""

    template_name = TEMPLATE

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        feedback_filter = FeedbackFilter(self.request.GET, visible_orgs=organizations_visible_to(user))
        qs = _pending_first(_decorated(feedback_filter.apply(feedback_visible_to(user))))
        page = CappedPaginator(qs, PER_PAGE).get_page(self.request.GET.get("page"))
        page.object_list = _with_rights(page.object_list, user)
        ctx.update(
            filter=feedback_filter,
            page=page,
            query_string=feedback_filter.querystring(),
            pending=_pending_count(user),
            here=self.request.get_full_path(),
        )
        return ctx


class FeedbackModerate(LoginRequiredMixin, View):
    """POST: show the feedback (with an optional public reply) or keep it off the public
    page with a reason. htmx gets the row back (and the new pending count); a plain form
    goes back to the list."""

    def post(self, request, pk):
        user = request.user
        feedback = get_object_or_404(_decorated(feedback_visible_to(user)), pk=pk)
        if not can_moderate_feedback(user, feedback.commitment):
            raise PermissionDenied
        form = ModerationForm(request.POST)
        if form.is_valid():
            try:
                domain.moderate_feedback(
                    feedback, by=user, show=form.cleaned_data["action"] == ModerationForm.SHOW,
                    reason=form.cleaned_data["reason"], reply=form.cleaned_data["reply"],
                )
            except DomainError as error:
                add_domain_error(form, error)
        if not form.errors:
            feedback = _decorated(Feedback.objects).get(pk=feedback.pk)
            if not request.htmx:
                messages.success(request, _("Feedback saved: %(status)s.") % {"status": feedback.get_status_display()})
                return redirect(self._next(request))
        context = {"fb": _with_rights([feedback], user)[0], "form": form, "here": self._next(request)}
        if request.htmx:
            # A 200 even for errors: htmx 2 swaps only successful answers into the row.
            return render(request, f"{TEMPLATE}#row", context | {"pending": _pending_count(user), "oob": True})
        return render(request, "commitments/feedback/moderate.html", context, status=400)

    @staticmethod
    def _next(request) -> str:
        target = request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                      require_https=request.is_secure()):
            return target
        return reverse("commitments:feedback-list")
