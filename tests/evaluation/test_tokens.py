import base64

import pytest
from django.db import connection

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import TokenStatus
from pacesetter.evaluation.models import BallotToken

from .conftest import make_round

pytestmark = pytest.mark.django_db


def _all_text_in_database() -> str:
    """Every value of every column of every table, as one string."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            parts.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(parts)


def test_make_tokens_returns_count_distinct_tokens(live):
    assert len(set(live.tokens)) == 5


def test_tokens_carry_at_least_128_random_bits(live):
    assert {len(base64.urlsafe_b64decode(t + "==")) * 8 for t in live.tokens} == {144}


def test_tokens_stored_as_keyed_hashes(live):
    stored = set(BallotToken.objects.values_list("key_hash", flat=True))
    assert stored == {domain.token_hash(t) for t in live.tokens}


def test_token_hash_is_keyed_by_secret_key(live, settings):
    before = domain.token_hash(live.tokens[0])
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert domain.token_hash(live.tokens[0]) != before


def test_raw_token_stored_in_no_column(live):
    everything = _all_text_in_database()
    assert [t for t in live.tokens if t in everything] == []


def test_raw_token_stored_in_no_column_after_voting(live):
    domain.cast_ballot(live.tokens[0], live.answers)
    assert live.tokens[0] not in _all_text_in_database()


def test_regenerating_revokes_unused_tokens(live):
    domain.cast_ballot(live.tokens[0], live.answers)
    domain.make_tokens(live.round, subject=live.subject, group=live.group, count=2, by=None)
    statuses = sorted(BallotToken.objects.values_list("status", flat=True))
    assert statuses == ["revoked"] * 4 + ["unused"] * 2 + ["used"]


def test_regenerating_leaves_other_groups_alone(live):
    other = domain.make_tokens(live.round, subject=live.subject, group=live.groups[1], count=1, by=None)
    domain.make_tokens(live.round, subject=live.subject, group=live.group, count=1, by=None)
    assert BallotToken.objects.get(key_hash=domain.token_hash(other[0])).status == TokenStatus.UNUSED


def test_make_tokens_audit_holds_counts_not_tokens(live):
    entry = AuditEntry.objects.get(action="evaluation.tokens.make")
    assert entry.after == {"subject": "T1B1", "group": "members", "count": 5, "revoked": 0}


@pytest.mark.parametrize("count", [0, domain.MAX_TOKENS + 1])
def test_make_tokens_count_bounds(live, count):
    with pytest.raises(DomainError):
        domain.make_tokens(live.round, subject=live.subject, group=live.group, count=count, by=None)


def test_make_tokens_refused_for_subject_of_another_round(tree, live):
    other = make_round(live.scheme, subjects=[tree.b1], open_=False, name="另一轮")
    with pytest.raises(DomainError) as exc:
        domain.make_tokens(other.round, subject=live.subject, group=other.groups[0], count=1, by=None)
    assert exc.value.messages == ["That subject or voter group is not part of this round."]


def test_make_tokens_refused_after_close(live):
    domain.close_round(live.round, by=None)
    with pytest.raises(DomainError) as exc:
        domain.make_tokens(live.round, subject=live.subject, group=live.group, count=1, by=None)
    assert exc.value.code == "round_state"


def test_make_tokens_refused_to_org_admin(tree, live):
    with pytest.raises(PermissionDeniedError):
        domain.make_tokens(live.round, subject=live.subject, group=live.group, count=1, by=tree.users.org_admin)
