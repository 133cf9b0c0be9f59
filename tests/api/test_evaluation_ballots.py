"""POST /api/v1/evaluation/ballots/: the ballot page's own endpoint. No login, session or CSRF;
each refusal its status, message and code, and nothing written; no token in any log."""
import datetime
import logging

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import TokenStatus
from pacesetter.evaluation.models import Answer, Ballot, BallotToken, Round

from ..evaluation.conftest import answers_for, make_round, make_scheme

URL = "/api/v1/evaluation/ballots/"


@pytest.fixture
def live(tree):
    scheme = make_scheme()
    setup = make_round(scheme, subjects=[tree.b1, tree.b2])
    setup.scheme = scheme
    setup.tokens = domain.make_tokens(setup.round, subject=setup.subjects[0], group=setup.groups[0], count=3, by=None)
    setup.answers = {str(k): v for k, v in answers_for(scheme).items()}
    return setup


def written():
    """What a ballot writes: ballots, answers and used tokens."""
    return Ballot.objects.count(), Answer.objects.count(), BallotToken.objects.filter(status=TokenStatus.USED).count()


def cast(api, token, answers):
    response = api.post(URL, {"token": token, "answers": answers}, format="json")
    return response.status_code, (response.json() if response.content else None)


def test_ballot_is_recorded_with_an_empty_201(api, live):
    response = api.post(URL, {"token": live.tokens[0], "answers": live.answers}, format="json")
    assert (response.status_code, response.content, written()) == (201, b"", (1, 3, 1))


def test_ballot_answers_are_stored_with_their_points(api, live):
    ind = list(live.scheme.indicators.order_by("order").values_list("id", flat=True))
    cast(api, live.tokens[0], {str(ind[0]): 1, str(ind[1]): 1, str(ind[2]): 77})
    assert list(Answer.objects.order_by("indicator__order").values_list("option", "points")) == [
        (1, 80), (1, 50), (77, 77)
    ]


def test_ballot_needs_no_login_csrf_or_session(live):
    strict = APIClient(enforce_csrf_checks=True)
    response = strict.post(URL, {"token": live.tokens[0], "answers": live.answers}, format="json")
    assert (response.status_code, list(response.cookies), response["Cache-Control"]) == (201, [], "no-store")


def test_signed_in_users_cast_like_anyone_else(tree, api, live):
    api.force_login(tree.users.county_admin)
    assert cast(api, live.tokens[0], live.answers) == (201, None)


def test_unknown_token_is_404(api, live):
    assert (cast(api, "Z" * 24, live.answers), written()) == (
        (404, {"detail": "This ballot code is not valid. Check that it was copied completely.",
               "code": "unknown_token"}),
        (0, 0, 0),
    )


def test_missing_token_is_an_unknown_one(api, live):
    response = api.post(URL, {"answers": live.answers}, format="json")
    assert (response.status_code, response.json()["code"]) == (404, "unknown_token")


def test_used_token_is_410(api, live):
    cast(api, live.tokens[0], live.answers)
    assert (cast(api, live.tokens[0], live.answers), written()) == (
        (410, {"detail": "This ballot code has already been used.", "code": "used_token"}), (1, 3, 1)
    )


def test_revoked_token_is_410(api, live):
    domain.make_tokens(live.round, subject=live.subjects[0], group=live.groups[0], count=1, by=None)
    assert (cast(api, live.tokens[0], live.answers), written()) == (
        (410, {"detail": "This ballot code was replaced by a new one and can no longer be used.",
               "code": "revoked_token"}),
        (0, 0, 0),
    )


def test_closed_round_is_410(api, live):
    domain.close_round(live.round, by=None)
    assert (cast(api, live.tokens[0], live.answers), written()) == (
        (410, {"detail": "This round is closed; no more ballots are taken.", "code": "round_closed"}), (0, 0, 0)
    )


def test_ended_window_is_410(api, live):
    ended = timezone.make_aware(datetime.datetime(2020, 1, 2, 8, 0))
    Round.objects.filter(pk=live.round.pk).update(opens_at=ended - datetime.timedelta(days=1), closes_at=ended)
    assert (cast(api, live.tokens[0], live.answers), written()) == (
        (410, {"detail": "Voting ended at 2020-01-02 08:00.", "code": "window_ended"}), (0, 0, 0)
    )


def test_window_not_yet_open_is_403(api, live):
    opens = timezone.make_aware(datetime.datetime(2099, 1, 2, 8, 0))
    Round.objects.filter(pk=live.round.pk).update(opens_at=opens, closes_at=opens + datetime.timedelta(days=1))
    assert (cast(api, live.tokens[0], live.answers), written()) == (
        (403, {"detail": "Voting opens at 2099-01-02 08:00.", "code": "not_yet_open"}), (0, 0, 0)
    )


def test_missing_answer_is_400(api, live):
    first = dict(list(live.answers.items())[:1])
    status, body = cast(api, live.tokens[0], first)
    assert (status, body["code"], written()) == (400, "missing_answer", (0, 0, 0))


def test_missing_answer_names_the_question(api, live):
    first = dict(list(live.answers.items())[:1])
    assert cast(api, live.tokens[0], first)[1]["detail"] == "Please answer question 2: 服务群众"


@pytest.mark.parametrize("bad", [4, -1, "0", 1.5, True, 10**20])
def test_answer_out_of_scale_is_400(api, live, bad):
    ind = next(iter(live.answers))
    status, body = cast(api, live.tokens[0], {**live.answers, ind: bad})
    assert (status, body, written()) == (
        (400, {"detail": "The answer to question 1 is not one of its options.", "code": "out_of_scale"}, (0, 0, 0))
    )


@pytest.mark.parametrize("key", ["999999", "9" * 30, "abc", ""])
def test_answer_to_a_question_not_on_the_ballot_is_400(api, live, key):
    assert (cast(api, live.tokens[0], {**live.answers, key: 0}), written()) == (
        (400, {"detail": "The ballot answers a question that is not on it.", "code": "out_of_scale"}), (0, 0, 0)
    )


@pytest.mark.parametrize("body", [[1, 2], {"token": "x"}, {"token": "x", "answers": [0, 1]}])
def test_body_that_is_not_a_ballot_is_400(api, live, body):
    response = api.post(URL, body, format="json")
    assert (response.status_code, response.json()["code"], written()) == (400, "invalid", (0, 0, 0))


def test_token_still_usable_after_a_refusal(api, live):
    cast(api, live.tokens[0], {})
    assert cast(api, live.tokens[0], live.answers) == (201, None)


def test_get_is_not_allowed(api, live):
    assert api.get(URL).status_code == 405


def test_ballots_are_throttled_at_their_own_rate(api, live, monkeypatch):
    """Their own scope ("ballot"), not the anonymous one: a meeting behind one NAT votes at once."""
    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "ballot", "2/min")
    statuses = [cast(api, "Z" * 24, live.answers)[0] for _ in range(3)]
    assert statuses == [404, 404, 429]


def test_no_log_holds_a_token(api, live, caplog):
    """Every outcome, with every SQL statement logged too (as under DEBUG)."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    connection.force_debug_cursor = True
    try:
        cast(api, live.tokens[0], live.answers)
        cast(api, live.tokens[0], live.answers)
        cast(api, live.tokens[1], {})
        api.post(URL, {"token": live.tokens[2], "answers": live.answers, "extra": "{"}, format="json")
        api.post(URL, '{"token": "%s", "answers": ' % live.tokens[2], content_type="application/json")
    finally:
        connection.force_debug_cursor = False
    assert ("evaluation_ballottoken" in caplog.text, [t for t in live.tokens if t in caplog.text]) == (True, [])


def test_server_error_is_logged_without_the_token(api, live, caplog, monkeypatch):
    def broken(token, answers):
        raise RuntimeError("disk full")

    monkeypatch.setattr(domain, "cast_ballot", broken)
    caplog.set_level(logging.DEBUG)
    status, body = cast(api, live.tokens[0], live.answers)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert (status, errors, live.tokens[0] in caplog.text) == (500, ["The ballot endpoint failed"], False)
