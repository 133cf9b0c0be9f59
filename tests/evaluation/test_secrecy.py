"""Ballots keep no link to who voted, before and after the round closes."""
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, models

from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import TokenStatus
from pacesetter.evaluation.models import Answer, Ballot, BallotToken, Participation

from .conftest import answers_for

LINKING_FIELDS = (models.DateTimeField, models.DateField, models.TimeField, models.GenericIPAddressField,
                  models.AutoField, models.BigAutoField, models.SmallAutoField)


@pytest.mark.parametrize("model", [Ballot, Answer])
def test_ballot_tables_have_no_relation_to_tokens_or_users(model):
    targets = {f.related_model for f in model._meta.get_fields() if f.is_relation}
    assert targets & {BallotToken, get_user_model(), Participation} == set()


@pytest.mark.parametrize("model", [Ballot, Answer])
def test_ballot_tables_have_no_time_address_or_serial_column(model):
    assert [f.name for f in model._meta.concrete_fields if isinstance(f, LINKING_FIELDS)] == []


@pytest.mark.parametrize("model", [Ballot, Answer])
def test_ballot_columns_are_only_the_vote(model):
    names = sorted(f.column for f in model._meta.concrete_fields)
    expected = {
        Ballot: ["channel", "group_id", "id", "round_id", "subject_id"],
        Answer: ["ballot_id", "group_id", "indicator_id", "option", "points", "round_id", "subject_id"],
    }[model]
    assert names == expected


def test_token_table_has_no_relation_to_ballots():
    targets = {f.related_model for f in BallotToken._meta.get_fields() if f.is_relation}
    assert Ballot not in targets
    assert Answer not in targets


def test_token_table_has_no_time_column():
    assert [f.name for f in BallotToken._meta.concrete_fields if isinstance(f, LINKING_FIELDS[:4])] == []


# --- After close --------------------------------------------------------------

N = 40


def _cast_in_known_order(live):
    """N ballots, each recognisable by its score (ballot i scores i)."""
    tokens = domain.make_tokens(live.round, subject=live.subject, group=live.group, count=N, by=None)
    for i, token in enumerate(tokens):
        domain.cast_ballot(token, answers_for(live.scheme, (0, 0, i)))
    return list(range(N))


def _scores_in(order_sql: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.option FROM evaluation_answer a JOIN evaluation_ballot b ON b.id = a.ballot_id "
            f"JOIN evaluation_indicator i ON i.id = a.indicator_id WHERE i.\"order\" = 3 ORDER BY {order_sql}"
        )
        return [row[0] for row in cursor.fetchall()]


def _physical_order(table: str) -> str:
    return f"{table}.ctid" if connection.vendor == "postgresql" else f"{table}.rowid"


@pytest.mark.django_db
def test_close_keeps_every_ballot_and_answer(live):
    _cast_in_known_order(live)
    before = Counter(Answer.objects.values_list("subject_id", "group_id", "indicator_id", "option", "points"))
    domain.close_round(live.round, by=None)
    after = Counter(Answer.objects.values_list("subject_id", "group_id", "indicator_id", "option", "points"))
    assert (after, Ballot.objects.count()) == (before, N)


@pytest.mark.django_db
def test_close_gives_ballots_fresh_ids(live):
    _cast_in_known_order(live)
    before = set(Ballot.objects.values_list("id", flat=True))
    domain.close_round(live.round, by=None)
    assert before & set(Ballot.objects.values_list("id", flat=True)) == set()


@pytest.mark.django_db
def test_close_keeps_answers_of_a_ballot_together(live):
    _cast_in_known_order(live)
    domain.close_round(live.round, by=None)
    assert Counter(Answer.objects.values_list("ballot_id", flat=True)) == {b: 3 for b in Ballot.objects.values_list("id", flat=True)}


@pytest.mark.django_db
def test_cast_order_visible_before_close(live):
    """The threat the rewrite answers: while open, row order gives the cast order away."""
    order = _cast_in_known_order(live)
    assert _scores_in(_physical_order("b")) == order


@pytest.mark.django_db
def test_close_hides_cast_order_in_ballot_ids(live):
    order = _cast_in_known_order(live)
    domain.close_round(live.round, by=None)
    assert _scores_in("b.id") != order


@pytest.mark.django_db
def test_close_hides_cast_order_in_ballot_row_order(live):
    order = _cast_in_known_order(live)
    domain.close_round(live.round, by=None)
    assert _scores_in(_physical_order("b")) != order


@pytest.mark.django_db
def test_close_hides_cast_order_in_answer_row_order(live):
    order = _cast_in_known_order(live)
    domain.close_round(live.round, by=None)
    assert _scores_in(_physical_order("a")) != order


@pytest.mark.django_db
def test_close_leaves_one_transaction_id_on_all_ballots(live):
    if connection.vendor != "postgresql":
        pytest.skip("transaction ids (xmin) are PostgreSQL's")
    _cast_in_known_order(live)
    domain.close_round(live.round, by=None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(DISTINCT xmin::text) FROM evaluation_ballot")
        ballots = cursor.fetchone()[0]
        cursor.execute("SELECT count(DISTINCT xmin::text) FROM evaluation_answer")
        answers = cursor.fetchone()[0]
        cursor.execute("SELECT count(DISTINCT xmin::text) FROM evaluation_ballottoken")
        tokens = cursor.fetchone()[0]
    assert (ballots, answers, tokens) == (1, 1, 1)


@pytest.mark.django_db
def test_close_reduces_tokens_to_counts(live):
    domain.cast_ballot(live.tokens[0], live.answers)
    domain.cast_ballot(live.tokens[1], live.answers)
    domain.make_tokens(live.round, subject=live.subject, group=live.group, count=4, by=None)
    domain.close_round(live.round, by=None)
    assert list(Participation.objects.values_list("subject_id", "group_id", "issued", "used", "revoked")) == [
        (live.subject.pk, live.group.pk, 9, 2, 3)
    ]
    assert set(BallotToken.objects.values_list("status", flat=True)) == {TokenStatus.EXPIRED}
