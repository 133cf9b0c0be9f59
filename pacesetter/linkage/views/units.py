"""Affiliate units: the list with its export, a unit's page (honours, joint activities),
new and edit, and its honours' forms."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from openpyxl import Workbook

from pacesetter.core.xlsx import XLSX_TYPE, header_sheet
from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.views.common import CappedPaginator

from .. import domain
from .. import rules as l_rules
from ..forms import HonourForm, UnitFilter, UnitForm
from ..queries import organizations_managed_by, units_visible_to
from .common import PER_PAGE, HonourPage, LinkageMixin, UnitPage

#: Rows an export holds at most; past it, a filter narrows the list.
EXPORT_LIMIT = 20_000


def _listed(request):
    filter_ = UnitFilter(request.GET)
    qs = filter_.apply(units_visible_to(request.user)).select_related("organization")
    return filter_, qs.order_by("organization__township", "organization__path", "kind", "code")


class UnitList(LinkageMixin, TemplateView):
    template_name = "linkage/unit/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filter_, listed = _listed(self.request)
        qs = listed.annotate(honour_count=Count("honours", distinct=True))
        ctx.update(filter=filter_,
                   page=CappedPaginator(qs, PER_PAGE, keys=listed).get_page(self.request.GET.get("page")),
                   query_string=filter_.querystring(), can_create=l_rules.can_manage_units(self.request.user))
        return ctx


class UnitExport(LinkageMixin, View):
    """The filtered list as .xlsx."""

    def get(self, request):
        _filter, qs = _listed(request)
        workbook = Workbook(write_only=True)
        sheet = header_sheet(workbook, _("Affiliate units"), [
            (_("Code"), 14), (_("Name"), 30), (_("Kind"), 20), (_("Party organisation"), 30), (_("Township"), 14),
            (_("Sector"), 16), (_("Members"), 10), (_("Head"), 12), (_("Established"), 12), (_("Active"), 8)])
        for unit in qs[:EXPORT_LIMIT]:
            org = unit.organization
            sheet.append([unit.code, unit.name, unit.get_kind_display(), org.name, org.township,
                          org.get_sector_display(), unit.members_count, unit.head_name, unit.established,
                          _("yes") if unit.active else _("no")])
        response = HttpResponse(content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="affiliates-{timezone.localdate():%Y%m%d}.xlsx"'
        workbook.save(response)
        return response


class UnitNew(LinkageMixin, View):
    template_name = "linkage/unit/form.html"

    def allowed(self, user) -> bool:
        return l_rules.can_manage_units(user)

    def form(self, data=None):
        return UnitForm(data, organizations=organizations_managed_by(self.request.user, l_rules.UNIT_ROLES))

    def get(self, request):
        return render(request, self.template_name, {"form": self.form()})

    def post(self, request):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                unit = domain.create_unit(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The affiliate unit was added."))
                return redirect(unit.get_absolute_url())
        return render(request, self.template_name, {"form": form}, status=400)


class UnitDetail(UnitPage, TemplateView):
    template_name = "linkage/unit/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, unit = self.request.user, self.unit
        # The county's honours the unit won in a selection (pacesetter.honours), in force.
        county_honours = unit.county_honours.filter(revoked_at__isnull=True).select_related("kind")
        ctx.update(unit=unit, honours=list(unit.honours.order_by("-year", "-id")),
                   county_honours=list(county_honours.order_by("-year", "certificate_no")),
                   activities=list(unit.activities.select_related("organization").annotate(
                       photo_count=Count("photos")).order_by("-held_on", "-id")[:50]),
                   can_edit=l_rules.can_edit_unit(user, unit), can_record=l_rules.can_record_for_unit(user, unit))
        return ctx


class UnitEdit(UnitPage, View):
    template_name = "linkage/unit/form.html"

    def allowed(self, user) -> bool:
        return l_rules.can_edit_unit(user, self.unit)

    def form(self, data=None):
        unit = self.unit
        initial = {"kind": unit.kind, "name": unit.name, "organization": unit.organization.code,
                   "members_count": unit.members_count, "head_name": unit.head_name,
                   "established": unit.established, "active": unit.active}
        return UnitForm(data, initial=initial, editing=True,
                        organizations=organizations_managed_by(self.request.user, l_rules.UNIT_ROLES))

    def get(self, request, pk):
        return render(request, self.template_name, {"form": self.form(), "unit": self.unit})

    def post(self, request, pk):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                domain.update_unit(self.unit, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The affiliate unit was saved."))
                return redirect(self.unit.get_absolute_url())
        return render(request, self.template_name, {"form": form, "unit": self.unit}, status=400)


class HonourNew(UnitPage, View):
    template_name = "linkage/unit/honour.html"

    def allowed(self, user) -> bool:
        return l_rules.can_record_for_unit(user, self.unit)

    def get(self, request, pk):
        form = HonourForm(initial={"year": timezone.localdate().year})
        return render(request, self.template_name, {"form": form, "unit": self.unit})

    def post(self, request, pk):
        form = HonourForm(request.POST)
        if form.is_valid():
            try:
                domain.add_honour(self.unit, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The honour was recorded."))
                return redirect(self.unit.get_absolute_url())
        return render(request, self.template_name, {"form": form, "unit": self.unit}, status=400)


class HonourEdit(HonourPage, View):
    template_name = "linkage/unit/honour.html"

    def allowed(self, user) -> bool:
        return l_rules.can_edit_honour(user, self.honour)

    def get(self, request, pk):
        h = self.honour
        form = HonourForm(initial={"year": h.year, "title": h.title, "recipient": h.recipient,
                                   "person_name": h.person_name, "awarded_by": h.awarded_by})
        return render(request, self.template_name, {"form": form, "unit": h.unit, "honour": h})

    def post(self, request, pk):
        form = HonourForm(request.POST)
        if form.is_valid():
            try:
                domain.update_honour(self.honour, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The honour was saved."))
                return redirect(self.honour.unit.get_absolute_url())
        return render(request, self.template_name, {"form": form, "unit": self.honour.unit, "honour": self.honour},
                      status=400)
