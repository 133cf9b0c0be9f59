"""The county's escalation ladder (days late → action) with the schedule rule it applies to;
everyone taking part in key-task work reads it, county admins change it."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from .. import domain
from .. import rules as a_rules
from ..domain.cases import MAX_STEPS, NOTICE_ANSWER_DAYS
from ..forms_cases import ladder_formset
from ..models import EscalationStep
from ..queries import schedule_rule
from .cases_common import AreaMixin


def steps_in_force() -> list[EscalationStep]:
    return list(EscalationStep.objects.filter(is_active=True).order_by("days_late", "id"))


class LadderDetail(AreaMixin, TemplateView):
    template_name = "accountability/ladder/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            steps=steps_in_force(),
            rule=schedule_rule(),
            answer_days=NOTICE_ANSWER_DAYS,
            can_edit=a_rules.can_manage_tasks(self.request.user),
        )
        return ctx


class LadderEdit(AreaMixin, View):
    """The steps in force as rows of a formset; set_ladder replaces them all at once."""

    template_name = "accountability/ladder/edit.html"

    def check(self, user) -> bool:
        return a_rules.can_manage_tasks(user)

    def render_page(self, formset, refusal: list[str] = ()):
        return render(self.request, self.template_name,
                      {"formset": formset, "refusal": refusal, "max_steps": MAX_STEPS})

    def get(self, request):
        return self.render_page(ladder_formset(steps_in_force()))

    def post(self, request):
        formset = ladder_formset(steps_in_force(), request.POST)
        if formset.is_valid():
            try:
                domain.set_ladder(formset.rows(), by=request.user)
            except ValidationError as error:
                return self.render_page(formset, error.messages)
            else:
                messages.success(request, _("The escalation ladder was saved; `pacesetter escalate` applies it "
                                            "from its next run."))
                return redirect(reverse("accountability:ladder"))
        return self.render_page(formset)
