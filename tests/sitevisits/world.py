"""Observation meetings for the tests: a sheet of four criteria (100 points), sites T1B1
then T2B1, and two observers with their codes."""
from __future__ import annotations

import datetime

from django.utils import timezone

from pacesetter.sitevisits import domain
from pacesetter.sitevisits.models import Meeting

SHEET = [("组织建设", 25), ("创先争优活动开展", 25), ("承诺践诺", 25), ("群众满意", 25)]
IP = "203.0.113.7"


def make_meeting(tree, *, title="全县基层党建现场观摩推进会", sheet=SHEET, sites=("b1", "b2"),
                 observers=(("王建国", "县委副书记"), ("李明", "一号镇党委书记"))) -> Meeting:
    """A draft meeting with its sites and observers."""
    admin = tree.users.county_admin
    meeting = domain.create_meeting(by=admin, title=title, held_on=timezone.localdate() + datetime.timedelta(days=3),
                                    description="观摩各乡镇基层党建亮点。", criteria=sheet)
    for name in sites:
        domain.add_site(meeting, by=admin, organization=getattr(tree, name), introduction=f"{name} 的简介")
    if observers:
        domain.add_observers(meeting, by=admin, people=list(observers))
    return meeting


def open_meeting(tree, **kwargs) -> tuple[Meeting, list[str]]:
    """An open meeting and its observers' codes, in observer order."""
    meeting = make_meeting(tree, **kwargs)
    codes = [code for _observer, code in domain.issue_codes(meeting, by=tree.users.county_admin)]
    return domain.open_scoring(meeting, by=tree.users.county_admin), codes


def points(meeting, *values) -> dict[int, int]:
    return dict(zip(meeting.criteria.order_by("position").values_list("pk", flat=True), values, strict=True))


def score(meeting, position: int, code: str, *values, comment=""):
    site = meeting.sites.get(position=position)
    return domain.submit_sheet(site, code=code, points=points(meeting, *values), comment=comment, client_ip=IP)
