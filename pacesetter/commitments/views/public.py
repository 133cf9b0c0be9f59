"""The public notice board (公示) under /notice/: no login, published pledges only.

Pages: the county board (summary by township and sector, organisations with their
pledges, filters and search), an organisation's page with the public's feedback form, an
item's timeline with its evidence, and the organisation's printable QR poster. Anything
not published is missing (404), whoever asks.

The feedback form keeps CSRF protection: without it a forged cross-site POST could file
feedback from a visitor's browser and use up their network's hourly limit. A hidden
honeypot field catches form-filling robots: if it is filled, the visitor sees the usual
"received" message and nothing is written.
"""
from __future__ import annotations

import segno
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from pacesetter.campaigns.models import Campaign
from pacesetter.campaigns.queries import current_campaign
from pacesetter.core.errors import DomainError
from pacesetter.core.net import client_ip
from pacesetter.core.public_limits import public_rate_limit
from pacesetter.orgs.enums import Sector
from pacesetter.orgs.forms import add_domain_error

from .. import board, domain
from ..forms_public import HONEYPOT, BoardFilter, FeedbackForm
from ..models import Commitment, CommitmentItem
from ..queries import public_timeline

BOARD_PER_PAGE = 20
FEEDBACK_PER_PAGE = 20
TIMELINE_PER_PAGE = 20


def _choose(value: str | None, campaigns: list[Campaign]) -> Campaign | None:
    """The campaign asked for if it is listed; else the current one if listed; else the newest."""
    by_pk = {str(c.pk): c for c in campaigns}
    if value in by_pk:
        return by_pk[value]
    current = current_campaign()
    if current is not None and str(current.pk) in by_pk:
        return by_pk[str(current.pk)]
    return campaigns[0] if campaigns else None


@public_rate_limit("notice")
@require_GET
def board_page(request: HttpRequest) -> HttpResponse:
    """The county-wide board of one campaign."""
    campaigns = list(board.board_campaigns())
    campaign = _choose(request.GET.get("campaign"), campaigns)
    if campaign is None:
        return render(request, "commitments/public/board.html", {"campaign": None})
    no_township = _("County level")
    summary = board.summarise(
        board.summary_rows(campaign), sector_labels=dict(Sector.choices), no_township=no_township,
        total_label=_("Whole county"),
    )
    form = BoardFilter(request.GET, campaigns=campaigns, townships=summary.townships, no_township_label=no_township)
    if form.is_valid():
        orgs = board.board_organizations(
            campaign, township=form.township_value(), sector=form.cleaned_data["sector"], text=form.cleaned_data["q"]
        )
    else:
        orgs = board.board_organizations(campaign).none()
    page = Paginator(board.with_pledges(orgs, campaign), BOARD_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "commitments/public/board.html", {
        "campaign": campaign,
        "summary": summary,
        "filter": form,
        "page": page,
        "entries": board.entries(page.object_list),
        "query_string": form.querystring(),
        "campaign_query": f"campaign={campaign.pk}",
    })


def _received(request: HttpRequest) -> HttpResponse:
    messages.success(request, _("Thank you. Your feedback was received; it is shown here after moderation."))
    return redirect(request.get_full_path())


def _feedback_form(request: HttpRequest, *, pledges: list[Commitment] | None = None,
                   item: CommitmentItem | None = None) -> tuple[FeedbackForm | None, HttpResponse | None, int]:
    """The feedback form of a page, and on POST its outcome: (form, response, status).

    A response means the feedback was taken (or a robot was turned away as if it had been).
    `pledges` gives the form its choice of pledge or item; without it the form is `item`'s."""
    if request.method != "POST":
        return FeedbackForm(pledges=pledges), None, 200
    if request.POST.get(HONEYPOT, "").strip():
        return None, _received(request), 200
    form = FeedbackForm(request.POST, pledges=pledges)
    if not form.is_valid():
        return form, None, 400
    commitment, about_item = form.cleaned_data["about"] if pledges is not None else (item.commitment, item)
    try:
        domain.submit_feedback(
            commitment, client_ip=client_ip(request), text=form.cleaned_data["text"], kind=form.cleaned_data["kind"],
            item=about_item, name=form.cleaned_data["name"], contact=form.cleaned_data["contact"],
        )
    except DomainError as error:
        add_domain_error(form, error)
        return form, None, 429 if error.code == "rate_limited" else 400
    return form, _received(request), 200


@public_rate_limit("notice")
@never_cache
@require_http_methods(["GET", "POST"])
def organization_page(request: HttpRequest, code: str) -> HttpResponse:
    """An organisation's published pledges (its own and its members'), the feedback shown
    on them, and the form to add some."""
    org = get_object_or_404(board.public_organizations(), code=code)
    campaigns = list(board.organization_campaigns(org))
    campaign = _choose(request.GET.get("campaign"), campaigns)
    pledges = board.organization_pledges(org, campaign)
    form, response, status = _feedback_form(request, pledges=pledges)
    if response is not None:
        return response
    feedback = Paginator(board.shown_feedback_on(pledges), FEEDBACK_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "commitments/public/organization.html", {
        "org": org,
        "campaign": campaign,
        "campaigns": campaigns,
        "pledges": pledges,
        "counts": board.prepare(pledges),
        "feedback_page": feedback,
        "form": form,
        "honeypot": HONEYPOT,
        "campaign_query": f"campaign={campaign.pk}",
    }, status=status)


@public_rate_limit("notice")
@never_cache
@require_http_methods(["GET", "POST"])
def item_page(request: HttpRequest, pk: int) -> HttpResponse:
    """An item's public timeline (the versions since the pledge was published) with its
    evidence, and the feedback shown on it."""
    item = board.public_item(pk)
    if item is None:
        raise Http404
    form, response, status = _feedback_form(request, item=item)
    if response is not None:
        return response
    timeline = Paginator(public_timeline(item), TIMELINE_PER_PAGE).get_page(request.GET.get("page"))
    feedback = Paginator(
        board.shown_feedback_on([item.commitment]).filter(item=item), FEEDBACK_PER_PAGE
    ).get_page(request.GET.get("fpage"))
    return render(request, "commitments/public/item.html", {
        "item": item,
        "commitment": item.commitment,
        "org": item.commitment.organization,
        "timeline_page": timeline,
        "feedback_page": feedback,
        "form": form,
        "honeypot": HONEYPOT,
    }, status=status)


@public_rate_limit("notice")
@require_GET
def poster(request: HttpRequest, code: str) -> HttpResponse:
    """A printable A4 poster with the QR code of the organisation's public page."""
    org = get_object_or_404(board.public_organizations(), code=code)
    url = request.build_absolute_uri(reverse("notice:organization", kwargs={"code": org.code}))
    qr = segno.make(url, error="m").svg_inline(
        scale=4, border=4, omitsize=True, svgclass="poster-qr", title=_("QR code of the public commitments"),
    )
    return render(request, "commitments/public/poster.html", {"org": org, "url": url, "qr": qr})
