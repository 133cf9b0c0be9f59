"""THE visibility table of the pages: role × URL × method (× object inside / outside the subtree) → status.

The `tree` fixture: county C → T1 → T1B1 (member M1), C → T2 → T2B1 (member M2), leader
L1 in C. county_admin, leader and inspector sit on C, org_admin on T1; branch_admin, member
and affiliate on T1B1; nobody has no role. For the T1 users the inside object is T1B1 / M1
and the outside one T2B1 / M2; the county-wide roles see both.

The REST endpoints under /api/v1/ have their own table (tests/api/test_visibility.py); the
schema, the API docs and /healthz are pages and are here. `test_every_url_pattern_is_in_a_table`
walks the URL resolver, so a new page cannot escape both tables.

One test per role walks every row with one `tree` (a tree per row and role would be 700
trees); a failure lists every row that differs. Each request runs in a savepoint that is
rolled back, so every row starts from the same database, and a row that is not SAVED must
leave the database unchanged.
"""
import re
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.views.static import serve as static_serve

from pacesetter.core.models import AuditEntry
from pacesetter.evaluation.models import Ballot
from pacesetter.orgs.importing.engine import ImportResult, RowError
from pacesetter.orgs.importing.report import save_report
from pacesetter.orgs.models import Leader, Member, Organization

from . import visibility
from .api.test_visibility import CASES as API_CASES

ROLES = ("county_admin", "org_admin", "branch_admin", "leader", "inspector", "member", "affiliate", "nobody", "anonymous")

LOGIN = "302 to the login page"  # 302 to /accounts/login/?next=<the url>, nothing written
SAVED = "302 after a write"  # a redirect after the change was made (the database changed)
ADMIN = "302 to the admin login page"

HTMX = {"HTTP_HX_REQUEST": "true"}
DISSOLVE = {"confirm": "on"}
MERGE_INTO_T2B1 = {"into": "T2B1", "confirm": "on"}
NEW_ORG = {"code": "N1", "name": "新支部", "level": "branch", "sector": "village"}
NEW_MEMBER_IN_T2B1 = {"code": "N9", "name": "新党员", "gender": "F", "status": "formal", "organization": "T2B1"}
M1_MOVED_TO_T2B1 = {"code": "M1", "name": "张三", "gender": "M", "status": "formal", "organization": "T2B1"}

# (method, url, body, statuses in ROLES order). A GET with HTMX sends htmx's request header.
# {own_report} is an error report made by the user themself, {other_report} one made by another user.
# Any other status than SAVED means the database is unchanged after the request.
#                                                                               county org    branch leader insp   member affil  nobody anon
TABLE = [
    # Home, health, login and password
    ("GET",  "/",                                        None,                  (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  "/healthz",                                 None,                  (200,   200,   200,   200,   200,   200,   200,   200,   200)),
    ("GET",  "/accounts/login/",                         None,                  (302,   302,   302,   302,   302,   302,   302,   302,   200)),
    ("GET",  "/accounts/logout/",                        None,                  (405,   405,   405,   405,   405,   405,   405,   405,   405)),
    ("POST", "/accounts/logout/",                        {},                    (302,   302,   302,   302,   302,   302,   302,   302,   302)),
    ("GET",  "/accounts/password/",                      None,                  (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("POST", "/accounts/password/",                      {},                    (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  "/accounts/password/done/",                 None,                  (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  "/admin/",                                  None,                  (200,   ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN)),
    # The admin's own login form (failed logins count in django-axes like the site's): staff are sent on
    # to the admin, everyone else sees the form (logged-in non-staff with a "not authorised" note)
    ("GET",  "/admin/login/",                            None,                  (302,   200,   200,   200,   200,   200,   200,   200,   200)),
    # The language switch: a cookie and a redirect to `next`, for everyone; a GET only redirects home
    ("POST", "/i18n/setlang/",                           {"language": "en", "next": "/orgs/"},
                                                                                (302,   302,   302,   302,   302,   302,   302,   302,   302)),
    ("GET",  "/i18n/setlang/",                           None,                  (302,   302,   302,   302,   302,   302,   302,   302,   302)),
    # The API's schema and its docs (the endpoints are in tests/api/test_visibility.py)
    ("GET",  "/api/v1/schema/",                          None,                  (200,   200,   200,   200,   200,   200,   200,   200,   401)),
    ("GET",  "/api/v1/docs/",                            None,                  (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    # Tree and search
    ("GET",  "/orgs/",                                   None,                  (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  "/orgs/?q=T2",                              None,                  (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  "/orgs/?open=T1B1",                         None,                  (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  "/orgs/?open=T2B1",                         None,                  (200,   404,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("GET",  "/orgs/tree/T1B1/children/",                None,                  (302,   302,   302,   302,   302,   302,   302,   404,   LOGIN)),
    ("GET",  "/orgs/tree/T2B1/children/",                None,                  (302,   404,   404,   302,   302,   404,   404,   404,   LOGIN)),
    ("GET",  "/orgs/tree/T1B1/children/",                HTMX,                  (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  "/orgs/tree/T2B1/children/",                HTMX,                  (200,   404,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("POST", "/orgs/tree/T1B1/children/",                {},                    (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    # Lists and their exports (an export carries whole phone numbers: importers only)
    ("GET",  "/orgs/list/",                              None,                  (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  "/orgs/list/export/",                       None,                  (200,   200,   200,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", "/orgs/list/export/",                       {},                    (SAVED, SAVED, SAVED, 403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  "/orgs/members/",                           None,                  (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  "/orgs/members/export/",                    None,                  (200,   200,   200,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", "/orgs/members/export/",                    {},                    (SAVED, SAVED, SAVED, 403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  "/orgs/leaders/",                           None,                  (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  "/orgs/leaders/export/",                    None,                  (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", "/orgs/leaders/export/",                    {},                    (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    # An organisation's page and its actions
    ("GET",  "/orgs/o/T1B1/",                            None,                  (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  "/orgs/o/T2B1/",                            None,                  (200,   404,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("POST", "/orgs/o/T1B1/",                            {},                    (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("GET",  "/orgs/o/T1B1/edit/",                       None,                  (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  "/orgs/o/T2B1/edit/",                       None,                  (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", "/orgs/o/T1B1/edit/",                       {},                    (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/orgs/o/T2B1/edit/",                       {},                    (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("GET",  "/orgs/o/T1B1/move/",                       None,                  (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  "/orgs/o/T2B1/move/",                       None,                  (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", "/orgs/o/T1B1/move/",                       {},                    (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/orgs/o/T2B1/move/",                       {},                    (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", "/orgs/o/T1B1/move/",                       {"new_parent": "T2"},  (SAVED, 200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  "/orgs/o/T1B1/merge/",                      None,                  (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  "/orgs/o/T2B1/merge/",                      None,                  (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", "/orgs/o/T1B1/merge/",                      {},                    (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/orgs/o/T2B1/merge/",                      {},                    (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", "/orgs/o/T1B1/merge/",                      MERGE_INTO_T2B1,       (SAVED, 200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  "/orgs/o/T1B1/dissolve/",                   None,                  (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  "/orgs/o/T2B1/dissolve/",                   None,                  (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", "/orgs/o/T1B1/dissolve/",                   {},                    (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/orgs/o/T2B1/dissolve/",                   {},                    (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", "/orgs/o/T1B1/dissolve/",                   DISSOLVE,              (SAVED, SAVED, SAVED, 403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/orgs/o/T2B1/dissolve/",                   DISSOLVE,              (SAVED, 404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("GET",  "/orgs/o/T1B1/add/",                        None,                  (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  "/orgs/o/T2B1/add/",                        None,                  (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", "/orgs/o/T1B1/add/",                        {},                    (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/orgs/o/T2B1/add/",                        {},                    (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", "/orgs/o/T1B1/add/",                        NEW_ORG,               (SAVED, SAVED, SAVED, 403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/orgs/o/T2B1/add/",                        NEW_ORG,               (SAVED, 404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("GET",  "/orgs/o/T1B1/members/add/",                None,                  (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  "/orgs/o/T2B1/members/add/",                None,                  (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", "/orgs/o/T1B1/members/add/",                {},                    (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/orgs/o/T2B1/members/add/",                {},                    (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", "/orgs/o/T1B1/members/add/",                NEW_MEMBER_IN_T2B1,    (SAVED, 200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    # A member's page and its edit form
    ("GET",  "/orgs/m/M1/",                              None,                  (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  "/orgs/m/M2/",                              None,                  (200,   404,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("GET",  "/orgs/m/M1/edit/",                         None,                  (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  "/orgs/m/M2/edit/",                         None,                  (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", "/orgs/m/M1/edit/",                         {},                    (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/orgs/m/M2/edit/",                         {},                    (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", "/orgs/m/M1/edit/",                         M1_MOVED_TO_T2B1,      (SAVED, 200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    # Import: the index, an upload page per kind (leaders: county admins only), templates, reports
    ("GET",  "/orgs/import/",                            None,                  (200,   200,   200,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  "/orgs/import/organizations/",              None,                  (200,   200,   200,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  "/orgs/import/members/",                    None,                  (200,   200,   200,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  "/orgs/import/leaders/",                    None,                  (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", "/orgs/import/organizations/",              {},                    (400,   400,   400,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", "/orgs/import/members/",                    {},                    (400,   400,   400,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", "/orgs/import/leaders/",                    {},                    (400,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  "/orgs/import/organizations/template.xlsx", None,                  (200,   200,   200,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  "/orgs/import/members/template.xlsx",       None,                  (200,   200,   200,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  "/orgs/import/leaders/template.xlsx",       None,                  (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  "/orgs/import/reports/{own_report}.xlsx",   None,                  (200,   200,   200,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  "/orgs/import/reports/{other_report}.xlsx", None,                  (404,   404,   404,   403,   403,   403,   403,   403,   LOGIN)),
    # The public ballot (/v/<token>): no login, the same for everyone; a token that does not exist is refused
    ("GET",  "/v/AAAAAAAAAAAAAAAAAAAAAAAA",              None,                  (404,   404,   404,   404,   404,   404,   404,   404,   404)),
    ("POST", "/v/AAAAAAAAAAAAAAAAAAAAAAAA",              {"step": "cast"},      (404,   404,   404,   404,   404,   404,   404,   404,   404)),
    ("GET",  "/v/thanks/",                               None,                  (200,   200,   200,   200,   200,   200,   200,   200,   200)),
    ("POST", "/v/thanks/",                               {},                    (405,   405,   405,   405,   405,   405,   405,   405,   405)),
]

# Patterns that need no row here: the Django admin's model pages (tests/orgs/test_admin.py; they
# all send everyone but staff to the admin's login, which has rows above, like its index) and,
# with DEBUG, the media files (static_serve, below).
NOT_IN_TABLE: set[str] = set()
NOT_IN_TABLE_NAMESPACES = {"admin"}
# Patterns that take an organisation or member code need a row inside and one outside the T1
# users' view; the import patterns need a row for every kind.
INSIDE, OUTSIDE = {"T1B1", "M1"}, {"T2B1", "M2"}
KINDS = {"organizations", "members", "leaders"}
LOGIN_URL = "/accounts/login/"

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The dashboard and the API's throttles keep counts in the cache, which outlives a rollback."""
    cache.clear()
    yield
    cache.clear()


def database_state():
    """Everything a page could change, in a comparable form (every domain write leaves an
    audit entry; a ballot leaves none, so ballots are counted too)."""
    return (
        list(Organization.objects.order_by("code").values_list("code", "path", "name", "status", "merged_into")),
        list(Member.objects.order_by("code").values_list("code", "organization__code", "name", "updated_at")),
        list(Leader.objects.order_by("code").values_list("code", "organization__code", "name", "title")),
        AuditEntry.objects.count(),
        Ballot.objects.count(),
    )


def make_report(user):
    result = ImportResult("members", "import.xlsx", errors=[RowError(2, "姓名", "", "This cell may not be empty.")])
    return save_report(result, user)


def observed(response, url, changed: bool):
    """The response as the table writes it."""
    status = response.status_code
    if status == 302 and response["Location"] == f"{LOGIN_URL}?next={quote(url, safe='/')}":
        return LOGIN
    if status == 302 and response["Location"].startswith("/admin/login/"):
        return ADMIN
    if changed:
        return SAVED if status == 302 else f"{status}, but the database changed"
    return status


@pytest.mark.parametrize("role", ROLES)
def test_page_status_by_role(tree, role):
    user = None if role == "anonymous" else getattr(tree.users, role)
    someone_else = tree.users.org_admin if role == "county_admin" else tree.users.county_admin
    reports = {
        "own_report": make_report(user) if user is not None else "a" * 32,
        "other_report": make_report(someone_else),
    }
    column = ROLES.index(role)
    expected, actual = [], []
    values = visibility.setup_all(tree)
    rows = [(method, url.format(**reports), body, statuses) for method, url, body, statuses in TABLE]
    rows += [
        (method, visibility.fill(url, values[module]), visibility.fill(body, values[module]), statuses)
        for module, (method, url, body, statuses) in visibility.page_rows()
    ]
    for method, url, body, statuses in rows:
        with transaction.atomic():
            client = Client()
            if user is not None:
                client.force_login(user)
            before = database_state()
            if method == "GET":
                response = client.get(url, **(body or {}))
            else:
                response = client.post(url, body)
            status = observed(response, url, changed=database_state() != before)
            transaction.set_rollback(True)
        expected.append((method, url, body, statuses[column]))
        actual.append((method, url, body, status))
    assert actual == expected


def view_of(table_url: str):
    """The resolver match of a table row's URL (query string left out, report tokens filled in)."""
    return resolve(table_url.split("?")[0].format(own_report="a" * 32, other_report="b" * 32))


def _patterns(resolvers, prefix=""):
    """(name or None, namespace, pattern) of every URL pattern, walking included resolvers."""
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, ":".join(filter(None, (prefix, entry.namespace))))
        elif isinstance(entry, URLPattern):
            yield entry.name, prefix, entry


def test_every_url_pattern_is_in_a_table():
    """A new page (or API endpoint) fails here until it has rows in this table (or the API's)."""
    in_tables = {view_of(url).view_name for _method, url, _body, _statuses in TABLE}
    in_tables |= {resolve(url).view_name for _method, url, _body, _statuses in API_CASES.values()}
    in_tables |= {view_of(visibility.sample(row[1])).view_name for _module, row in visibility.page_rows()}
    in_tables |= {view_of(visibility.sample(row[1])).view_name for _module, row in visibility.api_rows().values()}
    missing = []
    for name, namespace, pattern in _patterns(get_resolver().url_patterns):
        if namespace.split(":")[0] in NOT_IN_TABLE_NAMESPACES or pattern.callback is static_serve:
            continue
        view_name = f"{namespace}:{name}" if namespace else name
        if name is None:
            missing.append(f"an unnamed pattern {str(pattern.pattern)!r}")
        elif view_name not in in_tables and view_name not in NOT_IN_TABLE:
            missing.append(view_name)
    assert missing == []


def test_every_pattern_argument_has_its_rows():
    """Codes: one row inside and one outside the T1 users' view; import kinds: every kind."""
    values = {}
    for _method, url, _body, _statuses in TABLE:
        match = view_of(url)
        for argument in ("code", "kind"):
            if argument in match.kwargs:
                values.setdefault((match.view_name, argument), set()).add(match.kwargs[argument])
    lacking = sorted(
        key for key, seen in values.items()
        if (key[1] == "code" and not (seen & INSIDE and seen & OUTSIDE)) or (key[1] == "kind" and seen != KINDS)
    )
    assert (lacking, len(values)) == ([], 12)


# What differs between two answers to the same request: the CSP nonce and the masked CSRF token.
PER_RESPONSE = re.compile(r'nonce="[^"]*"|name="csrfmiddlewaretoken" value="[^"]*"|"X-CSRFToken": "[^"]*"')


def test_outside_the_view_answers_exactly_like_a_code_that_does_not_exist(tree):
    """Invisible == missing: the same status and the same page, so a 404 tells nothing about the code."""
    client = Client()
    client.force_login(tree.users.org_admin)

    def answer(url, headers, code):
        response = client.get(url, **(headers or {}))
        return response.status_code, PER_RESPONSE.sub("", response.content.decode()).replace(code, "CODE")

    rows = [(url, body, code) for method, url, body, _statuses in TABLE if method == "GET" and (code := outside_code(url))]
    differing = [
        url for url, headers, code in rows
        if answer(url, headers, code) != answer(url.replace(code, "NOPE9"), headers, "NOPE9")
    ]
    assert (differing, len(rows)) == ([], 12)


def outside_code(url: str) -> str | None:
    """The code of the object outside the T1 users' view that a table URL names, if any."""
    match = re.search(r"[/=](T2B1|M2)(/|$)", url)
    return match and match.group(1)


def test_exports_are_spreadsheets(tree):
    """The export rows above answer 200 with an .xlsx attachment, not an HTML page."""
    client = Client()
    client.force_login(tree.users.org_admin)
    responses = [client.get(url) for url in ("/orgs/list/export/", "/orgs/members/export/")]
    assert [(r["Content-Type"], r["Content-Disposition"].split(";")[0]) for r in responses] == [
        (XLSX_TYPE, "attachment"),
        (XLSX_TYPE, "attachment"),
    ]
