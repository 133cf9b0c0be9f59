"""Adding and changing the parts of a double-lead member's record: enterprises, helped
households, a year's figures and trainings. One view class each for adding (under the
member) and changing (the part by its id), driven by a small table of forms and domain
functions."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pacesetter.orgs.forms import add_domain_error

from .. import domain, queries
from .. import rules as dl_rules
from ..forms import EnterpriseForm, FiguresForm, HouseholdForm, TrainingForm
from .common import DoubleLeadMixin

#: kind → (form, add, update, visible parts, noun)
PARTS = {
    "enterprise": (EnterpriseForm, domain.add_enterprise, domain.update_enterprise, queries.enterprises_visible_to,
                   gettext_lazy("enterprise")),
    "household": (HouseholdForm, domain.add_household, domain.update_household, queries.households_visible_to,
                  gettext_lazy("helped household")),
    "figures": (FiguresForm, domain.record_figures, domain.update_figures, queries.figures_visible_to,
                gettext_lazy("year's figures")),
    "training": (TrainingForm, domain.add_training, domain.update_training, queries.trainings_visible_to,
                 gettext_lazy("training")),
}


class _PartForm(DoubleLeadMixin, View):
    kind = ""
    template_name = "doublelead/form.html"

    @property
    def spec(self):
        return PARTS[self.kind]

    def make_form(self, data=None):
        return self.spec[0](data)

    def render_form(self, request, form, status=200):
        return render(request, self.template_name, {
            "form": form, "holder": self.holder, "submit_label": _("Save"),
            "title": self.title % {"noun": self.spec[4], "member": self.holder.member}}, status=status)

    def get(self, request, pk):
        return self.render_form(request, self.make_form())

    def post(self, request, pk):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                self.save(request.user, form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(self.holder.get_absolute_url())
        return self.render_form(request, form, status=400)


class PartNew(_PartForm):
    title = gettext_lazy("Add a %(noun)s: %(member)s")

    def load(self, request, pk):
        self.holder = get_object_or_404(
            queries.double_lead_members_visible_to(request.user).select_related("member__organization"), pk=pk)

    def check(self, user) -> bool:
        return dl_rules.can_edit_double_lead(user, self.holder)

    def save(self, user, data):
        self.spec[1](self.holder, by=user, **data)


class PartEdit(_PartForm):
    title = gettext_lazy("Change the %(noun)s: %(member)s")

    def load(self, request, pk):
        self.part = get_object_or_404(self.spec[3](request.user).select_related("holder__member__organization"),
                                      pk=pk)
        self.holder = self.part.holder

    def check(self, user) -> bool:
        return dl_rules.can_edit_part(user, self.part)

    def make_form(self, data=None):
        form_class = self.spec[0]
        extra = {"editing": True} if form_class is FiguresForm else {}
        names = form_class(**extra).fields
        return form_class(data, initial={name: getattr(self.part, name) for name in names}, **extra)

    def save(self, user, data):
        self.spec[2](self.part, by=user, **data)
