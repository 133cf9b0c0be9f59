"""The VANGUARD record figures on a hand-made county: b1 holds M1, A, B and C; t2's branch M2.
P1 (b1, lead M1 with A) excellent = 100, P2 (b1, lead M1) fair = 60, P3 (t1, lead B) good = 80."""
import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from pacesetter.evaluation import sources as ev_sources
from pacesetter.evaluation.enums import IndicatorSource
from pacesetter.evaluation.sources import SubjectRow
from pacesetter.vanguard import domain
from pacesetter.vanguard.enums import ProjectState, Rating
from pacesetter.vanguard.models import Review
from pacesetter.vanguard.sources import (
    RECORD_DAYS,
    member_figures,
    organization_figures,
)
from tests.factories import MemberFactory

from .world import project


@pytest.fixture
def county(tree):
    a, b, _c = (MemberFactory(organization=tree.b1, code=code) for code in ("A", "B", "C"))
    p1 = project(tree, tree.b1, tree.m1, co_owners=[a], state=ProjectState.COMPLETED)
    p2 = project(tree, tree.b1, tree.m1, state=ProjectState.COMPLETED)
    p3 = project(tree, tree.t1, b, state=ProjectState.COMPLETED)
    for made, rating in ((p1, Rating.EXCELLENT), (p2, Rating.FAIR), (p3, Rating.GOOD)):
        domain.review_project(made, by=tree.users.county_admin, rating=rating)
    project(tree, tree.b2, tree.m2, state=ProjectState.COMPLETED)  # not reviewed: nothing due in t2
    return SimpleNamespace(a=a, b=b, p3=p3)


def figures(tree, on=None):
    orgs = [tree.county, tree.t1, tree.b1, tree.t2, tree.b2]
    found = organization_figures(on or timezone.localdate(), orgs)
    return [found[org.pk] for org in orgs]


def test_organisation_figure_is_the_members_mean_points_over_the_subtrees_members(tree, county):
    assert figures(tree) == [52.0, 65.0, 45.0, None, None]


def test_a_review_older_than_the_window_does_not_count(tree, county):
    today = timezone.localdate()
    Review.objects.filter(project=county.p3).update(reviewed_on=today - datetime.timedelta(days=RECORD_DAYS))
    assert figures(tree) == [36.0, 45.0, 45.0, None, None]


def test_a_review_after_the_round_closes_does_not_count(tree, county):
    assert figures(tree, on=timezone.localdate() - datetime.timedelta(days=1)) == [None, None, None, None, None]


def test_member_figure_is_the_mean_points_of_their_reviewed_projects(tree, county):
    found = member_figures(timezone.localdate(), [tree.m1.pk, county.a.pk, county.b.pk, tree.m2.pk])
    assert list(found.values()) == [80.0, 100.0, 80.0, None]


def test_the_registered_source_answers_per_subject(tree, county):
    round_ = SimpleNamespace(closes_at=timezone.now())
    subjects = [SubjectRow(1, tree.t1.pk, None), SubjectRow(2, tree.b1.pk, tree.m1.pk), SubjectRow(3, tree.t2.pk, None)]
    values = ev_sources._sources[IndicatorSource.VANGUARD](round_, subjects)
    assert values == {1: 65.0, 2: 80.0, 3: None}
