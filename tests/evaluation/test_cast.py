import datetime
import logging

import pytest
from django.db import connection
from django.utils import timezone

from pacesetter.core.errors import DomainError
from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import domain
from pacesetter.evaluation.domain import ballots
from pacesetter.evaluation.enums import Channel, TokenStatus
from pacesetter.evaluation.models import Answer, Ballot, BallotToken, Round

from .conftest import answers_for, make_round, make_scheme

pytestmark = pytest.mark.django_db


def _state():
    """Everything a ballot attempt could write."""
    return (
        sorted(BallotToken.objects.values_list("key_hash", "status")),
        Ballot.objects.count(),
        Answer.objects.count(),
        AuditEntry.objects.count(),
    )


def test_cast_ballot_writes_ballot_answers_and_marks_token(live):
    domain.cast_ballot(live.tokens[0], live.answers)
    ballot = Ballot.objects.get()
    assert (ballot.round_id, ballot.subject_id, ballot.group_id, ballot.channel) == (
        live.round.pk, live.subject.pk, live.group.pk, Channel.TOKEN
    )
    assert sorted(Answer.objects.values_list("indicator__order", "option", "points")) == [
        (1, 0, 100), (2, 0, 100), (3, 90, 90)
    ]
    assert BallotToken.objects.get(key_hash=domain.token_hash(live.tokens[0])).status == TokenStatus.USED


def test_cast_ballot_uses_indicator_points(live):
    answers = dict(zip(live.answers, (3, 1, 0), strict=True))
    domain.cast_ballot(live.tokens[0], answers)
    assert sorted(Answer.objects.values_list("indicator__order", "points")) == [(1, 40), (2, 50), (3, 0)]


def test_cast_ballot_writes_no_audit_entry(live):
    entries = AuditEntry.objects.count()
    domain.cast_ballot(live.tokens[0], live.answers)
    assert AuditEntry.objects.count() == entries


def test_ballot_ids_are_random_not_sequential(live):
    for token in live.tokens:
        domain.cast_ballot(token, live.answers)
    ids = sorted(Ballot.objects.values_list("id", flat=True))
    assert min(ids) > 2**40


def _refusal(token, answers):
    before = _state()
    with pytest.raises(DomainError) as exc:
        domain.cast_ballot(token, answers)
    assert _state() == before
    return exc.value


def test_cast_ballot_rejects_unknown_token(live):
    error = _refusal("A" * 24, live.answers)
    assert (error.code, error.messages) == (
        "unknown_token", ["This ballot code is not valid. Check that it was copied completely."]
    )


@pytest.mark.parametrize("token", ["", "short", "x" * 65, "含中文的测评码含中文的测评码含中文的", "abc def ghi jkl mno"])
def test_cast_ballot_rejects_malformed_token(live, token):
    assert _refusal(token, live.answers).code == "unknown_token"


def test_cast_ballot_rejects_used_token(live):
    domain.cast_ballot(live.tokens[0], live.answers)
    error = _refusal(live.tokens[0], live.answers)
    assert (error.code, error.messages) == ("used_token", ["This ballot code has already been used."])


def test_cast_ballot_rejects_revoked_token(live):
    domain.make_tokens(live.round, subject=live.subject, group=live.group, count=1, by=None)
    error = _refusal(live.tokens[0], live.answers)
    assert (error.code, error.messages) == (
        "revoked_token", ["This ballot code was replaced by a new one and can no longer be used."]
    )


def test_cast_ballot_rejects_round_not_open(tree, scheme):
    setup = make_round(scheme, subjects=[tree.b1], open_=False)
    token = domain.make_tokens(setup.round, subject=setup.subjects[0], group=setup.groups[0], count=1, by=None)[0]
    error = _refusal(token, {})
    assert (error.code, error.messages) == ("round_not_open", ["Voting in this round has not started yet."])


def test_cast_ballot_rejects_closed_round(live):
    domain.close_round(live.round, by=None)
    error = _refusal(live.tokens[0], live.answers)
    assert (error.code, error.messages) == ("round_closed", ["This round is closed; no more ballots are taken."])


def test_cast_ballot_rejects_before_window(live):
    start = timezone.make_aware(datetime.datetime(2099, 5, 1, 8, 0))
    Round.objects.filter(pk=live.round.pk).update(opens_at=start, closes_at=start + datetime.timedelta(days=1))
    error = _refusal(live.tokens[0], live.answers)
    assert (error.code, error.messages) == ("not_yet_open", ["Voting opens at 2099-05-01 08:00."])


def test_cast_ballot_rejects_after_window(live):
    end = timezone.make_aware(datetime.datetime(2020, 5, 1, 18, 30))
    Round.objects.filter(pk=live.round.pk).update(opens_at=end - datetime.timedelta(days=1), closes_at=end)
    error = _refusal(live.tokens[0], live.answers)
    assert (error.code, error.messages) == ("window_ended", ["Voting ended at 2020-05-01 18:30."])


def test_cast_ballot_rejects_missing_answer(live):
    answers = dict(list(live.answers.items())[:2])
    error = _refusal(live.tokens[0], answers)
    assert (error.code, error.messages) == ("missing_answer", ["Please answer question 3: 综合评分"])


@pytest.mark.parametrize("bad", [(4, 0, 50), (-1, 0, 50), (0, 3, 50), (0, 0, 101), (0, 0, -1), (True, 0, 50),
                                 ("0", 0, 50), (0, 0, 50.5)])
def test_cast_ballot_rejects_answer_out_of_scale(live, bad):
    answers = dict(zip(live.answers, bad, strict=True))
    error = _refusal(live.tokens[0], answers)
    assert error.code == "out_of_scale"


def test_cast_ballot_rejects_answer_to_unknown_question(live):
    error = _refusal(live.tokens[0], {**live.answers, 999999: 0})
    assert (error.code, error.messages) == ("out_of_scale", ["The ballot answers a question that is not on it."])


def test_token_still_usable_after_a_refused_answer(live):
    _refusal(live.tokens[0], {})
    domain.cast_ballot(live.tokens[0], live.answers)
    assert Ballot.objects.count() == 1


def test_log_of_a_round_contains_no_token(live, caplog):
    """With every SQL statement logged too (as under DEBUG), no token appears."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    connection.force_debug_cursor = True
    for token in live.tokens[:3]:
        domain.cast_ballot(token, live.answers)
    for token in live.tokens[:2]:
        with pytest.raises(DomainError):
            domain.cast_ballot(token, live.answers)
    domain.close_round(live.round, by=None)
    domain.release_results(live.round, by=None)
    connection.force_debug_cursor = False
    assert "UPDATE" in caplog.text
    assert [t for t in live.tokens if t in caplog.text] == []


# --- The lean path ---------------------------------------------------------------------------


def test_first_cast_of_a_scheme_goes_the_full_way(live):
    """Nothing cached yet: the lean path declines and writes nothing."""
    assert (ballots._plans, ballots.try_cast(live.tokens[0], live.answers), Ballot.objects.count()) == ({}, False, 0)


def test_cast_ballot_caches_the_schemes_questions(live):
    domain.cast_ballot(live.tokens[0], live.answers)
    assert [i.pk for i in ballots._plans[live.scheme.pk].indicators] == list(live.answers)


def test_lean_path_casts_once_the_scheme_is_cached(live):
    domain.cast_ballot(live.tokens[0], live.answers)
    assert ballots.try_cast(live.tokens[1], answers_for(live.scheme, (1, 2, 55))) is True
    assert sorted(Answer.objects.values_list("option", "points")) == [(0, 100), (0, 100), (1, 80), (2, 0), (55, 55), (90, 90)]
    assert BallotToken.objects.get(key_hash=domain.token_hash(live.tokens[1])).status == TokenStatus.USED


def test_lean_path_checks_the_round_scheme(tree, live):
    """Answers to another (cached) scheme's questions do not fit this token's round."""
    domain.cast_ballot(live.tokens[0], live.answers)
    other = make_scheme(name="另一方案")
    other_round = make_round(other, subjects=[tree.b1], name="另一轮")
    other_token = domain.make_tokens(other_round.round, subject=other_round.subjects[0], group=other_round.groups[0],
                                     count=1, by=None)[0]
    domain.cast_ballot(other_token, answers_for(other))
    before = _state()
    assert ballots.try_cast(live.tokens[1], answers_for(other)) is False
    assert _state() == before


@pytest.mark.parametrize("case", ["none", "missing", "extra", "text", "bool", "range"])
def test_lean_path_declines_answers_it_cannot_take(live, case):
    domain.cast_ballot(live.tokens[0], live.answers)
    first, second, third = live.answers
    answers = {
        "none": {}, "missing": {first: 0, second: 0}, "extra": {**live.answers, 999999: 0},
        "text": {**live.answers, third: "9"}, "bool": {**live.answers, first: True}, "range": {**live.answers, second: 3},
    }[case]
    before = _state()
    assert ballots.try_cast(live.tokens[1], answers) is False
    assert _state() == before


@pytest.mark.parametrize(("change", "code"), [
    ("used", "used_token"), ("revoked", "revoked_token"), ("closed", "round_closed"), ("ended", "window_ended"),
    ("unknown", "unknown_token"),
])
def test_refusals_after_the_scheme_is_cached_say_why(live, change, code):
    """Once the lean path is in use, a refusal is still the right one and writes nothing."""
    domain.cast_ballot(live.tokens[0], live.answers)
    token = live.tokens[1]
    if change == "used":
        token = live.tokens[0]
    elif change == "revoked":
        domain.make_tokens(live.round, subject=live.subject, group=live.group, count=1, by=None)
    elif change == "closed":
        domain.close_round(live.round, by=None)
    elif change == "ended":
        Round.objects.filter(pk=live.round.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    else:
        token = "B" * 24
    assert _refusal(token, live.answers).code == code


def test_missing_answer_after_the_scheme_is_cached(live):
    domain.cast_ballot(live.tokens[0], live.answers)
    first, second, _third = live.answers
    error = _refusal(live.tokens[1], {first: 0, second: 0})
    assert (error.code, error.messages) == ("missing_answer", ["Please answer question 3: 综合评分"])


def test_draft_scheme_is_not_cached(tree, scheme):
    setup = make_round(scheme, subjects=[tree.b1], open_=False)
    domain.scheme_indicators(setup.round.scheme_id)
    assert ballots._plans == {}


def test_a_new_scheme_empties_the_cache(live):
    domain.cast_ballot(live.tokens[0], live.answers)
    make_scheme(name="新方案", active=False)
    assert (ballots._plans, ballots._plans_by_indicator) == ({}, {})


def test_answer_problems_lists_every_problem_in_question_order(live):
    first, second, third = live.answers
    indicators = domain.scheme_indicators(live.scheme.pk)
    assert ballots.answer_problems(indicators, {first: 7, third: 50, 999999: 1}) == [
        (None, "out_of_scale", "The ballot answers a question that is not on it."),
        (first, "out_of_scale", "The answer to question 1 is not one of its options."),
        (second, "missing_answer", "Please answer question 2: 服务群众"),
    ]
