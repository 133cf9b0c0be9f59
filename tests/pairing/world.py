"""Released rounds and units made by hand for pairing tests, over the `tree` fixture.

Extra units: an agency branch AG (county seat, 城关镇), a school branch SC (一号镇), and two
more village branches V3 (一号镇) and V4 (二号镇). Rounds (composite, grade):

unit   2024            2025
AG     95 advanced     96 advanced
SC     90 advanced     91 advanced
T1B1   50 lagging      62 fair       (helped by AG from 2024-06-01)
T2B1   55 lagging      60 fair       (helped by SC from 2024-06-01)
V3     52 lagging      54 lagging    (nobody helps)
V4     58 lagging      57 lagging    (nobody helps)
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
from pacesetter.orgs.enums import Sector

from ..factories import make_org


def make_round(scheme, name: str, year: int, rows, state=RoundState.RELEASED) -> Round:
    opens = timezone.make_aware(datetime.datetime(year, 3, 1, 9))
    round_ = Round.objects.create(name=name, kind=RoundKind.DEMOCRATIC, scheme=scheme, state=state,
                                  opens_at=opens, closes_at=opens + datetime.timedelta(days=7))
    tally = TallyResult.objects.create(round=round_, fingerprint="0" * 64, ballots=0, answers=0)
    SubjectResult.objects.bulk_create([
        SubjectResult(tally=tally, subject=RoundSubject.objects.create(round=round_, organization=org), n=10,
                      composite=composite, insufficient_sample=False, dissatisfied_flag=False,
                      peer_group="branch", grade=grade)
        for org, composite, grade in rows
    ])
    return round_


def build_units(tree) -> SimpleNamespace:
    return SimpleNamespace(
        ag=make_org(tree.county, code="AG", name="县委办党支部", sector=Sector.AGENCY, township="城关镇"),
        sc=make_org(tree.t1, code="SC", name="一中党支部", sector=Sector.SCHOOL, township="一号镇"),
        v3=make_org(tree.t1, code="V3", name="一号镇三村党支部", township="一号镇"),
        v4=make_org(tree.t2, code="V4", name="二号镇四村党支部", township="二号镇"),
    )


def build(tree) -> SimpleNamespace:
    units = build_units(tree)
    ag, sc, v3, v4 = units.ag, units.sc, units.v3, units.v4
    scheme = Scheme.objects.create(name="测评", sector="village")
    r2024 = make_round(scheme, "2024年度测评", 2024, [
        (ag, 95.0, "advanced"), (sc, 90.0, "advanced"), (tree.b1, 50.0, "lagging"), (tree.b2, 55.0, "lagging"),
        (v3, 52.0, "lagging"), (v4, 58.0, "lagging"),
    ])
    r2025 = make_round(scheme, "2025年度测评", 2025, [
        (ag, 96.0, "advanced"), (sc, 91.0, "advanced"), (tree.b1, 62.0, "fair"), (tree.b2, 60.0, "fair"),
        (v3, 54.0, "lagging"), (v4, 57.0, "lagging"),
    ])
    return SimpleNamespace(ag=ag, sc=sc, v3=v3, v4=v4, r2024=r2024, r2025=r2025)
