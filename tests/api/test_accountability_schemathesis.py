"""Schemathesis against the accountability endpoints, in process: every answer, to valid and
to generated nonsense input alike, is documented (status, content type, body) and none is a
500.

Requests carry a county admin's personal token (a county admin may call every operation;
the inspectors' case actions answer a documented 403), over the accountability world of the
visibility table (two key tasks with reports, notices, cases and sanctions); the set-up is
in fuzzing.py.
"""
import pytest

from ..visibility.accountability_api import world
from .fuzzing import county_admin_bearer, fuzz_operation, in_process_schema, operations_of

PATHS = "^/api/v1/(key-tasks|progress-reports|escalation-ladder|supervision-notices|accountability-cases)/"


@pytest.fixture
def accountability_api(tree, monkeypatch):
    world(tree)
    yield from in_process_schema(PATHS, monkeypatch)


@pytest.fixture
def bearer(tree):
    return county_admin_bearer(tree)


#: Every accountability operation (test_every_accountability_operation_is_fuzzed keeps this complete).
OPERATIONS = [
    ("GET", "/api/v1/accountability-cases/"),
    ("POST", "/api/v1/accountability-cases/"),
    ("DELETE", "/api/v1/accountability-cases/sanctions/{id}/"),
    ("GET", "/api/v1/accountability-cases/{id}/"),
    ("POST", "/api/v1/accountability-cases/{id}/close/"),
    ("POST", "/api/v1/accountability-cases/{id}/findings/"),
    ("POST", "/api/v1/accountability-cases/{id}/respond/"),
    ("POST", "/api/v1/accountability-cases/{id}/sanctions/"),
    ("GET", "/api/v1/escalation-ladder/"),
    ("PUT", "/api/v1/escalation-ladder/"),
    ("GET", "/api/v1/key-tasks/"),
    ("POST", "/api/v1/key-tasks/"),
    ("GET", "/api/v1/key-tasks/{code}/"),
    ("PATCH", "/api/v1/key-tasks/{code}/"),
    ("PUT", "/api/v1/key-tasks/{code}/milestones/"),
    ("GET", "/api/v1/key-tasks/{code}/reports/"),
    ("POST", "/api/v1/key-tasks/{code}/reports/"),
    ("GET", "/api/v1/key-tasks/{code}/sign-offs/"),
    ("POST", "/api/v1/key-tasks/{code}/sign-offs/"),
    ("POST", "/api/v1/key-tasks/{code}/status/"),
    ("GET", "/api/v1/progress-reports/{id}/"),
    ("POST", "/api/v1/progress-reports/{id}/sign/"),
    ("GET", "/api/v1/supervision-notices/"),
    ("POST", "/api/v1/supervision-notices/"),
    ("GET", "/api/v1/supervision-notices/{id}/"),
    ("POST", "/api/v1/supervision-notices/{id}/answer/"),
]


def test_every_accountability_operation_is_fuzzed(accountability_api):
    assert operations_of(accountability_api) == sorted(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_accountability_endpoint_answers_as_documented(accountability_api, bearer, method, path):
    fuzz_operation(accountability_api, bearer, method, path)
