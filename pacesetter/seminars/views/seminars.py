"""Seminars: the list, a new seminar, its page (rubric, papers in the user's view, the county
admin's steps) and the county admin's actions: open the call, start the review, assign
reviewers, award and publish."""
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
from .. import rules as s_rules
from ..enums import SeminarState
from ..forms import AssignForm, PaperFilter, PublishForm, SeminarFilter, SeminarForm
from ..queries import (
    ranking,
    reviews_visible_to,
    seminars_visible_to,
    submissions_visible_to,
    users_named,
)
from .common import PER_PAGE, SeminarsMixin


class SeminarList(SeminarsMixin, TemplateView):
    template_name = "seminars/seminar/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        filter_ = SeminarFilter(self.request.GET)
        keys = filter_.apply(seminars_visible_to(user)).order_by("-opens_on", "-id")
        qs = keys.annotate(paper_count=Count("submissions", filter=Q(submissions__status="submitted")))
        ctx.update(filter=filter_, page=CappedPaginator(qs, PER_PAGE, keys=keys).get_page(self.request.GET.get("page")),
                   query_string=filter_.querystring(), can_create=s_rules.can_manage_seminars(user),
                   my_reviews=reviews_visible_to(user).filter(reviewer=user).exists())
        return ctx


class SeminarNew(SeminarsMixin, View):
    template_name = "seminars/seminar/new.html"

    def check(self, user) -> bool:
        return s_rules.can_manage_seminars(user)

    def get(self, request):
        return render(request, self.template_name, {"form": SeminarForm()})

    def post(self, request):
        form = SeminarForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                seminar = domain.create_seminar(by=request.user, criteria=data.pop("rubric"), **data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The seminar was created as a draft."))
                return redirect(seminar.get_absolute_url())
        return render(request, self.template_name, {"form": form}, status=400)


class _SeminarPage(SeminarsMixin):
    def load(self, request, pk):
        self.seminar = get_object_or_404(seminars_visible_to(request.user).prefetch_related("criteria"), pk=pk)


class SeminarDetail(_SeminarPage, TemplateView):
    template_name = "seminars/seminar/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, seminar = self.request.user, self.seminar
        manager = s_rules.can_manage_seminars(user)
        filter_ = PaperFilter(self.request.GET)
        papers = filter_.apply(submissions_visible_to(user).filter(seminar=seminar)).select_related(
            "organization").annotate(review_count=Count("reviews"),
                                     scored_count=Count("reviews", filter=Q(reviews__submitted_at__isnull=False)))
        today = timezone.localdate()
        window_open = seminar.state == SeminarState.OPEN and seminar.opens_on <= today <= seminar.closes_on
        ctx.update(
            seminar=seminar, criteria=list(seminar.criteria.all()), manager=manager, filter=filter_,
            page=CappedPaginator(papers.order_by("number"), PER_PAGE).get_page(self.request.GET.get("page")),
            query_string=filter_.querystring(),
            can_submit=window_open and s_rules.can_submit_for(user, None),
            can_open=manager and seminar.state == SeminarState.DRAFT,
            can_review=manager and seminar.state == SeminarState.OPEN and today > seminar.closes_on,
            can_assign=manager and seminar.state in (SeminarState.OPEN, SeminarState.REVIEWING),
            can_publish=manager and seminar.state == SeminarState.REVIEWING,
            assign_form=kwargs.get("assign_form") or AssignForm(),
            my_reviews=reviews_visible_to(user).filter(reviewer=user, submission__seminar=seminar).count(),
        )
        return ctx


class SeminarStateChange(_SeminarPage, View):
    """POST `action` = open (draft → call open) or review (call open → reviewing)."""

    def check(self, user) -> bool:
        return s_rules.can_manage_seminars(user)

    def post(self, request, pk):
        steps = {"open": (domain.open_call, _("The call for papers is open.")),
                 "review": (domain.start_review, _("The papers are now under review."))}
        step = steps.get(request.POST.get("action"))
        if step is None:
            messages.error(request, _("Choose a step."))
            return redirect(self.seminar.get_absolute_url())
        try:
            step[0](self.seminar, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, step[1])
        return redirect(self.seminar.get_absolute_url())


class SeminarAssign(_SeminarPage, View):
    """Round-robin assignment of the reviewers named; refused input comes back on the seminar's page."""

    def check(self, user) -> bool:
        return s_rules.can_manage_seminars(user)

    def post(self, request, pk):
        form = AssignForm(request.POST)
        if form.is_valid():
            users, unknown = users_named(form.cleaned_data["reviewers"])
            if unknown:
                form.add_error("reviewers", _("No active user is called: %(names)s") % {"names": ", ".join(unknown)})
            else:
                try:
                    made = domain.auto_assign(self.seminar, by=request.user, reviewers=users,
                                              per_paper=form.cleaned_data["per_paper"])
                except ValidationError as error:
                    add_domain_error(form, error)
                else:
                    messages.success(request, _("%(n)d reviews were assigned.") % {"n": made})
                    return redirect(self.seminar.get_absolute_url())
        view = SeminarDetail(request=request, kwargs={"pk": pk}, seminar=self.seminar)
        return render(request, view.template_name, view.get_context_data(assign_form=form), status=400)


class SeminarPublish(_SeminarPage, View):
    """The live ranking, and the award counts to publish it with."""

    template_name = "seminars/seminar/publish.html"

    def check(self, user) -> bool:
        return s_rules.can_manage_seminars(user)

    def page(self, request, form, status=200):
        rows = ranking(self.seminar) if self.seminar.state != SeminarState.DRAFT else []
        return render(request, self.template_name, {"seminar": self.seminar, "form": form, "rows": rows},
                      status=status)

    def get(self, request, pk):
        return self.page(request, PublishForm())

    def post(self, request, pk):
        form = PublishForm(request.POST)
        if form.is_valid():
            try:
                domain.publish_results(self.seminar, by=request.user, awards=form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The results are published."))
                return redirect("seminars:proceedings", pk=self.seminar.pk)
        return self.page(request, form, status=400)


class SeminarEdit(_SeminarPage, View):
    """Texts and dates until the results are out; the rubric while a draft."""

    template_name = "seminars/seminar/edit.html"

    def check(self, user) -> bool:
        return s_rules.can_manage_seminars(user)

    def page(self, request, form, status=200):
        return render(request, self.template_name, {"form": form, "seminar": self.seminar}, status=status)

    def get(self, request, pk):
        seminar = self.seminar
        rubric = "\n".join(f"{c.name} {c.max_points}" for c in seminar.criteria.all())
        return self.page(request, SeminarForm(initial={
            "title": seminar.title, "theme": seminar.theme, "call_text": seminar.call_text,
            "opens_on": seminar.opens_on, "closes_on": seminar.closes_on, "reviews_due": seminar.reviews_due,
            "rubric": rubric}))

    def post(self, request, pk):
        form = SeminarForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                domain.update_seminar(self.seminar, by=request.user, criteria=data.pop("rubric"), **data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The seminar was changed."))
                return redirect(self.seminar.get_absolute_url())
        return self.page(request, form, status=400)
