"""Visibility rows of the background jobs (/jobs/…, /api/v1/jobs/…).

`jobs_visible_to`: county admins see every job; others their own and those of the
organisations they may change (T1's admin sees the branch admin's job of T1B1, not the
other way round). Retry and cancel are for the requester and county admins: T1's admin
sees the branch admin's job but may not retry it (403). "Run now" is for county admins.
"""
from pacesetter.jobs.enums import JobState
from tests.jobs.world import make_job

LOGIN = "302 to the login page"
SAVED = "302 after a write"
J = "/jobs"
API = "/api/v1"
A = 401

ALL = (200, 200, 200, 200, 200, 200, 200, 200, LOGIN)
COUNTY = (200, 404, 404, 404, 404, 404, 404, 404, LOGIN)
ORG_JOB = (200, 200, 404, 404, 404, 404, 404, 404, LOGIN)
BRANCH_JOB = (200, 200, 200, 404, 404, 404, 404, 404, LOGIN)
NONE = (404, 404, 404, 404, 404, 404, 404, 404, LOGIN)
#                                                          county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    ("GET",  f"{J}/",                                     None, ALL),
    ("GET",  f"{J}/?mine=1&page=2",                       None, ALL),
    ("POST", f"{J}/",                                     {},   (405, 405, 405, 405, 405, 405, 405, 405, LOGIN)),
    ("GET",  f"{J}/{{county_job}}/",                      None, COUNTY),
    ("GET",  f"{J}/{{org_job}}/",                         None, ORG_JOB),
    ("GET",  f"{J}/{{branch_job}}/",                      None, BRANCH_JOB),
    ("GET",  f"{J}/999999/",                              None, NONE),
    ("GET",  f"{J}/{{county_job}}/result/",               None, COUNTY),
    ("GET",  f"{J}/{{org_job}}/result/",                  None, (404, 404, 404, 404, 404, 404, 404, 404, LOGIN)),
    ("POST", f"{J}/{{org_job}}/retry/",                   {},   (SAVED, SAVED, 404, 404, 404, 404, 404, 404, LOGIN)),
    ("POST", f"{J}/{{branch_job}}/retry/",                {},   (SAVED, 403, SAVED, 404, 404, 404, 404, 404, LOGIN)),
    ("POST", f"{J}/{{county_job}}/retry/",                {},   (302, 404, 404, 404, 404, 404, 404, 404, LOGIN)),
    ("POST", f"{J}/{{queued_job}}/cancel/",               {},   (SAVED, SAVED, 404, 404, 404, 404, 404, 404, LOGIN)),
    ("POST", f"{J}/run/",                                 {"kind": "stages.reminders"},
                                                                (SAVED, 403, 403, 403, 403, 403, 403, 403, LOGIN)),
    ("POST", f"{J}/run/",                                 {"kind": "orgs.import"},
                                                                (404, 404, 404, 404, 404, 404, 404, 404, LOGIN)),
]

API_ALL = (200, 200, 200, 200, 200, 200, 200, 200, A)
API_ROWS = {
    "job list": ("get", f"{API}/jobs/", None, API_ALL),
    "job post": ("post", f"{API}/jobs/", {}, (405, 405, 405, 405, 405, 405, 405, 405, A)),
    "job county": ("get", f"{API}/jobs/{{county_job}}/", None, (200, 404, 404, 404, 404, 404, 404, 404, A)),
    "job org": ("get", f"{API}/jobs/{{org_job}}/", None, (200, 200, 404, 404, 404, 404, 404, 404, A)),
    "job branch": ("get", f"{API}/jobs/{{branch_job}}/", None, (200, 200, 200, 404, 404, 404, 404, 404, A)),
    "job missing": ("get", f"{API}/jobs/999999/", None, (404, 404, 404, 404, 404, 404, 404, 404, A)),
    "job retry": ("post", f"{API}/jobs/{{branch_job}}/retry/", {}, (200, 403, 200, 404, 404, 404, 404, 404, A)),
    "job retry done": ("post", f"{API}/jobs/{{county_job}}/retry/", {}, (400, 404, 404, 404, 404, 404, 404, 404, A)),
}


def setup(tree):
    users = tree.users
    return {
        "county_job": make_job(users.county_admin, kind="orgs.export", organization=tree.county,
                               result_bytes=b"PK fake xlsx", result={"kind": "members", "rows": 2}).pk,
        "org_job": make_job(users.org_admin, kind="orgs.import", state=JobState.FAILED, organization=tree.t1,
                            message="The file has errors; nothing was imported.").pk,
        "branch_job": make_job(users.branch_admin, kind="orgs.import", state=JobState.FAILED, organization=tree.b1).pk,
        "queued_job": make_job(users.org_admin, kind="orgs.export", state=JobState.QUEUED, organization=tree.t1).pk,
    }
