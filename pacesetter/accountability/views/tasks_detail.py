"""One key task's page (particulars, schedule with its reasons, milestones and their
timeline, progress reports with evidence, sign-offs, notices and cases) and the evidence
files of its reports.

Everything is loaded through `tasks_visible_to`: a task outside the user's view, and its
evidence, answer 404 as a code that does not exist. The page's query count does not grow
with the number of reports, milestones or sign-offs.
"""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views import View

from pacesetter.core.uploads import DOCUMENT
from pacesetter.orgs.views.common import positive_int

from .. import dashboard
from .. import rules as a_rules
from ..enums import KeyTaskStatus, SignOffParty
from ..models import KeyTask, ProgressReport, ReportEvidence
from ..queries import (
    annotate_schedule,
    cases_visible_to,
    notices_visible_to,
    schedule_reason,
    schedule_rule,
    tasks_visible_to,
)

REPORTS_PER_PAGE = 10


class TaskMixin(LoginRequiredMixin):
    """Loads `self.task` among the tasks the user sees (404 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.task: KeyTask = get_object_or_404(
            tasks_visible_to(request.user).select_related("leader", "lead_unit", "goal"), code=kwargs["code"]
        )
        return super().dispatch(request, *args, **kwargs)


def signable_parties(user, task: KeyTask, supporting: list) -> list[tuple[str, str, object]]:
    """(value, label, organisation) of each party `user` may still sign for; the sign-offs
    made so far must be on `task.signed` (a set of "leader" and organisation ids)."""
    parties = []
    if a_rules.is_task_leader(user, task) and "leader" not in task.signed:
        parties.append((SignOffParty.LEADER.value, str(SignOffParty.LEADER.label), None))
    if a_rules.can_sign_for_unit(user, task.lead_unit) and task.lead_unit_id not in task.signed:
        parties.append((SignOffParty.LEAD_UNIT.value, f"{SignOffParty.LEAD_UNIT.label}: {task.lead_unit.name}",
                        task.lead_unit))
    for org in supporting:
        if a_rules.can_sign_for_unit(user, org) and org.pk not in task.signed:
            parties.append((f"unit:{org.code}", f"{SignOffParty.SUPPORTING_UNIT.label}: {org.name}", org))
    return parties


def load_signatures(task: KeyTask) -> list:
    """The task's sign-offs (one query); sets `task.signed` for `signable_parties`."""
    sign_offs = list(task.sign_offs.select_related("organization", "signed_by"))
    task.signed = {"leader" if s.party == SignOffParty.LEADER else s.organization_id for s in sign_offs}
    return sign_offs


def _milestone_rows(milestones, day):
    for milestone in milestones:
        milestone.state = dashboard.milestone_state(milestone, day)
    return milestones


class TaskDetail(TaskMixin, View):
    template_name = "accountability/task/detail.html"

    def get(self, request, code):
        user, day = request.user, timezone.localdate()
        [task] = dashboard.labelled(annotate_schedule(KeyTask.objects.filter(pk=self.task.pk), day))
        task.leader, task.lead_unit, task.goal = self.task.leader, self.task.lead_unit, self.task.goal
        supporting = list(task.supporting_units.order_by("code"))
        milestones = _milestone_rows(list(task.milestones.order_by("due_on", "pk")), day)
        reports = Paginator(
            ProgressReport.objects.filter(task=task).select_related("created_by").prefetch_related("evidence")
            .order_by("-reported_on", "-id"), REPORTS_PER_PAGE,
        ).get_page(positive_int(request.GET.get("page")))
        sign_offs = load_signatures(task)
        pending = [str(SignOffParty.LEADER.label) + ": " + task.leader.name] if "leader" not in task.signed else []
        pending += [org.name for org in [task.lead_unit, *supporting] if org.pk not in task.signed]
        is_leader = a_rules.is_task_leader(user, task)
        return render(request, self.template_name, {
            "task": task, "today": day, "supporting": supporting, "milestones": milestones,
            "reason": schedule_reason(task, day), "rule": schedule_rule(), "days_late": dashboard.days_late(task, day),
            "reports": reports, "sign_offs": sign_offs, "pending": pending,
            "notices": list(notices_visible_to(user).filter(task=task).select_related("organization")),
            "cases": list(cases_visible_to(user).filter(task=task).select_related("organization")),
            "gantt": dashboard.milestone_gantt(task, milestones, day),
            "can_manage": a_rules.can_manage_tasks(user),
            "can_report": a_rules.can_report_progress(user, task) and task.status == KeyTaskStatus.ACTIVE,
            "can_sign": bool(signable_parties(user, task, supporting)),
            "can_sign_reports": is_leader,
        })


class _EvidenceView(LoginRequiredMixin, View):
    """A report's file, for those who see its task."""

    http_method_names = ["get", "head"]

    def get(self, request, pk):
        visible = ReportEvidence.objects.filter(report__task__in=tasks_visible_to(request.user).values("pk"))
        evidence = get_object_or_404(visible, pk=pk)
        field = self.field(evidence)
        if not field:
            raise Http404
        try:
            handle = field.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = self.respond(evidence, handle)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


def _download_name(evidence: ReportEvidence) -> str:
    """The uploader's name, with the stored file's extension (photos are stored as JPEG)."""
    stem, dot, ext = evidence.original_name.rpartition(".")
    if dot and stem and ext.lower() == evidence.extension:
        return evidence.original_name
    return f"{stem if dot and stem else evidence.original_name}.{evidence.extension}"


class ReportEvidenceFile(_EvidenceView):
    """Photos inline, documents as a download under the uploader's file name."""

    def field(self, evidence):
        return evidence.file

    def respond(self, evidence, handle):
        return FileResponse(handle, content_type=evidence.content_type, as_attachment=evidence.kind == DOCUMENT,
                            filename=_download_name(evidence))


class ReportEvidenceThumbnail(_EvidenceView):
    def field(self, evidence):
        return evidence.thumbnail

    def respond(self, evidence, handle):
        return FileResponse(handle, content_type="image/jpeg")
