"""The public ballot page /v/<token>: no login, no JavaScript needed, nothing kept about the voter.

The token is in the path, so nothing here may log the path: refusals are answered with
`_has_been_logged` set, which keeps Django's request logger (it prints the path of every
4xx) quiet, and the method check is done here rather than by `require_http_methods`,
which logs the path too. There is no CSRF check: a forged POST would have to carry the
token, and whoever has the token can vote with it anyway; the check would only add a
cookie and a "Forbidden: /v/<token>" log line. An unexpected error is logged here, without
the path. Pages are never cached and send no referrer.
"""
from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from django.views.defaults import server_error

from pacesetter.core.errors import DomainError

from .. import domain
from ..enums import SCORE_MAX, Scale
from ..models import Indicator, RoundGroup, RoundSubject

log = logging.getLogger(__name__)

#: HTTP status per refusal: a code that does not exist, one that is gone, one not yet usable.
REFUSAL_STATUS = {
    "unknown_token": 404,
    "used_token": 410,
    "revoked_token": 410,
    "round_closed": 410,
    "window_ended": 410,
    "round_not_open": 403,
    "not_yet_open": 403,
}
REFUSAL_TITLE = {
    "unknown_token": lambda: _("Ballot code not recognised"),
    "used_token": lambda: _("Ballot code already used"),
    "revoked_token": lambda: _("Ballot code replaced"),
    "round_closed": lambda: _("Voting has closed"),
    "window_ended": lambda: _("Voting has ended"),
    "round_not_open": lambda: _("Voting has not started"),
    "not_yet_open": lambda: _("Voting has not started"),
}


def _private(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "no-referrer"
    response._has_been_logged = True  # the path holds the token
    return response


def _refused(request: HttpRequest, error: DomainError) -> HttpResponse:
    context = {"title": REFUSAL_TITLE.get(error.code, REFUSAL_TITLE["unknown_token"])(), "messages_": error.messages}
    status = REFUSAL_STATUS.get(error.code, 400)
    return _private(render(request, "evaluation/ballot/refused.html", context, status=status))


def _questions(indicators: list[Indicator], chosen: dict[int, int]) -> list[dict]:
    """What the template shows per indicator: its options with points, and what is chosen."""
    questions = []
    for ind in indicators:
        options = [{"value": n, "label": label} for n, label in enumerate(ind.option_labels)]
        value = chosen.get(ind.pk)
        chosen_label = value if ind.scale == Scale.SCORE100 else (
            ind.option_labels[value] if value is not None and 0 <= value < len(ind.option_labels) else None
        )
        questions.append({
            "indicator": ind, "field": f"q{ind.pk}", "options": options, "value": value,
            "is_score": ind.scale == Scale.SCORE100, "chosen_label": chosen_label,
        })
    return questions


def _parse(post, indicators: list[Indicator]) -> dict[int, int]:
    """Answers from the form; a value that is not a whole number is kept as -1 (out of scale)."""
    answers = {}
    for ind in indicators:
        raw = (post.get(f"q{ind.pk}") or "").strip()
        if raw == "":
            continue
        try:
            answers[ind.pk] = int(raw)
        except ValueError:
            answers[ind.pk] = -1
    return answers


@csrf_exempt
@never_cache
def vote(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the ballot; POST "review" shows the answers to confirm; POST "cast" records them."""
    if request.method not in ("GET", "POST"):
        return _private(HttpResponseNotAllowed(["GET", "POST"]))
    try:
        return _vote(request, token)
    except Exception:
        # Django would log the failure with the path, i.e. the token: log it without.
        log.exception("The ballot page failed")
        return _private(server_error(request))


def _vote(request: HttpRequest, token: str) -> HttpResponse:
    try:
        row = domain.lookup_token(token)
    except DomainError as error:
        return _refused(request, error)
    indicators = domain.scheme_indicators(row["round__scheme_id"])
    answers = _parse(request.POST, indicators) if request.method == "POST" else {}
    step = request.POST.get("step", "") if request.method == "POST" else ""
    context = {
        "subject": RoundSubject.objects.select_related("organization", "round").get(pk=row["subject_id"]),
        "group": RoundGroup.objects.select_related("voter_group").get(pk=row["group_id"]),
        "questions": _questions(indicators, answers),
        "score_max": SCORE_MAX,
    }
    if step in ("review", "cast"):
        try:
            domain.check_answers(indicators, answers)
        except DomainError as error:
            context["errors"] = error.messages
            return _private(render(request, "evaluation/ballot/vote.html", context, status=400))
    if step == "review":
        return _private(render(request, "evaluation/ballot/confirm.html", context))
    if step == "cast":
        try:
            domain.cast_ballot(token, answers)
        except DomainError as error:
            return _refused(request, error)
        response = redirect("ballot:thanks")
        response.status_code = 303  # see other: the browser fetches the thank-you page with GET
        return _private(response)
    return _private(render(request, "evaluation/ballot/vote.html", context))


@never_cache
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "evaluation/ballot/thanks.html"))
