from decimal import Decimal

from pacesetter.vanguard import domain, queries
from pacesetter.vanguard.enums import Measure, ProjectState, Rating
from tests.factories import MemberFactory

from .world import project, world


def titles(qs):
    return sorted(qs.values_list("title", flat=True))


def test_member_sees_only_the_projects_they_own(tree):
    world(tree)
    assert titles(queries.projects_visible_to(tree.users.member)) == ["党员先锋岗·窗口服务零投诉", "党员责任区·村道保洁"]


def test_a_co_owner_sees_the_project(tree):
    other = MemberFactory(organization=tree.b2, user=tree.users.nobody)
    project(tree, tree.b2, tree.m2, co_owners=[other], title="共建项目")
    assert titles(queries.projects_visible_to(tree.users.nobody)) == ["共建项目"]


def test_org_admin_sees_the_subtree(tree):
    world(tree)
    assert titles(queries.projects_visible_to(tree.users.org_admin)) == ["党员先锋岗·窗口服务零投诉", "党员责任区·村道保洁"]


def test_leader_and_inspector_see_every_project(tree):
    world(tree)
    assert (queries.projects_visible_to(tree.users.leader).count(),
            queries.projects_visible_to(tree.users.inspector).count()) == (3, 3)


def test_affiliate_sees_none(tree):
    world(tree)
    assert queries.projects_visible_to(tree.users.affiliate).count() == 0


def test_dashboard_counts_kinds_per_township_and_sums_measures(tree):
    made = world(tree)
    domain.add_result(made.out, by=tree.users.county_admin, measure=Measure.MONEY_SAVED, amount="5000.50")
    domain.add_result(made.in_, by=tree.users.county_admin, measure=Measure.PROBLEMS_SOLVED, amount=3)
    domain.review_project(made.done_in, by=tree.users.county_admin, rating=Rating.GOOD)
    board = queries.dashboard(queries.projects_visible_to(tree.users.county_admin))
    assert ([(r.township, board.kind_counts(r), r.money_saved, r.problems_solved) for r in board.rows],
            board.states, board.ratings["good"], board.measures["problems_solved"]) == (
        [("一号镇", [1, 1, 0, 0], Decimal(0), Decimal(15)), ("二号镇", [0, 0, 0, 1], Decimal("5000.50"), Decimal(0))],
        {"planned": 0, "running": 2, "completed": 1, "abandoned": 0}, 1, Decimal(15))


def test_record_of_a_member(tree):
    made = world(tree)
    domain.review_project(made.done_in, by=tree.users.county_admin, rating=Rating.EXCELLENT)
    record = queries.record_of(member=tree.m1)
    assert ([(p["title"], p["led"], p["rating"]) for p in record["projects"]], record["by_state"]["running"],
            record["mean_points"], record["results"]) == (
        [("党员先锋岗·窗口服务零投诉", True, None), ("党员责任区·村道保洁", True, "excellent")], 1, 100.0,
        {"problems_solved": "12.00"})


def test_record_of_an_organisation_takes_its_subtree(tree):
    world(tree)
    record = queries.record_of(organization=tree.t2)
    assert ([p["title"] for p in record["projects"]], record["by_kind"]["breakthrough"], record["mean_points"]) == (
        ["党员攻关项目·节能降耗"], 1, None)


def test_my_projects_of_a_member_without_a_record_are_none(tree):
    project(tree, tree.b1, tree.m1, state=ProjectState.RUNNING)
    assert queries.owned_by(tree.users.org_admin).count() == 0
