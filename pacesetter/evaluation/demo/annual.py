"""The demo county's yearly satisfaction evaluation of every grassroots party organisation
(基层党组织群众满意度测评), held a year ago and again now.

Why two county-wide rounds: recommended pairings read one round's results and villages take
only urban helpers, so agencies, schools, hospitals and enterprises need scores beside the
villages and communities; and the effect of helping (后进赶先进) compares two released rounds
of one kind over the same units.

The later round's answers come from each unit's quality a year on: most drift a little,
while the lagging units of the earlier round that `helped_between` names (the ones the
pairing demo pairs up between the two rounds) gain HELP_GAIN on average, with noise. Both
rounds go the way the released village round goes (paper ballots inserted in bulk while the
round is open, then close, tally, release). A round cannot be opened with a window already
past, so the earlier one's dates move back a year once it is released.
"""
from __future__ import annotations

import datetime
import random

from django.db.models import QuerySet

from pacesetter.orgs.enums import OrgLevel, OrgStatus
from pacesetter.orgs.models import Organization

from .. import domain
from ..enums import Channel, Grade, GroupKind, RoundKind, Scale
from ..models import Round, Scheme, SubjectResult
from ..tally import tally_round
from .ballots import Ballots, Profile, add_groups, draw_profiles

SCHEME_NAME = "基层党组织群众满意度测评方案"
INDICATORS = [
    {"question": "服务群众：为民办实事、解难事，群众反映的问题解决及时", "scale": Scale.SATISFACTION5, "weight": 30},
    {"question": "作风建设：工作作风扎实，清正廉洁，无“庸懒散”现象", "scale": Scale.GRADE4, "weight": 25},
    {"question": "党建引领：党组织战斗堡垒作用和党员先锋模范作用", "scale": Scale.GRADE4, "weight": 25},
    {"question": "综合评价（0–100分）", "scale": Scale.SCORE100, "weight": 20},
]
GROUPS = [{"kind": GroupKind.PUBLIC, "weight": 60}, {"kind": GroupKind.MEMBERS, "weight": 40}]
EARLIER_NAME = "2025年度基层党组织群众满意度测评"
LATER_NAME = "2026年度基层党组织群众满意度测评"
MIN_N = 6
PUBLIC_BALLOTS = (4, 7)
MEMBER_BALLOTS = (3, 5)
#: Mean gain in quality of a helped unit over the year, and its spread.
HELP_GAIN, HELP_SPREAD = 0.12, 0.05
DRIFT = 0.04
#: The later round opened a fortnight ago (after the village round), the earlier a year before.
LATER_OPENED = datetime.timedelta(days=14)
YEAR = datetime.timedelta(days=365)
WINDOW = datetime.timedelta(days=14)


def grassroots(county: Organization) -> QuerySet[Organization]:
    """Every active branch and general branch under the county, of every sector."""
    return Organization.objects.filter(
        path__startswith=county.path, status=OrgStatus.ACTIVE, level__in=[OrgLevel.BRANCH, OrgLevel.GENERAL_BRANCH],
    ).order_by("path")


def helped_between(earlier: Round) -> list[int]:
    """The organisations the county helps after `earlier`: two in three of its lagging units,
    in code order (the third stays unhelped, the comparison the effect page needs). The
    pairing demo pairs exactly these, and the later round's answers reflect that help."""
    lagging = SubjectResult.objects.filter(
        tally__round_id=earlier.pk, subject__round_id=earlier.pk, subject__member__isnull=True, grade=Grade.LAGGING,
    ).order_by("subject__organization__code").values_list("subject__organization_id", flat=True)
    return [pk for i, pk in enumerate(lagging) if i % 3 != 2]


def _round(scheme: Scheme, name: str, orgs: list[Organization], quality: dict[int, float], rng: random.Random,
           now) -> Round:
    round_ = domain.create_round(scheme=scheme, kind=RoundKind.SATISFACTION, name=name, min_n=MIN_N,
                                 opens_at=now - LATER_OPENED, closes_at=now + datetime.timedelta(minutes=30), by=None)
    subjects = sorted(domain.add_subjects(round_, organizations=orgs, by=None), key=lambda s: s.pk)
    groups = add_groups(round_, scheme, {GroupKind.PUBLIC: PUBLIC_BALLOTS[1], GroupKind.MEMBERS: MEMBER_BALLOTS[1]})
    round_ = domain.open_round(round_, by=None)
    ballots = Ballots(round_, rng)
    for subject in subjects:
        profile = Profile(quality[subject.organization_id])
        ballots.add(subject.pk, groups[GroupKind.PUBLIC].pk, rng.randint(*PUBLIC_BALLOTS), profile, Channel.PAPER)
        # A branch has at least three members (党章): each meeting returns a few ballots.
        ballots.add(subject.pk, groups[GroupKind.MEMBERS].pk, rng.randint(*MEMBER_BALLOTS), profile, Channel.PAPER)
    ballots.write()
    round_ = domain.close_round(round_, by=None)
    tally_round(round_, by=None)
    return domain.release_results(round_, by=None)


def seed_annual_rounds(county: Organization, rng: random.Random, now) -> tuple[Round, Round, int]:
    """Both rounds over the county's grassroots organisations; returns them and the number of
    units helped in between."""
    scheme = domain.activate_scheme(
        domain.create_scheme(name=SCHEME_NAME, indicators=INDICATORS, groups=GROUPS, by=None), by=None)
    orgs = list(grassroots(county))
    quality = {pk: profile.quality for pk, profile in draw_profiles(rng, [o.pk for o in orgs]).items()}
    earlier = _round(scheme, EARLIER_NAME, orgs, quality, rng, now)
    Round.objects.filter(pk=earlier.pk).update(opens_at=earlier.opens_at - YEAR,
                                                closes_at=earlier.opens_at - YEAR + WINDOW)
    earlier.refresh_from_db()
    helped = set(helped_between(earlier))
    later_quality = {
        pk: min(0.99, max(0.2, q + rng.gauss(0, DRIFT) + (rng.gauss(HELP_GAIN, HELP_SPREAD) if pk in helped else 0)))
        for pk, q in quality.items()
    }
    later = _round(scheme, LATER_NAME, orgs, later_quality, rng, now)
    return earlier, later, len(helped)
