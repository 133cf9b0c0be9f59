"""Visibility rows of on-site observation meetings: the pages under /observation/ and the
endpoints under /api/v1/site-visits/.

The world: a draft meeting (site T1B1, one observer), an open meeting visiting T1B1 then
T2B1 with two observers holding codes, and a published one. Seeing follows
`meetings_visible_to`: county admins see every meeting; anyone else with a role sees those
past the draft; `nobody` (no role) sees none (404). Managing — planning, codes, posters,
the live ranking, the state steps — is for county admins (403 for the others who see the
meeting). The score sheet behind a site's QR code and the published results need no login.

Issuing codes answers its POST with the badge list itself (200), so the codes never pass
through a session or a URL: that row's expected status is a 200 that wrote.
"""
from pacesetter.sitevisits import domain
from tests.sitevisits.world import make_meeting, open_meeting, score

LOGIN = "302 to the login page"
SAVED = "302 after a write"
SHOWN_ONCE = "200, but the database changed"

O = "/observation"
A = "/api/v1/site-visits"
ALL = (200, 200, 200, 200, 200, 200, 200, 200, LOGIN)
PUBLIC = (200, 200, 200, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (404, 404, 404, 404, 404, 404, 404, 404, 404)
SEEN = (200, 200, 200, 200, 200, 200, 200, 404, LOGIN)
DRAFT = (200, 404, 404, 404, 404, 404, 404, 404, LOGIN)
MANAGE = (200, 403, 403, 403, 403, 403, 403, 404, LOGIN)
SHEET = {"step": "score", "code": "{code}", "comment": "好", "c1": "20", "c2": "21", "c3": "22", "c4": "23"}
NEW = {"title": "新观摩会", "held_on": "2026-12-01", "description": "", "sheet": "组织建设 50\n群众满意 50"}
#                                                                    county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    ("GET",  f"{O}/",                                      None,    ALL),
    ("GET",  f"{O}/?state=open&q=meeting",                 None,    ALL),
    ("POST", f"{O}/",                                      {},      (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("GET",  f"{O}/new/",                                  None,    (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{O}/new/",                                  {},      (400,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{O}/new/",                                  NEW,     (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{O}/{{draft}}/",                            None,    DRAFT),
    ("GET",  f"{O}/{{open}}/",                             None,    SEEN),
    ("POST", f"{O}/{{draft}}/",                            {},      (400,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", f"{O}/{{draft}}/",                            {"organization": "T2B1"},
                                                                    (SAVED, 404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", f"{O}/{{open}}/",                             {"organization": "T1"},
                                                                    (400,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{O}/{{open}}/state/",                       None,    (405,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{O}/{{draft}}/state/",                      {"action": "open"},
                                                                    (SAVED, 404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", f"{O}/{{open}}/state/",                       {"action": "close"},
                                                                    (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{O}/{{open}}/ranking/",                     None,    MANAGE),
    ("GET",  f"{O}/{{draft}}/ranking/",                    None,    DRAFT),
    ("GET",  f"{O}/{{open}}/observers/",                   None,    MANAGE),
    ("GET",  f"{O}/{{open}}/observers/?q=Li",              None,    MANAGE),
    ("POST", f"{O}/{{open}}/observers/",                   {},      (400,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{O}/{{open}}/observers/",                   {"people": "赵六，县委常委"},
                                                                    (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{O}/{{open}}/codes/",                       None,    MANAGE),
    ("POST", f"{O}/{{open}}/codes/",                       {},      (SHOWN_ONCE, 403, 403,  403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{O}/{{open}}/sites/{{site}}/poster/",       None,    MANAGE),
    ("GET",  f"{O}/{{published}}/sites/{{site}}/poster/",  None,    (404,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("GET",  f"{O}/{{published}}/sites/{{published_site}}/photos/", None,
                                                                    (405,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{O}/{{published}}/sites/{{published_site}}/photos/", {"photos_url": "https://example.org/exhibition/"},
                                                                    (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{O}/{{draft}}/sites/{{draft_site}}/remove/", None,   (405,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", f"{O}/{{draft}}/sites/{{draft_site}}/remove/", {},     (SAVED, 404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    # The observer's sheet: no login; a code only checked is no write, a sent sheet is
    ("GET",  f"{O}/s/{{token}}/",                          None,    PUBLIC),
    ("GET",  f"{O}/s/no-such-site/",                       None,    NOT_FOUND),
    ("POST", f"{O}/s/{{token}}/",                          {"step": "code", "code": "{code}"}, PUBLIC),
    ("POST", f"{O}/s/{{token}}/",                          {"step": "code", "code": "ABCD-EFGH-JKMN-PQRS"},
                                                                    (400,   400,   400,   400,   400,   400,   400,   400,   400)),
    ("POST", f"{O}/s/{{token}}/",                          SHEET,
                                                                    (SAVED, SAVED, SAVED, SAVED, SAVED, SAVED, SAVED, SAVED, SAVED)),
    ("GET",  f"{O}/results/",                              None,    PUBLIC),
    ("GET",  f"{O}/results/{{published}}/",                None,    PUBLIC),
    ("GET",  f"{O}/results/{{open}}/",                     None,    NOT_FOUND),
]

API_LIST = (200, 200, 200, 200, 200, 200, 200, 200, 401)
API_ROWS = {
    "site-visit meetings": ("get", f"{A}/meetings/", None, API_LIST),
    "site-visit draft meeting": ("get", f"{A}/meetings/{{draft}}/", None, (200, 404, 404, 404, 404, 404, 404, 404, 401)),
    "site-visit open meeting": ("get", f"{A}/meetings/{{open}}/", None, (200, 200, 200, 200, 200, 200, 200, 404, 401)),
    "site-visit create meeting": (
        "post", f"{A}/meetings/", {"title": "新观摩会", "held_on": "2026-12-01", "criteria": [
            {"name": "组织建设", "max_points": 100}]}, (201, 403, 403, 403, 403, 403, 403, 403, 401)),
    "site-visit close": ("post", f"{A}/meetings/{{open}}/close/", {}, (200, 403, 403, 403, 403, 403, 403, 404, 401)),
    "site-visit open draft": ("post", f"{A}/meetings/{{draft}}/open/", {}, (200, 404, 404, 404, 404, 404, 404, 404, 401)),
    "site-visit publish open": (
        "post", f"{A}/meetings/{{open}}/publish/", {}, (400, 403, 403, 403, 403, 403, 403, 404, 401)),
    "site-visit live results": (
        "get", f"{A}/meetings/{{open}}/results/", None, (200, 404, 404, 404, 404, 404, 404, 404, 401)),
    "site-visit published results": (
        "get", f"{A}/meetings/{{published}}/results/", None, (200, 200, 200, 200, 200, 200, 200, 404, 401)),
    "site-visit sites": ("get", f"{A}/sites/?meeting={{open}}", None, API_LIST),
    "site-visit site": ("get", f"{A}/sites/{{site}}/", None, (200, 200, 200, 200, 200, 200, 200, 404, 401)),
    "site-visit draft site": ("get", f"{A}/sites/{{draft_site}}/", None, (200, 404, 404, 404, 404, 404, 404, 404, 401)),
    "site-visit observers": ("get", f"{A}/observers/", None, API_LIST),
    "site-visit observer": ("get", f"{A}/observers/{{observer}}/", None, (200, 404, 404, 404, 404, 404, 404, 404, 401)),
}


def setup(tree) -> dict:
    admin = tree.users.county_admin
    draft = make_meeting(tree, title="草稿观摩会", sites=("b1",), observers=(("王建国", "县委副书记"),))
    meeting, codes = open_meeting(tree, title="进行中的观摩会")
    published, (p_code, _second) = open_meeting(tree, title="已发布的观摩会")
    score(published, 1, p_code, 20, 20, 20, 20)
    domain.close_scoring(published, by=admin)
    domain.publish_results(published, by=admin)
    site = meeting.sites.get(position=1)
    return {"draft": draft.pk, "open": meeting.pk, "published": published.pk, "site": site.pk, "token": site.token,
            "draft_site": draft.sites.get().pk, "code": codes[0],
            "observer": meeting.observers.get(number=1).pk, "published_site": published.sites.get(position=1).pk}
