"""What the honours pages share: listing with filters and a page, the chart's data and the
absolute address a certificate's QR code carries."""
from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from pacesetter.orgs.enums import Sector
from pacesetter.orgs.views.common import positive_int

from .. import rules as h_rules
from ..queries import count_by, roll_choices, with_display

PER_PAGE = 30


def listing(request, honours, form_class, *, order=("-year", "kind__position", "certificate_no")) -> dict:
    """The filter form, the page of honours and the query string for the page links."""
    form = form_class(request.GET or None, **roll_choices(honours))
    honours = with_display(form.apply(honours))
    page = Paginator(honours.order_by(*order), PER_PAGE).get_page(positive_int(request.GET.get("page")))
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    return {"filter": form, "page": page, "query_string": urlencode(query), "honours": honours,
            "can_manage": h_rules.can_manage_honours(request.user)}


def chart_data(honours) -> dict:
    """Honours per township and per kind, for the roll's two charts (two GROUP BY queries)."""
    townships = count_by(honours, "township")
    kinds = count_by(honours, "kind__name")
    return {
        "townships": {"labels": [t or _("county level") for t, _n in townships], "counts": [n for _t, n in townships]},
        "kinds": [{"name": k, "value": n} for k, n in kinds],
        "names": {"honours": _("Honours"), "by_township": _("Honours per township"), "by_kind": _("Honours per kind")},
    }


def sector_labels() -> dict[str, str]:
    return {key: str(label) for key, label in Sector.choices}


def verify_url(request, honour) -> str:
    """The public verify page's absolute address: SITE_URL when set (behind a proxy the
    request's own host may be an internal one), else the request's."""
    path = reverse("honours:verify", kwargs={"token": honour.verify_token})
    return f"{settings.SITE_URL}{path}" if settings.SITE_URL else request.build_absolute_uri(path)
