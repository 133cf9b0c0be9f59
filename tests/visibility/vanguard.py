"""Visibility rows of vanguard projects (/vanguard/ and /api/v1/vanguard-…), on the world of
tests/vanguard/world.py: in_ and done_in belong to T1B1 and are led by M1 (the `member`
user's record), out to T2B1; done_in is completed and reviewed (review_in).

Seeing: county admins, inspectors and leaders (on the county) all; T1's admins their
subtree's; the member the projects they own; affiliates and nobody none. Changing: county
and organisation admins over the project's organisation; the owning member logs progress
only; a review comes from a county admin or an admin above the project's organisation
(T1's admin for T1B1, not T1B1's own)."""
from pacesetter.vanguard import domain
from pacesetter.vanguard.enums import Rating
from tests.vanguard.world import world

LOGIN = "302 to the login page"
SAVED = "302 after a write"
A = 401

#                 county org    branch leader insp   member affil  nobody anon
SIGNED_IN = (200,) * 8 + (LOGIN,)
CREATES = (200, 200, 200, 403, 403, 403, 403, 403, LOGIN)
CREATE_EMPTY = (400, 400, 400, 403, 403, 403, 403, 403, LOGIN)
SEE_IN = (200, 200, 200, 200, 200, 200, 404, 404, LOGIN)
SEE_OUT = (200, 404, 404, 200, 200, 404, 404, 404, LOGIN)
EDIT_IN = (200, 200, 200, 403, 403, 403, 404, 404, LOGIN)
EDIT_OUT = (200, 404, 404, 403, 403, 404, 404, 404, LOGIN)
EMPTY_IN = (400, 400, 400, 403, 403, 403, 404, 404, LOGIN)
PROGRESS_IN = (200, 200, 200, 403, 403, 200, 404, 404, LOGIN)
REVIEW_IN = (200, 200, 403, 403, 403, 403, 404, 404, LOGIN)
PROGRESS = {"date": "2025-05-01", "percent": "50", "text": "完成服务台改造"}

PAGE_ROWS = [
    ("GET",  "/vanguard/",                                    None, SIGNED_IN),
    ("GET",  "/vanguard/?kind=post&state=running&org=T1&q=M1", None, SIGNED_IN),
    ("POST", "/vanguard/",                                    {},   (405,) * 8 + (LOGIN,)),
    ("GET",  "/vanguard/mine/",                               None, SIGNED_IN),
    ("GET",  "/vanguard/new/",                                None, CREATES),
    ("POST", "/vanguard/new/",                                {},   CREATE_EMPTY),
    ("GET",  "/vanguard/dashboard/",                          None, SIGNED_IN),
    ("GET",  "/vanguard/dashboard/export.xlsx",               None, SIGNED_IN),
    ("GET",  "/vanguard/{in_}/",                              None, SEE_IN),
    ("GET",  "/vanguard/{out}/",                              None, SEE_OUT),
    ("GET",  "/vanguard/{in_}/edit/",                         None, EDIT_IN),
    ("GET",  "/vanguard/{out}/edit/",                         None, EDIT_OUT),
    ("POST", "/vanguard/{in_}/edit/",                         {},   EMPTY_IN),
    ("GET",  "/vanguard/{in_}/state/",                        None, EDIT_IN),
    ("POST", "/vanguard/{out}/state/",                        {"state": "completed"},
     (SAVED, 404, 404, 403, 403, 404, 404, 404, LOGIN)),
    ("GET",  "/vanguard/{in_}/progress/",                     None, PROGRESS_IN),
    ("GET",  "/vanguard/{out}/progress/",                     None, (200, 404, 404, 403, 403, 404, 404, 404, LOGIN)),
    ("POST", "/vanguard/{in_}/progress/",                     PROGRESS,
     (SAVED, SAVED, SAVED, 403, 403, SAVED, 404, 404, LOGIN)),
    ("GET",  "/vanguard/{in_}/results/",                      None, EDIT_IN),
    ("POST", "/vanguard/{in_}/results/",                      {},   EMPTY_IN),
    ("GET",  "/vanguard/{in_}/evidence/",                     None, EDIT_IN),
    ("POST", "/vanguard/{in_}/evidence/",                     {},   EMPTY_IN),
    ("GET",  "/vanguard/{in_}/evidence/{evidence_in}/",       None, SEE_IN),
    ("GET",  "/vanguard/{out}/evidence/{evidence_in}/",       None, (404, 404, 404, 404, 404, 404, 404, 404, LOGIN)),
    ("GET",  "/vanguard/{done_in}/review/",                   None, REVIEW_IN),
    ("POST", "/vanguard/{done_in}/review/",                   {"rating": "good", "comment": "成效明显"},
     (SAVED, SAVED, 403, 403, 403, 403, 404, 404, LOGIN)),
]


def setup(tree) -> dict:
    made = world(tree)
    made.review_in = domain.review_project(made.done_in, by=tree.users.county_admin, rating=Rating.GOOD)
    return {name: str(obj.pk) for name, obj in vars(made).items()}


API = "/api/v1"
API_LIST = (200,) * 8 + (A,)
API_SEE_IN = (200, 200, 200, 200, 200, 200, 404, 404, A)
API_SEE_OUT = (200, 404, 404, 200, 200, 404, 404, 404, A)
API_CHANGE_IN = (200, 200, 200, 403, 403, 403, 404, 404, A)
API_CHANGE_OUT = (200, 404, 404, 403, 403, 404, 404, 404, A)
API_PROGRESS = {"project": "{in_}", "date": "2025-05-01", "percent": 50, "text": "完成服务台改造"}

API_ROWS = {
    "vanguard project list": ("get", f"{API}/vanguard-projects/", None, API_LIST),
    "vanguard project list filtered": ("get", (f"{API}/vanguard-projects/?vanguard_kind=post"
                                               "&vanguard_state=running&org=T1&mine=true&q=M1"), None, API_LIST),
    "vanguard project inside": ("get", f"{API}/vanguard-projects/{{in_}}/", None, API_SEE_IN),
    "vanguard project outside": ("get", f"{API}/vanguard-projects/{{out}}/", None, API_SEE_OUT),
    "vanguard project create empty": ("post", f"{API}/vanguard-projects/", {},
                                      (400, 400, 400, 403, 403, 403, 403, 403, A)),
    "vanguard project change inside": ("patch", f"{API}/vanguard-projects/{{in_}}/", {"title": "党员先锋岗·便民服务"},
                                       API_CHANGE_IN),
    "vanguard project change outside": ("patch", f"{API}/vanguard-projects/{{out}}/", {"title": "新标题"},
                                        API_CHANGE_OUT),
    "vanguard project state outside": ("post", f"{API}/vanguard-projects/{{out}}/state/",
                                       {"vanguard_state": "completed"}, API_CHANGE_OUT),
    "vanguard evidence inside": ("get", f"{API}/vanguard-projects/{{in_}}/evidence/", None, API_SEE_IN),
    "vanguard evidence outside": ("get", f"{API}/vanguard-projects/{{out}}/evidence/", None, API_SEE_OUT),
    # Evidence is multipart form data: a JSON body reaches 415 only where the upload is allowed.
    "vanguard evidence inside as json": ("post", f"{API}/vanguard-projects/{{in_}}/evidence/", {},
                                         (415, 415, 415, 403, 403, 403, 404, 404, A)),
    "vanguard evidence outside as json": ("post", f"{API}/vanguard-projects/{{out}}/evidence/", {},
                                          (415, 404, 404, 403, 403, 404, 404, 404, A)),
    "vanguard progress list": ("get", f"{API}/vanguard-progress/?project={{in_}}", None, API_LIST),
    "vanguard progress inside": ("get", f"{API}/vanguard-progress/{{progress_in}}/", None, API_SEE_IN),
    "vanguard progress add": ("post", f"{API}/vanguard-progress/", API_PROGRESS,
                              (201, 201, 201, 403, 403, 201, 400, 400, A)),
    "vanguard result list": ("get", f"{API}/vanguard-results/", None, API_LIST),
    "vanguard result inside": ("get", f"{API}/vanguard-results/{{result_in}}/", None, API_SEE_IN),
    "vanguard result add empty": ("post", f"{API}/vanguard-results/", {}, (400,) * 8 + (A,)),
    "vanguard review list": ("get", f"{API}/vanguard-reviews/", None, API_LIST),
    "vanguard review inside": ("get", f"{API}/vanguard-reviews/{{review_in}}/", None, API_SEE_IN),
    "vanguard review add": ("post", f"{API}/vanguard-reviews/", {"project": "{done_in}", "vanguard_rating": "good"},
                            (201, 201, 403, 403, 403, 403, 400, 400, A)),
}
