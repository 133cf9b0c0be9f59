"""The county stage dashboard (townships and sectors with red / amber / green, the stages
with the current one highlighted, the chart, the .xlsx export) and the drill-down from a
township to its organisations."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.campaigns.queries import campaigns_visible_to
from pacesetter.core.dbrouter import dashboard_reads
from pacesetter.orgs.enums import Sector

from .. import dashboard, queries, xlsx
from ..forms import DashboardFilter, TownshipFilter
from ..rules import can_set_up_stages
from .common import PER_PAGE, StagesMixin, chosen_campaign, today, xlsx_response

#: The township of organisations that belong to none, in URLs (?name=-).
NO_TOWNSHIP = "-"


def township_param(name: str) -> str:
    return name or NO_TOWNSHIP


def _board(request, *, organizations: bool):
    """The dashboard's campaign, filter and tallies; with each organisation's (the export)
    or only the groups' (the page)."""
    campaign = chosen_campaign(request)
    data = request.GET.copy()
    if campaign is not None:
        data["campaign"] = str(campaign.pk)
    filter_ = DashboardFilter(data, campaigns=campaigns_visible_to(request.user).order_by("-starts_on"))
    orgs = queries.stage_organizations_visible_to(request.user)
    if not filter_.is_valid():
        orgs = orgs.none()
    elif filter_.value("sector"):
        orgs = orgs.filter(sector=filter_.value("sector"))
    if campaign is None:
        return campaign, filter_, dashboard.Dashboard()
    build = dashboard.build if organizations else dashboard.summary
    return campaign, filter_, build(campaign, orgs, today(), stage_kind=filter_.value("stage"))


def _chart(board: dashboard.Dashboard) -> dict:
    rows = list(board.townships.items())
    series = [("done", _("done")), ("done_late", _("done late")), ("open", _("open, not yet due")),
              ("overdue", _("overdue"))]
    return {"labels": [dashboard.township_label(name) for name, _t in rows],
            "series": [{"key": key, "name": name, "data": [getattr(t, key) for _n, t in rows]}
                       for key, name in series]}


@dashboard_reads  # reads from the replica when there is one (core.dbrouter)
class Dashboard(StagesMixin, TemplateView):
    template_name = "stages/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        campaign, filter_, board = _board(self.request, organizations=False)
        day = today()
        stages = list(campaign.stages.order_by("starts_on")) if campaign is not None else []
        sectors = dict(Sector.choices)
        ctx.update(
            campaign=campaign, filter=filter_, board=board, day=day, query_string=filter_.querystring(),
            stages=[(s, s.is_current(day), board.stages.get(s.pk, dashboard.Tally())) for s in stages],
            townships=[(dashboard.township_label(n), township_param(n), t) for n, t in board.townships.items()],
            sectors=[(sectors.get(code, code), t) for code, t in board.sectors.items()],
            chart=_chart(board), rule=dashboard.rule(), can_set_up=can_set_up_stages(self.request.user),
            township_url=reverse("stages:township"), stage_param=filter_.value("stage"),
        )
        return ctx


class DashboardExport(StagesMixin, View):
    def get(self, request):
        _campaign, _filter, board = _board(request, organizations=True)
        return xlsx_response(xlsx.dashboard_xlsx(board), "campaign-stages")


class Township(StagesMixin, TemplateView):
    """One township's organisations, each with its tallies and rating; a township without
    a visible organisation is a 404, like one that does not exist."""

    template_name = "stages/township.html"

    def load(self, request, **kwargs):
        self.campaign = chosen_campaign(request)
        name = request.GET.get("name", "")
        if not name or self.campaign is None:
            raise Http404
        self.township = "" if name == NO_TOWNSHIP else name
        self.orgs = queries.stage_organizations_visible_to(request.user).filter(township=self.township)
        if not self.orgs.exists():
            raise Http404

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filter_ = TownshipFilter(self.request.GET)
        orgs = self.orgs
        if not filter_.is_valid():
            orgs = orgs.none()
        for name in ("level", "sector"):
            if filter_.value(name):
                orgs = orgs.filter(**{name: filter_.value(name)})
        board = dashboard.build(self.campaign, orgs, today(), stage_kind=filter_.value("stage"))
        sectors = dict(Sector.choices)
        rows = [(org, sectors.get(org["sector"], org["sector"]), board.organizations[org["pk"]])
                for org in board.org_rows]
        if filter_.value("rag"):
            rows = [row for row in rows if row[2].rag == filter_.value("rag")]
        page = Paginator(rows, PER_PAGE).get_page(self.request.GET.get("page"))
        ctx.update(campaign=self.campaign, township=dashboard.township_label(self.township), filter=filter_,
                   page=page, query_string=filter_.querystring(), total=board.county)
        return ctx
