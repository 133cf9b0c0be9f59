"""One organisation's checklist for a campaign, marking its manual tasks done (its admins),
sending them back (admins above it), and the evidence files."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.core.uploads import DOCUMENT, file_response
from pacesetter.orgs.forms import add_domain_error

from .. import checks, dashboard, domain, queries
from .. import rules as s_rules
from ..enums import CompletionState
from ..forms import DoneForm, SendBackForm
from ..links import checklist_url
from .common import StagesMixin, chosen_campaign, today
from .dashboard import township_param


class _OrgPage(StagesMixin):
    def load(self, request, code, **kwargs):
        self.org = get_object_or_404(queries.stage_organizations_visible_to(request.user), code=code)


class OrgChecklist(_OrgPage, TemplateView):
    template_name = "stages/checklist.html"

    def load(self, request, code, **kwargs):
        super().load(request, code)
        self.campaign = chosen_campaign(request)
        if self.campaign is None:
            raise Http404

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, org, campaign, day = self.request.user, self.org, self.campaign, today()
        tasks = list(queries.tasks_of_org(campaign, org).select_related("stage").order_by("due_on", "id"))
        dates = queries.done_dates(campaign, tasks, [org.pk])
        completions = queries.completions_by_task(org, tasks)
        may_mark, may_send_back = s_rules.can_mark_tasks(user, org), s_rules.can_send_back(user, org)
        tally, rows = dashboard.Tally(), []
        for task in tasks:
            done_on = dates[task.pk].get(org.pk)
            status = queries.status_of(done_on, task.due_on, day)
            tally.add(status, overdue_days=(day - task.due_on).days)
            completion = completions.get(task.pk)
            marked = completion is not None and completion.state == CompletionState.DONE
            rows.append({"task": task, "status": status, "done_on": done_on, "completion": completion,
                         "can_mark": task.is_manual and not marked and may_mark,
                         "can_send_back": task.is_manual and marked and may_send_back})
        ctx.update(org=org, campaign=campaign, rows=rows, tally=tally, check_labels=dict(checks.choices()),
                   township=dashboard.township_label(org.township), township_param=township_param(org.township))
        return ctx


class _TaskAction(_OrgPage, View):
    template_name = "stages/form.html"
    form_class = None

    def load(self, request, code, task):
        super().load(request, code)
        self.task = get_object_or_404(queries.stage_tasks_visible_to(request.user).select_related("stage__campaign"),
                                      pk=task)
        self.back = checklist_url(self.org.code, self.task.stage.campaign_id)

    def render_form(self, request, form, status=200):
        return render(request, self.template_name, {
            "form": form, "title": self.title(), "submit_label": self.submit_label, "back": self.back,
            "org": self.org, "task": self.task, "multipart": "file" in form.fields}, status=status)

    def get(self, request, code, task):
        return self.render_form(request, self.form_class(initial=self.initial()))

    def initial(self) -> dict:
        return {}

    def post(self, request, code, task):
        form = self.form_class(request.POST, request.FILES)
        if form.is_valid():
            try:
                self.act(request.user, form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, self.done_message)
                return redirect(self.back)
        return self.render_form(request, form, status=400)


class TaskDone(_TaskAction):
    form_class = DoneForm

    @property
    def submit_label(self):
        return _("Mark done")

    @property
    def done_message(self):
        return _("The task is marked done.")

    def title(self) -> str:
        return _("Mark “%(task)s” done for %(org)s") % {"task": self.task.title, "org": self.org.name}

    def check(self, user) -> bool:
        return s_rules.can_mark_tasks(user, self.org)

    def initial(self) -> dict:
        return {"done_on": today()}

    def act(self, user, data) -> None:
        domain.mark_done(self.task, self.org, by=user, note=data["note"], done_on=data["done_on"], file=data["file"])


class TaskSendBack(_TaskAction):
    form_class = SendBackForm

    @property
    def submit_label(self):
        return _("Send back")

    @property
    def done_message(self):
        return _("The task is sent back to the organisation.")

    def title(self) -> str:
        return _("Send “%(task)s” back to %(org)s") % {"task": self.task.title, "org": self.org.name}

    def check(self, user) -> bool:
        return s_rules.can_send_back(user, self.org)

    def act(self, user, data) -> None:
        domain.send_back(self.task, self.org, by=user, reason=data["reason"])


class EvidenceFile(LoginRequiredMixin, View):
    """An evidence file, for those who see the organisation's standing: photos inline,
    documents as a download under the uploader's file name."""

    http_method_names = ["get", "head"]

    def get(self, request, pk):
        evidence = get_object_or_404(queries.evidence_visible_to(request.user), pk=pk)
        stem = evidence.original_name.rsplit(".", 1)[0] or evidence.original_name
        return file_response(evidence.file, content_type=evidence.content_type,
                             attachment=evidence.kind == DOCUMENT, filename=f"{stem}.{evidence.extension}")
