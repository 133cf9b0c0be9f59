"""Statuses of tasks per organisation, the tallies and the red / amber / green rule."""
import datetime

import pytest

from pacesetter.orgs.models import Organization
from pacesetter.stages import dashboard, domain, queries
from pacesetter.stages.dashboard import Tally

from ..factories import make_org
from .world import D, build, publish

TODAY = D(2026, 7, 20)


@pytest.fixture
def world(tree):
    w = build(tree)
    admin = tree.users.county_admin
    domain.mark_done(w.a, tree.b1, by=admin, done_on=D(2026, 3, 15))
    domain.mark_done(w.a, tree.t1, by=admin, done_on=D(2026, 3, 25))
    domain.mark_done(w.a, tree.b2, by=admin, done_on=D(2026, 3, 20))
    publish(w.campaign, tree.b1, D(2026, 4, 29))
    publish(w.campaign, tree.t2, D(2026, 5, 10))
    domain.mark_done(w.c, tree.b1, by=tree.users.branch_admin, done_on=D(2026, 6, 30))
    domain.send_back(w.c, tree.b1, by=tree.users.org_admin, reason="缺少会议记录")
    return w


def test_status_of_each_organisation_and_task(tree, world):
    _rows, _tasks, found = queries.statuses(world.campaign, Organization.objects.filter(depth__gt=1), TODAY)
    named = {(Organization.objects.get(pk=o).code, t): s for (o, t), s in found.items()}
    a, b, c = world.a.pk, world.b.pk, world.c.pk
    assert named == {
        ("T1", a): ("done_late", D(2026, 3, 25)), ("T1", b): ("overdue", None), ("T1", c): ("overdue", None),
        ("T1B1", a): ("done", D(2026, 3, 15)), ("T1B1", b): ("done", D(2026, 4, 29)), ("T1B1", c): ("overdue", None),
        ("T2", a): ("overdue", None), ("T2", b): ("done_late", D(2026, 5, 10)), ("T2", c): ("overdue", None),
        ("T2B1", a): ("done", D(2026, 3, 20)), ("T2B1", b): ("overdue", None), ("T2B1", c): ("overdue", None),
    }


def test_task_not_yet_due_is_open(tree, world):
    _rows, _tasks, found = queries.statuses(world.campaign, Organization.objects.filter(code="T2B1"), D(2026, 4, 1))
    assert [found[tree.b2.pk, t.pk][0] for t in (world.a, world.b, world.c)] == ["done", "open", "open"]


def test_task_of_another_sector_does_not_apply(tree, world):
    school = make_org(tree.t1, code="S1", name="一中党支部", sector="school", township="一号镇")
    _rows, _tasks, found = queries.statuses(world.campaign, Organization.objects.filter(pk=school.pk), TODAY)
    assert sorted(t for _o, t in found) == sorted([world.a.pk, world.b.pk])


def test_dashboard_tallies_townships_with_exact_counts(tree, world):
    board = dashboard.build(world.campaign, Organization.objects.filter(depth__gt=1), TODAY)
    got = {name: (t.organizations, t.done, t.done_late, t.open, t.overdue, t.long_overdue, t.share, t.rag)
           for name, t in board.townships.items()}
    assert got == {"一号镇": (2, 2, 1, 0, 3, 3, 50, "red"), "二号镇": (2, 1, 1, 0, 4, 4, 33, "red")}


def test_dashboard_tallies_stages_and_county(tree, world):
    board = dashboard.build(world.campaign, Organization.objects.filter(depth__gt=1), TODAY)
    stages = {pk: (t.done, t.done_late, t.overdue) for pk, t in board.stages.items()}
    mobilise, implement = world.a.stage_id, world.b.stage_id
    assert (stages, board.county.total) == ({mobilise: (2, 1, 1), implement: (1, 1, 6)}, 12)


def test_dashboard_reads_in_constant_queries(tree, world, django_assert_num_queries):
    """The tasks, the organisations, the manual completions and one query per automatic task."""
    with django_assert_num_queries(4):
        dashboard.build(world.campaign, Organization.objects.filter(depth__gt=1), TODAY)


@pytest.mark.parametrize(("tally", "rag"), [
    (Tally(done=9, overdue=1), "green"),
    (Tally(done=8, done_late=1, overdue=1, open=5), "green"),
    (Tally(done=8, overdue=2), "amber"),
    (Tally(done=6, overdue=4), "amber"),
    (Tally(done=5, done_late=0, overdue=5), "red"),
    (Tally(done=19, overdue=1, long_overdue=1), "amber"),
    (Tally(done=9, overdue=1, long_overdue=1), "red"),
    (Tally(open=3), "none"),
])
def test_rag_thresholds(tally, rag):
    assert tally.rag == rag


def test_overdue_counts_as_long_only_past_the_limit():
    tally = Tally()
    tally.add("overdue", overdue_days=dashboard.LONG_OVERDUE_DAYS)
    tally.add("overdue", overdue_days=dashboard.LONG_OVERDUE_DAYS + 1)
    assert (tally.overdue, tally.long_overdue) == (2, 1)


def test_status_of_on_the_deadline_is_done():
    day = datetime.date(2026, 5, 1)
    assert [queries.status_of(day, day, day), queries.status_of(None, day, day),
            queries.status_of(None, day, day + datetime.timedelta(days=1))] == ["done", "open", "overdue"]
