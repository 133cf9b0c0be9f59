"""Pages without login: the score sheet behind a site's QR code, and the published results.

The sheet takes two steps on the observer's phone: the personal code, then the scores
with the code carried in a hidden field. Both posts count against the address's hourly
limit (domain.sheets) and keep CSRF protection. A sent sheet redirects back to the site's page with thanks; a
filled honeypot gets the same answer and nothing is written."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from pacesetter.core.net import client_ip
from pacesetter.core.public_limits import NOT_FOUND, public_rate_limit
from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.views.common import CappedPaginator

from .. import domain
from ..forms import HONEYPOT, CodeForm, SheetForm
from ..models import Site
from ..queries import published_meetings, published_results
from .common import PER_PAGE

TEMPLATE = "sitevisits/public/sheet.html"


def _status(error: ValidationError) -> int:
    return 429 if getattr(error, "code", None) == "rate_limited" else 400


def _received(request):
    messages.success(request, _("Thank you. Your score sheet for this site was received."))
    return redirect(request.path)


@public_rate_limit("sitevisits.sheet", kind=NOT_FOUND)
@public_rate_limit("sitevisits")
@never_cache
@require_http_methods(["GET", "POST"])
def sheet(request, token: str):
    site = get_object_or_404(Site.objects.select_related("meeting", "organization"), token=token)
    ctx = {"site": site, "meeting": site.meeting, "honeypot": HONEYPOT}
    if request.method == "GET":
        return render(request, TEMPLATE, {**ctx, "code_form": CodeForm()})
    if request.POST.get(HONEYPOT, "").strip():
        return _received(request)
    if request.POST.get("step") != "score":
        form = CodeForm(request.POST)
        if not form.is_valid():
            return render(request, TEMPLATE, {**ctx, "code_form": form}, status=400)
        try:
            ticket = domain.check_code(site, form.cleaned_data["code"], client_ip=client_ip(request))
        except ValidationError as error:
            add_domain_error(form, error)
            return render(request, TEMPLATE, {**ctx, "code_form": form}, status=_status(error))
        sheet_form = SheetForm(initial={"code": form.cleaned_data["code"]}, criteria=ticket.criteria)
        return render(request, TEMPLATE, {**ctx, "sheet_form": sheet_form, "observer": ticket.observer})
    sheet_form = SheetForm(request.POST, criteria=list(site.meeting.criteria.order_by("position")))
    if not sheet_form.is_valid():
        return render(request, TEMPLATE, {**ctx, "sheet_form": sheet_form}, status=400)
    try:
        domain.submit_sheet(site, code=sheet_form.cleaned_data["code"], points=sheet_form.points(),
                            comment=sheet_form.cleaned_data["comment"], client_ip=client_ip(request))
    except ValidationError as error:
        add_domain_error(sheet_form, error)
        return render(request, TEMPLATE, {**ctx, "sheet_form": sheet_form}, status=_status(error))
    return _received(request)


@public_rate_limit("sitevisits")
@require_GET
def results_list(request):
    page = CappedPaginator(published_meetings().order_by("-held_on", "-id"), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "sitevisits/public/list.html", {"page": page, "title": _("Observation meeting results")})


@public_rate_limit("sitevisits")
@require_GET
def results(request, pk: int):
    meeting = get_object_or_404(published_meetings(), pk=pk)
    return render(request, "sitevisits/public/results.html",
                  {"meeting": meeting, "sites": list(published_results(meeting))})
