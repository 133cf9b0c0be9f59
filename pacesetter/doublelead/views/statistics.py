"""Statistics by township: members, enterprises by kind, helped households and each year's
income and jobs, with their charts and the .xlsx export. Four queries whatever the county."""
from __future__ import annotations

from django.views import View
from django.views.generic import TemplateView

from .. import charts, queries, xlsx
from ..enums import EnterpriseKind
from .common import DoubleLeadMixin, xlsx_response


class Statistics(DoubleLeadMixin, TemplateView):
    template_name = "doublelead/statistics.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        members = queries.double_lead_members_visible_to(self.request.user)
        stats = queries.statistics(members)
        years = queries.county_years(members)
        year = stats.years[-1] if stats.years else None
        ctx.update(stats=stats, year=year, county_years=years,
                   rows=[(row, stats.kind_counts(row), row.years.get(year)) for row in stats.rows],
                   kinds=[label for _kind, label in EnterpriseKind.choices],
                   township_chart=charts.township_chart(stats), years_chart=charts.county_chart(years))
        return ctx


class StatisticsExport(DoubleLeadMixin, View):
    def get(self, request):
        stats = queries.statistics(queries.double_lead_members_visible_to(request.user))
        return xlsx_response(xlsx.statistics_xlsx(stats), "double-lead-statistics")
