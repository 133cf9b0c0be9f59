import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import DEFAULT_POINTS, GroupKind, RoundKind, Scale
from pacesetter.evaluation.models import SubjectCells, SubjectResult, TallyResult
from pacesetter.evaluation.queries import ballot_fingerprint
from pacesetter.evaluation.ranking import rank_and_grade
from pacesetter.evaluation.tally import Cell, composite, tally_round, wilson_interval

from .conftest import make_scheme, stored_cell, stored_cells

pytestmark = pytest.mark.django_db

INDICATORS = [
    {"question": "政治引领", "scale": Scale.GRADE4, "weight": 60},  # 100 / 80 / 60 / 40
    {"question": "服务群众", "scale": Scale.SATISFACTION3, "weight": 40},  # 100 / 60 / 0
]
GROUPS = [{"kind": GroupKind.MEMBERS, "weight": 70}, {"kind": GroupKind.PUBLIC, "weight": 30}]

#: Ballots as (option of indicator 1, option of indicator 2), per subject and group.
BALLOTS = {
    # members: I1 (100+80)/2 = 90, I2 (100+60)/2 = 80 → 0.6×90 + 0.4×80 = 86
    # public:  I1 60, I2 (100+0)/2 = 50 → 0.6×60 + 0.4×50 = 56; composite 0.7×86 + 0.3×56 = 77
    "b1": {GroupKind.MEMBERS: [(0, 0), (1, 1)], GroupKind.PUBLIC: [(2, 0), (2, 2)]},
    # members only, renormalised to 100 %: I1 (40+40+100)/3 = 60, I2 100/3 → 36 + 13.333333;
    # worst options 4 of 6 answers → flagged
    "b2": {GroupKind.MEMBERS: [(3, 2), (3, 2), (0, 0)]},
    # one ballot, below min_n = 3
    "t1": {GroupKind.MEMBERS: [(0, 0)]},
}


def _closed_round(tree, ballots, *, min_n=3, close=True):
    scheme = make_scheme(indicators=INDICATORS, groups=GROUPS)
    now = timezone.now()
    round_ = domain.create_round(
        scheme=scheme, kind=RoundKind.DEMOCRATIC, name="计票测试", min_n=min_n,
        opens_at=now - datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(days=1), by=None,
    )
    subjects = {s.organization.code: s for s in domain.add_subjects(
        round_, organizations=[getattr(tree, code) for code in ballots], by=None)}
    groups = {g.kind: domain.add_group(round_, voter_group=g, expected=10, by=None) for g in scheme.groups.all()}
    round_ = domain.open_round(round_, by=None)
    indicator_ids = list(scheme.indicators.order_by("order").values_list("id", flat=True))
    for code, by_group in ballots.items():
        for kind, options in by_group.items():
            tokens = domain.make_tokens(round_, subject=subjects[getattr(tree, code).code], group=groups[kind],
                                        count=len(options), by=None)
            for token, answer in zip(tokens, options, strict=True):
                domain.cast_ballot(token, dict(zip(indicator_ids, answer, strict=True)))
    if close:
        round_ = domain.close_round(round_, by=None)
    return round_, {code: subjects[getattr(tree, code).code] for code in ballots}, groups, indicator_ids


@pytest.fixture
def counted(tree):
    round_, subjects, groups, indicator_ids = _closed_round(tree, BALLOTS)
    tally = tally_round(round_, by=tree.users.county_admin)
    return round_, subjects, groups, indicator_ids, tally


def _subject(tally, subject):
    return SubjectResult.objects.get(tally=tally, subject=subject)


def test_composite_weights_groups_and_indicators(counted):
    _round, subjects, _groups, _ids, tally = counted
    assert _subject(tally, subjects["b1"]).composite == 77.0


def test_composite_renormalises_over_groups_with_ballots(counted):
    _round, subjects, _groups, _ids, tally = counted
    assert _subject(tally, subjects["b2"]).composite == 49.333333


def test_subject_below_min_n_is_insufficient(counted):
    _round, subjects, _groups, _ids, tally = counted
    result = _subject(tally, subjects["t1"])
    assert (result.n, result.composite, result.insufficient_sample) == (1, 100.0, True)


def test_subject_at_min_n_is_sufficient(counted):
    _round, subjects, _groups, _ids, tally = counted
    assert (_subject(tally, subjects["b2"]).n, _subject(tally, subjects["b2"]).insufficient_sample) == (3, False)


def test_dissatisfaction_over_share_flags_subject(counted):
    _round, subjects, _groups, _ids, tally = counted
    flagged = _subject(tally, subjects["b2"])
    assert (round(flagged.dissatisfied_share, 4), flagged.dissatisfied_flag) == (0.6667, True)


def test_dissatisfaction_under_share_does_not_flag(counted):
    _round, subjects, _groups, _ids, tally = counted
    calm = _subject(tally, subjects["b1"])
    assert (calm.dissatisfied_share, calm.dissatisfied_flag) == (0.125, False)


def test_cell_counts_mean_and_good_share(counted):
    _round, subjects, groups, ids, tally = counted
    cell = stored_cell(tally, subject_id=subjects["b1"].pk, group_id=groups[GroupKind.MEMBERS].pk,
                       indicator_id=ids[0], open_channel=False)
    low, high = wilson_interval(2, 2)
    assert (cell.n, cell.counts, cell.mean_points, cell.good_share, cell.good_low, cell.good_high,
            cell.dissatisfied_share) == (2, [1, 1, 0, 0], 90.0, 1.0, low, high, 0.0)


def test_cell_of_satisfaction_scale_counts_bottom_option_as_dissatisfied(counted):
    _round, subjects, groups, ids, tally = counted
    cell = stored_cell(tally, subject_id=subjects["b1"].pk, group_id=groups[GroupKind.PUBLIC].pk,
                       indicator_id=ids[1], open_channel=False)
    assert (cell.counts, cell.mean_points, cell.good_share, cell.dissatisfied_share) == ([1, 0, 1], 50.0, 0.5, 0.5)


def test_cells_exist_only_where_answers_are(counted):
    _round, _subjects, _groups, _ids, tally = counted
    # b1: 2 groups × 2 indicators; b2 and t1: members × 2 indicators
    assert len(stored_cells(tally)) == 8


def test_tally_records_ballot_and_answer_totals(counted):
    round_, _subjects, _groups, _ids, tally = counted
    assert (tally.ballots, tally.answers, tally.fingerprint) == (8, 16, ballot_fingerprint(round_))


def test_tally_is_audited_with_fingerprint_and_counts(counted, tree):
    round_, _subjects, _groups, _ids, tally = counted
    entry = AuditEntry.objects.get(action="evaluation.round.tally")
    assert (entry.actor_id, entry.after) == (tree.users.county_admin.pk, {
        "fingerprint": ballot_fingerprint(round_), "ballots": 8, "answers": 16, "subjects": 3,
        "insufficient": 1, "flagged": 1,
    })


def test_retally_replaces_results(counted, tree):
    round_, _subjects, _groups, _ids, _tally = counted
    tally_round(round_, by=tree.users.county_admin)
    assert (TallyResult.objects.count(), SubjectResult.objects.count(), SubjectCells.objects.count(),
            len(stored_cells(TallyResult.objects.get()))) == (1, 3, 3, 8)


def test_released_round_can_be_recounted(counted, tree):
    round_, subjects, _groups, _ids, _tally = counted
    domain.release_results(round_, by=None)
    tally = tally_round(round_, by=tree.users.county_admin)
    assert _subject(tally, subjects["b1"]).composite == 77.0


def test_open_round_is_refused(tree):
    round_, _subjects, _groups, _ids = _closed_round(tree, {"b1": {GroupKind.MEMBERS: [(0, 0)]}}, close=False)
    with pytest.raises(DomainError) as exc:
        tally_round(round_, by=tree.users.county_admin)
    assert (exc.value.code, TallyResult.objects.count()) == ("round_state", 0)


@pytest.mark.parametrize("role", ["org_admin", "leader", "inspector", "member"])
def test_only_county_admin_may_tally(tree, role):
    round_, _subjects, _groups, _ids = _closed_round(tree, {"b1": {GroupKind.MEMBERS: [(0, 0)]}})
    with pytest.raises(PermissionDeniedError):
        tally_round(round_, by=getattr(tree.users, role))
    assert TallyResult.objects.count() == 0


def test_subject_without_ballots_has_no_composite(tree):
    round_, subjects, _groups, _ids = _closed_round(tree, {"b1": {}, "b2": {GroupKind.MEMBERS: [(0, 0)]}})
    result = _subject(tally_round(round_, by=None), subjects["b1"])
    assert (result.n, result.composite, result.dissatisfied_share, result.insufficient_sample,
            result.dissatisfied_flag) == (0, None, None, True, False)


def test_query_count_does_not_grow_with_subjects(tree):
    one, *_ = _closed_round(tree, {"b1": {GroupKind.MEMBERS: [(0, 0)]}})
    three, *_ = _closed_round(tree, {
        "b1": {GroupKind.MEMBERS: [(0, 0)]},
        "b2": {GroupKind.MEMBERS: [(1, 1)], GroupKind.PUBLIC: [(2, 2)]},
        "t1": {GroupKind.PUBLIC: [(3, 0)]},
    })
    with CaptureQueriesContext(connection) as small:
        tally_round(one, by=None)
    with CaptureQueriesContext(connection) as large:
        tally_round(three, by=None)
    assert len(large.captured_queries) == len(small.captured_queries)


def _ranked(tally):
    return list(SubjectResult.objects.filter(tally=tally).order_by("pk").values_list(
        "subject_id", "peer_group", "rank_peer", "peer_size", "rank_county", "grade"))


def test_results_are_inserted_ranked_and_never_updated(tree):
    """The count ranks and grades in memory and writes each result once; re-grading the
    stored count (rank_and_grade, from the stored rows) finds nothing to change."""
    round_, subjects, _groups, _ids = _closed_round(tree, {
        "b1": {GroupKind.MEMBERS: [(0, 0), (1, 1), (0, 1)]},
        "b2": {GroupKind.MEMBERS: [(0, 0), (1, 1), (0, 1)]},  # tied with b1
        "t1": {GroupKind.MEMBERS: [(3, 2), (3, 2), (2, 2)]},
        "t2": {GroupKind.MEMBERS: [(0, 0)]},  # too few ballots: not ranked
    })
    with CaptureQueriesContext(connection) as queries:
        tally = tally_round(round_, by=None)
    stored = _ranked(tally)
    rank_and_grade(tally)
    assert [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("UPDATE")
            and "evaluation_subject" in q["sql"]] == []
    assert _ranked(tally) == stored
    ranks = {subject_id: (rank_peer, rank_county, grade) for subject_id, _g, rank_peer, _s, rank_county, grade in stored}
    assert ranks[subjects["b1"].pk][1] == ranks[subjects["b2"].pk][1] == 1
    assert (ranks[subjects["t2"].pk], ranks[subjects["t1"].pk][1]) == ((None, None, ""), 3)


def test_cells_are_saved_and_read_back_through_the_orm(counted):
    _round, subjects, groups, ids, tally = counted
    row = SubjectCells.objects.get(tally=tally, subject=subjects["t1"])
    row.cells = [[groups[GroupKind.MEMBERS].pk, ids[0], 0, 3, 240, [1, 1, 0, 1]]]
    row.save(update_fields=["cells"])
    assert (SubjectCells.objects.get(pk=row.pk).cells,
            SubjectCells.objects.filter(pk=row.pk).values_list("cells", flat=True).get()) == (row.cells, row.cells)


def test_cells_column_refuses_what_is_not_json(counted):
    _round, _subjects, _groups, _ids, tally = counted
    row = SubjectCells.objects.filter(tally=tally).first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE evaluation_subjectcells SET cells = %s WHERE id = %s", ["[1, 2", row.pk])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the column type is PostgreSQL's")
def test_cells_are_plain_json_not_jsonb_on_postgresql(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT data_type FROM information_schema.columns"
                       " WHERE table_name = 'evaluation_subjectcells' AND column_name = 'cells'")
        assert cursor.fetchone() == ("json",)


@pytest.mark.parametrize(("successes", "n", "expected"), [
    (8, 10, (0.4902, 0.9433)),
    (0, 10, (0.0, 0.2775)),
    (10, 10, (0.7225, 1.0)),
    (1, 1, (0.2065, 1.0)),
    (50, 100, (0.4038, 0.5962)),
])
def test_wilson_interval_known_values(successes, n, expected):
    low, high = wilson_interval(successes, n)
    assert (round(low, 4), round(high, 4)) == expected


def test_wilson_interval_of_nothing_is_none():
    assert wilson_interval(0, 0) is None


# Property tests of the composite, on the pure function tally_round uses.

def _points(scale, option):
    return option if scale == Scale.SCORE100 else DEFAULT_POINTS[scale][option]


def _options(scale):
    return st.integers(0, 100) if scale == Scale.SCORE100 else st.integers(0, len(DEFAULT_POINTS[scale]) - 1)


def _weights(count):
    """`count` positive whole weights adding up to 100."""
    return st.lists(st.integers(1, 99), min_size=count - 1, max_size=count - 1, unique=True).map(
        lambda cuts: [b - a for a, b in zip([0, *sorted(cuts)], [*sorted(cuts), 100], strict=True)]
    )


@st.composite
def subjects(draw):
    scale = draw(st.sampled_from(list(Scale)))
    indicator_weights = dict(enumerate(draw(_weights(draw(st.integers(1, 4)))), start=1))
    group_weights = dict(enumerate(draw(_weights(draw(st.integers(1, 3)))), start=1))
    cells = {}
    for g in group_weights:
        for options in draw(st.lists(st.lists(_options(scale), min_size=len(indicator_weights),
                                              max_size=len(indicator_weights)), max_size=4)):
            for i, option in zip(indicator_weights, options, strict=True):
                _add(cells, g, i, _points(scale, option), option)
    return scale, cells, indicator_weights, group_weights


def _add(cells, g, i, points, option):
    cell = cells.setdefault((g, i), Cell())
    cell.n += 1
    cell.points += points
    cell.by_option[option] = cell.by_option.get(option, 0) + 1


def _scale_bounds(scale):
    return (0, 100) if scale == Scale.SCORE100 else (min(DEFAULT_POINTS[scale]), max(DEFAULT_POINTS[scale]))


@given(subjects())
def test_composite_stays_within_the_scale(subject):
    scale, cells, indicator_weights, group_weights = subject
    score = composite(cells, indicator_weights, group_weights)
    low, high = _scale_bounds(scale)
    assert score is None or low <= score <= high


@given(subjects(), st.data())
def test_a_top_ballot_never_lowers_the_composite(subject, data):
    scale, cells, indicator_weights, group_weights = subject
    before = composite(cells, indicator_weights, group_weights)
    group = data.draw(st.sampled_from(sorted(group_weights)))
    top = 100 if scale == Scale.SCORE100 else 0
    for i in indicator_weights:
        _add(cells, group, i, _points(scale, top), top)
    after = composite(cells, indicator_weights, group_weights)
    assert before is None or after >= before
