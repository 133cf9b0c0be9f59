"""Setting up stages for county admins: the campaigns with their stages, a campaign's
stages and tasks, the forms, and copying stages from another campaign."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.campaigns.queries import campaigns_visible_to
from pacesetter.orgs.forms import add_domain_error

from .. import checks, domain, queries
from ..forms import CopyForm, StageForm, TaskForm
from ..rules import can_set_up_stages
from .common import PER_PAGE, StagesMixin


class _SetupPage(StagesMixin):
    def check(self, user) -> bool:
        return can_set_up_stages(user)


def setup_url(campaign) -> str:
    return reverse("stages:campaign-setup", kwargs={"pk": campaign.pk})


class SetupList(_SetupPage, TemplateView):
    template_name = "stages/setup_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        campaigns = campaigns_visible_to(self.request.user).order_by("-starts_on", "-id").prefetch_related("stages")
        ctx["page"] = Paginator(campaigns, PER_PAGE).get_page(self.request.GET.get("page"))
        return ctx


class CampaignSetup(_SetupPage, TemplateView):
    template_name = "stages/campaign_setup.html"

    def load(self, request, pk):
        self.campaign = get_object_or_404(campaigns_visible_to(request.user), pk=pk)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        stages = list(queries.stages_visible_to(self.request.user).filter(campaign=self.campaign)
                      .prefetch_related("tasks").order_by("starts_on"))
        ctx.update(campaign=self.campaign, stages=stages, check_labels=dict(checks.choices()),
                   can_copy=not stages and campaigns_visible_to(self.request.user).exclude(pk=self.campaign.pk).exists())
        return ctx


class _FormPage(_SetupPage, View):
    template_name = "stages/form.html"

    def render_form(self, request, form, status=200):
        return render(request, self.template_name, {"form": form, "title": self.title(), "back": self.back,
                                                    "submit_label": _("Save")}, status=status)

    def post(self, request, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                self.act(request.user, form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(self.back)
        return self.render_form(request, form, status=400)

    def get(self, request, **kwargs):
        return self.render_form(request, self.make_form(None))


class StageNew(_FormPage):
    def load(self, request, pk):
        self.campaign = get_object_or_404(campaigns_visible_to(request.user), pk=pk)
        self.back = setup_url(self.campaign)

    def title(self):
        return _("Add a stage to %(campaign)s") % {"campaign": self.campaign.name}

    def make_form(self, data):
        return StageForm(data)

    def act(self, user, data):
        domain.create_stage(self.campaign, by=user, **data)


class StageEdit(_FormPage):
    def load(self, request, pk):
        self.stage = get_object_or_404(queries.stages_visible_to(request.user).select_related("campaign"), pk=pk)
        self.back = setup_url(self.stage.campaign)

    def title(self):
        return _("Change the dates of %(stage)s") % {"stage": self.stage}

    def make_form(self, data):
        return StageForm(data, editing=True, initial={"starts_on": self.stage.starts_on, "ends_on": self.stage.ends_on})

    def act(self, user, data):
        domain.change_stage(self.stage, by=user, **data)


class TaskNew(_FormPage):
    def load(self, request, pk):
        self.stage = get_object_or_404(queries.stages_visible_to(request.user).select_related("campaign"), pk=pk)
        self.back = setup_url(self.stage.campaign)

    def title(self):
        return _("Add a task to %(stage)s") % {"stage": self.stage}

    def make_form(self, data):
        return TaskForm(data, initial={"due_on": self.stage.ends_on})

    def act(self, user, data):
        domain.create_task(self.stage, by=user, **data)


class _TaskPage(_FormPage):
    def load(self, request, pk):
        self.task = get_object_or_404(
            queries.stage_tasks_visible_to(request.user).select_related("stage__campaign"), pk=pk)
        self.back = setup_url(self.task.stage.campaign)


class TaskEdit(_TaskPage):
    def title(self):
        return _("Change the task “%(task)s”") % {"task": self.task.title}

    def make_form(self, data):
        fields = ("title", "description", "check_kind", "due_on", "level", "sector")
        return TaskForm(data, initial={name: getattr(self.task, name) for name in fields})

    def act(self, user, data):
        domain.change_task(self.task, by=user, **data)


class TaskDelete(_TaskPage):
    template_name = "stages/confirm.html"

    def render_form(self, request, form, status=200):
        return render(request, self.template_name, {"task": self.task, "back": self.back,
                                                    "marked": self.task.completions.count()}, status=status)

    def get(self, request, **kwargs):
        return self.render_form(request, None)

    def post(self, request, **kwargs):
        domain.delete_task(self.task, by=request.user)
        messages.success(request, _("The task is removed."))
        return redirect(self.back)


class CampaignCopy(_FormPage):
    def load(self, request, pk):
        self.campaign = get_object_or_404(campaigns_visible_to(request.user), pk=pk)
        self.back = setup_url(self.campaign)

    def title(self):
        return _("Copy stages and tasks into %(campaign)s") % {"campaign": self.campaign.name}

    def make_form(self, data):
        sources = campaigns_visible_to(self.request.user).exclude(pk=self.campaign.pk).order_by("-starts_on")
        return CopyForm(data, campaigns=sources)

    def act(self, user, data):
        source = campaigns_visible_to(user).get(pk=data["source"])
        domain.copy_stages(self.campaign, source=source, by=user)
