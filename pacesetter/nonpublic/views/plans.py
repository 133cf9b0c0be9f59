"""抓组建: the open establishing plans (overdue ones first), adding one to an uncovered entity
and changing it while it is open."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.orgs.views.common import CappedPaginator

from .. import domain, queries
from .. import rules as np_rules
from ..forms import PlanForm
from .common import PER_PAGE, NonpublicMixin, form_page, lookups, show_error
from .entities import EntityPage


class PlanList(NonpublicMixin, TemplateView):
    template_name = "nonpublic/plan/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        plans = queries.plans_visible_to(self.request.user).filter(done_on__isnull=True)
        overdue = self.request.GET.get("overdue") == "1"
        if overdue:
            plans = plans.filter(target_date__lt=today)
        plans = plans.select_related("entity__township", "instructor").order_by("target_date", "id")
        ctx.update(page=CappedPaginator(plans, PER_PAGE).get_page(self.request.GET.get("page")), today=today,
                   overdue=overdue, query_string="overdue=1" if overdue else "",
                   filter=None)
        return ctx


class PlanNew(EntityPage, View):
    def render_form(self, request, form, status=200):
        return form_page(request, form, title=_("Establishing plan for %(entity)s") % {"entity": self.entity},
                         submit_label=_("Save the plan"), back=self.entity.get_absolute_url(), entity=self.entity,
                         status=status)

    def get(self, request, pk):
        initial = {"instructor": self.entity.instructor.code if self.entity.instructor_id else ""}
        return self.render_form(request, PlanForm(initial=initial, **lookups(request.user)))

    def post(self, request, pk):
        form = PlanForm(request.POST, **lookups(request.user))
        if form.is_valid():
            try:
                domain.create_plan(self.entity, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                show_error(form, error)
            else:
                messages.success(request, _("The establishing plan is saved."))
                return redirect(self.entity.get_absolute_url())
        return self.render_form(request, form, status=400)


class PlanEdit(NonpublicMixin, View):
    def load(self, request, pk):
        self.plan = get_object_or_404(queries.plans_visible_to(request.user).select_related(
            "entity__township", "entity__covering", "instructor"), pk=pk)

    def check(self, user) -> bool:
        return np_rules.can_edit_plan(user, self.plan)

    def render_form(self, request, form, status=200):
        entity = self.plan.entity
        return form_page(request, form, title=_("Establishing plan for %(entity)s") % {"entity": entity},
                         submit_label=_("Save the plan"), back=entity.get_absolute_url(), entity=entity,
                         status=status)

    def get(self, request, pk):
        plan = self.plan
        return self.render_form(request, PlanForm(initial={
            "target_date": plan.target_date, "instructor": plan.instructor.code, "steps": plan.steps},
            **lookups(request.user)))

    def post(self, request, pk):
        form = PlanForm(request.POST, **lookups(request.user))
        if form.is_valid():
            try:
                domain.update_plan(self.plan, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                show_error(form, error)
            else:
                messages.success(request, _("The establishing plan is saved."))
                return redirect(self.plan.entity.get_absolute_url())
        return self.render_form(request, form, status=400)
