"""The public ballot page /v/<token>: no login, no JavaScript needed, nothing kept about the voter.

The token is in the path, so nothing here may log the path: refusals are answered with
`_has_been_logged` set, which keeps Django's request logger (it prints the path of every
4xx) quiet, and the method check is done here rather than by `require_http_methods`,
which logs the path too. There is no CSRF check: a forged POST would have to carry the
token, and whoever has the token can vote with it anyway; the check would only add a
cookie and a "Forbidden: /v/<token>" log line. An unexpected error is logged here, without
the path. Pages are never cached and send no referrer.

The busiest request, the final POST of a complete ballot, is usually answered before it
reaches Django (evaluation/fastpath.py); what it passes on is answered here, the same way.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from django.views.defaults import server_error

from pacesetter.core.errors import DomainError
from pacesetter.core.middleware import is_database_unavailable, unavailable_response
from pacesetter.core.public_limits import NOT_FOUND, public_rate_limit

from .. import domain, sources
from ..domain.ballots import ANSWER_ERRORS, answer_problems
from ..enums import SCORE_MAX, Scale
from ..models import Indicator, RoundGroup, RoundSubject

log = logging.getLogger(__name__)

#: HTTP status per refusal: a code that does not exist, one that is gone, one not yet usable.
REFUSAL_STATUS = {
    "unknown_token": 404,  # nosec B105 # a refusal's name, not a password
    "used_token": 410,  # nosec B105 # a refusal's name, not a password
    "revoked_token": 410,  # nosec B105 # a refusal's name, not a password
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


def answers_from_form(fields: Iterable[tuple[str, str]]) -> dict[int, int]:
    """Answers from the form's q<indicator id> fields. An empty field is no answer; a value
    that is not a plain whole number is kept as -1, which no scale accepts."""
    answers: dict[int, int] = {}
    for name, raw in fields:
        number = name[1:]
        if name[:1] != "q" or not (number.isascii() and number.isdigit()) or len(number) > 18:
            continue
        value = raw.strip()
        if value == "":
            answers.pop(int(number), None)
        elif value.isascii() and value.isdigit() and len(value) <= 4:
            answers[int(number)] = int(value)
        else:
            answers[int(number)] = -1
    return answers


#: Ballot pages post nothing that needs a CSRF token: without asking for one (base.html
#: does), no cookie is set on a voter's phone.
NO_CSRF = {"csrf_token": ""}  # nosec B105 # an empty template variable, not a password


def _page(request: HttpRequest, template: str, context: dict | None = None, status: int = 200) -> HttpResponse:
    return _private(render(request, f"evaluation/ballot/{template}", {**NO_CSRF, **(context or {})}, status=status))


def _private(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "no-referrer"
    response._has_been_logged = True  # the path holds the token
    return response


def _refused(request: HttpRequest, error: DomainError) -> HttpResponse:
    context = {
        "title": REFUSAL_TITLE.get(error.code, REFUSAL_TITLE["unknown_token"])(),
        "messages_": error.messages,
        "code": error.code,
    }
    return _page(request, "refused.html", context, status=REFUSAL_STATUS.get(error.code, 400))


def _first_input(ind: Indicator) -> str:
    return f"id_q{ind.pk}" if ind.scale == Scale.SCORE100 else f"id_q{ind.pk}_0"


def questions_for(indicators: list[Indicator], chosen: dict[int, int], problems: dict[int, str] | None = None) -> list[dict]:
    """What the ballot and open-survey templates show per indicator: its options, what is
    chosen, what is wrong."""
    problems = problems or {}
    questions = []
    for number, ind in enumerate(indicators, start=1):
        options = [{"value": n, "label": label} for n, label in enumerate(ind.option_labels)]
        value = chosen.get(ind.pk)
        chosen_label = value if ind.scale == Scale.SCORE100 else (
            ind.option_labels[value] if value is not None and 0 <= value < len(ind.option_labels) else None
        )
        questions.append({
            "indicator": ind, "number": number, "field": f"q{ind.pk}", "options": options, "value": value,
            "is_score": ind.scale == Scale.SCORE100, "chosen_label": chosen_label,
            "error": problems.get(ind.pk), "first_input": _first_input(ind),
        })
    return questions


def with_ballot_extra(context: dict) -> dict:
    """The questions page's context with what the round's kind shows above the questions (a
    commitment review: the subject's commitments), as `ballot_extra` with its template."""
    context["ballot_extra"] = sources.ballot_context(context["subject"])
    return context


@csrf_exempt
@public_rate_limit("ballot.token", kind=NOT_FOUND, private=True)
@never_cache
def vote(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the ballot; POST "review" shows the answers to confirm; POST "cast" records them."""
    if request.method not in ("GET", "POST"):
        return _private(HttpResponseNotAllowed(["GET", "POST"]))
    try:
        return _vote(request, token)
    except Exception as exc:
        if is_database_unavailable(exc):  # PostgreSQL down or restarting: 503, try again shortly
            log.warning("The ballot page: database unavailable (%s)", exc.__class__.__name__)
            return _private(unavailable_response())
        # Django would log the failure with the path, i.e. the token: log it without.
        log.exception("The ballot page failed")
        return _private(server_error(request))


def _vote(request: HttpRequest, token: str) -> HttpResponse:
    step = request.POST.get("step", "") if request.method == "POST" else ""
    answers = answers_from_form(request.POST.items()) if request.method == "POST" else {}
    cast_error = None
    if step == "cast":
        try:
            domain.cast_ballot(token, answers)
        except DomainError as error:
            if error.code not in ANSWER_ERRORS:
                return _refused(request, error)
            cast_error = error
        else:
            return _private(_see_other())
    try:
        row = domain.lookup_token(token)
    except DomainError as error:
        return _refused(request, error)
    indicators = domain.scheme_indicators(row["round__scheme_id"])
    problems = answer_problems(indicators, answers) if step in ("review", "cast") else []
    if cast_error is not None and not problems:
        problems = [(None, cast_error.code, message) for message in cast_error.messages]
    by_indicator = {pk: message for pk, _code, message in problems if pk is not None}
    context = {
        "subject": RoundSubject.objects.select_related("organization", "member", "round").get(pk=row["subject_id"]),
        "group": RoundGroup.objects.select_related("voter_group").get(pk=row["group_id"]),
        "questions": questions_for(indicators, answers, by_indicator),
        "score_max": SCORE_MAX,
    }
    if problems:
        anchors = {ind.pk: _first_input(ind) for ind in indicators}
        context["errors"] = [{"message": message, "anchor": anchors.get(pk)} for pk, _code, message in problems]
        return _page(request, "vote.html", with_ballot_extra(context), status=400)
    if step == "review":
        return _page(request, "confirm.html", context)
    return _page(request, "vote.html", with_ballot_extra(context))


def _see_other() -> HttpResponse:
    response = redirect("ballot:thanks")
    response.status_code = 303  # see other: the browser fetches the thank-you page with GET
    return response


@public_rate_limit("ballot")
@never_cache
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return _page(request, "thanks.html")
