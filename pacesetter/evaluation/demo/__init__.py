"""The evaluation part of the demo county: a scheme per sector, a released round with its
results, an open round that takes ballots, and the county-wide satisfaction evaluation of
every grassroots organisation held a year ago and again now (annual.py says why).

`seed_demo` calls `seed_evaluation` once the organisations and members exist. Everything
goes through the domain functions (schemes, rounds, subjects, groups, tokens, close,
tally, release), with one exception: the ballots themselves. Casting a county's worth of
ballots one by one through `cast_ballot` would take minutes, so they are generated here
and inserted in bulk while the round is open (COPY on PostgreSQL, executemany elsewhere),
each with its random id and no link to a token, exactly as `cast_ballot` writes them. For
each subject and voter group the tokens are still made by `make_tokens`, and as many of
them are marked used as token ballots were inserted, so participation counts agree with
the ballots. Closing the round then rewrites the ballots as it always does.

The answers are drawn per subject from a "quality" between 0 and 1, so the results look
like a county's: most subjects good, a few excellent, a couple lagging, one with too few
ballots to be ranked, one flagged for dissatisfaction (polarised answers). The first
township voted with tokens, the others on paper at their meetings (no tokens), and a few
subjects also have open-survey ballots from the public.
"""
from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.orgs.enums import OrgLevel, Sector
from pacesetter.orgs.models import Member, Organization

from .. import domain
from ..enums import Channel, GroupKind, RoundKind, Scale
from ..models import Round, RoundSubject, Scheme
from ..tally import tally_round
from .annual import seed_annual_rounds
from .ballots import (
    Ballots,
    Profile,
    add_groups,
    draw_profiles,
    issue_tokens,
    mark_used,
    member_counts,
)

G4, S3, S5, SCORE = Scale.GRADE4, Scale.SATISFACTION3, Scale.SATISFACTION5, Scale.SCORE100


def _i(question: str, scale: str, weight: int, points: list[int] | None = None) -> dict:
    indicator = {"question": question, "scale": scale, "weight": weight}
    if points:
        indicator["points"] = points
    return indicator


#: sector → (scheme name, indicators, voter groups). Who judges whom, as the campaign has it:
#: schools by parents and teachers' ethics, hospitals by patients, agencies by the people
#: they serve (行风评议), villages by villagers, communities by residents, enterprises by
#: their employees (the public of the scheme), social organisations by their members
#: (service users of the scheme).
SCHEMES = {
    Sector.AGENCY: ("机关党组织行风评议方案", [
        _i("政治建设：理想信念坚定，贯彻落实上级决策部署坚决有力", G4, 20),
        _i("服务效能：办事效率高，“最多跑一次”落实到位", S5, 30),
        _i("依法行政：按规定程序办事，政务公开透明", G4, 20),
        _i("廉洁自律：无吃拿卡要、“门难进、脸难看、事难办”现象", G4, 20, [100, 85, 60, 20]),
        _i("综合评分（0–100分）", SCORE, 10),
    ], [(GroupKind.SERVICE_USERS, 50), (GroupKind.OUTSIDE_RATERS, 30), (GroupKind.MEMBERS, 20)]),
    Sector.SCHOOL: ("学校党组织师德师风测评方案", [
        _i("师德师风：关爱学生、为人师表，无有偿补课和体罚学生现象", G4, 30),
        _i("教书育人：教学质量和立德树人成效", G4, 25),
        _i("家校沟通：及时回应家长关切", S3, 20),
        _i("党建引领：党组织战斗堡垒和党员教师先锋模范作用", G4, 25),
    ], [(GroupKind.SERVICE_USERS, 50), (GroupKind.MEMBERS, 30), (GroupKind.LEADERSHIP, 20)]),
    Sector.HEALTH: ("医疗卫生党组织医德医风测评方案", [
        _i("医德医风：廉洁行医，不收受红包、回扣", G4, 30, [100, 80, 50, 0]),
        _i("服务态度：耐心细致，尊重患者", S5, 25),
        _i("诊疗规范：合理检查、合理用药、合理收费", G4, 25),
        _i("就医便利：预约挂号、候诊环境和流程", S3, 20),
    ], [(GroupKind.SERVICE_USERS, 60), (GroupKind.MEMBERS, 25), (GroupKind.OUTSIDE_RATERS, 15)]),
    Sector.VILLAGE: ("农村党组织民主测评方案", [
        _i("班子建设：班子团结有力，书记带头作用明显", G4, 25),
        _i("带领致富：发展壮大村集体经济，带领群众增收", G4, 25),
        _i("村务公开：党务、村务、财务公开及时规范", G4, 20),
        _i("服务群众：为民办实事、解难事", S3, 20),
        _i("综合评价（0–100分）", SCORE, 10),
    ], [(GroupKind.MEMBERS, 50), (GroupKind.PUBLIC, 50)]),
    Sector.COMMUNITY: ("社区党组织居民满意度测评方案", [
        _i("便民服务：办事方便，服务及时周到", S5, 30),
        _i("网格治理：网格管理精细，矛盾纠纷化解及时", G4, 25),
        _i("环境与安全：小区环境整洁，治安秩序良好", S3, 20),
        _i("党建引领：社区党组织和党员作用发挥", G4, 25),
    ], [(GroupKind.PUBLIC, 60), (GroupKind.MEMBERS, 40)]),
    Sector.ENTERPRISE: ("非公企业党组织职工评议方案", [
        _i("党建促发展：党组织围绕生产经营开展工作", G4, 30),
        _i("关心职工：维护职工合法权益，关心职工生活", S3, 30),
        _i("党员示范：党员在生产经营中的先锋模范作用", G4, 25),
        _i("综合评分（0–100分）", SCORE, 15),
    ], [(GroupKind.PUBLIC, 60), (GroupKind.MEMBERS, 40)]),
    Sector.SOCIAL: ("社会组织党组织会员评议方案", [
        _i("政治引领：坚持正确政治方向，依法依章程开展活动", G4, 30),
        _i("服务会员：服务会员和社会的质量", S5, 40),
        _i("规范运行：财务管理和活动管理规范", G4, 30),
    ], [(GroupKind.SERVICE_USERS, 60), (GroupKind.MEMBERS, 40)]),
}

RELEASED_NAME = "2025年度农村基层党组织民主测评"
OPEN_NAME = "2026年社区党组织群众满意度调查"
#: Ballots a subject of the released round needs to be ranked.
RELEASED_MIN_N = 8
#: Public ballots expected per subject (村民代表 in a village, residents in a community).
PUBLIC_EXPECTED = 15
OPEN_PUBLIC_TOKENS = 30
OPEN_WINDOW = datetime.timedelta(days=30)


@dataclass
class EvaluationDemo:
    schemes: int
    released: Round
    released_subjects: int
    released_ballots: int
    open_round: Round
    open_subjects: int
    #: A path with an unused token of the open round (/v/<token>), for someone trying the demo.
    ballot_path: str
    ballot_subject: str
    #: The open-survey path (/s/<key>) of one subject of the open round.
    survey_path: str
    survey_subject: str
    #: The county-wide rounds a year apart, and how many lagging units were helped in between.
    earlier: Round
    later: Round
    helped: int

    @property
    def rounds(self) -> list[Round]:
        """Every round the demo made, oldest first."""
        return [self.earlier, self.released, self.later, self.open_round]

    def annual_summary(self) -> str:
        return _("County-wide: “%(earlier)s” and “%(later)s” released a year apart (%(subjects)d organisations of "
                 "every sector each); %(helped)d units lagging in the first were helped in between.") % {
            "earlier": self.earlier.name, "later": self.later.name, "subjects": self.later.subjects.count(),
            "helped": self.helped}


# --- the demo ------------------------------------------------------------------------------


def create_schemes() -> dict[str, Scheme]:
    """One active scheme per sector."""
    schemes = {}
    for sector, (name, indicators, groups) in SCHEMES.items():
        scheme = domain.create_scheme(
            name=name, sector=sector, indicators=indicators,
            groups=[{"kind": kind, "weight": weight} for kind, weight in groups], by=None,
        )
        schemes[sector] = domain.activate_scheme(scheme, by=None)
    return schemes


def _county_committee(root: Organization) -> Organization:
    """The demo county's committee: where the county-level leaders serve (the root in a
    county, the first county in a province)."""
    county = (
        Organization.objects.filter(path__startswith=root.path, leaders__isnull=False).order_by("path").first()
    )
    return county or root


def _first_township(county: Organization) -> Organization:
    return Organization.objects.filter(path__startswith=county.path, depth=county.depth + 1).order_by("path").first()


def seed_released_round(county: Organization, scheme: Scheme, rng: random.Random, now) -> tuple[Round, int]:
    """A democratic evaluation of the county's village party organisations and of the village
    party secretaries of the first township, counted, ranked and released."""
    round_ = domain.create_round(
        scheme=scheme, kind=RoundKind.DEMOCRATIC, name=RELEASED_NAME, min_n=RELEASED_MIN_N,
        allow_open_channel=True,
        # Opened three weeks ago; the close below ends it early, at seeding time.
        opens_at=now - datetime.timedelta(days=21), closes_at=now + datetime.timedelta(hours=1), by=None,
    )
    villages = list(
        Organization.objects.filter(
            path__startswith=county.path, sector=Sector.VILLAGE, level__in=[OrgLevel.BRANCH, OrgLevel.GENERAL_BRANCH],
        ).order_by("path")
    )
    subjects = domain.add_subjects(round_, organizations=villages, by=None)
    township = _first_township(county)
    secretaries = Member.objects.filter(
        organization__path__startswith=township.path, organization__sector=Sector.VILLAGE,
        organization__level__in=[OrgLevel.BRANCH, OrgLevel.GENERAL_BRANCH], position="书记",
    ).order_by("organization__path")
    subjects += domain.add_person_subjects(round_, members=secretaries, role_title="党组织书记", by=None)
    members = member_counts(villages)
    subjects.sort(key=lambda s: s.pk)
    typical = round(sum(members.values()) / len(members)) if members else 0
    groups = add_groups(round_, scheme, {GroupKind.MEMBERS: typical, GroupKind.PUBLIC: PUBLIC_EXPECTED})
    round_ = domain.open_round(round_, by=None)

    # Tokens (SMS and QR slips) in the first township, where the demo logins are, two of
    # its branches' members excepted; elsewhere the members' meeting and the villagers'
    # representatives' meeting voted on paper, as most places still do. Paper ballots need
    # no tokens, which also keeps the county seed quick: each make_tokens is a transaction
    # with its audit entry, ~1,700 of them took half a minute here.
    first_township = set(
        Organization.objects.filter(path__startswith=township.path).values_list("pk", flat=True)
    )
    profiles = draw_profiles(rng, [s.pk for s in subjects])
    local = [s for s in subjects if s.member_id is None and s.organization_id in first_township]
    rng.shuffle(local)
    insufficient, flagged, *rest = local
    open_channel = {s.pk for s in rest[:3]}
    paper = {s.pk for s in rest[3:5]}
    profiles[flagged.pk] = Profile(0.9, polarised=True)

    ballots = Ballots(round_, rng)
    used: list[str] = []
    members_group, public_group = groups[GroupKind.MEMBERS], groups[GroupKind.PUBLIC]
    for subject in subjects:
        profile = profiles[subject.pk]
        public_profile = Profile(max(0.0, profile.quality - 0.05), profile.polarised)
        voters = max(5, members.get(subject.organization_id, 0))
        member_ballots = round(voters * rng.uniform(0.75, 0.95))
        public_ballots = rng.randint(10, PUBLIC_EXPECTED)
        if subject.pk == insufficient.pk:
            member_ballots, public_ballots = 3, 2
        if subject.organization_id in first_township:
            if subject.pk in paper:
                ballots.add(subject.pk, members_group.pk, member_ballots, profile, Channel.PAPER)
            else:
                used += issue_tokens(round_, subject, members_group, issued=voters, used=member_ballots)[0]
                ballots.add(subject.pk, members_group.pk, member_ballots, profile)
            used += issue_tokens(round_, subject, public_group, issued=PUBLIC_EXPECTED, used=public_ballots)[0]
            ballots.add(subject.pk, public_group.pk, public_ballots, public_profile)
        else:
            ballots.add(subject.pk, members_group.pk, member_ballots, profile, Channel.PAPER)
            ballots.add(subject.pk, public_group.pk, public_ballots, public_profile, Channel.PAPER)
        if subject.pk in open_channel:
            ballots.add(subject.pk, public_group.pk, rng.randint(3, 7), profile, Channel.OPEN)
    with transaction.atomic():
        mark_used(used)
        cast = ballots.write()
    round_ = domain.close_round(round_, by=None)
    tally_round(round_, by=None)
    round_ = domain.release_results(round_, by=None)
    return round_, cast


def seed_open_round(county: Organization, scheme: Scheme, rng: random.Random, now) -> tuple[Round, int, str, str]:
    """A satisfaction survey of the first township's community party organisations, open for
    30 days, with some tokens already used; returns the round, its subject count, an
    unused token and the subject it belongs to."""
    round_ = domain.create_round(
        scheme=scheme, kind=RoundKind.SATISFACTION, name=OPEN_NAME, allow_open_channel=True,
        opens_at=now - datetime.timedelta(minutes=5), closes_at=now + OPEN_WINDOW, by=None,
    )
    township = _first_township(county)
    communities = list(
        Organization.objects.filter(path__startswith=township.path, depth__gt=township.depth, sector=Sector.COMMUNITY)
        .order_by("path")
    )
    subjects = sorted(domain.add_subjects(round_, organizations=communities, by=None), key=lambda s: s.pk)
    members = member_counts(communities)
    typical = round(sum(members.values()) / len(members)) if members else 0
    groups = add_groups(round_, scheme, {GroupKind.PUBLIC: OPEN_PUBLIC_TOKENS, GroupKind.MEMBERS: typical})
    round_ = domain.open_round(round_, by=None)

    profiles = draw_profiles(rng, [s.pk for s in subjects])
    ballots = Ballots(round_, rng)
    used: list[str] = []
    kept: list[str] = []
    for n, subject in enumerate(subjects):
        profile = profiles[subject.pk]
        public = rng.randint(5, OPEN_PUBLIC_TOKENS // 2)
        to_use, keep = issue_tokens(round_, subject, groups[GroupKind.PUBLIC], issued=OPEN_PUBLIC_TOKENS, used=public,
                               keep=1 if n == 0 else 0)
        used += to_use
        kept += keep
        ballots.add(subject.pk, groups[GroupKind.PUBLIC].pk, public, profile)
        voters = members.get(subject.organization_id, 0)
        if voters:
            member_ballots = rng.randint(0, voters // 2)
            to_use, _keep = issue_tokens(round_, subject, groups[GroupKind.MEMBERS], issued=voters, used=member_ballots)
            used += to_use
            ballots.add(subject.pk, groups[GroupKind.MEMBERS].pk, member_ballots, profile)
    with transaction.atomic():
        mark_used(used)
        ballots.write()
    return round_, len(subjects), kept[0], subjects[0].label


def seed_evaluation(root: Organization, *, rng: random.Random, now=None) -> EvaluationDemo:
    """Schemes, a released round, an open round and the two county-wide rounds for the demo under `root` (see the module
    docstring). `rng` makes the answers the same for the same seed; tokens and ballot ids
    are random whatever the seed, as they must be."""
    now = now or timezone.now()
    county = _county_committee(root)
    schemes = create_schemes()
    released, cast = seed_released_round(county, schemes[Sector.VILLAGE], rng, now)
    open_round, open_subjects, token, token_subject = seed_open_round(county, schemes[Sector.COMMUNITY], rng, now)
    survey = RoundSubject.objects.filter(round=open_round).select_related("organization", "member").order_by("pk")[0]
    earlier, later, helped = seed_annual_rounds(county, rng, now)
    return EvaluationDemo(
        schemes=len(schemes) + 1, earlier=earlier, later=later, helped=helped, released=released, released_subjects=released.subjects.count(), released_ballots=cast,
        open_round=open_round, open_subjects=open_subjects,
        ballot_path=reverse("ballot:vote", kwargs={"token": token}), ballot_subject=token_subject,
        survey_path=reverse("survey:vote", kwargs={"key": survey.open_key}), survey_subject=survey.label,
    )
