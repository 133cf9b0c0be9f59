"""推优排队 and 分类定级 against hand-computed rankings.

The tally's SubjectResult rows are written directly with the composites each case needs;
rank_and_grade reads nothing else, so the cases stay small and exact.
"""
import datetime
import itertools
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import RoundKind
from pacesetter.evaluation.models import SubjectResult, TallyResult
from pacesetter.evaluation.ranking import (
    DEFAULT_GRADING, competition_ranks, grade_for, grading_rules, peer_group_label, rank_and_grade, rank_results,
)
from pacesetter.orgs.enums import OrgLevel, Sector

from ..factories import MemberFactory, make_org
from .conftest import make_scheme

pytestmark = pytest.mark.django_db

_codes = itertools.count(1)


def _round(scheme, grading=None):
    now = timezone.now()
    round_ = domain.create_round(
        scheme=scheme, kind=RoundKind.DEMOCRATIC, name=f"排名测试{next(_codes)}",
        opens_at=now - datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(days=1), by=None,
    )
    if grading is not None:
        round_.grading = grading
        round_.save(update_fields=["grading"])
    return round_


def ranked(tree, rows, *, grading=None, scheme=None):
    """Rank `rows`: (name, composite, options) with options sector, level, person, n, flag.

    Returns name → (peer_group, rank_peer, peer_size, rank_county, grade).
    """
    round_ = _round(scheme or make_scheme(), grading)
    tally = TallyResult.objects.create(round=round_, fingerprint="0" * 64, ballots=0, answers=0)
    subjects = {}
    for name, score, *options in rows:
        opts = options[0] if options else {}
        org = make_org(tree.county, name=name, sector=opts.get("sector", Sector.VILLAGE),
                       level=opts.get("level", OrgLevel.BRANCH))
        if opts.get("person"):
            member = MemberFactory(organization=org)
            subject = domain.add_person_subjects(round_, members=[member], role_title="书记", by=None)[0]
        else:
            subject = domain.add_subjects(round_, organizations=[org], by=None)[0]
        n = opts.get("n", 20)
        SubjectResult.objects.create(
            tally=tally, subject=subject, n=n, composite=score, dissatisfied_share=0.0,
            insufficient_sample=n < round_.min_n, dissatisfied_flag=opts.get("flag", False),
        )
        subjects[subject.pk] = name
    rank_and_grade(tally)
    return {
        subjects[r.subject_id]: (r.peer_group, r.rank_peer, r.peer_size, r.rank_county, r.grade)
        for r in SubjectResult.objects.filter(tally=tally)
    }


def grades(result) -> dict[str, str]:
    return {name: row[4] for name, row in result.items()}


def peer_ranks(result) -> dict[str, int | None]:
    return {name: row[1] for name, row in result.items()}


def ten(scores, **options):
    """Ten village branches v1…v10 with the scores given."""
    return [(f"v{i}", score, options) for i, score in enumerate(scores, start=1)]


# --- ranks ---------------------------------------------------------------------------------


def test_rank_and_grade_ties_at_the_top_share_a_rank(tree):
    result = ranked(tree, [("a", 95.0), ("b", 95.0), ("c", 90.5), ("d", 85.0)])
    assert result == {
        "a": ("village/branch", 1, 4, 1, "advanced"),
        "b": ("village/branch", 1, 4, 1, "advanced"),
        "c": ("village/branch", 3, 4, 3, "good"),
        "d": ("village/branch", 4, 4, 4, "good"),
    }


def test_rank_and_grade_compares_stored_composites_exactly(tree):
    result = ranked(tree, [("a", 88.000001), ("b", 88.0), ("c", 88.0)])
    assert peer_ranks(result) == {"a": 1, "b": 2, "c": 2}


def test_rank_and_grade_peer_groups_are_sector_and_level(tree):
    result = ranked(tree, [
        ("v1", 80.0), ("v2", 70.0),
        ("g1", 90.0, {"level": OrgLevel.GENERAL_BRANCH}),
        ("c1", 75.0, {"sector": Sector.COMMUNITY}),
    ])
    assert result == {
        "v1": ("village/branch", 1, 2, 2, "good"),
        "v2": ("village/branch", 2, 2, 4, "fair"),
        "g1": ("village/general_branch", 1, 1, 1, "advanced"),
        "c1": ("community/branch", 1, 1, 3, "fair"),
    }


def test_rank_and_grade_ranks_persons_apart_from_organisations(tree):
    result = ranked(tree, [
        ("v1", 85.0), ("v2", 70.0),
        ("p1", 95.0, {"person": True}), ("p2", 75.0, {"person": True}),
    ])
    assert result == {
        "v1": ("village/branch", 1, 2, 1, "good"),
        "v2": ("village/branch", 2, 2, 2, "fair"),
        "p1": ("person/village/branch", 1, 2, 1, "advanced"),
        "p2": ("person/village/branch", 2, 2, 2, "fair"),
    }


def test_rank_and_grade_skips_an_insufficient_sample(tree):
    result = ranked(tree, [("a", 99.0, {"n": 2}), ("b", 85.0), ("c", 80.0)])
    assert result == {
        "a": ("village/branch", None, None, None, ""),
        "b": ("village/branch", 1, 2, 1, "good"),
        "c": ("village/branch", 2, 2, 2, "good"),
    }


def test_rank_and_grade_skips_a_subject_without_a_composite(tree):
    result = ranked(tree, [("a", None), ("b", 85.0)])
    assert result == {
        "a": ("village/branch", None, None, None, ""),
        "b": ("village/branch", 1, 1, 1, "good"),
    }


def test_rank_and_grade_again_replaces_earlier_ranks(tree):
    result = ranked(tree, [("a", 95.0), ("b", 85.0)])
    tally = TallyResult.objects.get()
    SubjectResult.objects.filter(tally=tally, composite=95.0).update(insufficient_sample=True)
    rank_and_grade(tally)
    again = {r.composite: (r.rank_peer, r.peer_size, r.rank_county, r.grade)
             for r in SubjectResult.objects.filter(tally=tally)}
    assert (result["a"][1:], again) == ((1, 2, 1, "advanced"), {95.0: (None, None, None, ""), 85.0: (1, 1, 1, "good")})


# --- grades --------------------------------------------------------------------------------


def test_rank_and_grade_advanced_is_limited_to_the_top_share(tree):
    # ⌈0.2 × 10⌉ = 2 advanced, although four score 90 or more; ⌊0.1 × 10⌋ = 1 lagging.
    result = ranked(tree, ten([98.0, 96.0, 93.0, 91.0, 85.0, 82.0, 78.0, 70.0, 65.0, 61.0]))
    assert grades(result) == {
        "v1": "advanced", "v2": "advanced", "v3": "good", "v4": "good", "v5": "good", "v6": "good",
        "v7": "fair", "v8": "fair", "v9": "fair", "v10": "lagging",
    }


def test_rank_and_grade_a_tie_at_the_top_share_boundary_is_advanced(tree):
    result = ranked(tree, ten([98.0, 96.0, 96.0, 91.0, 85.0, 82.0, 78.0, 70.0, 65.0, 61.0]))
    assert (peer_ranks(result)["v3"], grades(result)["v2"], grades(result)["v3"], grades(result)["v4"]) == (
        2, "advanced", "advanced", "good",
    )


def test_rank_and_grade_advanced_needs_the_minimum_score(tree):
    result = ranked(tree, [("a", 89.9), ("b", 85.0), ("c", 80.0)])
    assert grades(result) == {"a": "good", "b": "good", "c": "good"}


def test_rank_and_grade_a_tie_at_the_bottom_share_boundary_is_not_lagging(tree):
    # v9 and v10 share rank 9; the bottom ⌊0.1 × 10⌋ = 1 position is the tenth: neither is lagging.
    result = ranked(tree, ten([98.0, 96.0, 93.0, 91.0, 85.0, 82.0, 78.0, 70.0, 65.0, 65.0]))
    assert (peer_ranks(result)["v10"], grades(result)["v9"], grades(result)["v10"]) == (9, "fair", "fair")


def test_rank_and_grade_bottom_share_names_the_last_positions(tree):
    # twenty: ⌊0.1 × 20⌋ = 2 lagging even with good scores.
    scores = [99.0 - i for i in range(20)]
    result = ranked(tree, [(f"v{i}", s) for i, s in enumerate(scores, start=1)])
    assert [grades(result)[f"v{i}"] for i in (18, 19, 20)] == ["good", "lagging", "lagging"]


def test_rank_and_grade_below_fair_minimum_is_lagging_whatever_the_rank(tree):
    result = ranked(tree, [("a", 59.9), ("b", 40.0)])
    assert (peer_ranks(result), grades(result)) == ({"a": 1, "b": 2}, {"a": "lagging", "b": "lagging"})


def test_rank_and_grade_small_peer_group_has_no_lagging_by_share(tree):
    result = ranked(tree, [("a", 92.0), ("b", 80.0), ("c", 60.0)])
    assert grades(result) == {"a": "advanced", "b": "good", "c": "fair"}


def test_rank_and_grade_flag_caps_an_advanced_subject_at_fair(tree):
    result = ranked(tree, [("a", 97.0, {"flag": True}), ("b", 85.0, {"flag": True}), ("c", 80.0)])
    assert grades(result) == {"a": "fair", "b": "fair", "c": "good"}


def test_rank_and_grade_flag_leaves_a_worse_grade_alone(tree):
    result = ranked(tree, [("a", 50.0, {"flag": True}), ("b", 85.0)])
    assert grades(result) == {"a": "lagging", "b": "good"}


def test_rank_and_grade_flag_cap_comes_from_the_round(tree):
    result = ranked(tree, [("a", 97.0, {"flag": True}), ("b", 70.0, {"flag": True})],
                    grading={"flag_caps_at": "lagging"})
    assert grades(result) == {"a": "lagging", "b": "lagging"}


def test_rank_and_grade_uses_the_rounds_thresholds_and_shares(tree):
    # top ⌈0.5 × 4⌉ = 2 with ≥ 85; good ≥ 75; fair ≥ 65; no bottom share.
    grading = {"advanced_min": 85, "good_min": 75, "fair_min": 65, "advanced_top_share": 0.5,
               "lagging_bottom_share": 0}
    result = ranked(tree, [("a", 88.0), ("b", 86.0), ("c", 70.0), ("d", 64.0)], grading=grading)
    assert grades(result) == {"a": "advanced", "b": "advanced", "c": "fair", "d": "lagging"}


def test_rank_and_grade_refuses_invalid_round_rules(tree):
    with pytest.raises(ValidationError, match="Unknown grading rule “top”"):
        ranked(tree, [("a", 88.0)], grading={"top": 0.3})


def test_rank_and_grade_reads_once_and_writes_once(tree, django_assert_num_queries):
    ranked(tree, [("a", 95.0), ("b", 85.0), ("c", None)])
    tally = TallyResult.objects.select_related("round").get()
    with django_assert_num_queries(2):
        rank_and_grade(tally)


# --- the parts -----------------------------------------------------------------------------


def test_competition_ranks_share_ties_and_skip():
    assert competition_ranks([70.0, 90.0, 80.0, 90.0, 70.0, 60.0]) == [4, 1, 3, 1, 4, 6]


def test_grade_for_share_counts_use_the_written_share():
    # 0.1 × 30 is 3.0000000000000004 in floating point; the bottom share is still 3, not 4.
    rules = {**DEFAULT_GRADING, "advanced_top_share": 0.1}
    assert [grade_for(95.0, rank=r, size=30, flagged=False, rules=rules) for r in (3, 4)] == ["advanced", "good"]
    assert [grade_for(75.0, rank=r, size=30, flagged=False, rules=DEFAULT_GRADING) for r in (27, 28)] == [
        "fair", "lagging",
    ]


def test_grading_rules_merge_the_round_over_the_defaults():
    assert grading_rules({"fair_min": 50}) == {**DEFAULT_GRADING, "fair_min": 50}


def test_peer_group_label_names_sector_and_level():
    assert (peer_group_label("village/branch"), peer_group_label("person/school/general_branch"),
            peer_group_label("")) == ("village · branch", "persons · school · general branch", "")


# --- property: ranks are a competition ranking of the composites in each peer group ---------

SECTORS = (Sector.VILLAGE, Sector.COMMUNITY)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases=st.lists(
    st.tuples(st.sampled_from(SECTORS), st.sampled_from([55.0, 61.5, 80.0, 88.25, 90.0, 99.0, None]),
              st.booleans(), st.booleans()),
    min_size=1, max_size=14,
))
def test_rank_and_grade_ranks_are_competition_ranks_per_peer_group(tree, cases):
    pool = _pool(tree)
    rows = [(f"s{i}", score, {"sector": sector, "flag": flag, "n": 2 if short else 20})
            for i, (sector, score, flag, short) in enumerate(cases)]
    result = _ranked_over_pool(pool, rows)
    ranked_rows = {name: (opts["sector"], score) for name, score, opts in rows
                   if score is not None and opts["n"] >= 5}
    expected = {}
    for name, (sector, score) in ranked_rows.items():
        peers = [s for sec, s in ranked_rows.values() if sec == sector]
        everyone = [s for _sec, s in ranked_rows.values()]
        expected[name] = (f"{sector}/branch", 1 + sum(p > score for p in peers), len(peers),
                          1 + sum(p > score for p in everyone))
    for name, score, opts in rows:
        if name not in ranked_rows:
            expected[name] = (f"{opts['sector']}/branch", None, None, None)
    assert {name: row[:4] for name, row in result.items()} == expected
    assert {name for name, row in result.items() if row[4] == "advanced"} <= {
        name for name, (_sec, score) in ranked_rows.items() if score >= 90.0
    }


def _pool(tree):
    """Organisations reused by every hypothesis example (a new round each time)."""
    if not hasattr(tree, "pool"):
        tree.pool = SimpleNamespace(
            orgs={sector: [make_org(tree.county, sector=sector) for _ in range(14)] for sector in SECTORS},
            scheme=make_scheme(),
        )
    return tree.pool


def _ranked_over_pool(pool, rows):
    round_ = _round(pool.scheme)
    tally = TallyResult.objects.create(round=round_, fingerprint="0" * 64, ballots=0, answers=0)
    names = {}
    free = {sector: iter(orgs) for sector, orgs in pool.orgs.items()}
    for name, score, opts in rows:
        subject = domain.add_subjects(round_, organizations=[next(free[opts["sector"]])], by=None)[0]
        SubjectResult.objects.create(
            tally=tally, subject=subject, n=opts["n"], composite=score, dissatisfied_share=0.0,
            insufficient_sample=opts["n"] < round_.min_n, dissatisfied_flag=opts["flag"],
        )
        names[subject.pk] = name
    rank_and_grade(tally)
    return {names[r.subject_id]: (r.peer_group, r.rank_peer, r.peer_size, r.rank_county, r.grade)
            for r in SubjectResult.objects.filter(tally=tally)}


# --- ranking unsaved results (a count before it inserts them) --------------------------------


def test_rank_results_fills_unsaved_results_as_rank_and_grade_stores_them(tree, django_assert_num_queries):
    rows = [("a", 95.0), ("b", 95.0), ("c", 70.0), ("d", 99.0, {"n": 2}), ("p", 91.0, {"person": True}),
            ("e", 97.0, {"flag": True})]
    stored = ranked(tree, rows)
    tally = TallyResult.objects.select_related("round").get()
    fresh = [SubjectResult(tally=tally, subject_id=r.subject_id, n=r.n, composite=r.composite,
                           dissatisfied_share=0.0, insufficient_sample=r.insufficient_sample,
                           dissatisfied_flag=r.dissatisfied_flag)
             for r in SubjectResult.objects.filter(tally=tally).order_by("pk")]
    with django_assert_num_queries(1):
        rank_results(fresh, round_=tally.round)
    assert [(r.peer_group, r.rank_peer, r.peer_size, r.rank_county, r.grade) for r in fresh] == [
        stored[name] for name in ("a", "b", "c", "d", "p", "e")
    ]
