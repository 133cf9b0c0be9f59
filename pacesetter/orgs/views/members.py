"""A member's page and its edit form."""
from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from .. import domain
from .. import rules as org_rules
from ..forms import MemberForm, add_domain_error
from ..queries import members_visible_to, organizations_visible_to
from .common import with_ancestors


class MemberDetail(LoginRequiredMixin, TemplateView):
    template_name = "orgs/member/detail.html"

    def get_context_data(self, code, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        member = get_object_or_404(members_visible_to(user).select_related("organization"), code=code)
        with_ancestors([member.organization], organizations_visible_to(user))
        ctx.update(member=member, org=member.organization, can_edit=org_rules.can_edit_member(user, member))
        return ctx


class MemberEdit(LoginRequiredMixin, View):
    template_name = "orgs/member/form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        members = members_visible_to(request.user).select_related("organization")
        self.member = get_object_or_404(members, code=kwargs["code"])
        if not org_rules.can_edit_member(request.user, self.member):
            raise PermissionDenied
        self.visible = organizations_visible_to(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, code):
        return self.render_form(MemberForm(instance=copy.copy(self.member), visible_orgs=self.visible))

    def post(self, request, code):
        # A copy: the form writes its input into the instance, the page keeps showing the saved one.
        form = MemberForm(request.POST, instance=copy.copy(self.member), visible_orgs=self.visible)
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            try:
                member = domain.update_member(self.member, by=request.user, **changes)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Member “%(name)s” was saved.") % {"name": member.name})
                return redirect("orgs:member-detail", code=member.code)
        return self.render_form(form)

    def render_form(self, form):
        org = self.member.organization
        with_ancestors([org], self.visible)
        return render(self.request, self.template_name, {"org": org, "member": self.member, "form": form})
