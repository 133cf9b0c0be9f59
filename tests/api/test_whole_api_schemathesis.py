"""Schemathesis over the whole API, as every role: every answer, to valid input and to
generated nonsense alike, is documented (status, content type, body) and none is a 500.

The operations come from the schema itself, so a new endpoint is fuzzed without anyone
listing it. Each role calls with a personal token of its user of the `tree` (no session);
the anonymous caller sends no credentials at all. The world is every mechanism's world of
the visibility tables (tests/visibility/), built once per module and worker inside a
transaction that is rolled back at the end; each test runs in a savepoint of it, so what one
test writes is gone before the next. Paths name real objects of that world most of the time
(the ids the lists answer to a county admin), made-up ids the rest of the time.

Examples per operation: EXAMPLES below, the same ones on every run (PACESETTER_FUZZ=1
explores more, and new ones). The set-up is in fuzzing.py.
"""
import datetime
import json

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from pacesetter.commitments.enums import CommitmentStatus, Outcome
from pacesetter.commitments.models import CommitmentItem
from pacesetter.commitments.queries import today

from .. import visibility
from ..conftest import make_tree
from .fuzzing import bearer, fuzz_operation, in_process, keep_connections, openapi, operations_of, path_seeds, query_seeds

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

ROLES = ("county_admin", "org_admin", "branch_admin", "leader", "inspector", "member", "affiliate", "nobody", "anonymous")
#: A county admin may call (nearly) every operation and reaches the deepest code; the other
#: roles mostly meet the same code behind a different permission or a narrower queryset.
EXAMPLES = {"county_admin": 10, "nobody": 2, "anonymous": 2}
OTHER_ROLES_EXAMPLES = 3

PATHS = openapi()["paths"]
OPERATIONS = sorted(
    (method.upper(), path) for path, item in PATHS.items() for method in item
    if method in ("get", "put", "post", "patch", "delete")
)
LISTS = [path for method, path in OPERATIONS if method == "GET" and "{" not in path]


def _combine(paths: list[dict], queries: list[dict]) -> list[dict]:
    """Seeds of one operation: each path's parameters with one of the query's, in turn."""
    count = max(len(paths), len(queries))
    combos = [{"path_parameters": paths[i % len(paths)], "query": queries[i % len(queries)]} for i in range(count)]
    return [combo for combo in combos if combo["path_parameters"] or combo["query"]]


def _overdue_item() -> None:
    """One published item past its deadline, so the overdue list has a row (no world has one:
    deadlines cannot be set in the past through the domain)."""
    item = CommitmentItem.objects.filter(
        commitment__status=CommitmentStatus.PUBLISHED, outcome=Outcome.OPEN
    ).order_by("pk").first()
    CommitmentItem.objects.filter(pk=item.pk).update(deadline=today() - datetime.timedelta(days=10))


class World:
    def __init__(self, schema, headers: dict, seeds: dict, lists: dict):
        self.schema, self.headers, self.seeds, self.lists = schema, headers, seeds, lists


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Every mechanism's objects, a token per role and the ids in paths, built once: the
    outer transaction is rolled back when the module is done, each test's savepoint sooner."""
    with in_process() as schema:
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
            try:
                tree = make_tree()
                visibility.setup_all(tree)
                _overdue_item()
                headers = {role: bearer(getattr(tree.users, role)) for role in ROLES if role != "anonymous"}
                headers["anonymous"] = {"Accept-Language": "en"}
                client = APIClient(HTTP_AUTHORIZATION=headers["county_admin"]["Authorization"])
                lists = {}

                def get(url):
                    response = client.get(url)
                    return json.loads(response.content) if response.status_code == 200 else None

                paths, queries = path_seeds(get, PATHS), query_seeds(get, PATHS, per_parameter=20)
                seeds = {
                    (method, path): _combine(paths.get(path, [{}]), queries.get((method, path), [{}]))
                    for method, path in OPERATIONS
                }
                for url in LISTS:
                    for query in queries.get(("GET", url), [{}]):  # the first that has rows
                        response = client.get(url, query)
                        lists[url] = (response.status_code, json.loads(response.content) if response.content else None)
                        if response.status_code == 200 and _rows(lists[url][1]):
                            break
            except BaseException:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                raise
        keep_connections()  # the test client connected them back
        yield World(schema, headers, seeds, lists)
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_every_operation_of_the_schema_is_fuzzed(world):
    assert operations_of(world.schema) == OPERATIONS


def test_every_path_with_parameters_has_real_objects_to_name(world):
    assert sorted(f"{method} {path}" for method, path in OPERATIONS if "{" in path and not world.seeds[method, path]) == []


def test_every_path_parameter_has_the_pattern_of_its_url():
    """A value outside the URL's pattern misses every route and gets the HTML 404 page, which
    no operation documents; with the pattern in the schema, clients (and schemathesis) know."""
    loose = sorted(
        f"{method.upper()} {path} {parameter['name']}"
        for path, item in PATHS.items() for method, operation in item.items() if isinstance(operation, dict)
        for parameter in operation.get("parameters", []) if parameter["in"] == "path" and "pattern" not in parameter["schema"]
    )
    assert loose == []


def _rows(answer) -> int:
    if isinstance(answer, dict) and isinstance(answer.get("results"), list):
        return len(answer["results"])
    return len(answer) if isinstance(answer, (list, dict)) else 0


def test_every_list_answers_a_county_admin_with_rows(world):
    """The fuzzing reaches past the empty list: every list endpoint has rows in this world."""
    assert sorted(url for url, (status, answer) in world.lists.items() if status != 200 or not _rows(answer)) == []


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_operation_answers_as_documented(world, role, method, path):
    fuzz_operation(world.schema, world.headers[role], method, path,
                   examples=EXAMPLES.get(role, OTHER_ROLES_EXAMPLES), seeds=world.seeds[method, path])


