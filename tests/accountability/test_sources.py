"""Sanctions flow into scores: a scheme weighs the WORK_STYLE record indicator (100 minus the
points of final sanctions against the unit in the round's period)."""
import datetime

import pytest
from django.utils import timezone

from pacesetter.accountability import domain as a_domain
from pacesetter.accountability.enums import Sanction
from pacesetter.accountability.sources import deductions
from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import GroupKind, IndicatorSource, RoundKind, Scale
from pacesetter.evaluation.models import SubjectResult
from pacesetter.evaluation.tally import tally_round

INDICATORS = [
    {"question": "工作实绩", "scale": Scale.GRADE4, "weight": 80},  # excellent = 100
    {"question": "作风效能", "source": IndicatorSource.WORK_STYLE, "weight": 20},
]
GROUPS = [{"kind": GroupKind.MEMBERS, "weight": 100}]


def counted_round(subjects):
    scheme = domain.activate_scheme(
        domain.create_scheme(name="机关作风测评", sector="agency", indicators=INDICATORS, groups=GROUPS, by=None),
        by=None)
    now = timezone.now()
    round_ = domain.create_round(scheme=scheme, kind=RoundKind.DEMOCRATIC, name="2026年度机关作风测评", min_n=1,
                                 opens_at=now - datetime.timedelta(hours=1),
                                 closes_at=now + datetime.timedelta(days=1), by=None)
    round_subjects = domain.add_subjects(round_, organizations=subjects, by=None)
    (group,) = [domain.add_group(round_, voter_group=g, expected=5, by=None) for g in scheme.groups.all()]
    round_ = domain.open_round(round_, by=None)
    ballot_indicator = scheme.indicators.get(source=IndicatorSource.BALLOT)
    for subject in round_subjects:
        for token in domain.make_tokens(round_, subject=subject, group=group, count=3, by=None):
            domain.cast_ballot(token, {ballot_indicator.pk: 0})
    round_ = domain.close_round(round_, by=None)
    tally = tally_round(round_, by=None)
    return {r.subject.organization.code: r for r in SubjectResult.objects.filter(tally=tally).select_related(
        "subject__organization")}


def closed_case(world, org, *sanctions, close=True):
    case = a_domain.open_case(by=world.users.inspector, organization=org, findings="重点工作推进迟缓")
    for kind in sanctions:
        a_domain.add_sanction(case, by=world.users.inspector, kind=kind)
    if close:
        a_domain.close_case(case, by=world.users.inspector, decision="予以通报批评")
    return case


def test_a_closed_public_criticism_lowers_the_composite(world):
    tree = world.tree
    closed_case(world, tree.t1, Sanction.PUBLIC_CRITICISM)
    results = counted_round([tree.t1, tree.t2])
    work_style = {code: list(r.record_values.values()) for code, r in results.items()}
    assert work_style == {tree.t1.code: [90.0], tree.t2.code: [100.0]}
    # 80 % ballots at 100 + 20 % work style: 80 + 18 = 98 against 80 + 20 = 100.
    assert (results[tree.t1.code].composite, results[tree.t2.code].composite) == (98.0, 100.0)


def test_sanctions_of_an_open_case_do_not_count_yet(world):
    closed_case(world, world.tree.t1, Sanction.ADMONITION_TALK, close=False)
    results = counted_round([world.tree.t1])
    assert list(results[world.tree.t1.code].record_values.values()) == [100.0]


def test_deductions_add_up_and_the_figure_stops_at_zero(world):
    tree = world.tree
    closed_case(world, tree.t1, *[Sanction.DISQUALIFICATION] * 6)  # 120 points
    results = counted_round([tree.t1])
    assert list(results[tree.t1.code].record_values.values()) == [0.0]


def test_only_the_units_own_sanctions_in_the_period_count(world):
    tree = world.tree
    today = timezone.localdate()
    case = a_domain.open_case(by=world.users.inspector, organization=tree.t1, findings="迟缓")
    a_domain.add_sanction(case, by=world.users.inspector, kind=Sanction.REMINDER)
    a_domain.add_sanction(case, by=world.users.inspector, kind=Sanction.PUBLIC_CRITICISM,
                          imposed_on=today - datetime.timedelta(days=400))
    a_domain.close_case(case, by=world.users.inspector, decision="提醒")
    closed_case(world, tree.b1, Sanction.ADMONITION_TALK)  # T1's branch: not T1's own
    first = today - datetime.timedelta(days=365)
    assert deductions([tree.t1.pk, tree.b1.pk, tree.t2.pk], first=first, last=today) == {tree.t1.pk: 2, tree.b1.pk: 15}


def test_work_style_indicator_fits_a_general_scheme_but_commitment_figures_do_not(db):
    from pacesetter.core.errors import DomainError

    with pytest.raises(DomainError):
        domain.create_scheme(name="x", sector="agency", by=None, groups=GROUPS, indicators=[
            {"question": "a", "scale": Scale.GRADE4, "weight": 80},
            {"question": "b", "source": IndicatorSource.COMMITMENT_FULFILMENT, "weight": 20}])
    scheme = domain.create_scheme(name="y", sector="agency", indicators=INDICATORS, groups=GROUPS, by=None)
    assert list(scheme.indicators.values_list("source", flat=True)) == ["ballot", "work_style"]
