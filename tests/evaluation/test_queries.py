import pytest
from django.contrib.auth.models import AnonymousUser

from pacesetter.evaluation.queries import rounds_visible_to, subjects_visible_to

from .conftest import make_round

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
