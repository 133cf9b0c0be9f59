"""The commitments dashboard (/commitments/dashboard/) and its .xlsx export.

Everyone logged in reads it over their own view: a branch admin their subtree, county
admins, leaders and inspectors the county. The campaign defaults to the current one; the
township, sector and kind filters narrow every table, chart and the overdue list alike.
"""
from __future__ import annotations

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.campaigns.models import Campaign
from pacesetter.campaigns.queries import current_campaign
from pacesetter.core.dbrouter import dashboard_reads
from pacesetter.core.xlsx import XLSX_TYPE
from pacesetter.orgs.enums import Sector
from pacesetter.orgs.forms import BootstrapFormMixin
from pacesetter.orgs.queries import organizations_visible_to

from .. import dashboard
from ..dashboard_xlsx import dashboard_xlsx
from ..enums import DeliveryStatus

OVERDUE_PER_PAGE = 25
ANY = [("", _("any"))]


class DashboardFilter(BootstrapFormMixin, forms.Form):
    """The dashboard's campaign and filters, read from the query string. An invalid value
    shows its error and empty figures rather than everything."""

    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Campaign.objects.all(), required=False)
    township = forms.ChoiceField(label=_("Township"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=ANY + Sector.choices, required=False)
    kind = forms.ChoiceField(label=_("Pledges of"), choices=ANY + list(dashboard.KINDS), required=False)
    sort = forms.ChoiceField(
        label=_("Overdue items by"), choices=[(k, label) for k, (label, _order) in dashboard.OVERDUE_SORTS.items()],
        required=False,
    )

    def __init__(self, data, *, user):
        super().__init__(data)
        townships = (
            organizations_visible_to(user).exclude(township="").order_by("township")
            .values_list("township", flat=True).distinct()
        )
        self.fields["township"].choices = ANY + [(t, t) for t in townships]
        self.fields["campaign"].empty_label = _("current campaign")

    @property
    def is_active(self) -> bool:
        return any(self.data.get(name) for name in ("township", "sector", "kind"))

    def chosen_campaign(self) -> Campaign | None:
        """The campaign asked for, else the current one; None when the form is invalid or
        there is no campaign at all."""
        if not self.is_valid():
            return None
        return self.cleaned_data["campaign"] or current_campaign()

    def narrowed(self, items):
        data = self.cleaned_data
        return dashboard.filter_items(items, township=data["township"], sector=data["sector"], kind=data["kind"])

    @property
    def overdue_sort(self) -> str:
        return (self.is_valid() and self.cleaned_data["sort"]) or dashboard.DEFAULT_OVERDUE_SORT

    def querystring(self, **override) -> str:
        values = {name: self.data.get(name) for name in self.fields} | override
        return urlencode([(name, value) for name, value in values.items() if value])


class DashboardMixin(LoginRequiredMixin):
    """Reads the filter and the campaign; `items` is the user's published items narrowed by
    the filter (None without a campaign)."""

    def setup_figures(self):
        self.filter = DashboardFilter(self.request.GET, user=self.request.user)
        self.campaign = self.filter.chosen_campaign()
        self.today = timezone.localdate()
        self.items = None
        if self.campaign is not None:
            self.items = self.filter.narrowed(dashboard.published_items(self.request.user, self.campaign))


@dashboard_reads  # reads from the replica when there is one (core.dbrouter)
class Dashboard(DashboardMixin, TemplateView):
    template_name = "commitments/dashboard/index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        self.setup_figures()
        ctx.update(filter=self.filter, campaign=self.campaign, today=self.today)
        if self.items is None:
            return ctx
        day = self.today
        townships = dashboard.by_township(self.items, day)
        sectors = dashboard.by_sector(self.items, day)
        months = dashboard.monthly_deliveries(self.items)
        paginator = Paginator(dashboard.overdue_items(self.items, day, self.filter.overdue_sort), OVERDUE_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("page"))
        for item in page.object_list:
            item.days_overdue = dashboard.days_overdue(item, day)
        query_string = self.filter.querystring()
        ctx.update(
            totals=dashboard.summed(townships), townships=townships, sectors=sectors,
            kinds=dashboard.by_kind(self.items, day), months=months, page=page,
            query_string=query_string, sort=self.filter.overdue_sort,
            township_query=self.filter.querystring(township=""), sector_query=self.filter.querystring(sector=""),
            sort_links={key: "?" + self.filter.querystring(sort=key) for key in dashboard.OVERDUE_SORTS},
            export_url=f"{reverse('commitments:dashboard-export')}?{query_string}",
            rate_chart=_rate_chart(townships), mix_chart=_mix_chart(sectors), month_chart=_month_chart(months),
        )
        return ctx


class DashboardExport(DashboardMixin, View):
    """The page's tables and its whole overdue list, with the page's filters and order."""

    def get(self, request):
        self.setup_figures()
        if self.items is None:
            raise Http404
        day = self.today
        content = dashboard_xlsx(
            townships=dashboard.by_township(self.items, day), sectors=dashboard.by_sector(self.items, day),
            overdue=dashboard.overdue_items(self.items, day, self.filter.overdue_sort), day=day,
        )
        filename = f"{self.campaign.name}-{day:%Y%m%d}.xlsx"
        return HttpResponse(
            content, content_type=XLSX_TYPE,
            headers={"Content-Disposition": content_disposition_header(as_attachment=True, filename=filename)},
        )


def _rate_chart(rows: list[dashboard.Figures]) -> dict:
    return {
        "labels": [row.label for row in rows],
        "values": [row.percent for row in rows],
        "name": str(_("Fulfilment rate (%)")),
    }


#: The status mix's series, in the order they stack.
MIX = (
    ("delivered", DeliveryStatus.DELIVERED), ("on_track", DeliveryStatus.ON_TRACK),
    ("overdue", DeliveryStatus.OVERDUE), ("not_delivered", DeliveryStatus.NOT_DELIVERED),
)


def _mix_chart(rows: list[dashboard.Figures]) -> dict:
    return {
        "labels": [row.label for row in rows],
        "series": [
            {"key": key, "name": str(status.label), "values": [getattr(row, key) for row in rows]} for key, status in MIX
        ],
    }


def _month_chart(months) -> dict:
    total, cumulative = 0, []
    for _month, n in months:
        total += n
        cumulative.append(total)
    return {
        "labels": [f"{month:%Y-%m}" for month, _n in months],
        "values": [n for _month, n in months],
        "cumulative": cumulative,
        "names": {"values": str(_("Delivered in the month")), "cumulative": str(_("Delivered so far"))},
    }
