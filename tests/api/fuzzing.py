"""What the schemathesis tests share: the schema as the API serves it, the checks, an
in-process schema for one part of the API, a county admin's token, and one operation
fuzzed with its strategy.

Django's test client keeps a request from closing the test's database connection;
schemathesis calls the WSGI handler directly, so the same signal handlers are held off
while a schema is in use. schemathesis' own pytest plugin (`from_fixture`) fails on pytest
9.2 (it reads a node's private `_nodeid`), so tests parametrise operations themselves.
"""
import copy
import functools
import json
import os
from collections.abc import Iterator

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

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
#: The same examples on every run, so CI does not turn red at random; PACESETTER_FUZZ=1
#: explores new ones (and more of them) when someone is looking for bugs.
EXPLORE = os.environ.get("PACESETTER_FUZZ") == "1"


@functools.cache
def openapi() -> dict:
    """The API's schema as the schema endpoint serves it (made once: it takes seconds)."""
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), cls=JSONEncoder))


def in_process_schema(path_regex: str, monkeypatch) -> Iterator:
    """A fixture body: the operations under `path_regex`, called on the WSGI handler in
    process, with throttles out of the way."""
    for throttle in (AnonRateThrottle, UserRateThrottle):
        monkeypatch.setattr(throttle, "rate", "100000/min", raising=False)
    schema = schemathesis.openapi.from_dict(copy.deepcopy(openapi())).include(path_regex=path_regex)
    schema.app = WSGIHandler()
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield schema
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def county_admin_bearer(tree) -> dict:
    """Headers of a county admin's personal token (a county admin may call every operation)."""
    _token, raw = create_personal_token(tree.users.county_admin, name="schemathesis", days=1, by=None)
    return {"Authorization": f"Bearer {raw}", "Accept-Language": "en"}


def operations_of(schema) -> list[tuple[str, str]]:
    return sorted((op.ok().method.upper(), op.ok().path) for op in schema.get_all_operations())


def fuzz_operation(schema, headers: dict, method: str, path: str) -> None:
    """Every generated case of one operation answers as documented and never with a 500."""
    operation = schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=200 if EXPLORE else 15, deadline=None, suppress_health_check=list(HealthCheck),
              database=None, derandomize=not EXPLORE)
    def fuzz(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    fuzz()
