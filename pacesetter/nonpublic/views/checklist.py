"""抓规范: the covering organisations with how many checklist items they meet, one
organisation's checklist with its evidence, recording a check, serving an evidence file
through the organisation's visibility, and the county extending the checklist."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.core.uploads import check_upload, file_response
from pacesetter.orgs.views.common import CappedPaginator

from .. import domain, queries
from .. import rules as np_rules
from ..forms import CheckForm, ItemForm
from ..models import CheckEvidence, ChecklistCheck, ChecklistItem
from .common import PER_PAGE, NonpublicMixin, form_page, show_error


class ChecklistList(NonpublicMixin, TemplateView):
    template_name = "nonpublic/checklist/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        active = Q(nonpublic_checks__item__active=True)
        orgs = queries.covering_organizations_visible_to(self.request.user).annotate(
            met=Count("nonpublic_checks", filter=active & Q(nonpublic_checks__met=True)),
            checked=Count("nonpublic_checks", filter=active)).order_by("path")
        ctx.update(page=CappedPaginator(orgs, PER_PAGE).get_page(self.request.GET.get("page")),
                   items=ChecklistItem.objects.filter(active=True).count(), item_form=ItemForm(),
                   can_manage=np_rules.can_manage_items(self.request.user), query_string="", filter=None)
        return ctx


class ItemAdd(NonpublicMixin, View):
    def check(self, user) -> bool:
        return np_rules.can_manage_items(user)

    def post(self, request):
        form = ItemForm(request.POST)
        if form.is_valid():
            try:
                domain.add_checklist_item(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                show_error(form, error)
            else:
                messages.success(request, _("The checklist item is added."))
                return redirect("nonpublic:checklist-list")
        return form_page(request, form, title=_("Add a checklist item"), submit_label=_("Add"), back="",
                         status=400)


class _OrganizationPage(NonpublicMixin):
    def load(self, request, org, **kwargs):
        self.organization = get_object_or_404(queries.covering_organizations_visible_to(request.user), pk=org)


class Checklist(_OrganizationPage, TemplateView):
    template_name = "nonpublic/checklist/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        org = self.organization
        checks = {c.item_id: c for c in ChecklistCheck.objects.filter(organization=org).select_related(
            "checked_by").prefetch_related("evidence")}
        entities = queries.entities_visible_to(self.request.user).filter(covering=org).select_related("township")
        ctx.update(organization=org, rows=[(item, checks.get(item.pk), CheckForm(prefix=f"i{item.pk}"))
                                           for item in ChecklistItem.objects.filter(active=True)],
                   entities=list(entities.order_by("name")[:50]),
                   result=queries.latest_results([org.pk]).get(org.pk),
                   can_check=np_rules.can_check(self.request.user, org))
        return ctx


class CheckRecord(_OrganizationPage, View):
    def load(self, request, org, item):
        super().load(request, org)
        self.item = get_object_or_404(ChecklistItem.objects.filter(active=True), pk=item)

    def check(self, user) -> bool:
        return np_rules.can_check(user, self.organization)

    def post(self, request, org, item):
        form = CheckForm(request.POST, request.FILES, prefix=f"i{item}")
        if form.is_valid():
            try:
                upload = form.cleaned_data["evidence"]
                evidence = [check_upload(upload)] if upload else []
                domain.record_check(self.organization, self.item, by=request.user, met=form.cleaned_data["met"],
                                    note=form.cleaned_data["note"], evidence=evidence)
            except ValidationError as error:
                show_error(form, error)
            else:
                messages.success(request, _("The check is recorded."))
                return redirect("nonpublic:checklist", org=self.organization.pk)
        return form_page(request, form, title=_("Check “%(item)s”") % {"item": self.item}, submit_label=_("Save"),
                         back="", status=400)


class EvidenceFile(NonpublicMixin, View):
    """An evidence file, for whoever sees the organisation it belongs to."""

    thumbnail = False

    def get(self, request, pk):
        evidence = get_object_or_404(CheckEvidence.objects.filter(
            check_row__in=queries.checks_visible_to(request.user)), pk=pk)
        if self.thumbnail:
            return file_response(evidence.thumbnail, content_type="image/jpeg")
        return file_response(evidence.file, content_type=evidence.content_type, attachment=evidence.kind != "photo",
                             filename=f"evidence.{evidence.extension}")
