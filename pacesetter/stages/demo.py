"""The demo county's campaign stages: this year's campaign in three stages with eleven
tasks, and what the organisations marked, with a spread by township (some townships keep
up, some lag) so the dashboard shows every colour.

Stages and tasks go through the domain functions; the thousands of markings are written
in bulk, with one audit entry for the lot."""
from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.campaigns.queries import current_campaign
from pacesetter.core import audit
from pacesetter.core.errors import DomainError
from pacesetter.orgs.enums import OrgStatus, Role
from pacesetter.orgs.models import Organization, RoleAssignment

from . import domain
from .enums import CompletionState, StageKind
from .models import MANUAL, TaskCompletion

DAY = datetime.timedelta(days=1)
#: (stage, title, how it is done, days after the stage starts it is due (negative: before it ends), level, sector)
TASKS = [
    (StageKind.MOBILISE, "召开创先争优动员部署大会", MANUAL, 14, "", ""),
    (StageKind.MOBILISE, "制定活动实施方案并报县委组织部", MANUAL, 25, "committee", ""),
    (StageKind.IMPLEMENT, "公开承诺并经上级审核公示", "commitment_published", 29, "", ""),
    (StageKind.IMPLEMENT, "开展“主题党日”活动", MANUAL, 60, "", ""),
    (StageKind.IMPLEMENT, "村级组织活动阵地规范化建设", MANUAL, 120, "", "village"),
    (StageKind.IMPLEMENT, "非公企业党组织“三抓”达标", MANUAL, 150, "", "enterprise"),
    (StageKind.IMPLEMENT, "组织党员群众民主测评", "evaluation_held", 180, "", ""),
    (StageKind.IMPLEMENT, "承诺践诺情况中期检查", MANUAL, -10, "", ""),
    (StageKind.SUMMARISE, "撰写活动总结报告", MANUAL, 29, "", ""),
    (StageKind.SUMMARISE, "测评结果公布", "evaluation_released", 44, "", ""),
    (StageKind.SUMMARISE, "评选表彰先进基层党组织", MANUAL, -11, "committee", ""),
]
NOTES = ("已按要求完成", "已召开会议并形成记录", "材料已归档备查", "已上报乡镇党委", "照片及签到表已留存")


def _admin(root: Organization):
    found = RoleAssignment.objects.filter(organization__path__startswith=root.path, role=Role.COUNTY_ADMIN,
                                          user__is_active=True).select_related("user").order_by("id").first()
    if found is None:
        raise DomainError(_("The demo county has no county admin: seed the organisations first."))
    return found.user


def _stage_dates(campaign) -> dict[str, tuple[datetime.date, datetime.date]]:
    """A month to mobilise, the last two months to summarise, the rest to implement."""
    mobilise_end = min(campaign.starts_on + 30 * DAY, campaign.ends_on - 90 * DAY)
    summarise_start = max(campaign.ends_on - 60 * DAY, mobilise_end + 30 * DAY)
    return {StageKind.MOBILISE: (campaign.starts_on, mobilise_end),
            StageKind.IMPLEMENT: (mobilise_end + DAY, summarise_start - DAY),
            StageKind.SUMMARISE: (summarise_start, campaign.ends_on)}


def _due(start: datetime.date, end: datetime.date, offset: int) -> datetime.date:
    day = start + offset * DAY if offset >= 0 else end + offset * DAY
    return min(max(day, start), end)


def _completions(tasks, orgs, *, by, rng: random.Random, today: datetime.date) -> list[TaskCompletion]:
    """Each township keeps up to its own degree; within it, organisations vary around that."""
    keen = {t: rng.choice((0.97, 0.93, 0.85, 0.75, 0.6, 0.45)) for t in sorted({o.township for o in orgs})}
    rows = []
    for org in orgs:
        share = min(1.0, max(0.1, keen[org.township] + rng.uniform(-0.1, 0.1)))
        for task in tasks:
            if not task.is_manual or not task.applies_to(org.level, org.sector):
                continue
            due = task.due_on <= today
            if rng.random() >= (share if due else share * 0.3):
                continue
            if due and rng.random() < 0.2:
                done_on = min(today, task.due_on + rng.randint(1, 20) * DAY)
            else:
                done_on = max(task.stage.starts_on, task.due_on - rng.randint(0, 12) * DAY)
            if done_on > today:
                continue
            rows.append(TaskCompletion(task=task, organization=org, state=CompletionState.DONE, done_on=done_on,
                                       note=rng.choice(NOTES), done_by=by))
    return rows


def seed(root: Organization, *, rng: random.Random) -> str:
    campaign = current_campaign()
    if campaign is None:
        raise DomainError(_("The demo has no campaign under way: seed the campaigns first."))
    admin = _admin(root)
    dates = _stage_dates(campaign)
    stages = {kind: domain.create_stage(campaign, by=admin, kind=kind, starts_on=start, ends_on=end)
              for kind, (start, end) in dates.items()}
    tasks = [domain.create_task(stages[kind], by=admin, title=title, check_kind=check, level=level, sector=sector,
                                due_on=_due(*dates[kind], offset))
             for kind, title, check, offset, level, sector in TASKS]
    orgs = list(Organization.objects.filter(path__startswith=root.path, depth__gt=1, status=OrgStatus.ACTIVE)
                .only("pk", "township", "level", "sector").order_by("path"))
    rows = _completions(tasks, orgs, by=admin, rng=rng, today=timezone.localdate())
    with transaction.atomic():
        TaskCompletion.objects.bulk_create(rows, batch_size=1000)
        audit.record("demo.seed_stages", by=None, obj=campaign, after={"tasks": len(tasks), "completions": len(rows)})
    marked = len({row.organization_id for row in rows})
    return _("Campaign stages: 3 stages and %(tasks)d tasks of %(campaign)s; %(rows)d tasks marked done by "
             "%(orgs)d organisations.") % {"tasks": len(tasks), "campaign": campaign.name, "rows": len(rows),
                                           "orgs": marked}
