"""The summary dashboard: projects by kind and township, states, ratings and every
measure's total, with its charts and the .xlsx export. Five queries whatever the county."""
from __future__ import annotations

from django.views import View
from django.views.generic import TemplateView

from .. import charts, queries, xlsx
from ..enums import Measure, ProjectState, Rating, VanguardKind
from .common import VanguardMixin, xlsx_response


class Dashboard(VanguardMixin, TemplateView):
    template_name = "vanguard/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        board = queries.dashboard(queries.projects_visible_to(self.request.user))
        ctx.update(board=board, kinds=[label for _k, label in VanguardKind.choices],
                   rows=[(row, board.kind_counts(row)) for row in board.rows],
                   states=[(ProjectState(s).label, n) for s, n in board.states.items()],
                   ratings=[(Rating(r).label, n) for r, n in board.ratings.items()],
                   measures=[(Measure(m).label, v) for m, v in board.measures.items()],
                   township_chart=charts.township_chart(board), results_chart=charts.results_chart(board))
        return ctx


class DashboardExport(VanguardMixin, View):
    def get(self, request):
        board = queries.dashboard(queries.projects_visible_to(request.user))
        return xlsx_response(xlsx.dashboard_xlsx(board), "vanguard-projects")
