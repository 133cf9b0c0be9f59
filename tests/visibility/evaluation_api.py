"""The evaluation endpoints of /api/v1/evaluation/ by role (rows of tests/api/test_visibility.py).

Every round of the evaluation world evaluates T1B1 (inside the T1 users' view) and T2B1
(outside it), so all but `nobody` see those rounds; `outside` is a released round over
T2B1 alone, which the T1 users do not see at all. Results before release: 404, except
county admins, who get 403. Tallies: county admins and inspectors read them, others who
see the round get 403. The ballot box takes no login: the same answer for every role.
"""
from __future__ import annotations

import datetime

from django.utils import timezone

from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import RoundKind
from pacesetter.evaluation.models import Round, RoundGroup, RoundSubject, Scheme
from pacesetter.evaluation.tally import tally_round

from ._evaluation_world import world

API = "/api/v1/evaluation"
SCHEME = {
    "name": "学校测评", "sector": "school",
    "indicators": [{"question": "师德师风", "scale": "grade4", "weight": 100}],
    "groups": [{"kind": "members", "weight": 100}],
}
ROUND = {
    "name": "新一轮测评", "kind": "democratic", "scheme": "{scheme}",
    "opens_at": "2030-01-01T08:00:00+08:00", "closes_at": "2030-01-08T08:00:00+08:00",
    "subject_codes": ["T1B1"], "groups": [{"kind": "members", "expected": 10}],
}

# name: (method, url, body, statuses for county_admin, org_admin, branch_admin, leader, inspector,
#        member, affiliate, nobody, anonymous)
API_ROWS = {
    "eval scheme list": ("get", f"{API}/schemes/", None, (200, 200, 200, 200, 200, 200, 200, 200, 401)),
    "eval scheme": ("get", f"{API}/schemes/{{scheme}}/", None, (200, 200, 200, 200, 200, 200, 200, 404, 401)),
    "eval scheme missing": ("get", f"{API}/schemes/999999/", None, (404, 404, 404, 404, 404, 404, 404, 404, 401)),
    "eval scheme create": ("post", f"{API}/schemes/", SCHEME, (201, 403, 403, 403, 403, 403, 403, 403, 401)),
    "eval scheme change draft": (
        "patch", f"{API}/schemes/{{draft_scheme}}/", {"name": "改名"}, (200, 403, 403, 403, 403, 403, 403, 404, 401)
    ),
    "eval scheme change locked": (
        "patch", f"{API}/schemes/{{scheme}}/", {"name": "改名"}, (400, 403, 403, 403, 403, 403, 403, 404, 401)
    ),
    "eval scheme activate": (
        "post", f"{API}/schemes/{{draft_scheme}}/activate/", {}, (200, 403, 403, 403, 403, 403, 403, 404, 401)
    ),
    "eval round list": ("get", f"{API}/rounds/", None, (200, 200, 200, 200, 200, 200, 200, 200, 401)),
    "eval round": ("get", f"{API}/rounds/{{released}}/", None, (200, 200, 200, 200, 200, 200, 200, 404, 401)),
    "eval round outside": ("get", f"{API}/rounds/{{outside}}/", None, (200, 404, 404, 200, 200, 404, 404, 404, 401)),
    "eval round create": ("post", f"{API}/rounds/", ROUND, (201, 403, 403, 403, 403, 403, 403, 403, 401)),
    "eval round change draft": (
        "patch", f"{API}/rounds/{{draft}}/", {"name": "改名"}, (200, 403, 403, 403, 403, 403, 403, 404, 401)
    ),
    "eval round open": ("post", f"{API}/rounds/{{draft}}/open/", {}, (200, 403, 403, 403, 403, 403, 403, 404, 401)),
    "eval round close": ("post", f"{API}/rounds/{{open}}/close/", {}, (200, 403, 403, 403, 403, 403, 403, 404, 401)),
    "eval round release": (
        "post", f"{API}/rounds/{{closed}}/release/", {}, (200, 403, 403, 403, 403, 403, 403, 404, 401)
    ),
    "eval round release outside": (
        "post", f"{API}/rounds/{{outside}}/release/", {}, (400, 404, 404, 403, 403, 404, 404, 404, 401)
    ),
    "eval subjects": (
        "get", f"{API}/rounds/{{released}}/subjects/", None, (200, 200, 200, 200, 200, 200, 200, 404, 401)
    ),
    "eval subjects outside": (
        "get", f"{API}/rounds/{{outside}}/subjects/", None, (200, 404, 404, 200, 200, 404, 404, 404, 401)
    ),
    "eval results": ("get", f"{API}/rounds/{{released}}/results/", None, (200, 200, 200, 200, 200, 200, 200, 404, 401)),
    "eval results outside": (
        "get", f"{API}/rounds/{{outside}}/results/", None, (200, 404, 404, 200, 200, 404, 404, 404, 401)
    ),
    "eval results closed": (
        "get", f"{API}/rounds/{{closed}}/results/", None, (403, 404, 404, 404, 404, 404, 404, 404, 401)
    ),
    "eval results draft": (
        "get", f"{API}/rounds/{{draft}}/results/", None, (403, 404, 404, 404, 404, 404, 404, 404, 401)
    ),
    "eval tally": ("get", f"{API}/rounds/{{closed}}/tally/", None, (200, 403, 403, 403, 200, 403, 403, 404, 401)),
    "eval tally outside": (
        "get", f"{API}/rounds/{{outside}}/tally/", None, (200, 404, 404, 403, 200, 404, 404, 404, 401)
    ),
    "eval tally open": ("get", f"{API}/rounds/{{open}}/tally/", None, (404, 403, 403, 403, 404, 403, 403, 404, 401)),
    "eval recount": ("post", f"{API}/rounds/{{closed}}/tally/", {}, (200, 403, 403, 403, 403, 403, 403, 404, 401)),
    "eval ballot unknown token": (
        "post", f"{API}/ballots/", {"token": "Z" * 24, "answers": {}}, (404, 404, 404, 404, 404, 404, 404, 404, 404)
    ),
    "eval ballot missing answers": (
        "post", f"{API}/ballots/", {"token": "{token}", "answers": {}}, (400, 400, 400, 400, 400, 400, 400, 400, 400)
    ),
}


def setup(tree) -> dict:
    """The evaluation world, a released round over T2B1 alone, and a fresh token of the open round."""
    values = world(tree)
    scheme = Scheme.objects.get(pk=values["scheme"])
    now = timezone.now()
    outside = domain.create_round(
        scheme=scheme, kind=RoundKind.DEMOCRATIC, name="outside round", opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=7), min_n=1, by=None,
    )
    domain.add_subjects(outside, organizations=[tree.b2], by=None)
    domain.add_group(outside, voter_group=scheme.groups.order_by("id").first(), expected=5, by=None)
    for step in (domain.open_round, domain.close_round):
        outside = step(outside, by=None)
    tally_round(outside, by=None)
    values["outside"] = domain.release_results(outside, by=None).pk
    open_round = Round.objects.get(pk=values["open"])
    values["token"] = domain.make_tokens(
        open_round, subject=RoundSubject.objects.get(pk=values["open_in"]),
        group=RoundGroup.objects.filter(round=open_round).order_by("id").first(), count=1, by=None,
    )[0]
    return values
