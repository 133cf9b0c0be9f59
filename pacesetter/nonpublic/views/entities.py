"""The list of entities (filtered, paginated, exported), registering one, its page with the
status history, plans, checklist and evaluation result, editing it and changing its status."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.orgs.views.common import CappedPaginator

from .. import domain, queries, xlsx
from .. import rules as np_rules
from ..forms import EntityFilter, EntityForm, RegisterForm, StatusForm
from ..models import ChecklistCheck, ChecklistItem, EstablishPlan
from .common import (
    PER_PAGE,
    NonpublicMixin,
    form_page,
    lookups,
    show_error,
    xlsx_response,
)

SELECTED = ("township", "covering", "instructor")


def listed(request):
    """The user's entities, filtered, with their open plan's target date."""
    filter_ = EntityFilter(request.GET)
    open_plan = EstablishPlan.objects.filter(entity=OuterRef("pk"), done_on__isnull=True).values("target_date")[:1]
    qs = filter_.apply(queries.entities_visible_to(request.user)).select_related(*SELECTED).annotate(
        plan_target=Subquery(open_plan)).order_by("township__path", "name", "id")
    return filter_, qs


class EntityList(NonpublicMixin, TemplateView):
    template_name = "nonpublic/entity/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filter_, qs = listed(self.request)
        page = CappedPaginator(qs, PER_PAGE).get_page(self.request.GET.get("page"))
        results = queries.latest_results(e.covering_id for e in page.object_list)
        ctx.update(filter=filter_, page=page, query_string=filter_.querystring(), today=timezone.localdate(),
                   rows=[(e, results.get(e.covering_id)) for e in page.object_list],
                   can_register=np_rules.can_register(self.request.user))
        return ctx


class EntityExport(NonpublicMixin, View):
    def get(self, request):
        _filter, qs = listed(request)
        return xlsx_response(xlsx.entities_xlsx(qs), "non-public-entities")


class EntityRegister(NonpublicMixin, View):
    def check(self, user) -> bool:
        return np_rules.can_register(user)

    def render_form(self, request, form, status=200):
        return form_page(request, form, title=_("Register a non-public entity"), submit_label=_("Register"),
                         back="", status=status)

    def get(self, request):
        return self.render_form(request, RegisterForm(**lookups(request.user)))

    def post(self, request):
        form = RegisterForm(request.POST, **lookups(request.user))
        if form.is_valid():
            data = form.cleaned_data
            try:
                entity = domain.register_entity(by=request.user, **data)
            except ValidationError as error:
                show_error(form, error)
            else:
                messages.success(request, _("The entity is registered."))
                return redirect(entity.get_absolute_url())
        return self.render_form(request, form, status=400)


class EntityPage(NonpublicMixin):
    def load(self, request, pk):
        self.entity = get_object_or_404(queries.entities_visible_to(request.user).select_related(*SELECTED), pk=pk)

    def check(self, user) -> bool:
        return np_rules.can_edit_entity(user, self.entity)


class EntityDetail(EntityPage, TemplateView):
    template_name = "nonpublic/entity/detail.html"

    def check(self, user) -> bool:
        return True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        entity = self.entity
        checks = []
        if entity.covering_id:
            done = {c.item_id: c for c in ChecklistCheck.objects.filter(organization_id=entity.covering_id)}
            checks = [(item, done.get(item.pk)) for item in ChecklistItem.objects.filter(active=True)]
        ctx.update(entity=entity, periods=list(entity.periods.select_related("covering").order_by("-valid_from", "-id")),
                   plans=list(entity.plans.select_related("instructor").order_by("-created_at")), checks=checks,
                   result=queries.latest_results([entity.covering_id]).get(entity.covering_id),
                   today=timezone.localdate(), can_edit=np_rules.can_edit_entity(self.request.user, entity))
        return ctx


class EntityEdit(EntityPage, View):
    def render_form(self, request, form, status=200):
        return form_page(request, form, title=_("Change %(entity)s") % {"entity": self.entity},
                         submit_label=_("Save"), back=self.entity.get_absolute_url(), entity=self.entity,
                         status=status)

    def get(self, request, pk):
        e = self.entity
        initial = {"kind": e.kind, "name": e.name, "credit_code": e.credit_code, "industry": e.industry,
                   "township": e.township_id, "employees": e.employees, "party_members": e.party_members,
                   "instructor": e.instructor.code if e.instructor_id else ""}
        return self.render_form(request, EntityForm(initial=initial, **lookups(request.user)))

    def post(self, request, pk):
        form = EntityForm(request.POST, **lookups(request.user))
        if form.is_valid():
            try:
                domain.update_entity(self.entity, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                show_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(self.entity.get_absolute_url())
        return self.render_form(request, form, status=400)


class EntityStatus(EntityPage, View):
    def render_form(self, request, form, status=200):
        return form_page(request, form, title=_("Change the party-organisation status of %(entity)s")
                         % {"entity": self.entity}, submit_label=_("Record the change"),
                         back=self.entity.get_absolute_url(), entity=self.entity, status=status)

    def get(self, request, pk):
        return self.render_form(request, StatusForm(**lookups(request.user)))

    def post(self, request, pk):
        form = StatusForm(request.POST, **lookups(request.user))
        if form.is_valid():
            try:
                domain.change_status(self.entity, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                show_error(form, error)
            else:
                messages.success(request, _("The status change is recorded."))
                return redirect(self.entity.get_absolute_url())
        return self.render_form(request, form, status=400)
