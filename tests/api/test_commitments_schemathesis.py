"""Schemathesis against the commitment endpoints, in process: every answer, to valid and to
generated nonsense input alike, is documented (status, content type, body) and none is a 500.

Requests carry a county admin's personal token (a county admin may call every operation),
over the commitments world of the visibility tables (published, draft and submitted
pledges, feedback); the set-up is in fuzzing.py.
"""
import pytest

from ..visibility._commitments_api_world import world
from .fuzzing import county_admin_bearer, fuzz_operation, in_process_schema, operations_of


@pytest.fixture
def commitments_api(tree, monkeypatch):
    world(tree)
    yield from in_process_schema("^/api/v1/commitments/", monkeypatch)


@pytest.fixture
def bearer(tree):
    return county_admin_bearer(tree)


#: Every commitment operation (test_every_commitment_operation_is_fuzzed keeps this complete).
OPERATIONS = [
    ("GET", "/api/v1/commitments/"),
    ("POST", "/api/v1/commitments/"),
    ("GET", "/api/v1/commitments/dashboard/"),
    ("GET", "/api/v1/commitments/dashboard/overdue/"),
    ("GET", "/api/v1/commitments/feedback/"),
    ("GET", "/api/v1/commitments/feedback/{id}/"),
    ("POST", "/api/v1/commitments/feedback/{id}/moderate/"),
    ("GET", "/api/v1/commitments/items/"),
    ("GET", "/api/v1/commitments/items/{id}/"),
    ("PATCH", "/api/v1/commitments/items/{id}/"),
    ("POST", "/api/v1/commitments/items/{id}/outcome/"),
    ("POST", "/api/v1/commitments/items/{id}/progress/"),
    ("POST", "/api/v1/commitments/items/{id}/remove/"),
    ("GET", "/api/v1/commitments/items/{id}/timeline/"),
    ("GET", "/api/v1/commitments/{id}/"),
    ("POST", "/api/v1/commitments/{id}/approve/"),
    ("POST", "/api/v1/commitments/{id}/items/"),
    ("POST", "/api/v1/commitments/{id}/judge/"),
    ("POST", "/api/v1/commitments/{id}/return/"),
    ("POST", "/api/v1/commitments/{id}/submit/"),
]


def test_every_commitment_operation_is_fuzzed(commitments_api):
    assert operations_of(commitments_api) == sorted(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_commitment_endpoint_answers_as_documented(commitments_api, bearer, method, path):
    fuzz_operation(commitments_api, bearer, method, path)
