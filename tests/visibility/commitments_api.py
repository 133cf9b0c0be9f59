"""The commitment endpoints of /api/v1/commitments/ by role (rows of tests/api/test_visibility.py).

World: tests/visibility/_commitments_api_world.py. Published pledges: `c_in` of T1B1
(inside the T1 users' view), `c_out` of T2B1 (outside it). `draft` is T1's own draft, seen
by its writers above T1B1 (county and T1 admins) and inspectors; `submitted` is member
M1's pledge awaiting review, seen by the admins of T1B1 and above, inspectors and M1's
user (the tree's member). An action on a visible pledge that the rules refuse is a 403
before its input is read; what a role cannot see is a 404.
"""
from __future__ import annotations

import datetime

from django.utils import timezone

from ._commitments_api_world import world

API = "/api/v1/commitments"
LATER = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
ITEM = {"content": "新增承诺事项", "target": "年底前完成", "deadline": LATER, "category": "service"}
A = 401  # anonymous

# name: (method, url, body, statuses for county_admin, org_admin, branch_admin, leader, inspector,
#        member, affiliate, nobody, anonymous)
API_ROWS = {
    "cm list": ("get", f"{API}/", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "cm list filtered": (
        "get", f"{API}/?campaign={{campaign}}&status=published&org=T1B1", None, (200, 200, 200, 200, 200, 200, 200, 400, A)
    ),
    "cm inside": ("get", f"{API}/{{c_in}}/", None, (200, 200, 200, 200, 200, 200, 200, 404, A)),
    "cm outside": ("get", f"{API}/{{c_out}}/", None, (200, 404, 404, 200, 200, 404, 404, 404, A)),
    "cm draft": ("get", f"{API}/{{draft}}/", None, (200, 200, 404, 404, 200, 404, 404, 404, A)),
    "cm submitted": ("get", f"{API}/{{submitted}}/", None, (200, 200, 200, 404, 200, 200, 404, 404, A)),
    "cm missing": ("get", f"{API}/999999/", None, (404, 404, 404, 404, 404, 404, 404, 404, A)),
    "cm create T2": (
        "post", f"{API}/", {"campaign": "{campaign}", "org_code": "T2"}, (201, 400, 400, 403, 403, 400, 400, 400, A)
    ),
    "cm create existing": (
        "post", f"{API}/", {"campaign": "{campaign}", "org_code": "T1B1"}, (200, 200, 200, 403, 403, 403, 403, 400, A)
    ),
    "cm create member": (
        "post", f"{API}/", {"campaign": "{campaign}", "member_code": "M1"}, (403, 403, 403, 403, 403, 200, 403, 400, A)
    ),
    "cm submit draft": ("post", f"{API}/{{draft}}/submit/", {}, (200, 200, 404, 404, 403, 404, 404, 404, A)),
    "cm approve submitted": (
        "post", f"{API}/{{submitted}}/approve/", {}, (200, 200, 200, 404, 403, 403, 404, 404, A)
    ),
    "cm approve published": ("post", f"{API}/{{c_in}}/approve/", {}, (403, 403, 403, 403, 403, 403, 403, 404, A)),
    "cm return submitted": (
        "post", f"{API}/{{submitted}}/return/", {"reason": "目标不够具体"}, (200, 200, 200, 404, 403, 403, 404, 404, A)
    ),
    "cm return without reason": (
        "post", f"{API}/{{submitted}}/return/", {}, (400, 400, 400, 404, 403, 403, 404, 404, A)
    ),
    "cm judge inside": (
        "post", f"{API}/{{c_in}}/judge/", {"judgement": "good"}, (200, 200, 403, 403, 403, 403, 403, 404, A)
    ),
    "cm judge outside": (
        "post", f"{API}/{{c_out}}/judge/", {"judgement": "good"}, (200, 404, 404, 403, 403, 404, 404, 404, A)
    ),
    "cm add item to draft": ("post", f"{API}/{{draft}}/items/", ITEM, (201, 201, 404, 404, 403, 404, 404, 404, A)),
    "cm add item to published": (
        "post", f"{API}/{{c_in}}/items/", ITEM, (403, 403, 403, 403, 403, 403, 403, 404, A)
    ),
    "item list": ("get", f"{API}/items/", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "item list overdue": ("get", f"{API}/items/?status=overdue", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "item inside": ("get", f"{API}/items/{{item_in}}/", None, (200, 200, 200, 200, 200, 200, 200, 404, A)),
    "item outside": ("get", f"{API}/items/{{item_out}}/", None, (200, 404, 404, 200, 200, 404, 404, 404, A)),
    "item of a draft": ("get", f"{API}/items/{{item_draft}}/", None, (200, 200, 404, 404, 200, 404, 404, 404, A)),
    "item change draft": (
        "patch", f"{API}/items/{{item_draft}}/", {"target": "提前完成"}, (200, 200, 404, 404, 403, 404, 404, 404, A)
    ),
    "item change published": (
        "patch", f"{API}/items/{{item_in}}/", {"target": "提前完成"}, (403, 403, 403, 403, 403, 403, 403, 404, A)
    ),
    "item remove draft": ("post", f"{API}/items/{{item_draft}}/remove/", {}, (204, 204, 404, 404, 403, 404, 404, 404, A)),
    "item remove published": (
        "post", f"{API}/items/{{item_in}}/remove/", {}, (403, 403, 403, 403, 403, 403, 403, 404, A)
    ),
    "item progress without input": (
        "post", f"{API}/items/{{item_in}}/progress/", None, (400, 400, 400, 403, 403, 403, 403, 404, A)
    ),
    "item outcome inside": (
        "post", f"{API}/items/{{item_in}}/outcome/", {"outcome": "delivered", "note": "已完成"},
        (201, 201, 201, 403, 403, 403, 403, 404, A),
    ),
    "item outcome outside": (
        "post", f"{API}/items/{{item_out}}/outcome/", {"outcome": "delivered", "note": "已完成"},
        (201, 404, 404, 403, 403, 404, 404, 404, A),
    ),
    "item timeline": ("get", f"{API}/items/{{item_in}}/timeline/", None, (200, 200, 200, 200, 200, 200, 200, 404, A)),
    "item timeline of a draft": (
        "get", f"{API}/items/{{item_draft}}/timeline/", None, (200, 200, 404, 404, 200, 404, 404, 404, A)
    ),
    "feedback list": ("get", f"{API}/feedback/", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "feedback inside": ("get", f"{API}/feedback/{{fb_in}}/", None, (200, 200, 200, 404, 200, 404, 404, 404, A)),
    "feedback outside": ("get", f"{API}/feedback/{{fb_out}}/", None, (200, 404, 404, 404, 200, 404, 404, 404, A)),
    "feedback moderate inside": (
        "post", f"{API}/feedback/{{fb_in}}/moderate/", {"show": True}, (200, 200, 200, 404, 403, 404, 404, 404, A)
    ),
    "feedback moderate outside": (
        "post", f"{API}/feedback/{{fb_out}}/moderate/", {"show": True}, (200, 404, 404, 404, 403, 404, 404, 404, A)
    ),
    "dashboard": (
        "get", f"{API}/dashboard/?campaign={{campaign}}", None, (200, 200, 200, 200, 200, 200, 200, 200, A)
    ),
    "dashboard without campaign": ("get", f"{API}/dashboard/", None, (400, 400, 400, 400, 400, 400, 400, 400, A)),
    "dashboard overdue": (
        "get", f"{API}/dashboard/overdue/?campaign={{campaign}}&sort=progress", None,
        (200, 200, 200, 200, 200, 200, 200, 200, A),
    ),
}


def setup(tree) -> dict:
    return world(tree)
