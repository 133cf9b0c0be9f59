"""Statistics by township as at the end of a year (default: the latest year with figures):
members, enterprises by kind, helped households and the year's income and jobs, with the
trend per township and the .xlsx export. Four queries whatever the county."""
from __future__ import annotations

from django.views import View
from django.views.generic import TemplateView

from .. import charts, queries, xlsx
from ..enums import EnterpriseKind
from ..forms import YearForm
from .common import DoubleLeadMixin, xlsx_response


def _statistics(request) -> tuple[queries.Statistics, YearForm]:
    members = queries.double_lead_members_visible_to(request.user)
    stats = queries.statistics(members)
    form = YearForm(request.GET, years=stats.years)
    return stats.as_of(form.chosen()), form


class Statistics(DoubleLeadMixin, TemplateView):
    template_name = "doublelead/statistics.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        stats, form = _statistics(self.request)
        years = queries.county_years(queries.double_lead_members_visible_to(self.request.user))
        ctx.update(stats=stats, year=stats.year, county_years=years, filter=form,
                   query_string=f"year={stats.year}" if stats.year else "",
                   rows=[(row, stats.kind_counts(row), row.figures) for row in stats.rows],
                   kinds=[label for _kind, label in EnterpriseKind.choices],
                   township_chart=charts.township_chart(stats), years_chart=charts.county_chart(years),
                   trend_chart=charts.trend_chart(stats))
        return ctx


class StatisticsExport(DoubleLeadMixin, View):
    def get(self, request):
        stats, _form = _statistics(request)
        name = f"double-lead-statistics-{stats.year}" if stats.year else "double-lead-statistics"
        return xlsx_response(xlsx.statistics_xlsx(stats), name)
