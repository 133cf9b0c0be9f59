"""Visibility rows of the notification inbox: everyone signed in has one and reads only their
own; {note} is a notification of `member`, so only `member` may mark it read."""
from pacesetter.notifications import domain

LOGIN = "302 to the login page"

#                                                                               county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    ("GET",  "/notifications/",                                      None,      (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  "/notifications/?state=unread&q=due",                   None,      (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("POST", "/notifications/",                                      {},        (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("POST", "/notifications/{note}/read/",                          {},        (404,   404,   404,   404,   404,   302,   404,   404,   LOGIN)),
    ("POST", "/notifications/999999/read/",                          {},        (404,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("GET",  "/notifications/{note}/read/",                          None,      (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("POST", "/notifications/read-all/",                             {},        (302,   302,   302,   302,   302,   302,   302,   302,   LOGIN)),
    ("GET",  "/notifications/read-all/",                             None,      (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
]

API = "/api/v1/notifications"
# name: (method, url, body, statuses for county_admin, org_admin, branch_admin, leader, inspector,
#        member, affiliate, nobody, anonymous)
API_ROWS = {
    "notification list": ("get", f"{API}/", None, (200, 200, 200, 200, 200, 200, 200, 200, 401)),
    "notification list bad filter": ("get", f"{API}/?state=maybe", None, (400, 400, 400, 400, 400, 400, 400, 400, 401)),
    "notification own": ("get", f"{API}/{{note}}/", None, (404, 404, 404, 404, 404, 200, 404, 404, 401)),
    "notification missing": ("get", f"{API}/999999/", None, (404, 404, 404, 404, 404, 404, 404, 404, 401)),
    "notification read": ("post", f"{API}/{{note}}/read/", {}, (404, 404, 404, 404, 404, 200, 404, 404, 401)),
    "notification read all": ("post", f"{API}/read-all/", {}, (200, 200, 200, 200, 200, 200, 200, 200, 401)),
}


def setup(tree) -> dict:
    users = vars(tree.users)
    domain.notify(users.values(), key="visibility.table", kind="test", title="通知", url="/", email=False)
    [note] = domain.notify([tree.users.member], key="visibility.member", kind="test", title="支部通知", email=False)
    return {"note": note.pk}
