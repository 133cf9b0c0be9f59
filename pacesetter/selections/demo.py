"""The selections of the demo county: red-flag branches (红旗支部) of the current campaign,
already final so the honours demo can commend them; outstanding members (优秀共产党员) on
public notice today with three objections (one upheld, one dismissed, one open);
advanced collectives (先进集体) open for nominations; and, where the linkage demo linked
affiliates to the township's branches, their Youth League, union and women's federation
units nominated for the affiliate collectives' honour (党建带群建先进集体).

Nominees come from the first township, whose admin (township1) does the township review,
and are ranked by the released evaluation round where there is one. Everything goes through
the domain functions (checks, audit entries, notifications). The final selection's dates
are moved back afterwards in bulk (nominations closed and the notice run weeks ago): the
domain functions only take today's date, as a live county would."""
from __future__ import annotations

import datetime
import random

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.campaigns.queries import current_campaign
from pacesetter.core.errors import DomainError
from pacesetter.evaluation.enums import RoundState
from pacesetter.evaluation.models import Round, SubjectResult
from pacesetter.linkage.models import AffiliateUnit
from pacesetter.orgs.enums import MemberStatus, OrgLevel, OrgStatus, Role
from pacesetter.orgs import domain as orgs_domain
from pacesetter.orgs.models import Member, Organization, RoleAssignment

from . import domain
from .enums import NomineeKind, QuotaBy
from .models import HonourKind, Selection

DEEDS = (
    "坚持“三会一课”制度，组织生活规范有序；带领党员群众发展特色产业，村集体经济收入翻番。",
    "创新“党建+网格”服务模式，党员认领责任区，为群众办实事百余件，群众满意度名列前茅。",
    "在防汛抗灾一线设立党员先锋岗，党员冲锋在前，确保了群众生命财产安全。",
    "推进公开承诺、践诺评诺，承诺事项全部兑现，班子团结有力，发挥了战斗堡垒作用。",
    "开展城乡结对帮扶，引进项目三个，带动八十余户群众增收致富。",
)
MEMBER_DEEDS = (
    "扎根基层二十年，主动承担急难险重任务，被群众称为“贴心人”。",
    "带头创办合作社，无偿传授种植技术，带动周边农户共同致富。",
    "长期照顾孤寡老人，义务调解邻里纠纷，在群众中威信很高。",
    "立足岗位创先争优，攻克技术难题，所在岗位被评为党员先锋岗。",
)
UNIT_DEEDS = (
    "组织青年志愿服务队常态化开展助老助学活动，团员青年参与率达九成以上。",
    "建设“职工之家”，开展劳动技能竞赛和困难职工帮扶，职工群众满意度高。",
    "开展“巾帼建功”行动，组织妇女参加技能培训，带动百余名妇女居家就业。",
)
OBJECTIONS = ("反映该同志在村务工作中存在优亲厚友问题，请组织核查。", "该同志事迹材料中部分数据与实际不符。",
              "听说该同志去年有违规操办宴席的情况。")


def _county_admin(root: Organization):
    row = RoleAssignment.objects.filter(organization__path__startswith=root.path, role=Role.COUNTY_ADMIN,
                                        user__is_active=True).select_related("user").order_by("user__username").first()
    if row is None:
        raise DomainError(_("The demo county has no county admin: seed the organisations first."))
    return row.user


def _township(root: Organization):
    """The first township with an organisation admin, and that admin (None, None if none)."""
    row = RoleAssignment.objects.filter(
        organization__path__startswith=root.path, organization__depth=2, role=Role.ORG_ADMIN, user__is_active=True,
    ).select_related("user", "organization").order_by("organization__path", "user__username").first()
    if row is not None:
        return row.organization, row.user
    # The benchmarks' province: its townships sit one level lower, and nobody administers the level
    # the township review belongs to (the county's children). The county admin takes that role for
    # the first of them, so the demo's nominations can be reviewed there.
    first = Organization.objects.filter(path__startswith=root.path, depth=2, status=OrgStatus.ACTIVE
                                        ).order_by("path").first()
    if first is None:
        return None, None
    admin = _county_admin(root)
    orgs_domain.assign_role(admin, role=Role.ORG_ADMIN, organization=first, by=None)
    return first, admin


def _branches(township: Organization | None, root: Organization, round_, n: int) -> list[Organization]:
    """Village branches of the township, best evaluated first where the round has them."""
    base = township or root
    orgs = Organization.objects.filter(path__startswith=base.path, depth__gt=2, level=OrgLevel.BRANCH,
                                       status=OrgStatus.ACTIVE)
    if round_ is not None:
        scored = list(SubjectResult.objects.filter(
            tally__round=round_, subject__member__isnull=True, subject__organization__in=orgs,
            composite__isnull=False).order_by(F("composite").desc()).values_list("subject__organization", flat=True))
        found = {o.pk: o for o in orgs.filter(pk__in=scored[:n])}
        if found:
            return [found[pk] for pk in scored[:n] if pk in found]
    return list(orgs.order_by("path")[:n])


def _kind(code: str, name: str, nominee: str) -> HonourKind:
    return HonourKind.objects.get_or_create(code=code, defaults={"name": name, "nominee": nominee})[0]


def _review(nomination, *, admin, township_admin, reason: str) -> None:
    """Through the township (where due) and the county; ineligible ones the county rejects."""
    if domain.review_level(nomination) == "township":
        domain.review_nomination(nomination, by=township_admin, decision="approve", reason="材料翔实，同意推荐。")
        nomination.refresh_from_db()
    decision = "approve" if nomination.eligible else "reject"
    domain.review_nomination(nomination, by=admin, decision=decision,
                             reason=reason if nomination.eligible else "不符合评选条件。")


def _selection(admin, campaign, round_, kind, title: str, *, rules: dict, seats: int, close_in: int) -> Selection:
    selection = domain.create_selection(
        by=admin, campaign=campaign, kind=kind, title=title, round=round_, rules=rules, quota_by=QuotaBy.COUNTY,
        default_quota=seats, notice_days=5, nominations_close_on=timezone.localdate() + datetime.timedelta(days=close_in),
        description=f"根据《创先争优活动实施方案》，开展{title}工作，经基层推荐、乡镇初审、县委组织部审核后公示。")
    return domain.open_nominations(selection, by=admin)


def seed(root: Organization, *, rng: random.Random) -> str:
    admin = _county_admin(root)
    campaign = current_campaign()
    if campaign is None:
        raise DomainError(_("The demo has no current campaign: seed the campaigns first."))
    round_ = Round.objects.filter(state=RoundState.RELEASED).order_by("-closes_at", "-id").first()
    township, township_admin = _township(root)
    nominator = township_admin or admin
    grade_rule = {"min_grade": "good"} if round_ is not None else {}
    today = timezone.localdate()

    # 1. Red-flag branches: final.
    red = _selection(admin, campaign, round_, _kind("red_flag_branch", "红旗支部", NomineeKind.ORGANIZATION),
                     f"{campaign.year}年度“红旗支部”评选", rules={**grade_rule, "no_open_case": True,
                                                                 "no_disqualification": True}, seats=3, close_in=10)
    branches = _branches(township, root, round_, 5)
    for org in branches:
        nomination = domain.nominate(red, by=nominator, organization=org, statement=rng.choice(DEEDS))
        _review(nomination, admin=admin, township_admin=township_admin, reason="事迹突出，同意列入候选。")
    red = domain.start_review(red, by=admin)
    domain.shortlist(red, by=admin)
    domain.start_notice(red, by=admin)
    Selection.objects.filter(pk=red.pk).update(
        nominations_close_on=today - datetime.timedelta(days=40), notice_starts_on=today - datetime.timedelta(days=21),
        notice_ends_on=domain.add_working_days(today - datetime.timedelta(days=21), 5))
    red.refresh_from_db()
    red = domain.finalise_selection(red, by=admin)

    # 2. Outstanding members: on notice today with three objections.
    members = list(Member.objects.filter(organization__in=branches, status=MemberStatus.FORMAL).order_by(
        "organization__path", "code")[:4])
    stars = _selection(admin, campaign, round_, _kind("outstanding_member", "优秀共产党员", NomineeKind.MEMBER),
                       f"{campaign.year}年度“优秀共产党员”评选", rules={"formal_members_only": True,
                                                                     "no_open_case": True}, seats=3, close_in=7)
    for member, deeds in zip(members, MEMBER_DEEDS, strict=False):
        nomination = domain.nominate(stars, by=nominator, organization=member.organization, member=member,
                                     statement=deeds)
        _review(nomination, admin=admin, township_admin=township_admin, reason="群众公认，同意推荐。")
    domain.start_review(stars, by=admin)
    shortlisted = domain.shortlist(stars, by=admin)
    stars = domain.start_notice(stars, by=admin)
    objections = [domain.lodge_objection(nomination, client_ip=f"198.51.100.{i}", text_=text,
                                         name="群众" if i == 1 else "")
                  for i, (nomination, text) in enumerate(zip(shortlisted, OBJECTIONS, strict=False), start=1)]
    outcomes = [(True, "经核查，反映问题属实，取消其候选资格。"), (False, "经核查，事迹材料数据准确，反映问题不属实。")]
    for objection, (upheld, finding) in zip(objections, outcomes, strict=False):
        domain.answer_objection(objection, by=admin, upheld=upheld, finding=finding)

    # 3. Advanced collectives: nominations open.
    open_ = _selection(admin, campaign, round_, _kind("advanced_collective", "先进集体", NomineeKind.ORGANIZATION),
                       f"{campaign.year}年度“先进基层党组织”评选", rules={**grade_rule, "no_open_case": True,
                                                                       "min_fulfilment": 60}, seats=5, close_in=14)
    for org in branches[:2]:
        domain.nominate(open_, by=nominator, organization=org, statement=rng.choice(DEEDS))

    # 4. Affiliate collectives: nominations open, the branches' affiliate units put forward.
    linked = _selection(admin, campaign, round_,
                        _kind("affiliate_collective", "党建带群建先进集体", NomineeKind.AFFILIATE),
                        f"{campaign.year}年度“党建带群建先进集体”评选", rules={"no_open_case": True,
                                                                        "not_honoured_years": 3}, seats=3, close_in=14)
    units = AffiliateUnit.objects.filter(organization__in=branches, active=True)
    for unit in units.order_by("organization__path", "kind", "code")[:4]:
        domain.nominate(linked, by=nominator, affiliate_unit=unit, statement=rng.choice(UNIT_DEEDS))

    return " ".join([_(
        "Selections: %(final)s final with %(confirmed)d confirmed, %(notice)s on notice with %(objections)d "
        "objections, %(open)s open with %(nominated)d nominations.") % {
        "final": red.title, "confirmed": red.nominations.filter(status="confirmed").count(), "notice": stars.title,
        "objections": len(objections),
        "open": open_.title, "nominated": open_.nominations.count()},
        _("%(title)s open; affiliate units nominated: %(n)d.") % {"title": linked.title,
                                                                     "n": linked.nominations.count()}])
