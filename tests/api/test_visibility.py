"""Role × endpoint × object inside / outside the role's subtree → status code.

The `tree` fixture: county C → T1 → T1B1 (member M1), C → T2 → T2B1 (member M2), leader L1
in C; county_admin, leader and inspector sit on C, org_admin on T1, branch_admin, member
and affiliate on T1B1, nobody has no role. These tests add leader L2 in T1.
"""
import re

import pytest
from django.core.cache import cache
from django.db import transaction
from rest_framework.test import APIClient

from .. import visibility
from ..factories import LeaderFactory
from .fuzzing import openapi

ROLES = ("county_admin", "org_admin", "branch_admin", "leader", "inspector", "member", "affiliate", "nobody", "anonymous")

ORG = {"name": "新支部", "level": "branch", "sector": "village"}
MEMBER = {"name": "新党员", "gender": "F", "status": "formal"}
LEADER = {"name": "新领导", "title": "副县长"}
HTTP_METHODS = ("get", "post", "put", "patch", "delete")

# name: (method, url, body, statuses in ROLES order)
#                                                                      county org  branch leader insp member affil nobody anon
CASES = {
    "org list": ("get", "/api/v1/organizations/", None, (200, 200, 200, 200, 200, 200, 200, 200, 401)),
    "org inside": ("get", "/api/v1/organizations/T1B1/", None, (200, 200, 200, 200, 200, 200, 200, 404, 401)),
    "org outside": ("get", "/api/v1/organizations/T2B1/", None, (200, 404, 404, 200, 200, 404, 404, 404, 401)),
    "org change inside": (
        "patch", "/api/v1/organizations/T1B1/", {"secretary": "赵六"}, (200, 200, 200, 403, 403, 403, 403, 404, 401)
    ),
    "org change outside": (
        "patch", "/api/v1/organizations/T2B1/", {"secretary": "赵六"}, (200, 404, 404, 403, 403, 404, 404, 404, 401)
    ),
    "org create inside": (
        "post", "/api/v1/organizations/", {**ORG, "code": "N1", "parent_code": "T1B1"},
        (201, 201, 201, 403, 403, 403, 403, 403, 401),
    ),
    "org create outside": (
        "post", "/api/v1/organizations/", {**ORG, "code": "N1", "parent_code": "T2B1"},
        (201, 400, 400, 403, 403, 403, 403, 403, 401),
    ),
    "org move": (
        "post", "/api/v1/organizations/T1B1/move/", {"parent_code": "T2"}, (200, 400, 400, 403, 403, 403, 403, 404, 401)
    ),
    "org dissolve inside": (
        "post", "/api/v1/organizations/T1B1/dissolve/", {}, (200, 200, 200, 403, 403, 403, 403, 404, 401)
    ),
    "org dissolve outside": (
        "post", "/api/v1/organizations/T2B1/dissolve/", {}, (200, 404, 404, 403, 403, 404, 404, 404, 401)
    ),
    "org merge": (
        "post", "/api/v1/organizations/T2B1/merge/", {"into_code": "T1B1"}, (200, 404, 404, 403, 403, 404, 404, 404, 401)
    ),
    "member list": ("get", "/api/v1/members/", None, (200, 200, 200, 200, 200, 200, 200, 200, 401)),
    "member inside": ("get", "/api/v1/members/M1/", None, (200, 200, 200, 200, 200, 200, 200, 404, 401)),
    "member outside": ("get", "/api/v1/members/M2/", None, (200, 404, 404, 200, 200, 404, 404, 404, 401)),
    "member change inside": (
        "patch", "/api/v1/members/M1/", {"education": "研究生"}, (200, 200, 200, 403, 403, 403, 403, 404, 401)
    ),
    "member change outside": (
        "patch", "/api/v1/members/M2/", {"education": "研究生"}, (200, 404, 404, 403, 403, 404, 404, 404, 401)
    ),
    "member create inside": (
        "post", "/api/v1/members/", {**MEMBER, "code": "M9", "org_code": "T1B1"},
        (201, 201, 201, 403, 403, 403, 403, 403, 401),
    ),
    "member create outside": (
        "post", "/api/v1/members/", {**MEMBER, "code": "M9", "org_code": "T2B1"},
        (201, 400, 400, 403, 403, 403, 403, 403, 401),
    ),
    "leader list": ("get", "/api/v1/leaders/", None, (200, 200, 200, 200, 200, 200, 200, 200, 401)),
    "leader in T1": ("get", "/api/v1/leaders/L2/", None, (200, 200, 404, 200, 200, 404, 404, 404, 401)),
    "leader in C": ("get", "/api/v1/leaders/L1/", None, (200, 404, 404, 200, 200, 404, 404, 404, 401)),
    "leader change in T1": (
        "patch", "/api/v1/leaders/L2/", {"title": "县长"}, (200, 403, 404, 403, 403, 404, 404, 404, 401)
    ),
    "leader change in C": (
        "patch", "/api/v1/leaders/L1/", {"title": "县长"}, (200, 404, 404, 403, 403, 404, 404, 404, 401)
    ),
    "leader create": (
        "post", "/api/v1/leaders/", {**LEADER, "code": "L9", "org_code": "T1"},
        (201, 403, 403, 403, 403, 403, 403, 403, 401),
    ),
    "me": ("get", "/api/v1/me/", None, (200, 200, 200, 200, 200, 200, 200, 200, 401)),
}

TABLE = [
    pytest.param(name, role, statuses[i], id=f"{name}-{role}")
    for name, (_, _, _, statuses) in CASES.items()
    for i, role in enumerate(ROLES)
]
# The cases that live beside their mechanism (tests/visibility/), with the objects they name.
MORE = visibility.api_rows()

@pytest.mark.parametrize(("case", "role", "expected"), TABLE)
def test_api_status_by_role(tree, login, case, role, expected):
    LeaderFactory(organization=tree.t1, code="L2")
    method, url, body, _ = CASES[case]
    client = login(None if role == "anonymous" else getattr(tree.users, role))
    response = getattr(client, method)(url, body, format="json") if body is not None else getattr(client, method)(url)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_more_api_status_by_role(tree, role):
    """One role walks every case of tests/visibility/ over one world of objects; each request
    runs in a savepoint that is rolled back, so every case starts from the same database (a
    world per case and role would be built hundreds of times)."""
    values = visibility.setup_all(tree)
    user = None if role == "anonymous" else getattr(tree.users, role)
    column = ROLES.index(role)
    expected, actual = [], []
    for name, (module, (method, url, body, statuses)) in MORE.items():
        url, body = visibility.fill(url, values[module]), visibility.fill(body, values[module])
        cache.clear()  # the anonymous throttles count in the cache, which outlives the rollback
        with transaction.atomic():
            client = APIClient()
            if user is not None:
                client.force_login(user)
            call = getattr(client, method)
            response = call(url, body, format="json") if body is not None else call(url)
            transaction.set_rollback(True)
        expected.append((name, statuses[column]))
        actual.append((name, response.status_code))
    assert actual == expected


ORG_CODES_SEEN = {
    "county_admin": ["C", "T1", "T1B1", "T2", "T2B1"],
    "org_admin": ["T1", "T1B1"],
    "branch_admin": ["T1B1"],
    "leader": ["C", "T1", "T1B1", "T2", "T2B1"],
    "inspector": ["C", "T1", "T1B1", "T2", "T2B1"],
    "member": ["T1B1"],
    "affiliate": ["T1B1"],
    "nobody": [],
}


@pytest.mark.parametrize(("role", "codes"), ORG_CODES_SEEN.items())
def test_organization_list_holds_exactly_the_visible_subtree(tree, login, role, codes):
    response = login(getattr(tree.users, role)).get("/api/v1/organizations/")
    assert [o["code"] for o in response.json()["results"]] == codes


MEMBER_CODES_SEEN = {
    "county_admin": ["M1", "M2"],
    "org_admin": ["M1"],
    "branch_admin": ["M1"],
    "inspector": ["M1", "M2"],
    "member": ["M1"],
    "nobody": [],
}


@pytest.mark.parametrize(("role", "codes"), MEMBER_CODES_SEEN.items())
def test_member_list_holds_exactly_the_visible_members(tree, login, role, codes):
    response = login(getattr(tree.users, role)).get("/api/v1/members/")
    assert [m["code"] for m in response.json()["results"]] == codes


def test_invisible_and_missing_organizations_answer_alike(tree, login):
    client = login(tree.users.org_admin)
    invisible, missing = client.get("/api/v1/organizations/T2B1/"), client.get("/api/v1/organizations/NOPE/")
    assert (invisible.status_code, invisible.json()) == (missing.status_code, missing.json())


def test_invisible_and_missing_parents_are_the_same_unknown(tree, login):
    client = login(tree.users.org_admin)
    answers = [
        client.post("/api/v1/organizations/", {**ORG, "code": "N1", "parent_code": code}, format="json").json()
        for code in ("T2B1", "NOPE")
    ]
    assert answers == [
        {"parent_code": ["Unknown organisation: T2B1."]},
        {"parent_code": ["Unknown organisation: NOPE."]},
    ]


def _operation_template(url: str, paths) -> str | None:
    """The schema path a case's URL is an instance of; the most literal one when several match
    (`/x/export/` rather than `/x/{id}/`)."""
    url = url.split("?")[0]
    matching = [p for p in paths if re.fullmatch(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(p)), url)]
    return max(matching, key=lambda p: len(re.sub(r"\{[^}]+\}", "", p))) if matching else None


def test_every_openapi_operation_has_a_row():
    """Every method and path of the schema has at least one case in this table or in
    tests/visibility/ (a new endpoint fails here until its statuses per role are written down)."""
    paths = openapi()["paths"]
    operations = {(method.upper(), path) for path, item in paths.items() for method in item if method in HTTP_METHODS}
    rows = [(method, url) for method, url, _body, _statuses in CASES.values()]
    rows += [(method, visibility.sample(url)) for _module, (method, url, _body, _statuses) in MORE.values()]
    covered = {(method.upper(), _operation_template(url, paths)) for method, url in rows}
    assert (sorted(operations - covered), len(operations) > 200) == ([], True)
