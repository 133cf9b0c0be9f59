"""The comparisons against the hand-computed figures of world.py."""
import pytest

from pacesetter.comparisons import queries
from pacesetter.evaluation.models import SubjectResult, TallyResult

pytestmark = pytest.mark.django_db


def test_released_rounds_are_newest_first_without_the_closed_one(tree, world):
    rounds = list(queries.released_rounds_visible_to(tree.users.member))
    assert rounds == [world.r2025, world.r2024]


def test_released_rounds_of_a_user_without_a_role_are_none(tree, world):
    assert list(queries.released_rounds_visible_to(tree.users.nobody)) == []


def test_percentile_is_the_share_ranked_below():
    assert [queries.percentile(1, 4), queries.percentile(4, 4), queries.percentile(None, 4)] == [75.0, 0.0, None]


def test_history_lists_released_rounds_oldest_first(tree, world):
    rows = queries.history(tree.b1)
    assert [(r["round_name"], r["composite"], r["grade"], r["rank_peer"], r["peer_size"], r["percentile"])
            for r in rows] == [
        ("2024年度民主测评", 80.0, "good", 2, 5, 60.0),
        ("2025年度民主测评", 88.0, "advanced", 1, 4, 75.0),
    ]


def test_history_filters_by_kind_of_round(tree, world):
    assert queries.history(tree.b1, kind="satisfaction") == []


def test_history_of_an_unscored_round_keeps_the_round(tree, world):
    rows = queries.history(world.t2b2)
    assert [(r["composite"], r["rank_peer"], r["percentile"]) for r in rows] == [(70.0, 3, 40.0), (None, None, None)]


def test_peer_position_rank_and_percentile(tree, world):
    position = queries.peer_position(tree.users.county_admin, tree.b1, world.r2025)
    assert (position.result.rank_peer, position.result.peer_size, position.percentile) == (1, 4, 75.0)


def test_peer_distribution_summary(tree, world):
    position = queries.peer_position(tree.users.county_admin, tree.b1, world.r2025)
    assert position.summary == {"count": 4, "mean": 77.0, "min": 64.0, "max": 88.0,
                                "q1": 64.0, "median": 72.0, "q3": 84.0}


def test_peer_distribution_quartiles_with_a_tie(tree, world):
    # 2024: 90, 80, 70, 70, 60 → the 2nd, 3rd and 4th lowest are 70, 70, 80
    position = queries.peer_position(tree.users.county_admin, tree.b1, world.r2024)
    assert (position.summary["q1"], position.summary["median"], position.summary["q3"]) == (70.0, 70.0, 80.0)


def test_peer_distribution_bins(tree, world):
    position = queries.peer_position(tree.users.county_admin, tree.b1, world.r2025)
    assert [count for _low, _high, count in position.bins] == [0, 0, 0, 0, 0, 0, 1, 1, 2, 0]


def test_peer_distribution_withheld_for_a_small_group(tree, world):
    position = queries.peer_position(tree.users.county_admin, tree.t1, world.r2025)
    assert (position.percentile, position.summary, position.bins) == (50.0, None, [])


def test_peer_neighbours_are_only_those_the_user_sees(tree, world):
    position = queries.peer_position(tree.users.org_admin, tree.b1, world.r2025)
    assert [r.subject.organization.code for r in position.neighbours] == ["T1B1", "T1B3", "T1B2"]


def test_peer_neighbours_of_a_county_user(tree, world):
    position = queries.peer_position(tree.users.county_admin, tree.b1, world.r2025)
    assert [r.subject.organization.code for r in position.neighbours] == ["T1B1", "T1B3", "T1B2", "T2B1"]


def test_peer_position_of_an_organisation_not_evaluated(tree, world):
    assert queries.peer_position(tree.users.county_admin, tree.t1, world.r2024) is None


def test_within_lists_the_children_best_first(tree, world):
    rows = queries.within_results(tree.t1, world.r2025)
    assert [(r.subject.organization.code, r.composite) for r in rows] == [("T1B1", 88.0), ("T1B3", 84.0),
                                                                         ("T1B2", 72.0)]


def test_within_the_county_lists_its_townships(tree, world):
    rows = queries.within_results(tree.county, world.r2025)
    assert [r.subject.organization.code for r in rows] == ["T1", "T2"]


def test_within_a_level_lists_every_descendant_of_it_unscored_last(tree, world):
    rows = queries.within_results(tree.county, world.r2025, level="branch")
    assert [r.subject.organization.code for r in rows] == ["T1B1", "T1B3", "T1B2", "T2B1", "T2B2"]


def test_within_by_township(tree, world):
    rows = queries.within_results(tree.county, world.r2025, level="branch", township="二号镇")
    assert [r.subject.organization.code for r in rows] == ["T2B1", "T2B2"]


def test_within_summary(tree, world):
    summary = queries.summarize(queries.within_results(tree.t1, world.r2025))
    assert summary == {"count": 3, "scored": 3, "mean": pytest.approx(244 / 3), "advanced": 1, "good": 1,
                       "fair": 1, "lagging": 0}


def test_outside_by_township(tree, world):
    groups, _county = queries.outside(world.r2025, by="township")
    assert [(g.key, g.count, g.scored, g.mean, g.grades, g.difference, g.rank) for g in groups] == [
        ("一号镇", 4, 4, 82.25, {"advanced": 2, "good": 1, "fair": 1, "lagging": 0}, 4.25, 1),
        ("二号镇", 3, 2, None, None, None, None),
    ]


def test_outside_county_figures(tree, world):
    _groups, county = queries.outside(world.r2025, by="township")
    assert (county.count, county.scored, county.mean, county.grades) == (
        7, 6, 78.0, {"advanced": 2, "good": 2, "fair": 1, "lagging": 1})


def test_outside_by_sector_with_a_level(tree, world):
    groups, _county = queries.outside(world.r2024, by="sector", level="branch")
    assert [(g.key, g.count, g.mean, g.rank) for g in groups] == [("village", 5, 74.0, 1)]


def test_outside_leaves_out_persons(tree, world):
    _groups, county = queries.outside(world.r2025, by="sector", level="branch")
    assert (county.count, county.mean) == (5, 77.0)


def test_a_recount_is_not_served_from_the_cache(tree, world):
    queries.outside(world.r2025, by="sector")
    SubjectResult.objects.filter(tally=world.r2025.tally, subject__organization=tree.t1).update(composite=25.0)
    world.r2025.tally.delete()
    world.r2025.tally = TallyResult.objects.create(round=world.r2025, fingerprint="1" * 64, ballots=0, answers=0)
    assert queries.outside(world.r2025, by="sector") == ([], queries.GroupFigures("", 0, 0, None, None))
