"""Visibility rows of activities: the pages under /activities/ and the endpoints
/api/v1/activities/ (with a held activity's photos) and /api/v1/activity-attendance/.

The world (tests/activities/world.py): T1B1 holds {held} (ten days ago, M1 present, a
photo) and plans {today}; T2B1 holds {other} and plans {other_today}. Seeing follows
`activities_visible_to`: any role sees the activities of its subtree (county roles all,
the T1 and T1B1 roles T1B1's), nobody none (404). County and organisation admins run the
activities of their subtree (403 for leaders, inspectors, members and affiliate admins).
The flags page is for county admins, organisation admins, leaders and inspectors. The
sign-in page answers a code that is no code with 400 for every login (the code is read
before anything else; valid codes are in tests/activities/test_signin_pages.py).
"""
from tests.activities.world import make_world

LOGIN = "302 to the login page"
SAVED = "302 after a write"

P = "/activities"
A = "/api/v1"
ALL = (200, 200, 200, 200, 200, 200, 200, 200, LOGIN)
SEE_T1 = (200, 200, 200, 200, 200, 200, 200, 404, LOGIN)
SEE_T2 = (200, 404, 404, 200, 200, 404, 404, 404, LOGIN)
RUN_T1 = (200, 200, 200, 403, 403, 403, 403, 404, LOGIN)
RUN_T2 = (200, 404, 404, 403, 403, 404, 404, 404, LOGIN)
RAN_T1 = (SAVED, SAVED, SAVED, 403, 403, 403, 403, 404, LOGIN)
BAD_T1 = (400, 400, 400, 403, 403, 403, 403, 404, LOGIN)
PLANNERS = (200, 200, 200, 403, 403, 403, 403, 403, LOGIN)
NEW = {"organization": "T1B1", "kind": "party_lesson", "title": "专题党课", "starts_at": "2026-01-10T09:00",
       "ends_at": "2026-01-10T10:30", "place": "会议室"}
EDIT = {"kind": "themed_day", "title": "主题党日（改）", "starts_at": "2026-01-10T09:00",
        "ends_at": "2026-01-10T11:00"}
NO_CODE = "code=AAAA"
#                                                                  county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    ("GET",  f"{P}/",                                      None,        ALL),
    ("GET",  f"{P}/?kind=themed_day&state=held&township=T&year=2026&month=5&q=x", None, ALL),
    ("GET",  f"{P}/export.xlsx",                           None,        ALL),
    ("GET",  f"{P}/mine/",                                 None,        ALL),
    ("GET",  f"{P}/flags/",                                None,        (200,   200,   200,   200,   200,   403,   403,   403,   LOGIN)),
    ("GET",  f"{P}/flags/?township=T&sector=village&level=branch", None, (200, 200,   200,   200,   200,   403,   403,   403,   LOGIN)),
    ("GET",  f"{P}/new/",                                  None,        PLANNERS),
    ("POST", f"{P}/new/",                                  {},          (400,   400,   400,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{P}/new/",                                  NEW,         (SAVED, SAVED, SAVED, 403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{P}/{{held}}/",                             None,        SEE_T1),
    ("GET",  f"{P}/{{other}}/",                            None,        SEE_T2),
    ("POST", f"{P}/{{held}}/",                             {},          (405,   405,   405,   405,   405,   405,   405,   404,   LOGIN)),
    ("GET",  f"{P}/{{held}}/edit/",                        None,        RUN_T1),
    ("GET",  f"{P}/{{other}}/edit/",                       None,        RUN_T2),
    ("POST", f"{P}/{{today}}/edit/",                       EDIT,        RAN_T1),
    ("POST", f"{P}/{{today}}/edit/",                       {},          BAD_T1),
    ("GET",  f"{P}/{{today}}/minutes/",                    None,        RUN_T1),
    ("GET",  f"{P}/{{other_today}}/minutes/",              None,        RUN_T2),
    ("POST", f"{P}/{{today}}/minutes/",                    {"minutes": "按议程进行。"}, RAN_T1),
    ("GET",  f"{P}/{{today}}/cancel/",                     None,        RUN_T1),
    ("POST", f"{P}/{{today}}/cancel/",                     {"reason": "暴雨预警"}, RAN_T1),
    ("POST", f"{P}/{{held}}/cancel/",                      {"reason": "暴雨预警"}, BAD_T1),
    ("GET",  f"{P}/{{held}}/attendance/",                  None,        RUN_T1),
    ("GET",  f"{P}/{{other}}/attendance/",                 None,        RUN_T2),
    ("POST", f"{P}/{{held}}/attendance/",                  {"member": "{m1}", "status": "leave", "reason": "出差"}, RAN_T1),
    ("POST", f"{P}/{{held}}/attendance/",                  {"member": "{m1}", "status": "leave"}, BAD_T1),
    ("GET",  f"{P}/{{held}}/attendance.xlsx",              None,        SEE_T1),
    ("GET",  f"{P}/{{other}}/attendance.xlsx",             None,        SEE_T2),
    ("GET",  f"{P}/{{today}}/projector/",                  None,        RUN_T1),
    ("GET",  f"{P}/{{other_today}}/projector/",            None,        RUN_T2),
    ("GET",  f"{P}/{{held}}/projector/",                   None,        (409,   409,   409,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{P}/{{today}}/projector/code.json",         None,        RUN_T1),
    ("GET",  f"{P}/{{other_today}}/projector/code.json",   None,        RUN_T2),
    ("GET",  f"{P}/{{today}}/sign-in/?{NO_CODE}",          None,        (400,   400,   400,   400,   400,   400,   400,   400,   LOGIN)),
    ("POST", f"{P}/{{today}}/sign-in/",                    {"code": "AAAA"}, (400, 400,  400,   400,   400,   400,   400,   400,   LOGIN)),
    # A wrong code is refused before the activity is looked up: a missing id answers like an existing one
    ("GET",  f"{P}/999999/sign-in/?{NO_CODE}",             None,        (400,   400,   400,   400,   400,   400,   400,   400,   LOGIN)),
    ("GET",  f"{P}/photos/{{photo}}/",                     None,        SEE_T1),
    ("GET",  f"{P}/photos/{{photo}}/thumbnail/",           None,        SEE_T1),
]

API_LIST = (200, 200, 200, 200, 200, 200, 200, 200, 401)
API_T1 = (200, 200, 200, 200, 200, 200, 200, 404, 401)
API_T2 = (200, 404, 404, 200, 200, 404, 404, 404, 401)
API_RUN_T1 = (200, 200, 200, 403, 403, 403, 403, 404, 401)
API_ROWS = {
    "activities": ("get", f"{A}/activities/?activity_kind=themed_day&activity_state=held&year=2026", None, API_LIST),
    "activity inside": ("get", f"{A}/activities/{{held}}/", None, API_T1),
    "activity outside": ("get", f"{A}/activities/{{other}}/", None, API_T2),
    "activity plan": ("post", f"{A}/activities/", {
        "organization": "T1B1", "activity_kind": "party_lesson", "title": "专题党课",
        "starts_at": "2026-01-10T09:00:00+08:00", "ends_at": "2026-01-10T10:30:00+08:00"},
        (201, 201, 201, 403, 403, 403, 403, 403, 401)),
    "activity hold": ("post", f"{A}/activities/{{today}}/hold/", {"minutes": "按议程进行。"}, API_RUN_T1),
    "activity cancel": ("post", f"{A}/activities/{{today}}/cancel/", {"reason": "暴雨预警"}, API_RUN_T1),
    "activity sign-in": ("post", f"{A}/activities/{{today}}/sign-in/", {"code": "AAAA"},
                         (400, 400, 400, 400, 400, 400, 400, 404, 401)),
    "activity photos inside": ("get", f"{A}/activities/{{held}}/photos/", None, API_T1),
    "activity photos outside": ("get", f"{A}/activities/{{other}}/photos/", None, API_T2),
    # Photos are multipart form data: a JSON body reaches 415 only where the upload is allowed.
    "activity photos as json": ("post", f"{A}/activities/{{held}}/photos/", {},
                                (415, 415, 415, 403, 403, 403, 403, 404, 401)),
    "activity attendance": ("get", f"{A}/activity-attendance/?activity={{held}}&member=M1", None, API_LIST),
    "activity attendance inside": ("get", f"{A}/activity-attendance/{{attendance}}/", None, API_T1),
    "activity attendance mark": ("post", f"{A}/activity-attendance/", {
        "activity": "{held}", "member": "M1", "attendance_status": "leave", "reason": "出差"},
        (201, 201, 201, 403, 403, 403, 403, 403, 401)),
}


def setup(tree) -> dict:
    w = make_world(tree)
    return {"held": w.held.pk, "today": w.today.pk, "other": w.other.pk, "other_today": w.other_today.pk,
            "photo": w.photo.pk, "m1": tree.m1.pk, "attendance": w.held.attendances.get().pk}
