"""The tally's channels (token, paper, open survey) against hand-computed figures, and its
pivot against an independent count of the same answers."""
import datetime
import random
import secrets
from collections import Counter

import pytest
from django.db import connection
from django.db.models import Count
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from pacesetter.core.errors import DomainError
from pacesetter.evaluation import domain, tally
from pacesetter.evaluation.enums import SCALE_OPTIONS, Channel, GroupKind, RoundKind, Scale
from pacesetter.evaluation.models import Answer, Ballot, SubjectResult, TallyResult
from pacesetter.evaluation.queries import ballot_fingerprint, database_fingerprint
from pacesetter.evaluation.tally import Column, tally_round

from .conftest import make_scheme, stored_cell, stored_cells

pytestmark = pytest.mark.django_db

INDICATORS = [
    {"question": "政治引领", "scale": Scale.GRADE4, "weight": 60},  # 100 / 80 / 60 / 40
    {"question": "服务群众", "scale": Scale.SATISFACTION3, "weight": 40},  # 100 / 60 / 0
]
GROUPS = [{"kind": GroupKind.MEMBERS, "weight": 70}, {"kind": GroupKind.PUBLIC, "weight": 30}]
M, P = GroupKind.MEMBERS, GroupKind.PUBLIC
T, PAPER, OPEN = Channel.TOKEN, Channel.PAPER, Channel.OPEN

#: (channel, group, option of indicator 1, option of indicator 2) per subject; min_n = 2.
BALLOTS = {
    # Trusted: members I1 (100+80+100)/3 = 93.333333, I2 (100+60+100)/3 = 86.666667
    # → 0.6×93.333333 + 0.4×86.666667 = 90.666667 (the public only voted openly).
    # Open survey: public I1 40, I2 0 → 24.0; its worst answers do not flag the subject.
    "b1": [(T, M, 0, 0), (T, M, 1, 1), (PAPER, M, 0, 0), (OPEN, P, 3, 2), (OPEN, P, 3, 2)],
    # Members I1 80, I2 60 → 72; public 100 → 0.7×72 + 0.3×100 = 80.4
    "b2": [(T, M, 1, 1), (T, M, 1, 1), (PAPER, P, 0, 0)],
    # The same cells through other channels: 80.4 again, a tie
    "t1": [(PAPER, M, 1, 1), (T, M, 1, 1), (T, P, 0, 0)],
    # One trusted ballot (insufficient however many open ones), all worst (0.6×40 + 0.4×0 = 24): flagged
    "t2": [(PAPER, M, 3, 2), (OPEN, M, 0, 0), (OPEN, M, 0, 0), (OPEN, P, 0, 0)],
}


def closed_round(tree, ballots, *, indicators=INDICATORS, min_n=2):
    """A closed round over the subjects named in `ballots`, whose ballots are written
    directly as rows (as every channel leaves them)."""
    scheme = make_scheme(indicators=indicators, groups=GROUPS)
    now = timezone.now()
    round_ = domain.create_round(
        scheme=scheme, kind=RoundKind.DEMOCRATIC, name="渠道计票", min_n=min_n, allow_open_channel=True,
        opens_at=now - datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(days=1), by=None,
    )
    subjects = {s.organization.code: s for s in domain.add_subjects(
        round_, organizations=[getattr(tree, code) for code in ballots], by=None)}
    groups = {g.kind: domain.add_group(round_, voter_group=g, expected=5, by=None) for g in scheme.groups.all()}
    round_ = domain.close_round(domain.open_round(round_, by=None), by=None)
    indicators_ = list(scheme.indicators.order_by("order"))
    for code, rows in ballots.items():
        subject = subjects[getattr(tree, code).code]
        for channel, kind, *options in rows:
            add_ballot(round_, subject, groups[kind], channel, indicators_, options)
    return round_, {code: subjects[getattr(tree, code).code] for code in ballots}, groups, indicators_


def add_ballot(round_, subject, group, channel, indicators, options):
    ballot = Ballot.objects.create(id=secrets.randbits(63), round=round_, subject=subject, group=group,
                                   channel=channel)
    Answer.objects.bulk_create(
        Answer(ballot=ballot, indicator=ind, round=round_, subject=subject, group=group, option=option,
               points=option if ind.scale == Scale.SCORE100 else ind.option_points[option])
        for ind, option in zip(indicators, options, strict=True)
    )


@pytest.fixture
def counted(tree):
    round_, subjects, groups, indicators = closed_round(tree, BALLOTS)
    return tally_round(round_, by=tree.users.county_admin), subjects, groups, indicators


def result(tally_, subject):
    return SubjectResult.objects.get(tally=tally_, subject=subject)


def test_paper_ballots_count_with_token_ballots(counted):
    tally_, subjects, _groups, _ids = counted
    r = result(tally_, subjects["b1"])
    assert (r.n, r.composite) == (3, 90.666667)


def test_open_ballots_have_their_own_composite(counted):
    tally_, subjects, _groups, _ids = counted
    r = result(tally_, subjects["b1"])
    assert (r.open_n, r.open_composite) == (2, 24.0)


def test_open_ballots_do_not_flag_a_subject(counted):
    tally_, subjects, _groups, _ids = counted
    r = result(tally_, subjects["b1"])
    assert (r.dissatisfied_share, r.dissatisfied_flag) == (0.0, False)


def test_open_ballots_do_not_make_a_sample_sufficient(counted):
    tally_, subjects, _groups, _ids = counted
    r = result(tally_, subjects["t2"])
    assert (r.n, r.open_n, r.insufficient_sample, r.rank_county) == (1, 3, True, None)


def test_paper_ballots_flag_a_subject(counted):
    tally_, subjects, _groups, _ids = counted
    r = result(tally_, subjects["t2"])
    assert (r.dissatisfied_share, r.dissatisfied_flag) == (1.0, True)


def test_subject_without_open_ballots_has_no_open_composite(counted):
    tally_, subjects, _groups, _ids = counted
    r = result(tally_, subjects["b2"])
    assert (r.open_n, r.open_composite) == (0, None)


def test_equal_composites_share_a_county_rank(counted):
    tally_, subjects, _groups, _ids = counted
    ranks = {code: (result(tally_, s).composite, result(tally_, s).rank_county) for code, s in subjects.items()}
    assert ranks == {"b1": (90.666667, 1), "b2": (80.4, 2), "t1": (80.4, 2), "t2": (24.0, None)}


def test_trusted_cell_leaves_open_answers_out(counted):
    tally_, subjects, groups, indicators = counted
    cell = stored_cell(tally_, subject_id=subjects["b1"].pk, group_id=groups[M].pk, indicator_id=indicators[0].pk,
                       open_channel=False)
    assert (cell.n, cell.counts, cell.mean_points, cell.good_share, cell.dissatisfied_share) == (
        3, [2, 1, 0, 0], 93.333333, 1.0, 0.0)


def test_open_cell_holds_open_answers_only(counted):
    tally_, subjects, groups, indicators = counted
    cell = stored_cell(tally_, subject_id=subjects["b1"].pk, group_id=groups[P].pk, indicator_id=indicators[1].pk,
                       open_channel=True)
    assert (cell.n, cell.counts, cell.mean_points, cell.good_share, cell.good_low, cell.dissatisfied_share) == (
        2, [0, 0, 2], 0.0, 0.0, 0.0, 1.0)


def test_cells_per_channel(counted):
    tally_, _subjects, _groups, _ids = counted
    cells = Counter(cell.open_channel for cell in stored_cells(tally_))
    # trusted: b1 members, b2 and t1 both groups, t2 members (6 × 2 indicators);
    # open: b1 public, t2 members and public (3 × 2)
    assert dict(cells) == {False: 12, True: 6}


def test_tally_totals_count_every_channel(counted):
    tally_, _subjects, _groups, _ids = counted
    assert (tally_.ballots, tally_.answers) == (15, 30)


def test_stored_points_that_disagree_with_the_scheme_refuse_the_count(tree):
    round_, _subjects, _groups, indicators = closed_round(tree, {"b1": [(T, M, 0, 0), (T, M, 1, 1)]})
    Answer.objects.filter(round=round_, indicator=indicators[0], option=1).update(points=95)
    with pytest.raises(DomainError) as exc:
        tally_round(round_, by=None)
    assert (exc.value.code, TallyResult.objects.filter(round=round_).count()) == ("points_mismatch", 0)


def _random_round(tree, seed, *, indicators):
    """Twenty to sixty ballots over all channels and both groups of four subjects."""
    rng = random.Random(seed)
    options = [101 if ind["scale"] == Scale.SCORE100 else len(SCALE_OPTIONS[ind["scale"]])
               for ind in indicators]
    ballots = {code: [(rng.choice([T, T, PAPER, OPEN]), rng.choice([M, P]), *[rng.randrange(k) for k in options])
                      for _ in range(rng.randrange(5, 16))]
               for code in ("b1", "b2", "t1", "t2")}
    return closed_round(tree, ballots, indicators=indicators)


def _reference_cells(round_):
    """(subject, group, indicator, open) → (n, counts or score sum), counted by the ORM through
    each answer's ballot: slow, plain and independent of the pivot."""
    expected = {}
    rows = (Answer.objects.filter(round=round_)
            .values_list("subject_id", "group_id", "indicator_id", "indicator__scale", "ballot__channel", "option")
            .annotate(n=Count("*")).order_by())
    for subject, group, indicator, scale, channel, option, n in rows:
        key = (subject, group, indicator, channel == Channel.OPEN)
        size = len(SCALE_OPTIONS[Scale(scale)])
        total, counts = expected.get(key, (0, [0] * size if size else 0))
        if size:
            counts[option] += n
        else:
            counts += option * n
        expected[key] = (total + n, counts)
    return expected


def _stored_cells(tally_):
    return {
        (c.subject_id, c.group_id, c.indicator_id, c.open_channel):
            (c.n, c.counts if c.counts else round(c.mean_points * c.n))
        for c in stored_cells(tally_)
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pivot_agrees_with_an_independent_count(tree, seed):
    from .conftest import INDICATORS as WITH_SCORE

    round_, *_ = _random_round(tree, seed, indicators=WITH_SCORE)
    assert _stored_cells(tally_round(round_, by=None)) == _reference_cells(round_)


@pytest.mark.parametrize("seed", [4, 5])
def test_per_option_pivot_stores_what_the_packed_one_does(tree, seed, monkeypatch):
    from .conftest import INDICATORS as WITH_SCORE

    round_, *_ = _random_round(tree, seed, indicators=WITH_SCORE)
    packed = _stored_cells(tally_round(round_, by=None))
    monkeypatch.setattr(tally, "PACK_BITS", 0)
    assert (_stored_cells(tally_round(round_, by=None)), packed) == (_reference_cells(round_), packed)


def test_counts_pack_as_wide_as_the_most_ballots_of_a_subject(tree):
    round_, _subjects, _groups, indicators = closed_round(tree, {"b1": [(T, M, 0, 0)] * 5, "b2": [(T, M, 0, 0)]})
    assert [(c.bits, c.width) for c in tally.aggregate_round(round_).columns] == [(3, 1), (3, 1)]


def test_options_that_do_not_fit_get_a_count_each():
    assert [(c.bits, c.width) for c in tally.pivot_columns([], 0)] == []
    wide = tally.pivot_columns(_indicators([Scale.SATISFACTION5, Scale.SATISFACTION3, Scale.SCORE100]), 2**13 - 1)
    assert [(c.bits, c.width) for c in wide] == [(0, 5), (13, 1), (0, 2)]


def _indicators(scales):
    from pacesetter.evaluation.models import Indicator

    return [Indicator(pk=n, scale=scale, weight=1) for n, scale in enumerate(scales, start=1)]


@given(st.lists(st.integers(0, 2**12 - 1), min_size=5, max_size=5))
def test_packed_counts_read_back(counts):
    column = Column(1, (100, 80, 60, 30, 0), bits=12)
    assert column.read(column.pack(counts))[2] == counts


@given(st.lists(st.tuples(st.integers(0, 2**11 - 1), st.integers(0, 2**11 - 1)), min_size=5, max_size=5),
       st.sampled_from([0, 12]))
def test_counts_of_a_part_subtract_from_the_whole(pairs, bits):
    """What the tally does to take the open survey's answers out of a cell, packed or not."""
    part, rest = [p for p, _r in pairs], [r for _p, r in pairs]
    column = Column(1, (100, 80, 60, 30, 0), bits=bits)
    whole = column.pack([p + r for p, r in pairs])
    assert column.read(column.minus(whole, column.pack(part)))[2] == rest


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the in-database fingerprint is PostgreSQL's")
def test_database_fingerprint_equals_the_reference(tree):
    from .conftest import INDICATORS as WITH_SCORE

    round_, *_ = _random_round(tree, 6, indicators=WITH_SCORE)
    assert database_fingerprint(round_) == ballot_fingerprint(round_)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the in-database fingerprint is PostgreSQL's")
def test_database_fingerprint_of_no_ballots_equals_the_reference(tree):
    round_, *_ = closed_round(tree, {"b1": []})
    assert database_fingerprint(round_) == ballot_fingerprint(round_)
