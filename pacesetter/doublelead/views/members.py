"""The list of double-lead members (filtered, paginated, exported), registering one, their
page with enterprises, households, figures and trainings, and changing their status."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.queries import members_visible_to
from pacesetter.orgs.views.common import CappedPaginator

from .. import charts, domain, queries, xlsx
from .. import rules as dl_rules
from ..forms import MemberEditForm, MemberFilter, RegisterForm
from .common import PER_PAGE, DoubleLeadMixin, xlsx_response

SELECTED = ("member__organization",)


def _listed(request):
    """The filter, the filtered rows in list order, and the same rows with their counts and joins."""
    members = queries.double_lead_members_visible_to(request.user)
    filter_ = MemberFilter(request.GET, members=members)
    keys = filter_.apply(members).order_by(queries.TOWNSHIP, "member__organization__path", "member__code")
    return filter_, keys, queries.annotate_counts(keys).select_related(*SELECTED)


class MemberList(DoubleLeadMixin, TemplateView):
    template_name = "doublelead/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filter_, keys, qs = _listed(self.request)
        ctx.update(filter=filter_,
                   page=CappedPaginator(qs, PER_PAGE, keys=keys).get_page(self.request.GET.get("page")),
                   query_string=filter_.querystring(), can_register=dl_rules.can_register(self.request.user))
        return ctx


class MemberExport(DoubleLeadMixin, View):
    def get(self, request):
        _filter, _keys, qs = _listed(request)
        return xlsx_response(xlsx.members_xlsx(qs), "double-lead-members")


class MemberRegister(DoubleLeadMixin, View):
    template_name = "doublelead/form.html"

    def check(self, user) -> bool:
        return dl_rules.can_register(user)

    def render_form(self, request, form, status=200):
        return render(request, self.template_name, {"form": form, "title": _("Register a double-lead member"),
                                                    "submit_label": _("Register")}, status=status)

    def get(self, request):
        return self.render_form(request, RegisterForm())

    def post(self, request):
        form = RegisterForm(request.POST)
        if form.is_valid():
            code = form.cleaned_data["member_code"].strip()
            member = members_visible_to(request.user).select_related("organization").filter(code=code).first()
            if member is None:
                form.add_error("member_code", _("No member with this code in your organisations."))
            else:
                try:
                    holder = domain.register_double_lead(member, by=request.user,
                                                         registered_on=form.cleaned_data["registered_on"],
                                                         note=form.cleaned_data["note"])
                except ValidationError as error:
                    add_domain_error(form, error)
                else:
                    messages.success(request, _("The member is registered as a double-lead member."))
                    return redirect(holder.get_absolute_url())
        return self.render_form(request, form, status=400)


class _MemberPage(DoubleLeadMixin):
    def load(self, request, pk):
        self.holder = get_object_or_404(
            queries.double_lead_members_visible_to(request.user).select_related(*SELECTED), pk=pk)


class MemberDetail(_MemberPage, TemplateView):
    template_name = "doublelead/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        holder = self.holder
        figures = list(holder.figures.order_by("year"))
        ctx.update(holder=holder, member=holder.member, enterprises=list(holder.enterprises.all()),
                   households=list(holder.households.all()), figures=figures,
                   trainings=list(holder.trainings.all()), chart=charts.member_chart(figures),
                   can_edit=dl_rules.can_edit_double_lead(self.request.user, holder))
        return ctx


class MemberEdit(_MemberPage, View):
    template_name = "doublelead/form.html"

    def check(self, user) -> bool:
        return dl_rules.can_edit_double_lead(user, self.holder)

    def render_form(self, request, form, status=200):
        return render(request, self.template_name, {
            "form": form, "holder": self.holder, "submit_label": _("Save"),
            "title": _("Change %(member)s") % {"member": self.holder.member}}, status=status)

    def get(self, request, pk):
        return self.render_form(request, MemberEditForm(initial={"active": self.holder.active,
                                                                 "note": self.holder.note}))

    def post(self, request, pk):
        form = MemberEditForm(request.POST)
        if form.is_valid():
            try:
                domain.update_double_lead(self.holder, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(self.holder.get_absolute_url())
        return self.render_form(request, form, status=400)
