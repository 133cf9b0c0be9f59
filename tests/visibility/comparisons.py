"""Visibility rows of the four comparisons (pages under /compare/, API under
/api/v1/comparisons/): an organisation outside the user's view is 404 like a missing one;
the user's released rounds only (`nobody` has none, so the outside units' export is 404)."""
from pacesetter.evaluation.models import Scheme

from ..comparisons.world import VILLAGE_BRANCH, VILLAGE_COMMITTEE, _round

LOGIN = "302 to the login page"
C = "/compare"
A = "/api/v1/comparisons"

#                                                                         county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    ("GET",  f"{C}/",                                        None, (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  f"{C}/?q=T2",                                  None, (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("POST", f"{C}/",                                        {},   (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("GET",  f"{C}/outside/",                                None, (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  f"{C}/outside/?by=sector&round={{round}}",      None, (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  f"{C}/outside/export.xlsx",                     None, (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("POST", f"{C}/outside/export.xlsx",                     {},   (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("GET",  f"{C}/T1B1/history/",                           None, (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  f"{C}/T2B1/history/",                           None, (200,   404,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("POST", f"{C}/T1B1/history/",                           {},   (405,   405,   405,   405,   405,   405,   405,   404,   LOGIN)),
    ("GET",  f"{C}/T1B1/history/export.xlsx",                None, (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  f"{C}/T2B1/history/export.xlsx",                None, (200,   404,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("GET",  f"{C}/T1B1/peers/",                             None, (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  f"{C}/T2B1/peers/?round={{round}}",             None, (200,   404,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("GET",  f"{C}/T1B1/peers/export.xlsx",                  None, (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  f"{C}/T2B1/peers/export.xlsx",                  None, (200,   404,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("GET",  f"{C}/T1/within/",                              None, (200,   200,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("GET",  f"{C}/T1B1/within/",                            None, (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  f"{C}/T2B1/within/?level=branch",               None, (200,   404,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("GET",  f"{C}/T1B1/within/export.xlsx",                 None, (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  f"{C}/T2B1/within/export.xlsx",                 None, (200,   404,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("GET",  f"{C}/T1B1/report/",                            None, (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  f"{C}/T2B1/report/",                            None, (200,   404,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("POST", f"{C}/T1B1/report/",                            {},   (405,   405,   405,   405,   405,   405,   405,   404,   LOGIN)),
]

# name: (method, url, body, statuses in the roles' order as above)
API_ROWS = {
    "cmp history in": ("get", f"{A}/history/T1B1/", None, (200, 200, 200, 200, 200, 200, 200, 404, 401)),
    "cmp history out": ("get", f"{A}/history/T2B1/", None, (200, 404, 404, 200, 200, 404, 404, 404, 401)),
    "cmp history post": ("post", f"{A}/history/T1B1/", {}, (405, 405, 405, 405, 405, 405, 405, 405, 401)),
    "cmp peers in": ("get", f"{A}/peers/T1B1/", None, (200, 200, 200, 200, 200, 200, 200, 404, 401)),
    "cmp peers out": ("get", f"{A}/peers/T2B1/?round={{round}}", None, (200, 404, 404, 200, 200, 404, 404, 404, 401)),
    "cmp within in": ("get", f"{A}/within/T1/", None, (200, 200, 404, 200, 200, 404, 404, 404, 401)),
    "cmp within out": ("get", f"{A}/within/T2/", None, (200, 404, 404, 200, 200, 404, 404, 404, 401)),
    "cmp outside": ("get", f"{A}/outside/?by=sector", None, (200, 200, 200, 200, 200, 200, 200, 404, 401)),
    "cmp outside bad": ("get", f"{A}/outside/?by=x", None, (400, 400, 400, 400, 400, 400, 400, 400, 401)),
}


def setup(tree) -> dict:
    scheme = Scheme.objects.create(name="四比测评", sector="village")
    round_ = _round(scheme, "2025年度民主测评", 2025, "released", [
        (tree.b1, None, 88.0, VILLAGE_BRANCH, 1, 2, 1, "advanced"), (tree.b2, None, 64.0, VILLAGE_BRANCH, 2, 2, 3, "fair"),
        (tree.t1, None, 85.0, VILLAGE_COMMITTEE, 1, 2, 2, "good"), (tree.t2, None, 60.0, VILLAGE_COMMITTEE, 2, 2, 4, "fair"),
    ])
    return {"round": round_.pk}
