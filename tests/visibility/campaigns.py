"""Visibility rows of the campaign pages and endpoints: every signed-in user reads every
campaign (the county's frame, not an organisation's); only county admins create, change and
move them. {planned} is a planned campaign, {closed} a closed one."""
import datetime

from pacesetter.campaigns import domain
from pacesetter.campaigns.enums import CampaignStatus

LOGIN = "302 to the login page"
SAVED = "302 after a write"

NEW = {"name": "新一轮创先争优", "year": "2031", "starts_on": "2031-03-01", "ends_on": "2031-12-31",
       "pledges_due": "2031-04-30"}
BAD_DATES = {**NEW, "ends_on": "2031-01-01"}
ACTIVE = {"status": "active"}
PLANNED = {"status": "planned"}

#                                                                               county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    ("GET",  "/campaigns/",                                          None,      (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  "/campaigns/?status=planned&year=2030&q=2030",         None,      (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("POST", "/campaigns/",                                          {},        (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("GET",  "/campaigns/new/",                                      None,      (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", "/campaigns/new/",                                      {},        (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", "/campaigns/new/",                                      BAD_DATES, (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", "/campaigns/new/",                                      NEW,       (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  "/campaigns/{planned}/",                                None,      (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  "/campaigns/{closed}/",                                 None,      (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  "/campaigns/999999/",                                   None,      (404,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", "/campaigns/{planned}/",                                {},        (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("GET",  "/campaigns/{planned}/edit/",                           None,      (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  "/campaigns/999999/edit/",                              None,      (404,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", "/campaigns/{planned}/edit/",                           {},        (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", "/campaigns/{planned}/edit/",                           NEW,       (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", "/campaigns/{closed}/edit/",                            NEW,       (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", "/campaigns/{planned}/status/",                         ACTIVE,    (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", "/campaigns/{closed}/status/",                          PLANNED,   (302,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", "/campaigns/999999/status/",                            ACTIVE,    (404,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("GET",  "/campaigns/{planned}/status/",                         None,      (405,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
]

API = "/api/v1/campaigns"
API_NEW = {"name": "新一轮创先争优", "year": 2031, "starts_on": "2031-03-01", "ends_on": "2031-12-31"}
# name: (method, url, body, statuses for county_admin, org_admin, branch_admin, leader, inspector,
#        member, affiliate, nobody, anonymous)
API_ROWS = {
    "campaign list": ("get", f"{API}/", None, (200, 200, 200, 200, 200, 200, 200, 200, 401)),
    "campaign list bad filter": ("get", f"{API}/?status=maybe", None, (400, 400, 400, 400, 400, 400, 400, 400, 401)),
    "campaign": ("get", f"{API}/{{planned}}/", None, (200, 200, 200, 200, 200, 200, 200, 200, 401)),
    "campaign missing": ("get", f"{API}/999999/", None, (404, 404, 404, 404, 404, 404, 404, 404, 401)),
    "campaign create": ("post", f"{API}/", API_NEW, (201, 403, 403, 403, 403, 403, 403, 403, 401)),
    "campaign create bad dates": (
        "post", f"{API}/", {**API_NEW, "ends_on": "2031-01-01"}, (400, 403, 403, 403, 403, 403, 403, 403, 401)
    ),
    "campaign change": ("patch", f"{API}/{{planned}}/", {"name": "改名"}, (200, 403, 403, 403, 403, 403, 403, 403, 401)),
    "campaign change closed": (
        "patch", f"{API}/{{closed}}/", {"name": "改名"}, (400, 403, 403, 403, 403, 403, 403, 403, 401)
    ),
    "campaign status": ("post", f"{API}/{{planned}}/status/", ACTIVE, (200, 403, 403, 403, 403, 403, 403, 403, 401)),
    "campaign status refused": (
        "post", f"{API}/{{closed}}/status/", PLANNED, (400, 403, 403, 403, 403, 403, 403, 403, 401)
    ),
}


def setup(tree) -> dict:
    dates = {"starts_on": datetime.date(2030, 3, 1), "ends_on": datetime.date(2030, 12, 31)}
    planned = domain.create_campaign(by=None, name="2030年创先争优活动", year=2030, **dates)
    closed = domain.create_campaign(by=None, name="2029年创先争优活动", year=2029,
                                    starts_on=datetime.date(2029, 3, 1), ends_on=datetime.date(2029, 12, 31))
    domain.set_campaign_status(closed, status=CampaignStatus.CLOSED, by=None)
    return {"planned": planned.pk, "closed": closed.pk}
