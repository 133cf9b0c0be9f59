"""Pages of the four comparisons: over time, across peers, within the unit, with outside
units, each with its .xlsx export, and a printable one-page report of an organisation.

An organisation is loaded through `organizations_visible_to` (invisible == missing ==
404); rounds are the user's released rounds, so a round before release offers nothing.
"""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.core.xlsx import XLSX_TYPE
from pacesetter.evaluation.models import RoundSubject
from pacesetter.evaluation.ranking import peer_group_label
from pacesetter.honours.queries import honours_summary
from pacesetter.orgs.enums import Sector
from pacesetter.orgs.queries import (
    organizations_visible_to,
    search_organizations,
    visible_roots,
)

from . import charts, queries, xlsx
from .forms import (
    FindOrganization,
    HistoryFilter,
    OutsideFilter,
    PeerFilter,
    WithinFilter,
)

PER_PAGE = 50
#: The most rounds a round filter offers (newest first).
MAX_ROUNDS = 100


def xlsx_response(content: bytes, name: str) -> HttpResponse:
    filename = f"{name}-{timezone.localdate():%Y%m%d}.xlsx"
    return HttpResponse(content, content_type=XLSX_TYPE,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def rounds_of(user, org=None) -> list:
    """The user's released rounds, newest first; with `org`, those evaluating it."""
    rounds = queries.released_rounds_visible_to(user)
    if org is not None:
        rounds = rounds.filter(Exists(RoundSubject.objects.filter(
            round=OuterRef("pk"), organization=org, member__isnull=True)))
    return list(rounds[:MAX_ROUNDS])


def group_labels(by: str, keys) -> dict[str, str]:
    if by == "sector":
        return {key: str(Sector(key).label) if key in Sector.values else key for key in keys}
    return {key: key or _("(no township)") for key in keys}


class Landing(LoginRequiredMixin, TemplateView):
    """Pick an organisation (search among those the user sees) and a comparison."""

    template_name = "comparisons/landing.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rounds = rounds_of(self.request.user)
        form = FindOrganization(self.request.GET, rounds=rounds)
        text = form.value("q")
        orgs = search_organizations(organizations_visible_to(self.request.user), text).order_by("path")
        page = Paginator(orgs if text else visible_roots(self.request.user), PER_PAGE).get_page(
            self.request.GET.get("page"))
        chosen = form.value("round")
        ctx.update(form=form, page=page, searching=form.is_active, query_string=form.querystring(),
                   round_query=f"?{urlencode({'round': chosen})}" if chosen else "", rounds=rounds[:10])
        return ctx


class OrgMixin(LoginRequiredMixin):
    """Loads `self.org` by code from the organisations the user sees."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.org = get_object_or_404(organizations_visible_to(request.user), code=kwargs["code"])
        return super().dispatch(request, *args, **kwargs)


class History(OrgMixin, TemplateView):
    template_name = "comparisons/history.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = HistoryFilter(self.request.GET)
        rows = queries.history(self.org, kind=form.value("kind")) if form.is_valid() else []
        for row in rows:
            row["peer_group_label"] = peer_group_label(row["peer_group"])
        ctx.update(org=self.org, filter=form, rows=rows, chart=charts.trend(rows), tab="history",
                   honours=honours_summary(self.org),
                   export_url=f"{reverse('comparisons:history-export', args=[self.org.code])}?{form.querystring()}")
        return ctx


class HistoryExport(OrgMixin, View):
    def get(self, request, code):
        form = HistoryFilter(request.GET)
        rows = queries.history(self.org, kind=form.value("kind")) if form.is_valid() else []
        return xlsx_response(xlsx.history_xlsx(self.org, rows), f"history-{self.org.code}")


class PeersMixin(OrgMixin):
    def position(self):
        """(form, round or None, PeerPosition or None) of the query string's round."""
        form = PeerFilter(self.request.GET, rounds=rounds_of(self.request.user, self.org))
        round_ = form.chosen_round()
        position = queries.peer_position(self.request.user, self.org, round_) if round_ else None
        return form, round_, position


class Peers(PeersMixin, TemplateView):
    template_name = "comparisons/peers.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, round_, position = self.position()
        ctx.update(org=self.org, filter=form, round=round_, position=position, tab="peers", min_group=queries.MIN_GROUP,
                   peer_group_label=position and peer_group_label(position.result.peer_group),
                   chart=position and charts.histogram(position),
                   export_url=f"{reverse('comparisons:peers-export', args=[self.org.code])}?{form.querystring()}")
        return ctx


class PeersExport(PeersMixin, View):
    def get(self, request, code):
        _form, round_, position = self.position()
        if position is None:
            return HttpResponse(_("This organisation has no released result to compare."), status=404)
        return xlsx_response(xlsx.peers_xlsx(position), f"peers-{self.org.code}-{round_.pk}")


class WithinMixin(OrgMixin):
    @staticmethod
    def filters(form) -> dict:
        return {name: form.value(name) for name in ("level", "sector", "township")}

    def results(self):
        form = WithinFilter(self.request.GET, rounds=rounds_of(self.request.user))
        round_ = form.chosen_round()
        if round_ is None:
            return form, None, None
        return form, round_, queries.within_results(self.org, round_, **self.filters(form))


class Within(WithinMixin, TemplateView):
    template_name = "comparisons/within.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = WithinFilter(self.request.GET, rounds=rounds_of(self.request.user))
        round_ = form.chosen_round()
        ids, summary = queries.within_ranking(self.org, round_, **self.filters(form)) if round_ else ([], None)
        page = Paginator(ids, PER_PAGE).get_page(self.request.GET.get("page"))
        page.object_list = queries.results_in_order(page.object_list)
        ctx.update(org=self.org, filter=form, round=round_, page=page, summary=summary, tab="within",
                   grade_rows=summary and [(queries.grade_label(g), summary[g]) for g in queries.GRADES],
                   chart=charts.bars(page.object_list), query_string=form.querystring(),
                   export_url=f"{reverse('comparisons:within-export', args=[self.org.code])}?{form.querystring()}")
        return ctx


class WithinExport(WithinMixin, View):
    def get(self, request, code):
        _form, round_, qs = self.results()
        name = f"within-{self.org.code}-{round_.pk if round_ else 'none'}"
        return xlsx_response(xlsx.within_xlsx(self.org, qs.iterator(chunk_size=2000) if qs is not None else []), name)


class OutsideMixin(LoginRequiredMixin):
    def figures(self):
        """(form, round, groups, county, labels); groups and county None without a round."""
        form = OutsideFilter(self.request.GET, rounds=rounds_of(self.request.user))
        round_ = form.chosen_round()
        if round_ is None:
            return form, None, [], None, {}
        rows, county = queries.outside(round_, by=form.grouping, sector=form.value("sector"),
                                       level=form.value("level"), township=form.value("township"))
        return form, round_, rows, county, group_labels(form.grouping, [g.key for g in rows])


class Outside(OutsideMixin, TemplateView):
    template_name = "comparisons/outside.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, round_, rows, county, labels = self.figures()
        for group in rows:
            group.label = labels[group.key]
        focus = form.value("focus")
        page = Paginator(rows, PER_PAGE).get_page(self.request.GET.get("page"))
        ctx.update(filter=form, round=round_, page=page, county=county, focus=focus, min_group=queries.MIN_GROUP,
                   grades=[(g, queries.grade_label(g)) for g in queries.GRADES], query_string=form.querystring(),
                   chart=county and charts.groups(list(page.object_list), county, labels=labels, focus=focus),
                   export_url=f"{reverse('comparisons:outside-export')}?{form.querystring()}")
        return ctx


class OutsideExport(OutsideMixin, View):
    def get(self, request):
        form, round_, rows, county, labels = self.figures()
        if county is None:
            return HttpResponse(_("No released round to compare."), status=404)
        return xlsx_response(xlsx.outside_xlsx(rows, county, labels=labels),
                             f"outside-{form.grouping}-{round_.pk}")


class Report(PeersMixin, TemplateView):
    """One A4 page for an organisation: its trend, its place among peers in the round
    chosen (the newest by default), and its grade history."""

    template_name = "comparisons/report.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        _form, round_, position = self.position()
        rows = queries.history(self.org)
        ctx.update(org=self.org, round=round_, position=position, rows=rows, today=timezone.localdate(),
                   peer_group_label=position and peer_group_label(position.result.peer_group),
                   trend_chart=charts.trend(rows), peer_chart=position and charts.histogram(position))
        return ctx
