"""The open survey /s/<key> (a subject's QR poster, no token, no login) and the staff page
that prints the poster.

Unlike the token page, CSRF protection stays on: without a token in the form, a forged
cross-site POST could cast ballots from a visitor's browser (and use up their device's
and address's limits). The key is printed on a poster for everyone to see, so the path
may be logged like any other. A long-lived random cookie identifies the device for the
per-device limit; it is sent only to /s/ and never stored: the limit row holds an HMAC of
it. A hidden honeypot field catches form-filling robots: if it is filled, the visitor
sees the thank-you page and nothing is written.
"""
from __future__ import annotations

import secrets

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from pacesetter.core.errors import DomainError
from pacesetter.core.net import client_ip
from pacesetter.core.public_limits import NOT_FOUND, public_rate_limit
from pacesetter.orgs.rules import can_edit_organization

from .. import domain
from .. import rules as ev_rules
from ..enums import SCORE_MAX
from ..models import RoundGroup, RoundSubject
from ..queries import rounds_visible_to, subjects_visible_to
from .ballot import answers_from_form, questions_for, with_ballot_extra

DEVICE_COOKIE = "survey_device"
DEVICE_COOKIE_AGE = 365 * 24 * 3600
_DEVICE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
#: The honeypot's name: a field robots like to fill, hidden from people (evaluation/open.css).
HONEYPOT = "website"

REFUSAL_STATUS = {
    "unknown_key": 404,
    "no_open_group": 404,
    "open_forbidden": 403,
    "round_not_open": 403,
    "not_yet_open": 403,
    "round_closed": 410,
    "window_ended": 410,
    "device_limit": 403,
    "ip_limit": 429,
    "no_device": 400,
}
REFUSAL_TITLE = {
    "unknown_key": lambda: _("Survey not found"),
    "no_open_group": lambda: _("Survey not found"),
    "open_forbidden": lambda: _("This evaluation takes no open survey answers"),
    "round_not_open": lambda: _("The survey has not started"),
    "not_yet_open": lambda: _("The survey has not started"),
    "round_closed": lambda: _("The survey has closed"),
    "window_ended": lambda: _("The survey has ended"),
    "device_limit": lambda: _("Already answered"),
    "ip_limit": lambda: _("Too many answers from your network"),
    "no_device": lambda: _("Cookies needed"),
}


def _device_id(request: HttpRequest) -> tuple[str, bool]:
    """The device's id from its cookie, or a new one; True if it must be (re)sent."""
    value = request.COOKIES.get(DEVICE_COOKIE, "")
    if 16 <= len(value) <= 64 and set(value) <= _DEVICE_CHARS:
        return value, False
    return secrets.token_urlsafe(18), True


def _with_device(request: HttpRequest, response: HttpResponse, device: tuple[str, bool]) -> HttpResponse:
    value, new = device
    if new:
        response.set_cookie(
            DEVICE_COOKIE, value, max_age=DEVICE_COOKIE_AGE, path=reverse("survey:thanks").removesuffix("thanks/"),
            secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
        )
    return response


def _refused(request: HttpRequest, error: DomainError) -> HttpResponse:
    context = {"title": REFUSAL_TITLE.get(error.code, REFUSAL_TITLE["unknown_key"])(), "messages_": error.messages}
    return render(request, "evaluation/open/refused.html", context, status=REFUSAL_STATUS.get(error.code, 400))


def _thanks() -> HttpResponse:
    response = redirect("survey:thanks")
    response.status_code = 303  # see other: the browser fetches the thank-you page with GET
    return response


@public_rate_limit("survey.key", kind=NOT_FOUND)
@public_rate_limit("survey")
@never_cache
@require_http_methods(["GET", "POST"])
def vote(request: HttpRequest, key: str) -> HttpResponse:
    """GET shows the survey; POST "review" shows the answers to confirm; POST "cast" records them."""
    device = _device_id(request)
    return _with_device(request, _vote(request, key, device[0]), device)


def _vote(request: HttpRequest, key: str, device_id: str) -> HttpResponse:
    ip = client_ip(request)
    try:
        row = domain.lookup_open_key(key, client_ip=ip, device_id=device_id)
    except DomainError as error:
        return _refused(request, error)
    if request.method == "POST" and request.POST.get(HONEYPOT, "").strip():
        return _thanks()
    indicators = domain.scheme_indicators(row["scheme_id"])
    answers = answers_from_form(request.POST.items()) if request.method == "POST" else {}
    step = request.POST.get("step", "") if request.method == "POST" else ""
    context = {
        "subject": RoundSubject.objects.select_related("organization", "member", "round").get(pk=row["subject_id"]),
        "group": RoundGroup.objects.select_related("voter_group").get(pk=row["group_id"]),
        "questions": questions_for(indicators, answers),
        "score_max": SCORE_MAX,
        "honeypot": HONEYPOT,
    }
    if step in ("review", "cast"):
        try:
            domain.check_answers(indicators, answers)
        except DomainError as error:
            context["errors"] = error.messages
            return render(request, "evaluation/open/vote.html", with_ballot_extra(context), status=400)
    if step == "review":
        return render(request, "evaluation/open/confirm.html", context)
    if step == "cast":
        try:
            domain.cast_open_ballot(key, answers, client_ip=ip, device_id=device_id)
        except DomainError as error:
            return _refused(request, error)
        return _thanks()
    return render(request, "evaluation/open/vote.html", with_ballot_extra(context))


@public_rate_limit("survey")
@never_cache
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "evaluation/open/thanks.html")


@login_required
@require_GET
def poster(request: HttpRequest, pk: int, subject: int) -> HttpResponse:
    """A printable A4 poster with the QR code of a subject's open survey.

    For whoever manages rounds or may edit the subject's organisation; 404 if the round
    takes no open ballots (it forbids them, or has no public or service-user group).
    """
    round_ = get_object_or_404(rounds_visible_to(request.user), pk=pk)
    subject_ = get_object_or_404(
        subjects_visible_to(request.user).filter(round=round_).select_related("organization", "member"), pk=subject
    )
    if not round_.allow_open_channel or domain.open_group_id(round_.pk) is None:
        raise Http404
    if not (ev_rules.can_manage_rounds(request.user) or can_edit_organization(request.user, subject_.organization)):
        raise PermissionDenied
    url = request.build_absolute_uri(reverse("survey:vote", kwargs={"key": subject_.open_key}))
    qr = segno.make(url, error="m").svg_inline(
        scale=4, border=4, omitsize=True, svgclass="poster-qr", title=_("QR code of the survey"),
    )
    return render(request, "evaluation/open/poster.html", {"round": round_, "subject": subject_, "url": url, "qr": qr})
