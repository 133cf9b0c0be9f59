"""Schemathesis against the commitment endpoints, in process: every answer, to valid and to
generated nonsense input alike, is documented (status, content type, body) and none is a 500.

Requests carry a county admin's personal token (a county admin may call every operation),
over the commitments world of the visibility tables (published, draft and submitted
pledges, feedback). The set-up is test_evaluation_schemathesis.py's, for the same reasons.
"""
import copy
import os

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from pacesetter.api.domain import create_personal_token

from ..visibility._commitments_api_world import world
from .test_evaluation_schemathesis import CHECKS, openapi


@pytest.fixture
def commitments_api(tree, monkeypatch):
    world(tree)
    for throttle in (AnonRateThrottle, UserRateThrottle):
        monkeypatch.setattr(throttle, "rate", "100000/min", raising=False)
    schema = schemathesis.openapi.from_dict(copy.deepcopy(openapi())).include(path_regex="^/api/v1/commitments/")
    schema.app = WSGIHandler()
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield schema
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def bearer(tree):
    _token, raw = create_personal_token(tree.users.county_admin, name="schemathesis", days=1, by=None)
    return {"Authorization": f"Bearer {raw}", "Accept-Language": "en"}


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
    found = sorted((op.ok().method.upper(), op.ok().path) for op in commitments_api.get_all_operations())
    assert found == sorted(OPERATIONS)


EXPLORE = os.environ.get("PACESETTER_FUZZ") == "1"


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_commitment_endpoint_answers_as_documented(commitments_api, bearer, method, path):
    operation = commitments_api[path][method]

    @given(case=operation.as_strategy())
    # The same examples on every run (CI must not turn red at random); PACESETTER_FUZZ=1 explores.
    @settings(max_examples=200 if EXPLORE else 15, deadline=None, suppress_health_check=list(HealthCheck),
              database=None, derandomize=not EXPLORE)
    def fuzz(case):
        case.call_and_validate(headers=bearer, checks=CHECKS)

    fuzz()
