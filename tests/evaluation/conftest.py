import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation

from pacesetter.evaluation import domain
from pacesetter.evaluation.models import SubjectCells
from pacesetter.evaluation.results import unpack_cells
from pacesetter.evaluation.enums import GroupKind, RoundKind, Scale

INDICATORS = [
    {"question": "政治引领", "scale": Scale.GRADE4, "weight": 40},
    {"question": "服务群众", "scale": Scale.SATISFACTION3, "weight": 35, "points": [100, 50, 0]},
    {"question": "综合评分", "scale": Scale.SCORE100, "weight": 25},
]
GROUPS = [{"kind": GroupKind.MEMBERS, "weight": 60}, {"kind": GroupKind.PUBLIC, "weight": 40}]


def make_scheme(*, active=True, name="村级党组织测评", **kwargs):
    scheme = domain.create_scheme(
        name=name, sector="village", indicators=kwargs.get("indicators", INDICATORS),
        groups=kwargs.get("groups", GROUPS), by=None,
    )
    if active:
        scheme = domain.activate_scheme(scheme, by=None)
    return scheme


def make_round(scheme, *, subjects, open_=True, name="2026年度民主测评"):
    now = timezone.now()
    round_ = domain.create_round(
        scheme=scheme, kind=RoundKind.DEMOCRATIC, name=name,
        opens_at=now - datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(days=1), by=None,
    )
    round_subjects = domain.add_subjects(round_, organizations=subjects, by=None)
    groups = [domain.add_group(round_, voter_group=g, expected=10, by=None) for g in scheme.groups.order_by("id")]
    if open_:
        round_ = domain.open_round(round_, by=None)
    return SimpleNamespace(round=round_, subjects=round_subjects, groups=groups)


def stored_cells(tally, **match) -> list:
    """The tally's stored cells (results.IndicatorCell) by subject, in their stored order;
    `match` keeps those whose attributes have the values given (subject_id=…, open_channel=…)."""
    rows = SubjectCells.objects.filter(tally=tally).order_by("subject_id")
    cells = [cell for row in rows for cell in unpack_cells(row)]
    return [cell for cell in cells if all(getattr(cell, name) == value for name, value in match.items())]


def stored_cell(tally, **match):
    """The one stored cell matching `match` (see stored_cells)."""
    (cell,) = stored_cells(tally, **match)
    return cell


def answers_for(scheme, options=(0, 0, 90)):
    return dict(zip(scheme.indicators.order_by("order").values_list("id", flat=True), options, strict=True))


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in their English source form, whatever translations exist."""
    with translation.override("en"):
        yield


@pytest.fixture
def scheme(db):
    return make_scheme()


@pytest.fixture
def live(tree, scheme):
    """An open round over the two branches, members and public voting, five tokens for T1B1 members."""
    setup = make_round(scheme, subjects=[tree.b1, tree.b2])
    setup.scheme = scheme
    setup.subject = setup.subjects[0]
    setup.group = setup.groups[0]
    setup.tokens = domain.make_tokens(setup.round, subject=setup.subject, group=setup.group, count=5, by=None)
    setup.answers = answers_for(scheme)
    return setup
