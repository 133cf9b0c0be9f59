"""Recommended pairings for county admins: run one from a released round with k, review its
rows (accept, swap the helper for another candidate, reject), then create the pairings.
Inspectors read the runs; everyone else finds none (404)."""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pacesetter.evaluation.enums import RoundState
from pacesetter.evaluation.queries import rounds_visible_to
from pacesetter.orgs.forms import BootstrapFormMixin, add_domain_error
from pacesetter.orgs.models import Organization
from pacesetter.orgs.queries import organizations_visible_to
from pacesetter.orgs.views.common import CappedPaginator

from .. import domain
from .. import rules as p_rules
from ..enums import RowDecision, RunState
from ..queries import rows_of, runs_visible_to

PER_PAGE = 50
REASONS = {
    "gap": gettext_lazy("score gap %(value)s"),
    "same_township": gettext_lazy("same township (%(value)s)"),
    "complementary": gettext_lazy("complementary sectors"),
    "urban_rural": gettext_lazy("urban-rural pairing"),
    "not_last_year": gettext_lazy("not paired last year"),
}


class RunForm(BootstrapFormMixin, forms.Form):
    round = forms.ModelChoiceField(label=gettext_lazy("Released round"), queryset=None)
    capacity = forms.IntegerField(label=gettext_lazy("Units per helper (k)"), min_value=1,
                                  max_value=domain.recommendations.MAX_CAPACITY, initial=2)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds_visible_to(user).filter(
            state=RoundState.RELEASED, tally__isnull=False).order_by("-opens_at", "-id")


def explain(row) -> list[str]:
    return [str(REASONS[r["code"]]) % {"value": r["value"]} for r in row.reasons if r["code"] in REASONS]


class RunList(LoginRequiredMixin, View):
    template_name = "pairing/run/list.html"

    def context(self, form=None) -> dict:
        user = self.request.user
        qs = runs_visible_to(user).select_related("round").order_by("-created_at", "-id")
        manager = p_rules.can_manage_pairings(user)
        return {"page": CappedPaginator(qs, PER_PAGE).get_page(self.request.GET.get("page")), "query_string": "",
                "form": form or (RunForm(user=user) if manager else None)}

    def get(self, request):
        return render(request, self.template_name, self.context())

    def post(self, request):
        if not p_rules.can_manage_pairings(request.user):
            raise PermissionDenied
        form = RunForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                run = domain.run_recommendations(form.cleaned_data["round"], k=form.cleaned_data["capacity"],
                                                 by=request.user)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("%(n)d pairs recommended. Review them.") % {"n": run.rows.count()})
                return redirect(run.get_absolute_url())
        return render(request, self.template_name, self.context(form=form), status=400)


class RunPage(LoginRequiredMixin, View):
    manages = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.run = get_object_or_404(runs_visible_to(request.user).select_related("round"), pk=kwargs["pk"])
        if self.manages and not p_rules.can_manage_pairings(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RunDetail(RunPage):
    template_name = "pairing/run/detail.html"

    def get(self, request, pk):
        rows = list(rows_of(self.run))
        names = dict(Organization.objects.filter(pk__in={a["helper"] for r in rows for a in r.alternatives})
                     .values_list("pk", "name"))
        for row in rows:
            row.explained = explain(row)
            row.choices = [(a["helper"], names.get(a["helper"], ""), a["cost"]) for a in row.alternatives]
        return render(request, self.template_name, {
            "run": self.run, "rows": rows, "decisions": RowDecision.choices,
            "can_review": p_rules.can_manage_pairings(request.user) and self.run.state == RunState.REVIEW,
            "accepted": sum(1 for r in rows if r.decision == RowDecision.ACCEPTED),
        })


class RowDecide(RunPage):
    """Accept or reject a row, or swap its helper (a `helper` id among its candidates)."""

    manages = True

    def post(self, request, pk, row):
        row = get_object_or_404(self.run.rows.all(), pk=row)
        try:
            if helper_id := request.POST.get("helper", ""):
                helper = get_object_or_404(organizations_visible_to(request.user),
                                           pk=int(helper_id) if helper_id.isdigit() and len(helper_id) < 19 else 0)
                domain.swap_helper(row, helper=helper, by=request.user)
            else:
                domain.decide_row(row, decision=request.POST.get("decision", ""), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(self.run.get_absolute_url())


class RunCreate(RunPage):
    manages = True

    def post(self, request, pk):
        try:
            pairings = domain.create_pairings(self.run, starts_on=timezone.localdate(), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.run.get_absolute_url())
        messages.success(request, _("%(n)d pairings were created.") % {"n": len(pairings)})
        return redirect("pairing:pairing-list")
