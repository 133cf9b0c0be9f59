"""The proceedings (论文集) of published seminars, public like the notice board: no login.
Only what the county published is read: ranked papers of published seminars."""
from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from pacesetter.core.public_limits import public_rate_limit
from pacesetter.orgs.views.common import CappedPaginator

from ..forms import SeminarFilter
from ..queries import proceedings, published_seminars
from .common import PER_PAGE


@public_rate_limit("seminars")
class ProceedingsList(TemplateView):
    template_name = "seminars/public/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filter_ = SeminarFilter(self.request.GET)
        filter_.fields.pop("state")
        qs = filter_.apply(published_seminars()).order_by("-published_at", "-id")
        ctx.update(filter=filter_, query_string=filter_.querystring(),
                   page=CappedPaginator(qs, PER_PAGE).get_page(self.request.GET.get("page")))
        return ctx


@public_rate_limit("seminars")
class Proceedings(TemplateView):
    template_name = "seminars/public/proceedings.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        seminar = get_object_or_404(published_seminars(), pk=kwargs["pk"])
        rows = list(proceedings(seminar).values_list("rank", "mean_score", "award", "title"))
        ctx.update(seminar=seminar, page=CappedPaginator(proceedings(seminar), PER_PAGE)
                   .get_page(self.request.GET.get("page")), query_string="",
                   chart={"labels": [str(r[0]) for r in rows], "means": [float(r[1]) for r in rows],
                          "awards": [r[2] for r in rows], "titles": [r[3] for r in rows],
                          "name": _("mean score"), "rank": _("rank")})
        return ctx
