import hashlib

import pytest
from django.contrib.auth.models import AnonymousUser

from pacesetter.evaluation import domain
from pacesetter.evaluation.models import Answer, Ballot
from pacesetter.evaluation.queries import ballot_fingerprint, rounds_visible_to, subjects_visible_to

from .conftest import answers_for, make_round

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "codes"), [
    ("county_admin", ["T1B1", "T2B1"]),
    ("org_admin", ["T1B1"]),
    ("branch_admin", ["T1B1"]),
    ("inspector", ["T1B1", "T2B1"]),
    ("nobody", []),
])
def test_subjects_visible_to_follow_organisation_visibility(tree, scheme, role, codes):
    make_round(scheme, subjects=[tree.b1, tree.b2])
    seen = subjects_visible_to(getattr(tree.users, role)).order_by("organization__code")
    assert list(seen.values_list("organization__code", flat=True)) == codes


def test_rounds_visible_to_need_a_visible_subject(tree, scheme):
    first = make_round(scheme, subjects=[tree.b1], name="一号镇测评").round
    make_round(scheme, subjects=[tree.b2], name="二号镇测评")
    assert list(rounds_visible_to(tree.users.org_admin)) == [first]


def test_rounds_visible_to_anonymous_is_empty(tree, scheme):
    make_round(scheme, subjects=[tree.b1])
    assert list(rounds_visible_to(AnonymousUser())) == []


def test_fingerprint_of_an_empty_round_is_the_hash_of_nothing(live):
    assert ballot_fingerprint(live.round) == hashlib.sha256(b"").hexdigest()


def test_fingerprint_of_one_ballot_is_its_canonical_line(live):
    domain.cast_ballot(live.tokens[0], live.answers)
    i1, i2, i3 = live.answers
    line = f"{live.subject.pk}|{live.group.pk}|token|{i1}:0:100,{i2}:0:100,{i3}:90:90"
    assert ballot_fingerprint(live.round) == hashlib.sha256(line.encode()).hexdigest()


def test_fingerprint_survives_the_close_rewrite(live):
    for n, token in enumerate(live.tokens):
        domain.cast_ballot(token, answers_for(live.scheme, (n % 4, n % 3, 10 * n)))
    before = ballot_fingerprint(live.round)
    domain.close_round(live.round, by=None)
    assert ballot_fingerprint(live.round) == before


def test_fingerprint_changes_when_an_answer_changes(live):
    domain.cast_ballot(live.tokens[0], live.answers)
    before = ballot_fingerprint(live.round)
    Answer.objects.filter(option=90).update(option=89, points=89)
    assert ballot_fingerprint(live.round) != before


def _fingerprint_by_hand(round_) -> str:
    """The definition, answer by answer through the ORM."""
    lines = []
    for ballot in Ballot.objects.filter(round=round_):
        answers = Answer.objects.filter(ballot=ballot).order_by("indicator_id")
        lines.append(f"{ballot.subject_id}|{ballot.group_id}|{ballot.channel}|"
                     + ",".join(f"{a.indicator_id}:{a.option}:{a.points}" for a in answers))
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()


def test_fingerprint_is_the_definition_for_several_ballots(live):
    for token, options in zip(live.tokens, [(0, 0, 90), (1, 2, 55), (3, 1, 0)], strict=False):
        domain.cast_ballot(token, answers_for(live.scheme, options))
    assert ballot_fingerprint(live.round) == _fingerprint_by_hand(live.round)


def test_an_answer_to_a_foreign_indicator_still_changes_the_fingerprint(live):
    """A tampered answer outside the scheme's columns is read answer by answer, not dropped."""
    domain.cast_ballot(live.tokens[0], live.answers)
    before = ballot_fingerprint(live.round)
    ballot = Ballot.objects.get()
    first = Answer.objects.filter(ballot=ballot).order_by("indicator_id").first()
    Answer.objects.filter(ballot=ballot, indicator_id=first.indicator_id).update(indicator_id=999_999)
    assert (ballot_fingerprint(live.round) != before, ballot_fingerprint(live.round)) == (
        True, _fingerprint_by_hand(live.round)
    )
