"""Released evaluation results made by hand for the comparisons, over the `tree` fixture.

Three more village branches join the tree (T1B2, T1B3 under T1; T2B2 under T2), so the
village-branch peer group has five members. Two released rounds and a closed one:

round  T1B1  T1B2  T1B3  T2B1  T2B2  T1    T2    (composite, rank in peer group / size, grade)
2024   80    70    90    60    70    —     —     ranks 2, 3, 1, 5, 3 of 5
2025   88    72    84    64    none  85    75    ranks 1, 3, 2, 4, — of 4; T1 1/2, T2 2/2
closed 99 (T1B1 only: never shown)

2025 also evaluates a person (M1, of T1B1), who is never compared.
"""
from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.utils import timezone

from pacesetter.evaluation.enums import RoundKind, RoundState
from pacesetter.evaluation.models import (
    Round,
    RoundSubject,
    Scheme,
    SubjectResult,
    TallyResult,
)

from ..factories import make_org

VILLAGE_BRANCH = "village/branch"
VILLAGE_COMMITTEE = "village/committee"


def _round(scheme, name: str, year: int, state: str, rows) -> Round:
    opens = timezone.make_aware(datetime.datetime(year, 3, 1, 9))
    round_ = Round.objects.create(name=name, kind=RoundKind.DEMOCRATIC, scheme=scheme, state=state,
                                  opens_at=opens, closes_at=opens + datetime.timedelta(days=7))
    tally = TallyResult.objects.create(round=round_, fingerprint="0" * 64, ballots=0, answers=0)
    results = []
    for org, member, composite, group, rank, size, county, grade in rows:
        subject = RoundSubject.objects.create(round=round_, organization=org, member=member)
        results.append(SubjectResult(
            tally=tally, subject=subject, n=10 if composite is not None else 1, composite=composite,
            insufficient_sample=composite is None, dissatisfied_flag=False, peer_group=group, rank_peer=rank,
            peer_size=size, rank_county=county, grade=grade,
        ))
    SubjectResult.objects.bulk_create(results)
    return round_


def build(tree) -> SimpleNamespace:
    t1b2 = make_org(tree.t1, code="T1B2", name="一号镇二村党支部", township="一号镇")
    t1b3 = make_org(tree.t1, code="T1B3", name="一号镇三村党支部", township="一号镇")
    t2b2 = make_org(tree.t2, code="T2B2", name="二号镇二村党支部", township="二号镇")
    scheme = Scheme.objects.create(name="村级党组织测评", sector="village")
    vb = VILLAGE_BRANCH
    r2024 = _round(scheme, "2024年度民主测评", 2024, RoundState.RELEASED, [
        (tree.b1, None, 80.0, vb, 2, 5, 2, "good"), (t1b2, None, 70.0, vb, 3, 5, 3, "fair"),
        (t1b3, None, 90.0, vb, 1, 5, 1, "advanced"), (tree.b2, None, 60.0, vb, 5, 5, 5, "lagging"),
        (t2b2, None, 70.0, vb, 3, 5, 3, "fair"),
    ])
    r2025 = _round(scheme, "2025年度民主测评", 2025, RoundState.RELEASED, [
        (tree.b1, None, 88.0, vb, 1, 4, 1, "advanced"), (t1b2, None, 72.0, vb, 3, 4, 5, "fair"),
        (t1b3, None, 84.0, vb, 2, 4, 3, "good"), (tree.b2, None, 64.0, vb, 4, 4, 6, "lagging"),
        (t2b2, None, None, vb, None, None, None, ""),
        (tree.t1, None, 85.0, VILLAGE_COMMITTEE, 1, 2, 2, "advanced"),
        (tree.t2, None, 75.0, VILLAGE_COMMITTEE, 2, 2, 4, "good"),
        (tree.b1, tree.m1, 95.0, "person/" + vb, 1, 1, 1, "advanced"),
    ])
    closed = _round(scheme, "2026年度民主测评", 2026, RoundState.CLOSED, [
        (tree.b1, None, 99.0, vb, 1, 1, 1, "advanced"),
    ])
    return SimpleNamespace(t1b2=t1b2, t1b3=t1b3, t2b2=t2b2, r2024=r2024, r2025=r2025, closed=closed)
