"""Visibility rows of linkage: the pages under /linkage/ and the endpoints
/api/v1/affiliate-units/, affiliate-honours/, joint-activities/ and affiliate-coverage/.

The world (tests/linkage/world.py): a Youth League branch {league} and a women's federation
at T1B1, a trade union {union} at T2B1, an honour and a joint activity (with a photo) on
each side. Seeing follows `units_visible_to`: county admins and inspectors see all; the
organisation admin (T1), the branch admin and the affiliate admin (both T1B1) see T1B1's;
leaders, members and users without a role see none (404). Units are created and edited by
county and organisation admins (403 for inspectors and affiliate admins); honours and
activities are also recorded by the affiliate admin, for their own units.
"""
from tests.linkage.world import make_world

LOGIN = "302 to the login page"
SAVED = "302 after a write"

L = "/linkage"
A = "/api/v1"
ALL = (200, 200, 200, 200, 200, 200, 200, 200, LOGIN)
SEE_T1 = (200, 200, 200, 404, 200, 404, 200, 404, LOGIN)
SEE_T2 = (200, 404, 404, 404, 200, 404, 404, 404, LOGIN)
EDIT_T1 = (200, 200, 200, 404, 403, 404, 403, 404, LOGIN)
RECORD_T1 = (200, 200, 200, 404, 403, 404, 200, 404, LOGIN)
RECORD_T2 = (200, 404, 404, 404, 403, 404, 404, 404, LOGIN)
RECORDED_T1 = (SAVED, SAVED, SAVED, 404, 403, 404, SAVED, 404, LOGIN)
NEW_UNIT = {"kind": "trade_union", "code": "N1", "name": "一号村工会", "organization": "T1B1", "members_count": "8"}
NEW_UNIT_T2 = {**NEW_UNIT, "organization": "T2B1"}
EDIT_UNIT = {"kind": "youth_league", "name": "一号村团支部（改）", "organization": "T1B1", "members_count": "15",
             "active": "on"}
HONOUR = {"year": "2025", "title": "优秀共青团员", "recipient": "individual", "person_name": "小王",
          "awarded_by": "共青团县委"}
ACTIVITY = {"units": "{league}", "held_on": "2026-06-01", "title": "端午联谊", "participants": "20"}
#                                                                  county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    ("GET",  f"{L}/",                                      None,        ALL),
    ("GET",  f"{L}/?kind=youth_league&sector=village&active=yes&q=Y1", None, ALL),
    ("GET",  f"{L}/export.xlsx",                           None,        ALL),
    ("GET",  f"{L}/units/new/",                            None,        (200,   200,   200,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{L}/units/new/",                            {},          (400,   400,   400,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{L}/units/new/",                            NEW_UNIT,    (SAVED, SAVED, SAVED, 403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{L}/units/new/",                            NEW_UNIT_T2, (SAVED, 400,   400,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{L}/units/{{league}}/",                     None,        SEE_T1),
    ("GET",  f"{L}/units/{{union}}/",                      None,        SEE_T2),
    ("GET",  f"{L}/units/{{league}}/edit/",                None,        EDIT_T1),
    ("GET",  f"{L}/units/{{union}}/edit/",                 None,        (200,   404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{L}/units/{{league}}/edit/",                EDIT_UNIT,   (SAVED, SAVED, SAVED, 404,   403,   404,   403,   404,   LOGIN)),
    ("GET",  f"{L}/units/{{league}}/honours/new/",         None,        RECORD_T1),
    ("GET",  f"{L}/units/{{union}}/honours/new/",          None,        RECORD_T2),
    ("POST", f"{L}/units/{{league}}/honours/new/",         HONOUR,      RECORDED_T1),
    ("POST", f"{L}/units/{{union}}/honours/new/",          HONOUR,      (SAVED, 404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{L}/units/{{league}}/honours/new/",         {"year": "2025"}, (400, 400,  400,   404,   403,   404,   400,   404,   LOGIN)),
    ("GET",  f"{L}/units/{{league}}/activities/new/",      None,        RECORD_T1),
    ("POST", f"{L}/units/{{league}}/activities/new/",      ACTIVITY,    RECORDED_T1),
    ("POST", f"{L}/units/{{union}}/activities/new/",       {**ACTIVITY, "units": "{union}"},
                                                                        (SAVED, 404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("GET",  f"{L}/honours/{{honour}}/edit/",              None,        RECORD_T1),
    ("GET",  f"{L}/honours/{{other_honour}}/edit/",        None,        RECORD_T2),
    ("POST", f"{L}/honours/{{honour}}/edit/",              HONOUR,      RECORDED_T1),
    ("GET",  f"{L}/activities/",                           None,        ALL),
    ("GET",  f"{L}/activities/?kind=womens_federation&year=2026&q=day", None, ALL),
    ("GET",  f"{L}/activities/{{activity}}/",              None,        SEE_T1),
    ("GET",  f"{L}/activities/{{other_activity}}/",        None,        SEE_T2),
    ("GET",  f"{L}/activities/{{activity}}/edit/",         None,        RECORD_T1),
    ("GET",  f"{L}/activities/{{other_activity}}/edit/",   None,        RECORD_T2),
    ("POST", f"{L}/activities/{{activity}}/edit/",         ACTIVITY,    RECORDED_T1),
    ("GET",  f"{L}/photos/{{photo}}/",                     None,        SEE_T1),
    ("GET",  f"{L}/photos/{{photo}}/thumbnail/",           None,        SEE_T1),
    ("POST", f"{L}/photos/{{photo}}/",                     {},          (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("GET",  f"{L}/coverage/",                             None,        ALL),
    ("GET",  f"{L}/coverage/?level=branch&sector=village&lacking=trade_union", None, ALL),
    ("GET",  f"{L}/coverage/export.xlsx",                  None,        ALL),
]

API_LIST = (200, 200, 200, 200, 200, 200, 200, 200, 401)
API_T1 = (200, 200, 200, 404, 200, 404, 200, 404, 401)
API_T2 = (200, 404, 404, 404, 200, 404, 404, 404, 401)
API_ROWS = {
    "affiliate units": ("get", f"{A}/affiliate-units/?affiliate_kind=youth_league&township=一号镇", None, API_LIST),
    "affiliate unit inside": ("get", f"{A}/affiliate-units/{{league}}/", None, API_T1),
    "affiliate unit outside": ("get", f"{A}/affiliate-units/{{union}}/", None, API_T2),
    "affiliate unit create": ("post", f"{A}/affiliate-units/", {
        "affiliate_kind": "trade_union", "code": "N1", "name": "一号村工会", "organization": "T1B1"},
        (201, 201, 201, 403, 403, 403, 403, 403, 401)),
    "affiliate unit change": ("patch", f"{A}/affiliate-units/{{league}}/", {"members_count": 20},
                              (200, 200, 200, 404, 403, 404, 403, 404, 401)),
    "affiliate honours": ("get", f"{A}/affiliate-honours/?year=2025", None, API_LIST),
    "affiliate honour inside": ("get", f"{A}/affiliate-honours/{{honour}}/", None, API_T1),
    "affiliate honour outside": ("get", f"{A}/affiliate-honours/{{other_honour}}/", None, API_T2),
    "affiliate honour create": ("post", f"{A}/affiliate-honours/", {
        "unit": "Y1", "year": 2024, "title": "五四红旗团支部", "awarded_by": "共青团县委"},
        (201, 201, 201, 403, 403, 403, 201, 403, 401)),
    "affiliate honour change": ("patch", f"{A}/affiliate-honours/{{honour}}/", {"title": "五四红旗团支部标兵"},
                                (200, 200, 200, 404, 403, 404, 200, 404, 401)),
    "joint activities": ("get", f"{A}/joint-activities/?year=2026", None, API_LIST),
    "joint activity inside": ("get", f"{A}/joint-activities/{{activity}}/", None, API_T1),
    "joint activity outside": ("get", f"{A}/joint-activities/{{other_activity}}/", None, API_T2),
    "joint activity create": ("post", f"{A}/joint-activities/", {
        "organization": "T1B1", "units": ["Y1", "W1"], "held_on": "2026-06-01", "title": "端午联谊"},
        (201, 201, 201, 403, 403, 403, 201, 403, 401)),
    "joint activity change": ("patch", f"{A}/joint-activities/{{activity}}/", {"participants": 35},
                              (200, 200, 200, 404, 403, 404, 200, 404, 401)),
    "joint activity photos inside": ("get", f"{A}/joint-activities/{{activity}}/photos/", None, API_T1),
    "joint activity photos outside": ("get", f"{A}/joint-activities/{{other_activity}}/photos/", None, API_T2),
    # Photos are multipart form data: a JSON body reaches 415 only where the upload is allowed.
    "joint activity photos as json": ("post", f"{A}/joint-activities/{{activity}}/photos/", {},
                                      (415, 415, 415, 404, 403, 404, 415, 404, 401)),
    "affiliate coverage": ("get", f"{A}/affiliate-coverage/?group_by=township", None, API_LIST),
}


def setup(tree) -> dict:
    w = make_world(tree)
    return {"league": w.league.pk, "union": w.union.pk, "honour": w.honour.pk, "other_honour": w.other_honour.pk,
            "activity": w.activity.pk, "other_activity": w.other_activity.pk, "photo": w.photo.pk}
