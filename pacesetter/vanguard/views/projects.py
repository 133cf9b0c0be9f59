"""The project list (filtered, paginated), "my projects", creating and changing a project,
moving it through its states, and its page with progress chart, results, evidence and review."""
from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from pacesetter.orgs.views.common import CappedPaginator

from .. import charts, domain, queries
from .. import rules as v_rules
from ..enums import TRANSITIONS, Measure, ProjectState
from ..forms import ProjectFilter, ProjectForm, StateForm
from .common import PER_PAGE, SELECTED, FormPage, ProjectPage, VanguardMixin


class ProjectList(VanguardMixin, TemplateView):
    template_name = "vanguard/list.html"
    mine = False

    def projects(self):
        user = self.request.user
        return queries.owned_by(user) if self.mine else queries.projects_visible_to(user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        projects = self.projects()
        filter_ = ProjectFilter(self.request.GET, projects=projects, user=self.request.user)
        qs = queries.annotate_latest(filter_.apply(projects)).select_related(*SELECTED).order_by(
            queries.TOWNSHIP, "organization__path", "-starts_on", "-id")
        ctx.update(filter=filter_, mine=self.mine, query_string=filter_.querystring(),
                   page=CappedPaginator(qs, PER_PAGE).get_page(self.request.GET.get("page")),
                   can_create=v_rules.can_create_project(self.request.user))
        return ctx


class ProjectDetail(ProjectPage, TemplateView):
    template_name = "vanguard/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        project, user = self.project, self.request.user
        progress = list(project.progress.order_by("date", "id"))
        results = list(project.results.order_by("measure", "id"))
        totals: dict[str, object] = {}
        for line in results:
            totals[line.measure] = totals.get(line.measure, 0) + line.amount
        ctx.update(project=project, co_owners=list(project.co_owners.select_related("organization")),
                   progress=progress, results=results,
                   totals=[(Measure(m).label, v) for m, v in totals.items()],
                   evidence=list(project.evidence.all()), review=getattr(project, "review", None),
                   chart=charts.progress_chart(progress), can_edit=v_rules.can_edit_project(user, project),
                   can_progress=v_rules.can_log_progress(user, project) and project.state == ProjectState.RUNNING,
                   can_review=(v_rules.can_review_project(user, project)
                               and project.state == ProjectState.COMPLETED),
                   next_states=TRANSITIONS[ProjectState(project.state)])
        return ctx


class ProjectCreate(FormPage):
    title = gettext_lazy("New vanguard project")

    def load(self, request):
        self.project = None

    def check(self, user) -> bool:
        return v_rules.can_create_project(user)

    def make_form(self, data=None, files=None):
        return ProjectForm(data, user=self.request.user)

    def save(self, user, data):
        return domain.create_project(data.pop("organization"), by=user, **data)


class ProjectEdit(FormPage):
    title = gettext_lazy("Change the project")

    def check(self, user) -> bool:
        return v_rules.can_edit_project(user, self.project)

    def make_form(self, data=None, files=None):
        project = self.project
        initial = {"kind": project.kind, "title": project.title, "lead": project.lead.code, "goals": project.goals,
                   "co_owners": "\n".join(project.co_owners.values_list("code", flat=True)),
                   "starts_on": project.starts_on, "ends_on": project.ends_on}
        return ProjectForm(data, user=self.request.user, editing=True, initial=initial)

    def save(self, user, data):
        return domain.update_project(self.project, by=user, **data)


class ProjectStateChange(FormPage):
    title = gettext_lazy("Change the project's state")

    def check(self, user) -> bool:
        return v_rules.can_edit_project(user, self.project)

    def make_form(self, data=None, files=None):
        form = StateForm(data)
        allowed = TRANSITIONS[ProjectState(self.project.state)]
        form.fields["state"].choices = [(s.value, s.label) for s in allowed] or [("", _("no further state"))]
        return form

    def save(self, user, data):
        return domain.change_state(self.project, by=user, state=data["state"])
