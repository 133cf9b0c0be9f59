"""Schemathesis against the evaluation endpoints, in process: every answer, to valid and to
generated nonsense input alike, is documented (status, content type, body) and none is a 500.

Requests carry a county admin's personal token (a county admin may call every operation),
as an API client would. Django's test client keeps a request from closing the test's
database connection; schemathesis calls the WSGI handler directly, so the same signal
handlers are held off while it runs (tests/api/fuzzing.py).
"""
import pytest

from ..visibility._evaluation_world import world
from .fuzzing import county_admin_bearer, fuzz_operation, in_process_schema, operations_of


@pytest.fixture
def evaluation_api(tree, monkeypatch):
    world(tree)
    yield from in_process_schema("^/api/v1/evaluation/", monkeypatch)


@pytest.fixture
def bearer(tree):
    return county_admin_bearer(tree)


#: Every evaluation operation (test_every_evaluation_operation_is_fuzzed keeps this complete).
OPERATIONS = [
    ("POST", "/api/v1/evaluation/ballots/"),
    ("GET", "/api/v1/evaluation/rounds/"),
    ("POST", "/api/v1/evaluation/rounds/"),
    ("GET", "/api/v1/evaluation/rounds/{id}/"),
    ("PATCH", "/api/v1/evaluation/rounds/{id}/"),
    ("POST", "/api/v1/evaluation/rounds/{id}/close/"),
    ("POST", "/api/v1/evaluation/rounds/{id}/open/"),
    ("POST", "/api/v1/evaluation/rounds/{id}/release/"),
    ("GET", "/api/v1/evaluation/rounds/{id}/results/"),
    ("GET", "/api/v1/evaluation/rounds/{id}/subjects/"),
    ("GET", "/api/v1/evaluation/rounds/{id}/tally/"),
    ("POST", "/api/v1/evaluation/rounds/{id}/tally/"),
    ("GET", "/api/v1/evaluation/schemes/"),
    ("POST", "/api/v1/evaluation/schemes/"),
    ("GET", "/api/v1/evaluation/schemes/{id}/"),
    ("PATCH", "/api/v1/evaluation/schemes/{id}/"),
    ("POST", "/api/v1/evaluation/schemes/{id}/activate/"),
]


def test_every_evaluation_operation_is_fuzzed(evaluation_api):
    assert operations_of(evaluation_api) == sorted(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_evaluation_endpoint_answers_as_documented(evaluation_api, bearer, method, path):
    fuzz_operation(evaluation_api, bearer, method, path)
