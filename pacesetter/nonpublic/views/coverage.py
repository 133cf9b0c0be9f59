"""The coverage dashboard: rates by entities and by employees now, per township and per
industry, month by month over the last year, the uncovered entities, and the .xlsx export.
A fixed handful of queries whatever the size of the registry."""
from __future__ import annotations

from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from pacesetter.core.dbrouter import dashboard_reads
from pacesetter.orgs.views.common import CappedPaginator

from .. import charts, coverage, queries, xlsx
from ..enums import PartyStatus
from .common import PER_PAGE, NonpublicMixin, xlsx_response


@dashboard_reads  # reads from the replica when there is one (core.dbrouter)
class Coverage(NonpublicMixin, TemplateView):
    template_name = "nonpublic/coverage/page.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        entities = queries.entities_visible_to(self.request.user)
        townships = coverage.by_township(entities)
        months = coverage.as_of(entities, coverage.month_ends())
        uncovered = entities.filter(status=PartyStatus.NONE).select_related("township", "instructor").order_by(
            "-employees", "name", "id")
        ctx.update(total=coverage.total(entities), townships=townships, industries=coverage.by_industry(entities),
                   months=months, township_chart=charts.township_chart(townships),
                   months_chart=charts.months_chart(months), today=timezone.localdate(),
                   page=CappedPaginator(uncovered, PER_PAGE).get_page(self.request.GET.get("page")),
                   query_string="", filter=None)
        return ctx


class CoverageExport(NonpublicMixin, View):
    def get(self, request):
        entities = queries.entities_visible_to(request.user)
        days = coverage.month_ends()
        return xlsx_response(xlsx.coverage_xlsx(
            township_rows=coverage.by_township(entities), industry_rows=coverage.by_industry(entities),
            months=coverage.as_of(entities, days), township_months=coverage.as_of_by_township(entities, days)),
            "non-public-coverage")
