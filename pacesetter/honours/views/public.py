"""The public side of honours, no login: the honour roll by year, kind, sector and township
with its charts, and the verify page a certificate's QR code opens."""
from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views import View

from pacesetter.core.public_limits import NOT_FOUND, public_rate_limit

from ..forms import RollFilterForm
from ..queries import honour_by_token, honours_visible_to, in_force
from .common import chart_data, listing, sector_labels


@public_rate_limit("honours")
class Roll(View):
    """The honour roll (光荣榜): the honours in force, newest year first."""

    http_method_names = ["get", "head"]

    def get(self, request):
        context = listing(request, in_force(honours_visible_to(request.user)), RollFilterForm)
        return render(request, "honours/roll.html", context | {
            "chart": chart_data(context["honours"]), "sectors": sector_labels(),
        })


@public_rate_limit("honours.verify", kind=NOT_FOUND)
@public_rate_limit("honours")
class Verify(View):
    """What a certificate's QR code opens: the honour as given, or that it was revoked.
    An unknown code is a 404, like any page that does not exist."""

    http_method_names = ["get", "head"]

    def get(self, request, token):
        honour = honour_by_token(token)
        if honour is None:
            raise Http404
        return render(request, "honours/verify.html", {"honour": honour, "sectors": sector_labels()})
