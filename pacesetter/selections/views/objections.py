"""Objections of a selection on notice: county admins read and answer each one (upheld or
dismissed, with a finding); inspectors read them."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.orgs.views.common import CappedPaginator

from .. import domain
from .. import rules as s_rules
from ..enums import ObjectionState
from ..forms import AnswerForm
from ..queries import objections_visible_to
from .common import PER_PAGE, SelectionPage, SelectionsMixin


class ObjectionList(SelectionPage, TemplateView):
    template_name = "selections/objection/list.html"

    def load(self, request, pk, **kwargs):
        super().load(request, pk)
        if not s_rules.can_read_objections(request.user):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        state = self.request.GET.get("state", "")
        rows = objections_visible_to(self.request.user).filter(nomination__selection=self.selection)
        if state in ObjectionState.values:
            rows = rows.filter(state=state)
        rows = rows.select_related("nomination__organization", "nomination__member", "nomination__affiliate_unit", "answered_by").order_by(
            "created_at", "id")
        ctx.update(selection=self.selection, states=ObjectionState.choices, state=state,
                   query_string=f"state={state}" if state else "",
                   page=CappedPaginator(rows, PER_PAGE).get_page(self.request.GET.get("page")),
                   answer_form=AnswerForm() if s_rules.can_manage_selections(self.request.user) else None)
        return ctx


class ObjectionAnswer(SelectionsMixin, View):
    manages = True

    def load(self, request, pk, **kwargs):
        self.objection = get_object_or_404(objections_visible_to(request.user).select_related("nomination"), pk=pk)

    def post(self, request, pk):
        back = redirect("selections:objection-list", pk=self.objection.nomination.selection_id)
        form = AnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
            return back
        try:
            domain.answer_objection(self.objection, by=request.user, upheld=form.cleaned_data["outcome"] == "upheld",
                                    finding=form.cleaned_data["finding"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The objection was answered."))
        return back
