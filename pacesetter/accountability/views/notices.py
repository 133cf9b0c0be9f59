"""Supervision notices (督办): the list, one notice with the unit's answer, the answer form
(the unit's admins) and issuing a notice by hand (county admins and inspectors)."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.views.common import CappedPaginator

from .. import domain
from .. import rules as a_rules
from ..enums import KeyTaskStatus, NoticeStatus
from ..forms_cases import AnswerForm, NoticeFilter, NoticeForm
from ..queries import notices_visible_to, tasks_visible_to
from .cases_common import PER_PAGE, AreaMixin

RELATED = ("task__leader", "organization", "issued_by")


def notice_counts(qs, today) -> dict[str, int]:
    """Issued, answered and answers overdue among `qs`; one query."""
    return qs.order_by().aggregate(
        issued=Count("pk", filter=Q(status=NoticeStatus.ISSUED)),
        answered=Count("pk", filter=Q(status=NoticeStatus.ANSWERED)),
        overdue=Count("pk", filter=Q(status=NoticeStatus.ISSUED, respond_by__lt=today)),
    )


class NoticeList(AreaMixin, TemplateView):
    template_name = "accountability/notice/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, today = self.request.user, timezone.localdate()
        filter_ = NoticeFilter(self.request.GET)
        visible = notices_visible_to(user)
        qs = filter_.apply(visible).select_related(*RELATED).order_by("-issued_at", "-id")
        ctx.update(
            filter=filter_,
            page=CappedPaginator(qs, PER_PAGE).get_page(self.request.GET.get("page")),
            query_string=filter_.querystring(),
            counts=notice_counts(visible, today),
            today=today,
            can_issue=a_rules.can_supervise(user),
        )
        return ctx


class NoticeDetail(AreaMixin, TemplateView):
    template_name = "accountability/notice/detail.html"

    def load(self, request, pk):
        self.notice = get_object_or_404(notices_visible_to(request.user).select_related(*RELATED, "answered_by"),
                                        pk=pk)

    def get_context_data(self, answer_form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        notice = self.notice
        if answer_form is None and notice.status == NoticeStatus.ISSUED and a_rules.can_answer_for(
                self.request.user, notice):
            answer_form = AnswerForm()
        ctx.update(notice=notice, today=timezone.localdate(), answer_form=answer_form)
        return ctx


class NoticeAnswer(NoticeDetail):
    """POST only: the unit's answer; a refused answer comes back on the notice's page."""

    http_method_names = ["post"]

    def check(self, user) -> bool:
        return a_rules.can_answer_for(user, self.notice)

    def post(self, request, pk):
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                domain.answer_notice(self.notice, by=request.user, response=form.cleaned_data["response"])
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Your answer was recorded; the inspectors and the leader see it."))
                return redirect(self.notice.get_absolute_url())
        return self.render_to_response(self.get_context_data(answer_form=form))


class NoticeNew(AreaMixin, View):
    """Issue a notice by hand for a key task the user sees (?task=<code> chooses it)."""

    template_name = "accountability/notice/new.html"

    def check(self, user) -> bool:
        return a_rules.can_supervise(user)

    def make_form(self, data=None):
        tasks = tasks_visible_to(self.request.user).filter(status=KeyTaskStatus.ACTIVE)
        return NoticeForm(data, tasks=tasks, initial={"task": self.request.GET.get("task")})

    def get(self, request):
        return render(request, self.template_name, {"form": self.make_form()})

    def post(self, request):
        form = self.make_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                notice = domain.issue_notice(data["task"], by=request.user, text=data["text"],
                                             respond_by=data["respond_by"])
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Supervision notice %(number)s was issued to %(unit)s.")
                                 % {"number": notice.number, "unit": notice.organization.name})
                return redirect(notice.get_absolute_url())
        return render(request, self.template_name, {"form": form})
