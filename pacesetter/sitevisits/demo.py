"""The observation meetings of the demo county: one held last month, scored by twelve
observers at five township party committees and published, and one held today with
scoring open and a few sheets in.

Everything goes through the domain functions (checks, audit entries); sheets use the codes
issue_codes hands out, exactly as an observer would type them."""
from __future__ import annotations

import datetime
import random

from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError
from pacesetter.orgs.enums import OrgStatus, Role
from pacesetter.orgs.models import Organization, RoleAssignment

from . import domain
from .models import Meeting

SHEET = [("组织建设", 25), ("创先争优活动开展", 25), ("承诺践诺", 25), ("群众满意", 25)]
OBSERVERS = (
    ("王建国", "县委副书记"), ("李红梅", "县委常委、组织部部长"), ("张志强", "县人大常委会副主任"),
    ("刘长青", "县政协副主席"), ("陈晓东", "县委组织部副部长"), ("杨文华", "县纪委副书记"),
    ("赵国庆", "城关镇党委书记"), ("孙立新", "青山乡党委书记"), ("周海燕", "河口镇党委书记"),
    ("吴志明", "县委办公室副主任"), ("郑丽娟", "县妇联主席"), ("冯建军", "团县委书记"),
)
INTRODUCTIONS = ("推行“党建+产业”模式，建成村级服务中心全覆盖。", "开展党员承诺践诺，年内兑现承诺事项百余项。",
                 "创建红旗支部，打造党员先锋岗和党员责任区。", "探索网格化党建，群众满意度持续提升。",
                 "以重点项目为抓手，党员攻坚队冲在一线。")
COMMENTS = ("亮点突出，可复制推广。", "基础扎实，群众认可度高。", "特色鲜明，建议总结经验。", "")


def _admin(root: Organization):
    row = RoleAssignment.objects.filter(organization__path__startswith=root.path, role=Role.COUNTY_ADMIN,
                                        user__is_active=True).select_related("user").order_by("user__username").first()
    if row is None:
        raise DomainError(_("The demo county has no county admin: seed the organisations first."))
    return row.user


def _townships(root: Organization, n: int) -> list[Organization]:
    """The county's township party committees (the root's children), or whatever lies below."""
    orgs = list(Organization.objects.filter(path__startswith=root.path, depth=root.depth + 1,
                                            status=OrgStatus.ACTIVE).order_by("path")[:n])
    return orgs or [root]


def _plan(admin, root, *, title: str, held_on: datetime.date, observers) -> tuple[Meeting, list[str]]:
    meeting = domain.create_meeting(by=admin, title=title, held_on=held_on, criteria=SHEET,
                                    description="按观摩路线依次观摩各乡镇基层党建工作亮点，观摩人员现场扫码评分。")
    for org, intro in zip(_townships(root, 5), INTRODUCTIONS, strict=False):
        domain.add_site(meeting, by=admin, organization=org, introduction=f"{org.name}：{intro}")
    domain.add_observers(meeting, by=admin, people=list(observers))
    codes = [code for _observer, code in domain.issue_codes(meeting, by=admin)]
    return domain.open_scoring(meeting, by=admin), codes


def _score(meeting: Meeting, codes: list[str], rng: random.Random, *, share: float) -> int:
    criteria = list(meeting.criteria.order_by("position"))
    sent = 0
    for site in meeting.sites.order_by("position"):
        quality = rng.uniform(0.7, 0.95)
        for code in codes:
            if rng.random() > share:
                continue
            points = {c.pk: min(c.max_points, max(0, round(c.max_points * (quality + rng.uniform(-0.07, 0.07)))))
                      for c in criteria}
            domain.submit_sheet(site, code=code, points=points, comment=rng.choice(COMMENTS), client_ip="")
            sent += 1
    return sent


def seed(root: Organization, *, rng: random.Random) -> str:
    admin = _admin(root)
    today = timezone.localdate()
    past, codes = _plan(admin, root, title=f"{today.year}年全县基层党建现场观摩推进会",
                        held_on=today - datetime.timedelta(days=30), observers=OBSERVERS)
    sheets = _score(past, codes, rng, share=1.0)
    domain.close_scoring(past, by=admin)
    domain.publish_results(past, by=admin)
    current, codes = _plan(admin, root, title="创先争优活动现场观摩会", held_on=today, observers=OBSERVERS[:8])
    open_sheets = _score(current, codes[:3], rng, share=0.5)
    return _("Observation meetings: one published with %(sites)d sites and %(sheets)d sheets, one open with "
             "%(open)d sheets so far.") % {"sites": past.sites.count(), "sheets": sheets, "open": open_sheets}
