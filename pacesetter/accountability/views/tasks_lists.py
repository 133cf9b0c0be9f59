"""The key-task dashboards: county-wide (/tasks/), the signed-in leader's own (/tasks/mine/),
a unit's (/tasks/unit/<code>/), the Gantt timeline (/tasks/gantt/) and the .xlsx export.

Each reads the tasks the user sees (`tasks_visible_to`), narrows them by the same filter,
and costs the same number of queries whatever the number of tasks: the counts in one
grouped query, the overdue list and the page of rows in one query each.
"""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.core.dbrouter import dashboard_reads
from pacesetter.core.xlsx import XLSX_TYPE
from pacesetter.orgs.models import Leader
from pacesetter.orgs.queries import organizations_visible_to
from pacesetter.orgs.views.common import positive_int

from .. import dashboard
from .. import rules as a_rules
from ..dashboard_xlsx import tasks_xlsx
from ..forms_tasks import TaskFilter
from ..models import KeyTask
from ..queries import annotate_schedule, schedule_rule, tasks_visible_to

PER_PAGE = 25
GANTT_PER_PAGE = 50
OVERDUE_SHOWN = 10


class TaskScope(LoginRequiredMixin):
    """The tasks a page covers (`scope()`), the filter over them, and the page's figures."""

    def scope(self):
        return tasks_visible_to(self.request.user)

    def setup_filter(self):
        self.today = timezone.localdate()
        scope = self.scope()
        self.filter = TaskFilter(self.request.GET, tasks=scope,
                                 visible_orgs=organizations_visible_to(self.request.user))
        self.tasks = self.filter.apply(annotate_schedule(scope, self.today), self.today)

    def page_of(self, per_page: int, total: int):
        paginator = dashboard.CountedPaginator(dashboard.rows(self.tasks, self.filter.ordering), per_page, count=total)
        page = paginator.get_page(positive_int(self.request.GET.get("page")))
        page.object_list = dashboard.labelled(page.object_list)
        return page


@dashboard_reads  # reads from the replica when there is one (core.dbrouter)
class TaskList(TaskScope, TemplateView):
    template_name = "accountability/task/list.html"
    heading = _("Key tasks")
    view_name = "accountability:task-list"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        self.setup_filter()
        day = self.today
        figures = dashboard.counts(self.tasks, day)
        page = self.page_of(PER_PAGE, figures.total)
        late = dashboard.labelled(dashboard.overdue(self.tasks, day)[:OVERDUE_SHOWN])
        for task in late:
            task.days_late = dashboard.days_late(task, day)
        query_string = self.filter.querystring()
        ctx.update(
            heading=self.heading, filter=self.filter, today=day, figures=figures, page=page, late=late,
            query_string=query_string, rule=schedule_rule(), sort=self.filter.ordering,
            schedule_query=self.filter.querystring(schedule="", page=""),
            late_url="?" + self.filter.querystring(late=dashboard.LATE_ANY, sort="worst", page=""),
            sort_links={key: "?" + self.filter.querystring(sort=key, page="") for key in dashboard.SORTS},
            export_url=self.export_url(), gantt_url=f"{reverse('accountability:task-gantt')}?{query_string}",
            status_chart=dashboard.status_chart(figures), leader_chart=dashboard.leader_chart(figures),
            can_manage=a_rules.can_manage_tasks(self.request.user),
        )
        return ctx

    def export_url(self) -> str:
        return f"{reverse('accountability:task-export')}?{self.filter.querystring(page='')}"


class TaskMine(TaskList):
    """The signed-in leader's own tasks; for anyone else an empty page saying so."""

    heading = _("My key tasks")
    view_name = "accountability:task-mine"

    def scope(self):
        return tasks_visible_to(self.request.user).filter(leader__user=self.request.user)

    @cached_property
    def leader(self) -> Leader | None:
        return Leader.objects.filter(user=self.request.user).first()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(mine=True, leader=self.leader,
                   intro=_("The key tasks you are responsible for as a county-level leader."))
        return ctx

    def export_url(self) -> str:
        if self.leader is None:
            return ""
        return f"{reverse('accountability:task-export')}?{self.filter.querystring(leader=self.leader.pk, page='')}"


class TaskUnit(TaskList):
    """The tasks an organisation leads or supports (the organisation must be in view)."""

    view_name = "accountability:task-unit"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.unit = get_object_or_404(organizations_visible_to(request.user), code=kwargs["code"])
        return super().dispatch(request, *args, **kwargs)

    def scope(self):
        supported = KeyTask.supporting_units.through.objects.filter(organization=self.unit).values("keytask_id")
        return tasks_visible_to(self.request.user).filter(Q(lead_unit=self.unit) | Q(pk__in=supported))

    @property
    def heading(self):
        return _("Key tasks of %(unit)s") % {"unit": self.unit.name}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(unit=self.unit, intro=_("Tasks this organisation leads or supports."))
        return ctx

    def export_url(self) -> str:
        return ""


class TaskGantt(TaskScope, TemplateView):
    """A timeline of a page of tasks: planned bars coloured by schedule, milestones, today."""

    template_name = "accountability/task/gantt.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        self.setup_filter()
        day = self.today
        total = self.tasks.order_by().count()
        page = self.page_of(GANTT_PER_PAGE, total)
        tasks = list(page.object_list)
        milestones = dashboard.milestones_by_task([t.pk for t in tasks])
        ctx.update(
            filter=self.filter, page=page, today=day, query_string=self.filter.querystring(),
            gantt=dashboard.gantt(tasks, milestones, day), rule=schedule_rule(),
            list_url=f"{reverse('accountability:task-list')}?{self.filter.querystring(page='')}",
        )
        return ctx


class TaskExport(TaskScope, View):
    """The filtered list as .xlsx, in the list's order: one query for its rows."""

    http_method_names = ["get", "head"]

    def get(self, request):
        self.setup_filter()
        content = tasks_xlsx(dashboard.rows(self.tasks, self.filter.ordering), day=self.today)
        filename = f"{_('key-tasks')}-{self.today:%Y%m%d}.xlsx"
        return HttpResponse(
            content, content_type=XLSX_TYPE,
            headers={"Content-Disposition": content_disposition_header(as_attachment=True, filename=filename)},
        )
