"""The county goal framework: the tree everyone signed in reads (it is the county's frame for
all work), each goal with what serves it, and the county admins' forms that change it.

The counts of key tasks and commitment items beside each goal are those the reader sees
(`tasks_visible_to`, `items_visible_to`): a member does not learn how many key tasks exist.
"""
from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Func, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.accountability.enums import Schedule
from pacesetter.accountability.queries import annotate_schedule, tasks_visible_to
from pacesetter.commitments.enums import DeliveryStatus
from pacesetter.commitments.queries import annotate_delivery, items_visible_to

from .. import goals as goal_domain
from .. import rules as org_rules
from ..forms import add_domain_error
from ..forms_goals import GoalFilter, GoalForm, GoalMoveForm
from ..models import Goal
from ..queries import subtree_q
from ..validators import CODE_RE
from .common import CappedPaginator

TREE_PER_PAGE = 200
SERVING_PER_PAGE = 20
SCHEDULE_BADGES = {
    Schedule.SERIOUSLY_BEHIND: "text-bg-danger", Schedule.BEHIND: "text-bg-warning",
    Schedule.ON_TRACK: "text-bg-success", Schedule.COMPLETED: "text-bg-primary",
}


def _count(qs: QuerySet) -> Coalesce:
    """The number of rows of `qs` as a correlated subquery: COUNT as a plain function, so the
    subquery has no GROUP BY and answers one row."""
    counted = qs.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def annotate_serving_counts(goals: QuerySet[Goal], user) -> QuerySet[Goal]:
    """Key tasks and commitment items the user sees tagged to each goal (`*_own`) and to it or
    any of its sub-goals (`*_all`): correlated subqueries, computed for the page's rows only."""
    tasks, items = tasks_visible_to(user), items_visible_to(user)
    own, under = {"goal": OuterRef("pk")}, {"goal__path__startswith": OuterRef("path")}
    return goals.annotate(
        tasks_own=_count(tasks.filter(**own)), tasks_all=_count(tasks.filter(**under)),
        items_own=_count(items.filter(**own)), items_all=_count(items.filter(**under)),
    )


class GoalTree(LoginRequiredMixin, TemplateView):
    template_name = "orgs/goal/tree.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        filter_ = GoalFilter(self.request.GET)
        goals = annotate_serving_counts(filter_.apply(Goal.objects.all()), user).order_by("path")
        ctx.update(
            filter=filter_,
            page=CappedPaginator(goals, TREE_PER_PAGE).get_page(self.request.GET.get("page")),
            query_string=filter_.querystring(),
            can_edit=org_rules.is_county_admin(user),
        )
        return ctx


class GoalDetail(LoginRequiredMixin, TemplateView):
    """A goal, its place in the tree and what serves it: the key tasks and commitment items
    the reader sees, tagged to the goal itself or to any of its sub-goals (each row says which)."""

    template_name = "orgs/goal/detail.html"

    def get_context_data(self, code, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        goal = get_object_or_404(Goal, code=code)
        today = timezone.localdate()
        in_subtree = subtree_q(goal.path, "goal__path")
        tasks = annotate_schedule(
            tasks_visible_to(user).filter(in_subtree).select_related("goal", "lead_unit", "leader"), today
        ).order_by("code")
        items = annotate_delivery(
            items_visible_to(user).filter(in_subtree).select_related(
                "goal", "commitment__organization", "commitment__member", "commitment__campaign"),
            today,
        ).order_by("deadline", "id")
        task_page = CappedPaginator(tasks, SERVING_PER_PAGE).get_page(self.request.GET.get("tasks"))
        item_page = CappedPaginator(items, SERVING_PER_PAGE).get_page(self.request.GET.get("items"))
        schedules, deliveries = dict(Schedule.choices), dict(DeliveryStatus.choices)
        for task in task_page:
            task.schedule_label = schedules[task.schedule]
            task.schedule_class = SCHEDULE_BADGES.get(task.schedule, "text-bg-secondary")
        for item in item_page:
            item.delivery_label = deliveries[item.delivery]
        ctx.update(
            goal=goal,
            ancestors=list(Goal.objects.filter(path__in=_ancestor_paths(goal)).order_by("path")),
            children=list(Goal.objects.get_children(goal)),
            task_page=task_page,
            item_page=item_page,
            can_edit=org_rules.is_county_admin(user),
        )
        return ctx


def _ancestor_paths(goal: Goal) -> list[str]:
    return [goal.path[:n] for n in range(Goal.steplen, len(goal.path), Goal.steplen)]


class _GoalForm(LoginRequiredMixin, View):
    """County admins only (403 for everyone else): GET shows the form, POST hands it to one
    domain function; a refusal is shown on the form and nothing changes."""

    template_name = "orgs/goal/form.html"
    form_class = GoalForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.load(request, **kwargs)
        if not org_rules.is_county_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def load(self, request, code=None) -> None:
        self.goal = get_object_or_404(Goal, code=code) if code else None

    def make_form(self, data=None):
        return self.form_class(data, **self.form_kwargs())

    def form_kwargs(self) -> dict:
        return {}

    def get(self, request, **kwargs):
        return self.render_form(self.make_form())

    def post(self, request, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                goal = self.perform(form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, self.success_message(goal))
                return redirect(reverse("goals:goal-detail", args=[goal.code]))
        return self.render_form(form)

    def render_form(self, form):
        return render(self.request, self.template_name, {"form": form, "goal": self.goal, "view": self})


class GoalNew(_GoalForm):
    """A new goal, under the one named by ?parent=<code> (a root without it)."""

    def load(self, request, code=None) -> None:
        parent = request.GET.get("parent") or ""
        if parent and not CODE_RE.match(parent):
            raise Http404
        self.goal, self.parent = None, get_object_or_404(Goal, code=parent) if parent else None

    def form_kwargs(self):
        return {"initial": {"kind": self.parent.kind if self.parent else None}}

    def perform(self, data):
        return goal_domain.create_goal(by=self.request.user, parent=self.parent, **data)

    def success_message(self, goal):
        return _("The goal “%(name)s” was added.") % {"name": goal.name}

    def render_form(self, form):
        return render(self.request, "orgs/goal/new.html", {"form": form, "parent": self.parent})


class GoalEdit(_GoalForm):
    def form_kwargs(self):
        return {"initial": {name: getattr(self.goal, name) for name in goal_domain.GOAL_FIELDS}}

    def perform(self, data):
        return goal_domain.update_goal(self.goal, by=self.request.user, **data)

    def success_message(self, goal):
        return _("The goal “%(name)s” was saved.") % {"name": goal.name}


class GoalMove(_GoalForm):
    template_name = "orgs/goal/move.html"
    form_class = GoalMoveForm

    def form_kwargs(self):
        return {"goal": self.goal, "initial": {"parent": Goal.objects.get_parent(self.goal)}}

    def perform(self, data):
        return goal_domain.move_goal(self.goal, by=self.request.user, parent=data["parent"])

    def success_message(self, goal):
        return _("The goal “%(name)s” was moved.") % {"name": goal.name}


class GoalActive(LoginRequiredMixin, View):
    """POST only: take the goal out of force (active=0) or put it back (active=1)."""

    http_method_names = ["post"]

    def post(self, request, code):
        goal = get_object_or_404(Goal, code=code)
        if not org_rules.is_county_admin(request.user):
            raise PermissionDenied
        active = request.POST.get("active")
        try:
            if active not in ("0", "1"):
                raise ValidationError(_("Say whether the goal is to be in force or not."), code="active_invalid")
            goal = goal_domain.set_goal_active(copy.copy(goal), by=request.user, active=active == "1")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("“%(name)s” is in force again.") % {"name": goal.name} if goal.is_active
                             else _("“%(name)s” is out of force.") % {"name": goal.name})
        return redirect(reverse("goals:goal-detail", args=[goal.code]))
