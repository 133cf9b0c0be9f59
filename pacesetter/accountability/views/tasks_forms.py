"""The key-task forms: create, change and plan a task (county admins), report progress (the
lead unit's admins), complete / suspend / resume (county admins), sign off the task (the
leader and each unit) and a report (the leader).

Each checks the same `rules` predicate as its domain function up front (403), calls that
one function, and on a refusal shows the form again with the reason, nothing saved.
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from pacesetter.core.errors import PermissionDeniedError
from pacesetter.orgs.queries import leaders_visible_to, organizations_visible_to

from .. import domain
from .. import rules as a_rules
from ..forms_tasks import (
    ReportForm,
    ReportSignForm,
    SignOffForm,
    StatusForm,
    TaskForm,
    milestone_formset,
    milestone_rows,
    show_domain_error,
)
from ..models import ProgressReport
from ..queries import tasks_visible_to
from .tasks_detail import TaskMixin, load_signatures, signable_parties


class _FormView(View):
    """GET shows the form, POST calls `save` and redirects, or shows the form again.
    Behind a login mixin; subclasses say who is `allowed()` (else 403)."""

    template_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, **kwargs):
        return self.render_form(self.make_form())

    def post(self, request, **kwargs):
        form = self.make_form(data=request.POST, files=request.FILES)
        if self.is_valid(form):
            try:
                done = self.save(form)
            except PermissionDeniedError as error:
                raise PermissionDenied from error
            except ValidationError as error:
                self.show_error(form, error)
            else:
                messages.success(request, self.done_message(done))
                return redirect(self.success_url(done))
        return self.render_form(form)

    def is_valid(self, form) -> bool:
        return form.is_valid()

    def show_error(self, form, error: ValidationError) -> None:
        show_domain_error(form, error)

    def render_form(self, form):
        return render(self.request, self.template_name, {"form": form, "task": getattr(self, "task", None),
                                                         **self.extra_context(form)})

    def extra_context(self, form) -> dict:
        return {}

    def success_url(self, done) -> str:
        return self.task.get_absolute_url()


class _TaskFormMixin:
    """The task's particulars, and on creation its milestones as a formset."""

    template_name = "accountability/task/form.html"

    def allowed(self) -> bool:
        return a_rules.can_manage_tasks(self.request.user)

    def task_form(self, data=None, **kwargs):
        user = self.request.user
        return TaskForm(data, leaders=leaders_visible_to(user), visible_orgs=organizations_visible_to(user), **kwargs)

    @staticmethod
    def particulars(form) -> dict:
        data = dict(form.cleaned_data)
        return {"supporting_units": data.pop("supporting_units"), **data}


class TaskNew(LoginRequiredMixin, _TaskFormMixin, _FormView):
    task = None

    def make_form(self, data=None, files=None):
        self.formset = milestone_formset(data)
        return self.task_form(data)

    def is_valid(self, form) -> bool:
        return all([form.is_valid(), self.formset.is_valid()])

    def extra_context(self, form) -> dict:
        return {"formset": self.formset}

    def save(self, form):
        return domain.create_task(by=self.request.user, milestones=milestone_rows(self.formset),
                                  **self.particulars(form))

    def done_message(self, task):
        return _("The key task %(code)s was created.") % {"code": task.code}

    def success_url(self, task) -> str:
        return task.get_absolute_url()


class TaskEdit(TaskMixin, _TaskFormMixin, _FormView):
    def make_form(self, data=None, files=None):
        return self.task_form(data, task=self.task, initial=TaskForm.initial_for(self.task))

    def save(self, form):
        return domain.update_task(self.task, by=self.request.user, **self.particulars(form))

    def done_message(self, task):
        return _("The key task was saved.")


class TaskPlan(TaskMixin, _FormView):
    """The milestones: change, add, remove (those not done); weights total 100."""

    template_name = "accountability/task/plan.html"

    def allowed(self) -> bool:
        return a_rules.can_manage_tasks(self.request.user)

    def make_form(self, data=None, files=None):
        return milestone_formset(data, milestones=self.task.milestones.order_by("due_on", "pk"))

    def show_error(self, formset, error: ValidationError) -> None:
        self.refusal = error.messages

    def render_form(self, formset):
        return render(self.request, self.template_name, {
            "formset": formset, "task": self.task, "refusal": getattr(self, "refusal", [])})

    def save(self, formset):
        return domain.plan_milestones(self.task, milestone_rows(formset), by=self.request.user)

    def done_message(self, milestones):
        return ngettext("The plan was saved with %(n)d milestone.", "The plan was saved with %(n)d milestones.",
                        len(milestones)) % {"n": len(milestones)}


class TaskReport(TaskMixin, _FormView):
    template_name = "accountability/task/report.html"

    def allowed(self) -> bool:
        return a_rules.can_report_progress(self.request.user, self.task)

    def make_form(self, data=None, files=None):
        return ReportForm(data, files, task=self.task)

    def save(self, form):
        data = form.cleaned_data
        return domain.submit_report(
            self.task, by=self.request.user, percent_done=data["percent_done"], narrative=data["narrative"],
            milestones_done=[m.pk for m in data["milestones_done"]], files=data["files"],
            reported_on=data["reported_on"],
        )

    def done_message(self, report):
        n = report.evidence.count()
        return ngettext("The progress report was saved with %(n)d file.",
                        "The progress report was saved with %(n)d files.", n) % {"n": n}


class TaskStatus(TaskMixin, _FormView):
    template_name = "accountability/task/status.html"

    def allowed(self) -> bool:
        return a_rules.can_manage_tasks(self.request.user)

    def make_form(self, data=None, files=None):
        return StatusForm(data, task=self.task)

    def save(self, form):
        return domain.set_task_status(self.task, by=self.request.user, **form.cleaned_data)

    def done_message(self, task):
        return _("The task is now %(status)s.") % {"status": task.get_status_display()}


class TaskSign(TaskMixin, _FormView):
    """The leader's, the lead unit's or a supporting unit's sign-off: for those who may
    still sign one of them (403 for anyone else)."""

    template_name = "accountability/task/sign.html"

    def allowed(self) -> bool:
        self.supporting = list(self.task.supporting_units.order_by("code"))
        load_signatures(self.task)
        self.parties = signable_parties(self.request.user, self.task, self.supporting)
        return bool(self.parties)

    def make_form(self, data=None, files=None):
        return SignOffForm(data, parties=[(value, label) for value, label, _org in self.parties])

    def save(self, form):
        chosen = next(p for p in self.parties if p[0] == form.cleaned_data["party"])
        value, _label, org = chosen
        party = "supporting_unit" if value.startswith("unit:") else value
        return domain.sign_off_task(self.task, by=self.request.user, party=party, organization=org,
                                    note=form.cleaned_data["note"])

    def done_message(self, sign_off):
        return _("Signed off: %(party)s.") % {"party": sign_off.get_party_display()}


class ReportSign(LoginRequiredMixin, _FormView):
    """The responsible leader's sign-off of a progress report, with a comment."""

    template_name = "accountability/task/report_sign.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.report = get_object_or_404(
            ProgressReport.objects.select_related("task__leader", "task__lead_unit").prefetch_related("evidence")
            .filter(task__in=tasks_visible_to(request.user).values("pk")), pk=kwargs["pk"],
        )
        self.task = self.report.task
        return super().dispatch(request, *args, **kwargs)

    def allowed(self) -> bool:
        return a_rules.is_task_leader(self.request.user, self.task)

    def make_form(self, data=None, files=None):
        return ReportSignForm(data)

    def extra_context(self, form) -> dict:
        return {"report": self.report}

    def save(self, form):
        return domain.sign_report(self.report, by=self.request.user, comment=form.cleaned_data["comment"])

    def done_message(self, report):
        return _("The report of %(day)s was signed off.") % {"day": report.reported_on.isoformat()}
