import datetime
import logging

import pytest
from django.db import connection
from django.utils import timezone

from pacesetter.core.errors import DomainError
from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import Channel, TokenStatus
from pacesetter.evaluation.models import Answer, Ballot, BallotToken, Round

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
    from .conftest import make_round

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
