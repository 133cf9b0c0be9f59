"""Organisations that find it hard to hold activities (活动开展难), with township, sector and
level filters, and a chart of the activities held per month in the user's view."""
from __future__ import annotations

from django.utils import timezone
from django.views.generic import TemplateView

from pacesetter.orgs.queries import role_paths
from pacesetter.orgs.views.common import CappedPaginator

from ..forms import FlagFilter
from ..queries import (
    FLAG_ROLES,
    flag_organizations_visible_to,
    flag_settings,
    flagged,
    held_per_month,
    months_before,
)
from .common import PER_PAGE, ActivitiesMixin

#: Months the chart shows, this one included.
CHART_MONTHS = 12


def month_labels(today, count: int) -> list:
    first = months_before(today.replace(day=1), count - 1)
    return [months_before(first, -i) for i in range(count)]


class Flags(ActivitiesMixin, TemplateView):
    template_name = "activities/flags.html"

    def allowed(self, user) -> bool:
        return role_paths(user, FLAG_ROLES) != []

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        filter_ = FlagFilter(self.request.GET)
        orgs = filter_.apply(flag_organizations_visible_to(self.request.user))
        months = month_labels(today, CHART_MONTHS)
        counts = held_per_month(orgs, since=months[0], until=today)
        least, span = flag_settings()
        ctx.update(filter=filter_, query_string=filter_.querystring(), least=least, months=span,
                   page=CappedPaginator(flagged(orgs, today=today), PER_PAGE).get_page(self.request.GET.get("page")),
                   chart={"labels": [f"{m:%Y-%m}" for m in months], "values": [counts.get(m, 0) for m in months]})
        return ctx

