"""Schemathesis against the evaluation endpoints, in process: every answer, to valid and to
generated nonsense input alike, is documented (status, content type, body) and none is a 500.

Requests carry a county admin's personal token (a county admin may call every operation),
as an API client would. Django's test client keeps a request from closing the test's
database connection; schemathesis calls the WSGI handler directly, so the same signal
handlers are held off here for the test's length.
"""
import copy
import functools
import json
import os

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.utils.encoders import JSONEncoder
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from pacesetter.api.domain import create_personal_token

from ..visibility._evaluation_world import world


@functools.cache
def openapi() -> dict:
    """The API's schema as the schema endpoint serves it (made once: it takes seconds)."""
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), cls=JSONEncoder))


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def evaluation_api(tree, monkeypatch):
    world(tree)
    for throttle in (AnonRateThrottle, UserRateThrottle):
        monkeypatch.setattr(throttle, "rate", "100000/min", raising=False)
    schema = schemathesis.openapi.from_dict(copy.deepcopy(openapi())).include(path_regex="^/api/v1/evaluation/")
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
    found = sorted((op.ok().method.upper(), op.ok().path) for op in evaluation_api.get_all_operations())
    assert found == sorted(OPERATIONS)


EXPLORE = os.environ.get("PACESETTER_FUZZ") == "1"


# schemathesis' own pytest plugin (`from_fixture`) fails on pytest 9.2 (it reads a node's
# private `_nodeid`), so each operation is parametrised here and fuzzed with its strategy.
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_evaluation_endpoint_answers_as_documented(evaluation_api, bearer, method, path):
    operation = evaluation_api[path][method]

    @given(case=operation.as_strategy())
    # The same examples on every run, so CI does not turn red at random; PACESETTER_FUZZ=1
    # explores new ones (and more of them) when someone is looking for bugs.
    @settings(max_examples=200 if EXPLORE else 15, deadline=None, suppress_health_check=list(HealthCheck),
              database=None, derandomize=not EXPLORE)
    def fuzz(case):
        case.call_and_validate(headers=bearer, checks=CHECKS)

    fuzz()
