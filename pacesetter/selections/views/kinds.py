"""Honour kinds: the list for everyone with a role; adding, renaming and taking a kind out
of use for county admins."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.views.common import CappedPaginator

from .. import domain
from .. import rules as s_rules
from ..forms import HonourKindChangeForm, HonourKindForm
from ..queries import honour_kinds_visible_to
from .common import PER_PAGE, SelectionsMixin


class KindList(SelectionsMixin, View):
    template_name = "selections/kind/list.html"

    def get_kinds(self):
        return honour_kinds_visible_to(self.request.user)

    def context(self, form=None) -> dict:
        user = self.request.user
        manager = s_rules.can_manage_selections(user)
        page = CappedPaginator(self.get_kinds(), PER_PAGE).get_page(self.request.GET.get("page"))
        return {"page": page, "manager": manager, "query_string": "",
                "form": form or (HonourKindForm() if manager else None)}

    def get(self, request):
        return render(request, self.template_name, self.context())

    def post(self, request):
        if not s_rules.can_manage_selections(request.user):
            raise PermissionDenied
        form = HonourKindForm(request.POST)
        if form.is_valid():
            try:
                domain.add_honour_kind(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The honour kind was added."))
                return redirect(reverse("selections:kind-list"))
        return render(request, self.template_name, self.context(form), status=400)


class KindChange(SelectionsMixin, View):
    """Rename a kind or take it out of use (county admins)."""

    manages = True

    def load(self, request, pk, **kwargs):
        self.kind = get_object_or_404(honour_kinds_visible_to(request.user), pk=pk)

    def post(self, request, pk):
        form = HonourKindChangeForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
            return redirect(reverse("selections:kind-list"))
        try:
            domain.change_honour_kind(self.kind, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The honour kind was saved."))
        return redirect(reverse("selections:kind-list"))
