"""The steps of an accountability case, each a POST calling one domain function: open
(inspectors), findings, sanctions and closing (inspectors), the unit's response (its admins).

A case outside the user's view is a 404; a step the user may not take is a 403; bad input or
a refusal of the domain (a closed case, findings missing) comes back on the case's page with
the message on the form, and nothing changes."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.queries import organizations_visible_to

from .. import domain
from .. import rules as a_rules
from ..forms_cases import (
    CaseForm,
    DecisionForm,
    FindingsForm,
    ResponseForm,
    SanctionForm,
)
from ..models import CaseSanction
from ..queries import cases_visible_to, tasks_visible_to
from .cases import CaseDetail
from .cases_common import AreaMixin


class CaseNew(AreaMixin, View):
    """Open a case against a unit in the inspector's view, optionally about one of its key tasks."""

    template_name = "accountability/case/new.html"

    def check(self, user) -> bool:
        return a_rules.can_handle_cases(user)

    def make_form(self, data=None):
        user = self.request.user
        return CaseForm(data, organizations=organizations_visible_to(user), tasks=tasks_visible_to(user),
                        initial={"task": self.request.GET.get("task")})

    def get(self, request):
        return render(request, self.template_name, {"form": self.make_form()})

    def post(self, request):
        form = self.make_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = domain.open_case(by=request.user, organization=data["organization"], task=data["task"],
                                        findings=data["findings"])
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("%(case)s was opened against %(unit)s.")
                                 % {"case": case, "unit": case.organization.name})
                return redirect(case.get_absolute_url())
        return render(request, self.template_name, {"form": form})


class _CaseStep(CaseDetail):
    """POST only: the form named `form_name`, then `perform`; on success back to the case
    with `done`, else the case's page with the form and its message."""

    http_method_names = ["post"]
    form_class = FindingsForm
    form_name = "findings_form"
    allowed = staticmethod(a_rules.can_handle_cases)
    done = ""

    def check(self, user) -> bool:
        return self.allowed(user)

    def post(self, request, pk):
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.perform(form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, self.done)
                return redirect(self.case.get_absolute_url())
        return self.render_to_response(self.get_context_data(**{self.form_name: form}))


class CaseFindings(_CaseStep):
    done = gettext_lazy("The findings were recorded.")

    def perform(self, data):
        domain.record_findings(self.case, by=self.request.user, findings=data["findings"])


class CaseSanctionAdd(_CaseStep):
    form_class = SanctionForm
    form_name = "sanction_form"

    def perform(self, data):
        sanction = domain.add_sanction(self.case, by=self.request.user, kind=data["kind"], points=data["points"],
                                       person=data["person"], note=data["note"])
        self.done = _("Sanction added: %(kind)s, %(points)d points.") % {
            "kind": sanction.get_kind_display(), "points": sanction.points}


class CaseRespond(_CaseStep):
    form_class = ResponseForm
    form_name = "response_form"
    done = gettext_lazy("The unit's response was recorded.")

    def check(self, user) -> bool:
        return a_rules.can_answer_for(user, self.case)

    def perform(self, data):
        domain.respond_case(self.case, by=self.request.user, response=data["response"])


class CaseClose(_CaseStep):
    form_class = DecisionForm
    form_name = "close_form"
    done = gettext_lazy("The case was closed; its sanctions now count against the unit.")

    def perform(self, data):
        domain.close_case(self.case, by=self.request.user, decision=data["decision"])


class CaseSanctionRemove(AreaMixin, View):
    """POST only: take a sanction out of a case still open; a refusal comes back as a message."""

    http_method_names = ["post"]

    def load(self, request, pk):
        self.sanction = get_object_or_404(
            CaseSanction.objects.select_related("case").filter(case__in=cases_visible_to(request.user).values("pk")),
            pk=pk)

    def check(self, user) -> bool:
        return a_rules.can_handle_cases(user)

    def post(self, request, pk):
        try:
            domain.remove_sanction(self.sanction, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The sanction “%(kind)s” was removed.")
                             % {"kind": self.sanction.get_kind_display()})
        return redirect(self.sanction.case.get_absolute_url())
