"""The read functions behind the result pages (pacesetter.evaluation.results)."""
import dataclasses

import pytest

from pacesetter.evaluation import results
from pacesetter.evaluation.models import SubjectResult

from .test_results_pages import released_round

pytestmark = pytest.mark.django_db


def test_pooled_share_takes_its_interval_over_ballots_not_answers():
    """5 good answers of 8 from 4 ballots: the share is 5/8, the interval that of 2.5 of 4."""
    share = results.pooled_share(5, 8, 4)
    assert (share.value, round(share.low, 6), round(share.high, 6)) == (0.625, 0.219427, 0.908101)


def test_pooled_share_is_none_without_answers_on_option_scales():
    assert (results.pooled_share(0, 0, 4), results.pooled_share(0, 0, 0)) == (None, None)


def test_released_tally_is_none_before_release(tree):
    round_, _subjects = released_round(tree, release=False)
    assert results.released_tally(round_) is None


def test_released_tally_is_the_count_after_release(tree):
    round_, _subjects = released_round(tree)
    assert results.released_tally(round_) == round_.tally


def test_subject_results_are_cut_to_what_the_user_sees(tree):
    round_, _subjects = released_round(tree)
    visible = results.subject_results_visible_to(tree.users.org_admin, round_.tally)
    assert sorted(visible.values_list("subject__organization__code", flat=True)) == ["T1", "T1B1"]


def test_subject_results_of_nobody_are_empty(tree):
    round_, _subjects = released_round(tree)
    assert list(results.subject_results_visible_to(tree.users.nobody, round_.tally)) == []


def test_grade_counts_list_every_grade_and_the_ungraded(tree):
    round_, _subjects = released_round(tree)
    qs = SubjectResult.objects.filter(tally=round_.tally)
    assert results.grade_counts(qs) == [
        ("advanced", "advanced", 0), ("good", "good", 1), ("fair", "fair", 0), ("lagging", "lagging", 1),
        ("none", "not graded", 1),
    ]


def test_distribution_sums_trusted_cells_over_voter_groups_and_leaves_out_open_ones(tree):
    round_, subjects = released_round(tree)
    cells = results.subject_cells(round_.tally, subjects["b1"].pk)
    cells.append(dataclasses.replace(cells[0], open_channel=True, n=9, points=900, counts=[9, 0, 0, 0]))
    assert [(row["indicator"].question, row["counts"], row["n"]) for row in results.distribution(cells)] == [
        ("政治引领", [1, 1, 2, 0], 4), ("服务群众", [2, 1, 1], 4),
    ]


def test_shares_of_a_queryset_match_the_shares_of_its_rows(tree):
    round_, subjects = released_round(tree)
    qs = SubjectResult.objects.filter(tally=round_.tally)
    rows = results.attach_shares(list(qs), tally=round_.tally)
    assert results.shares_of(qs, tally=round_.tally) == {row.subject_id: row.share for row in rows}
