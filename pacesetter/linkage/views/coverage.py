"""Coverage (覆盖情况): which party organisations have a Youth League, trade union and
women's federation unit, by sector and by township, with the organisations lacking one
and an .xlsx export."""
from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from openpyxl import Workbook

from pacesetter.core.xlsx import PERCENT, XLSX_TYPE, formatted, header_sheet
from pacesetter.orgs.views.common import CappedPaginator

from ..enums import AffiliateKind
from ..forms import CoverageFilter
from ..queries import coverage, covered_organizations, lacking
from .common import PER_PAGE, LinkageMixin

#: Rows the lacking sheet of an export holds at most.
EXPORT_LIMIT = 20_000


def _chart(rows) -> dict:
    """The sector table as ECharts data: percent covered per kind, per sector."""
    groups = rows[:-1]
    return {
        "labels": [row.label for row in groups],
        "series": [{"key": kind, "name": str(label),
                    "values": [round(100 * row.counts[kind] / row.total, 1) if row.total else 0 for row in groups]}
                   for kind, label in AffiliateKind.choices],
    }


class Coverage(LinkageMixin, TemplateView):
    template_name = "linkage/coverage/page.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filter_ = CoverageFilter(self.request.GET)
        orgs = filter_.apply(covered_organizations(self.request.user))
        by_sector = coverage(orgs, "sector")
        kind = filter_.lacking_kind
        ctx.update(filter=filter_, kinds=AffiliateKind.choices, by_sector=by_sector,
                   by_township=coverage(orgs, "township"), chart=_chart(by_sector),
                   lacking_kind=AffiliateKind(kind).label, query_string=filter_.querystring(),
                   page=CappedPaginator(lacking(orgs, kind), PER_PAGE).get_page(self.request.GET.get("page")))
        return ctx


class CoverageExport(LinkageMixin, View):
    """The coverage tables and every organisation with what it lacks, as .xlsx."""

    def get(self, request):
        filter_ = CoverageFilter(request.GET)
        orgs = filter_.apply(covered_organizations(request.user))
        workbook = Workbook(write_only=True)
        kind_headers = []
        for _kind, label in AffiliateKind.choices:
            kind_headers += [(str(label), 14), (_("share"), 10)]
        for by, title in (("sector", _("By sector")), ("township", _("By township"))):
            sheet = header_sheet(workbook, title, [(_("Group"), 22), (_("Party organisations"), 14), *kind_headers])
            for row in coverage(orgs, by):
                cells = []
                for number, share in row.cells:
                    cells += [number, formatted(sheet, share, PERCENT)]
                sheet.append([row.label or _("All"), row.total, *cells])
        sheet = header_sheet(workbook, _("Organisations"), [
            (_("Code"), 14), (_("Party organisation"), 30), (_("Township"), 14), (_("Sector"), 16),
            *[(str(label), 14) for _kind, label in AffiliateKind.choices]])
        for org in orgs.order_by("township", "path")[:EXPORT_LIMIT]:
            sheet.append([org.code, org.name, org.township, org.get_sector_display(),
                          *[_("yes") if getattr(org, f"has_{kind}") else _("no") for kind in AffiliateKind.values]])
        response = HttpResponse(content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="linkage-coverage-{timezone.localdate():%Y%m%d}.xlsx"'
        workbook.save(response)
        return response
