"""Visibility rows of theory seminars (/seminars/ and /api/v1/seminars…), on the world of
tests/seminars/world.py: a draft, an open call (paper_in from T1B1, paper_out from T2B1), a
seminar under review (review_r: the leader's, of a T1B1 paper) and a published one.

Seminars past the draft: everyone with a role (and reviewers); drafts: county admins.
Papers, with their authors: county admins, and the admins of the paper's organisation.
Reviews: the reviewer and county admins. The proceedings: everyone, signed in or not."""
from tests.seminars.world import world

LOGIN = "302 to the login page"
SAVED = "302 after a write"
A = 401


def everyone(status) -> tuple:
    return (status,) * 9


def signed_in(status) -> tuple:
    return (status,) * 8 + (LOGIN,)


#                                                                                   county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    ("GET",  "/seminars/",                                  None,                  signed_in(200)),
    ("GET",  "/seminars/?state=open&q=abc",                 None,                  signed_in(200)),
    ("POST", "/seminars/",                                  {},                    signed_in(405)),
    ("GET",  "/seminars/new/",                              None,                  (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", "/seminars/new/",                              {},                    (400,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  "/seminars/{call}/",                           None,                  (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  "/seminars/{call}/?status=submitted&q=abc",    None,                  (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  "/seminars/{draft}/",                          None,                  (200,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("GET",  "/seminars/{call}/edit/",                      None,                  (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/seminars/{call}/edit/",                      {},                    (400,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/seminars/{draft}/state/",                    {"action": "open"},    (SAVED, 404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", "/seminars/{call}/state/",                     {"action": "review"},  (302,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  "/seminars/{call}/state/",                     None,                  (405,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/seminars/{call}/assign/",                    {},                    (400,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/seminars/{call}/assign/",                    {"reviewers": "inspector", "per_paper": "1"},
                                                                                   (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  "/seminars/{review}/publish/",                 None,                  (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/seminars/{review}/publish/",                 {},                    (400,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  "/seminars/{call}/submit/",                    None,                  (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/seminars/{call}/submit/",                    {},                    (400,   400,   400,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  "/seminars/papers/{paper_in}/",                None,                  (200,   200,   200,   404,   404,   404,   404,   404,   LOGIN)),
    ("GET",  "/seminars/papers/{paper_out}/",               None,                  (200,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("GET",  "/seminars/papers/{paper_in}/edit/",           None,                  (200,   200,   200,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", "/seminars/papers/{paper_in}/edit/",           {},                    (400,   400,   400,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", "/seminars/papers/{paper_in}/edit/",           {"title": "新题目", "abstract": "新摘要"},
                                                                                   (SAVED, SAVED, SAVED, 404,   404,   404,   404,   404,   LOGIN)),
    ("POST", "/seminars/papers/{paper_in}/withdraw/",       {},                    (SAVED, SAVED, SAVED, 404,   404,   404,   404,   404,   LOGIN)),
    ("POST", "/seminars/papers/{paper_out}/withdraw/",      {},                    (SAVED, 404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("GET",  "/seminars/papers/{paper_in}/file/",           None,                  (200,   200,   200,   404,   404,   404,   404,   404,   LOGIN)),
    ("GET",  "/seminars/papers/{paper_out}/file/",          None,                  (200,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", "/seminars/papers/{paper_in}/reviewers/",      {"username": "inspector"},
                                                                                   (SAVED, 403,   403,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", "/seminars/papers/{paper_in}/reviewers/",      {},                    (400,   403,   403,   404,   404,   404,   404,   404,   LOGIN)),
    ("GET",  "/seminars/reviews/",                          None,                  signed_in(200)),
    ("GET",  "/seminars/reviews/?scored=no",                None,                  signed_in(200)),
    ("GET",  "/seminars/reviews/{review_r}/",               None,                  (200,   404,   404,   200,   404,   404,   404,   404,   LOGIN)),
    ("POST", "/seminars/reviews/{review_r}/",               {},                    (403,   404,   404,   400,   404,   404,   404,   404,   LOGIN)),
    ("GET",  "/seminars/reviews/{review_r}/file/",          None,                  (200,   404,   404,   200,   404,   404,   404,   404,   LOGIN)),
    ("POST", "/seminars/reviews/{review_r}/remove/",        {},                    (SAVED, 404,   404,   403,   404,   404,   404,   404,   LOGIN)),
    ("GET",  "/seminars/proceedings/",                      None,                  everyone(200)),
    ("GET",  "/seminars/proceedings/?q=研讨",                None,                  everyone(200)),
    ("POST", "/seminars/proceedings/",                      {},                    everyone(405)),
    ("GET",  "/seminars/proceedings/{published}/",          None,                  everyone(200)),
    ("GET",  "/seminars/proceedings/{call}/",               None,                  everyone(404)),
]


def setup(tree) -> dict:
    return world(tree)


API = "/api/v1"
NEW_SEMINAR = {"title": "新研讨会", "theme": "主题", "call_text": "征文", "opens_on": "2030-01-01",
               "closes_on": "2030-02-01", "reviews_due": "2030-03-01",
               "criteria": [{"name": "思想性", "max_points": 60}, {"name": "创新性", "max_points": 40}]}

# name: (method, url, body, statuses for county_admin, org_admin, branch_admin, leader, inspector,
#        member, affiliate, nobody, anonymous)
API_ROWS = {
    "seminar list": ("get", f"{API}/seminars/", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "seminar list filtered": ("get", f"{API}/seminars/?state=open", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "seminar open call": ("get", f"{API}/seminars/{{call}}/", None, (200, 200, 200, 200, 200, 200, 200, 404, A)),
    "seminar draft": ("get", f"{API}/seminars/{{draft}}/", None, (200, 404, 404, 404, 404, 404, 404, 404, A)),
    "seminar create": ("post", f"{API}/seminars/", NEW_SEMINAR, (201, 403, 403, 403, 403, 403, 403, 403, A)),
    "seminar create empty": ("post", f"{API}/seminars/", {}, (400, 403, 403, 403, 403, 403, 403, 403, A)),
    "seminar open": ("post", f"{API}/seminars/{{draft}}/open/", {}, (200, 404, 404, 404, 404, 404, 404, 404, A)),
    "seminar start review": (
        "post", f"{API}/seminars/{{call}}/start-review/", {}, (400, 403, 403, 403, 403, 403, 403, 404, A)
    ),
    "seminar assign": (
        "post", f"{API}/seminars/{{call}}/assign/", {"reviewers": ["inspector"], "per_paper": 1},
        (200, 403, 403, 403, 403, 403, 403, 404, A),
    ),
    "seminar publish": (
        "post", f"{API}/seminars/{{review}}/publish/", {"first": 1}, (400, 403, 403, 403, 403, 403, 403, 404, A)
    ),
    "seminar results": (
        "get", f"{API}/seminars/{{published}}/results/", None, (200, 200, 200, 200, 200, 200, 200, 404, A)
    ),
    "seminar results unpublished": (
        "get", f"{API}/seminars/{{call}}/results/", None, (404, 404, 404, 404, 404, 404, 404, 404, A)
    ),
    "paper list": ("get", f"{API}/seminar-papers/", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "paper list filtered": (
        "get", f"{API}/seminar-papers/?seminar={{call}}&paper_status=submitted", None,
        (200, 200, 200, 200, 200, 200, 200, 200, A),
    ),
    "paper inside": ("get", f"{API}/seminar-papers/{{paper_in}}/", None, (200, 200, 200, 404, 404, 404, 404, 404, A)),
    "paper outside": ("get", f"{API}/seminar-papers/{{paper_out}}/", None, (200, 404, 404, 404, 404, 404, 404, 404, A)),
    "paper submit empty": ("post", f"{API}/seminar-papers/", {}, (400, 400, 400, 403, 403, 403, 403, 403, A)),
    "paper withdraw inside": (
        "post", f"{API}/seminar-papers/{{paper_in}}/withdraw/", {}, (200, 200, 200, 404, 404, 404, 404, 404, A)
    ),
    "paper withdraw outside": (
        "post", f"{API}/seminar-papers/{{paper_out}}/withdraw/", {}, (200, 404, 404, 404, 404, 404, 404, 404, A)
    ),
    "paper replace": (
        "post", f"{API}/seminar-papers/{{paper_in}}/replace/", {"title": "新题目", "abstract": "新摘要"},
        (200, 200, 200, 404, 404, 404, 404, 404, A),
    ),
    "review list": ("get", f"{API}/seminar-reviews/", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "review leader's": ("get", f"{API}/seminar-reviews/{{review_r}}/", None, (200, 404, 404, 200, 404, 404, 404, 404, A)),
    "review score empty": (
        "post", f"{API}/seminar-reviews/{{review_r}}/score/", {}, (403, 404, 404, 400, 404, 404, 404, 404, A)
    ),
}
