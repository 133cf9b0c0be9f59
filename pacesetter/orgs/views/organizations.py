"""An organisation's page, and the forms that change it through the domain functions."""
from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from .. import domain
from .. import rules as org_rules
from ..forms import (
    MemberForm,
    OrganizationDissolveForm,
    OrganizationForm,
    OrganizationMergeForm,
    OrganizationMoveForm,
    add_domain_error,
)
from ..queries import members_visible_to, organizations_visible_to, subtree_q
from .common import children_page, with_ancestors

DETAIL_MEMBERS = 20


class OrganizationDetail(LoginRequiredMixin, TemplateView):
    template_name = "orgs/organization/detail.html"

    def get_context_data(self, code, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        visible = organizations_visible_to(user)
        org = get_object_or_404(visible, code=code)
        with_ancestors([org], visible)
        members = members_visible_to(user)
        direct_members = members.filter(organization=org)
        merged_into = None
        if org.merged_into_id:
            merged_into = visible.filter(pk=org.merged_into_id).first()
        ctx.update(
            org=org,
            child_page=children_page(org, archived=True),
            members=list(direct_members.order_by("code")[:DETAIL_MEMBERS]),
            direct_member_count=direct_members.count(),
            subtree_member_count=members.filter(subtree_q(org.path, "organization__path")).count(),
            merged_into=merged_into,
            can_edit=org_rules.can_edit_organization(user, org),
            member_list_url=f"{reverse('orgs:member-list')}?{urlencode({'org': org.code})}",
        )
        return ctx


class OrganizationAction(LoginRequiredMixin, View):
    """GET shows the form, POST hands it to a domain function; editing rights required (403)."""

    template_name = ""
    form_class = None
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.visible = organizations_visible_to(request.user)
        self.org = get_object_or_404(self.visible, code=kwargs["code"])
        if not org_rules.can_edit_organization(request.user, self.org):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_kwargs(self) -> dict:
        return {"visible_orgs": self.visible}

    def get(self, request, code):
        return self.render_form(self.form_class(**self.form_kwargs()))

    def post(self, request, code):
        form = self.form_class(request.POST, **self.form_kwargs())
        if form.is_valid():
            try:
                result = self.perform(form)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, self.success_message % {"name": result.name})
                return redirect(self.success_url(result))
        return self.render_form(form)

    def render_form(self, form):
        with_ancestors([self.org], self.visible)
        return render(self.request, self.template_name, {"org": self.org, "form": form, "action": self})

    def success_url(self, result) -> str:
        return result.get_absolute_url()


class OrganizationCreate(OrganizationAction):
    """A new organisation under this one."""

    template_name = "orgs/organization/form.html"
    form_class = OrganizationForm
    success_message = gettext_lazy("Organisation “%(name)s” was created.")

    def form_kwargs(self):
        initial = {"sector": self.org.sector, "township": self.org.township}
        return {"initial": initial}

    def perform(self, form):
        return domain.create_organization(parent=self.org, by=self.request.user, **form.cleaned_data)


class OrganizationEdit(OrganizationAction):
    template_name = "orgs/organization/form.html"
    form_class = OrganizationForm
    success_message = gettext_lazy("Organisation “%(name)s” was saved.")

    def form_kwargs(self):
        # A copy: the form writes its input into the instance, the page keeps showing the saved one.
        return {"instance": copy.copy(self.org)}

    def perform(self, form):
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        return domain.update_organization(self.org, by=self.request.user, **changes)


class OrganizationMove(OrganizationAction):
    template_name = "orgs/organization/move.html"
    form_class = OrganizationMoveForm
    success_message = gettext_lazy("Organisation “%(name)s” was moved.")

    def perform(self, form):
        return domain.move_organization(self.org, new_parent=form.cleaned_data["new_parent"], by=self.request.user)


class OrganizationMerge(OrganizationAction):
    template_name = "orgs/organization/merge.html"
    form_class = OrganizationMergeForm
    success_message = gettext_lazy("Organisation “%(name)s” was merged.")

    def perform(self, form):
        return domain.merge_organization(self.org, into=form.cleaned_data["into"], by=self.request.user)


class OrganizationDissolve(OrganizationAction):
    template_name = "orgs/organization/dissolve.html"
    form_class = OrganizationDissolveForm
    success_message = gettext_lazy("Organisation “%(name)s” was dissolved.")

    def perform(self, form):
        return domain.dissolve_organization(
            self.org, by=self.request.user, transfer_members_to=form.cleaned_data["transfer_members_to"]
        )


class MemberCreate(OrganizationAction):
    """A new member of this organisation."""

    template_name = "orgs/member/form.html"
    form_class = MemberForm
    success_message = gettext_lazy("Member “%(name)s” was added.")

    def form_kwargs(self):
        return {"visible_orgs": self.visible, "initial": {"organization": self.org.code}}

    def perform(self, form):
        return domain.create_member(by=self.request.user, **form.cleaned_data)

    def success_url(self, result):
        return reverse("orgs:member-detail", kwargs={"code": result.code})
