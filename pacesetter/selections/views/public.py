"""Pages without login: the selections on public notice, each one's list with the notice
period and the objection form, and the thanks after an objection.

The objection form keeps CSRF protection and counts against the address's hourly limit
(domain.lodge_objection); a filled honeypot gets the same thanks and nothing is written.
The list shows names, organisations, the honour and the statement of deeds, nothing else."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from pacesetter.core.net import client_ip
from pacesetter.core.public_limits import public_rate_limit
from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.views.common import CappedPaginator

from .. import domain
from ..enums import NominationStatus
from ..forms import HONEYPOT, ObjectionForm
from ..queries import public_nominees, selections_on_notice
from .common import PER_PAGE

TEMPLATE = "selections/public/detail.html"


@public_rate_limit("selections")
@require_GET
def notice_list(request):
    rows = selections_on_notice().select_related("kind").order_by("-notice_starts_on", "-id")
    page = CappedPaginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "selections/public/list.html", {"page": page, "query_string": ""})


@public_rate_limit("selections")
@never_cache
@require_http_methods(["GET", "POST"])
def notice_detail(request, pk: int):
    selection = get_object_or_404(selections_on_notice().select_related("kind", "campaign"), pk=pk)
    nominees = list(public_nominees(selection))
    on_list = [n for n in nominees if n.status == NominationStatus.SHORTLISTED]
    open_now = domain.on_notice_today(selection)
    ctx = {"selection": selection, "nominees": nominees, "open_now": open_now, "honeypot": HONEYPOT}
    if request.method == "GET" or not open_now:
        form = ObjectionForm(nominees=on_list) if open_now else None
        status = 200 if request.method == "GET" else 400
        return render(request, TEMPLATE, {**ctx, "form": form}, status=status)
    if request.POST.get(HONEYPOT, "").strip():
        return redirect("selections:notice-thanks", pk=selection.pk)
    form = ObjectionForm(request.POST, nominees=on_list)
    if form.is_valid():
        data = form.cleaned_data
        nomination = next(n for n in on_list if n.pk == data["nomination"])
        try:
            domain.lodge_objection(nomination, client_ip=client_ip(request), text_=data["text"], name=data["name"],
                                   contact=data["contact"])
        except ValidationError as error:
            add_domain_error(form, error)
            status = 429 if getattr(error, "code", None) == "rate_limited" else 400
            return render(request, TEMPLATE, {**ctx, "form": form}, status=status)
        return redirect("selections:notice-thanks", pk=selection.pk)
    return render(request, TEMPLATE, {**ctx, "form": form}, status=400)


@public_rate_limit("selections")
@require_GET
def notice_thanks(request, pk: int):
    selection = get_object_or_404(selections_on_notice(), pk=pk)
    return render(request, "selections/public/thanks.html", {"selection": selection,
                                                             "title": _("Thank you")})
