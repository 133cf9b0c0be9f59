"""Visibility rows of starting a campaign's commitment review (评诺): every signed-in user
sees every campaign, so a missing one is 404 for all; the page is the county admin's (403
for everyone else). {pledged} is a campaign where T1B1's pledge is published, {empty} one
without a published pledge (the domain refuses: the form again, nothing written)."""
import datetime

from pacesetter.campaigns.models import Campaign
from pacesetter.commitments import domain
from pacesetter.commitments.enums import Category

LOGIN = "302 to the login page"
SAVED = "302 after a write"

START = {"name": "年度评诺", "scheme": "", "opens_at": "2031-11-01T09:00", "closes_at": "2031-11-15T18:00",
         "expected_members": "10", "expected_public": "20"}
BAD_DATES = {**START, "closes_at": "2031-10-01T09:00"}
R = "/commitments/review"

#                                                                             county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    ("GET",  f"{R}/{{pledged}}/start/",                      None,           (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{R}/999999/start/",                           None,           (404,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", f"{R}/{{pledged}}/start/",                      {},             (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{R}/{{pledged}}/start/",                      BAD_DATES,      (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{R}/{{pledged}}/start/",                      START,          (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{R}/{{empty}}/start/",                        START,          (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{R}/999999/start/",                           START,          (404,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
]


def setup(tree) -> dict:
    dates = {"year": 2031, "starts_on": datetime.date(2031, 1, 1), "ends_on": datetime.date(2031, 12, 31)}
    pledged = Campaign.objects.create(name="评诺可见性测试活动", **dates)
    empty = Campaign.objects.create(name="评诺可见性空活动", **dates)
    users = tree.users
    pledge = domain.start_commitment(pledged, by=users.branch_admin, organization=tree.b1)
    domain.add_item(pledge, by=users.branch_admin, content="每月服务群众", target="全年12次",
                    deadline=datetime.date(2031, 10, 31), category=Category.SERVICE)
    domain.submit_commitment(pledge, by=users.branch_admin)
    domain.approve_commitment(pledge, by=users.org_admin)
    return {"pledged": pledged.pk, "empty": empty.pk}
