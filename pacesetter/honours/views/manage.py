"""The honours pages for signed-in users: the county admins' list with its export, an
honour's page with revoking, entering an earlier honour by hand, commending a final
selection, and "my organisations' honours" for organisation admins."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from pacesetter.core.xlsx import XLSX_TYPE
from pacesetter.orgs.queries import organizations_visible_to
from pacesetter.selections.enums import NominationStatus, SelectionState

from .. import domain
from .. import rules as h_rules
from ..forms import (
    CommendForm,
    HonourForm,
    ManageFilterForm,
    RevokeForm,
    RollFilterForm,
    show_domain_error,
)
from ..queries import (
    honours_managed_by,
    honours_visible_to,
    selections_to_commend,
    with_display,
)
from ..xlsx import honours_xlsx
from .common import listing, sector_labels


class CountyAdminOnly(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not h_rules.can_manage_honours(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class HonourList(CountyAdminOnly, View):
    """Every honour, revoked ones included, with filters and the .xlsx export."""

    http_method_names = ["get", "head"]

    def get(self, request):
        context = listing(request, honours_visible_to(request.user), ManageFilterForm)
        return render(request, "honours/manage/list.html", context | {"sectors": sector_labels()})


class HonourExport(CountyAdminOnly, View):
    """The list's honours under the same filters, as an .xlsx file."""

    http_method_names = ["get", "head"]

    def get(self, request):
        honours = listing(request, honours_visible_to(request.user), ManageFilterForm)["honours"]
        filename = f"honours-{timezone.localdate():%Y%m%d}.xlsx"
        return HttpResponse(honours_xlsx(honours.order_by("-year", "kind__position", "certificate_no")),
                            content_type=XLSX_TYPE, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


class HonourMine(LoginRequiredMixin, View):
    """The honours of the organisations one administers (county admins: all in force and revoked)."""

    http_method_names = ["get", "head"]

    def get(self, request):
        context = listing(request, honours_managed_by(request.user), RollFilterForm)
        return render(request, "honours/manage/mine.html", context | {"sectors": sector_labels()})


class HonourDetail(LoginRequiredMixin, View):
    http_method_names = ["get", "head"]

    def get(self, request, pk):
        honours = with_display(honours_visible_to(request.user)).select_related("selection")
        honour = get_object_or_404(honours, pk=pk)
        return render(request, "honours/manage/detail.html", {
            "honour": honour, "sectors": sector_labels(), "revoke_form": RevokeForm(),
            "can_manage": h_rules.can_manage_honours(request.user),
            "can_print": h_rules.can_print_certificate(request.user, honour),
        })


class HonourRevoke(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        honour = get_object_or_404(honours_visible_to(request.user), pk=pk)
        if not h_rules.can_manage_honours(request.user):
            raise PermissionDenied
        form = RevokeForm(request.POST)
        if form.is_valid():
            try:
                domain.revoke_honour(honour, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The honour %(no)s is revoked.") % {"no": honour.certificate_no})
        else:
            messages.error(request, _("Give the reason for revoking."))
        return redirect("honours:honour-detail", pk=honour.pk)


class HonourAdd(CountyAdminOnly, View):
    """An honour of an earlier year typed in from the county's files."""

    def form(self, data=None) -> HonourForm:
        return HonourForm(data, visible_orgs=organizations_visible_to(self.request.user))

    def get(self, request):
        return render(request, "honours/manage/add.html", {"form": self.form(), "can_manage": True})

    def post(self, request):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                honour = domain.add_honour(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                show_domain_error(form, error)
            else:
                messages.success(request, _("The honour %(no)s was entered.") % {"no": honour.certificate_no})
                return redirect(honour)
        return render(request, "honours/manage/add.html", {"form": form, "can_manage": True})


class Commend(CountyAdminOnly, View):
    """A final selection's confirmed nominees, to be commended with a citation and a date;
    once commended, the page links to its certificates."""

    def render_page(self, selection, form):
        nominations = (selection.nominations.filter(status=NominationStatus.CONFIRMED)
                       .select_related("organization", "member", "affiliate_unit").order_by("rank", "id"))
        return render(self.request, "honours/manage/commend.html", {
            "selection": selection, "nominations": nominations, "form": form,
            "commended": selection.state == SelectionState.COMMENDED, "can_manage": True,
        })

    def selection(self, pk):
        return get_object_or_404(selections_to_commend(self.request.user).select_related("kind", "campaign"), pk=pk)

    def get(self, request, pk):
        return self.render_page(self.selection(pk), CommendForm(initial={"commended_on": timezone.localdate()}))

    def post(self, request, pk):
        selection = self.selection(pk)
        form = CommendForm(request.POST)
        if form.is_valid():
            try:
                honours = domain.commend(selection, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                show_domain_error(form, error)
            else:
                messages.success(request, ngettext(
                    "%(n)d honour was given; print its certificate below.",
                    "%(n)d honours were given; print their certificates below.", len(honours)) % {"n": len(honours)})
                return redirect("honours:commend", pk=selection.pk)
        return self.render_page(selection, form)
