import hashlib

import pytest
from django.contrib.auth.models import AnonymousUser

from pacesetter.evaluation import domain
from pacesetter.evaluation.models import Answer
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
