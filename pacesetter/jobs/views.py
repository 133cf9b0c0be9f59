"""/jobs/: the background jobs the user sees (?mine=1: only their own), one job with its progress (polled by htmx while it
runs), its result or error report, Retry and Cancel; county admins start the periodic
jobs ("Run now") here."""
from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.uploads import file_response

from . import domain, registry
from .queries import jobs_visible_to

PER_PAGE = 25
#: Names of the figures jobs leave in their summary; others are shown by their key.
SUMMARY_LABELS = {
    "kind": gettext_lazy("Records"), "rows": gettext_lazy("Rows"), "created": gettext_lazy("Created"),
    "updated": gettext_lazy("Updated"), "moved": gettext_lazy("Moved"), "unchanged": gettext_lazy("Unchanged"),
    "dry_run": gettext_lazy("Only checked"), "due": gettext_lazy("Due soon"), "overdue": gettext_lazy("Overdue"),
    "notifications": gettext_lazy("Notifications"), "emails": gettext_lazy("E-mails"), "late": gettext_lazy("Late tasks"),
}
HIDDEN = {"errors", "error_count", "warnings"}


def summary_rows(job) -> list[tuple[str, object]]:
    return [(SUMMARY_LABELS.get(key, key), value) for key, value in (job.result or {}).items() if key not in HIDDEN]


def _run_now_kinds(user) -> list[registry.JobKind]:
    return [kind for kind in registry.KINDS.values() if kind.run_now and kind.may_start(user)]


class JobList(LoginRequiredMixin, View):
    def get(self, request):
        jobs = jobs_visible_to(request.user).select_related("requested_by")
        mine = request.GET.get("mine") == "1"
        if mine:
            jobs = jobs.filter(requested_by=request.user)
        page = Paginator(jobs, PER_PAGE).get_page(request.GET.get("page"))
        return render(request, "jobs/job/list.html", {
            "page": page, "run_now": _run_now_kinds(request.user), "mine": mine,
            "query_string": "mine=1" if request.GET.get("mine") == "1" else "",
        })


class JobRunNow(LoginRequiredMixin, View):
    """POST kind=…: a county admin starts a periodic job (reminders, escalation) now."""

    def post(self, request):
        kind = registry.get(request.POST.get("kind", ""))
        if kind is None or not kind.run_now:
            raise Http404
        try:
            job = domain.start_job(kind.name, by=request.user)
        except PermissionDeniedError:
            raise PermissionDenied from None
        messages.info(request, _("The job is queued for the background worker; this page follows it."))
        return HttpResponseRedirect(job.get_absolute_url())


class JobMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.job = get_object_or_404(jobs_visible_to(request.user).select_related("requested_by"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class JobDetail(JobMixin, View):
    def get(self, request, pk):
        template = "jobs/job/detail.html#status" if request.htmx else "jobs/job/detail.html"
        return render(request, template, {"job": self.job, "summary": summary_rows(self.job),
                                          "may_manage": domain._may_manage(self.job, request.user)})


class JobResult(JobMixin, View):
    """The job's file (an export, an import's error report): a private download, 404 when missing."""

    def get(self, request, pk):
        name = self.job.result_name or "result"
        return file_response(self.job.result_file, attachment=True, filename=name,
                             content_type=mimetypes.guess_type(name)[0] or "application/octet-stream")


class JobAction(JobMixin, View):
    action = None

    def post(self, request, pk):
        try:
            getattr(domain, self.action)(self.job, by=request.user)
        except PermissionDeniedError:
            raise PermissionDenied from None
        except DomainError as error:
            messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(reverse("jobs:job-detail", args=[self.job.pk]))
