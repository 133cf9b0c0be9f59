"""An evaluation in every state over the `tree`'s two branches, for the visibility tables.

T1B1 is inside the T1 users' view, T2B1 outside it. Each round evaluates both; the closed
and the released round hold two ballots per subject and a tally. The returned placeholders
are ids (rounds, subjects, schemes) and open-survey keys.
"""
from __future__ import annotations

import datetime

from django.utils import timezone

from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import GroupKind, RoundKind, Scale
from pacesetter.evaluation.models import RoundSubject
from pacesetter.evaluation.tally import tally_round

INDICATORS = [
    {"question": "政治引领", "scale": Scale.GRADE4, "weight": 60},
    {"question": "服务群众", "scale": Scale.SATISFACTION3, "weight": 40},
]
GROUPS = [{"kind": GroupKind.MEMBERS, "weight": 70}, {"kind": GroupKind.PUBLIC, "weight": 30}]


def _round(scheme, tree, name: str, *, state: str):
    now = timezone.now()
    round_ = domain.create_round(
        scheme=scheme, kind=RoundKind.DEMOCRATIC, name=name, opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=7), allow_open_channel=True, min_n=1, by=None,
    )
    subjects = domain.add_subjects(round_, organizations=[tree.b1, tree.b2], by=None)
    groups = [domain.add_group(round_, voter_group=g, expected=5, by=None) for g in scheme.groups.order_by("id")]
    if state == "draft":
        return round_, subjects
    round_ = domain.open_round(round_, by=None)
    if state == "open":
        return round_, subjects
    answers = dict.fromkeys(scheme.indicators.values_list("id", flat=True), 0)
    for subject in subjects:
        for token in domain.make_tokens(round_, subject=subject, group=groups[0], count=2, by=None):
            domain.cast_ballot(token, answers)
    round_ = domain.close_round(round_, by=None)
    tally_round(round_, by=None)
    if state == "released":
        round_ = domain.release_results(round_, by=None)
    return round_, subjects


def world(tree) -> dict:
    """Built once per tree: every module of the tables asks for it."""
    if not hasattr(tree, "_evaluation_world"):
        tree._evaluation_world = _build(tree)
    return dict(tree._evaluation_world)


def _build(tree) -> dict:
    scheme = domain.activate_scheme(
        domain.create_scheme(name="村级党组织测评", sector="village", indicators=INDICATORS, groups=GROUPS, by=None),
        by=None,
    )
    draft_scheme = domain.create_scheme(
        name="草稿方案", sector="school", indicators=INDICATORS, groups=GROUPS, by=None
    )
    values = {"scheme": scheme.pk, "draft_scheme": draft_scheme.pk}
    for state in ("draft", "open", "closed", "released"):
        round_, subjects = _round(scheme, tree, f"{state} round", state=state)
        inside, outside = sorted(subjects, key=lambda s: s.organization.code)
        values |= {
            state: round_.pk, f"{state}_in": inside.pk, f"{state}_out": outside.pk,
            f"{state}_key_in": inside.open_key, f"{state}_key_out": outside.open_key,
        }
    return values


def subject(pk) -> RoundSubject:
    return RoundSubject.objects.select_related("organization", "round").get(pk=pk)
