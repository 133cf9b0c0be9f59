"""What the schemathesis tests share: the schema as the API serves it, the checks, an
in-process schema for one part of the API (or the whole of it), a user's token, the ids of
real objects to put in paths, and one operation fuzzed with its strategy.

Django's test client keeps a request from closing the test's database connection;
schemathesis calls the WSGI handler directly, so the same signal handlers are held off
while a schema is in use. schemathesis' own pytest plugin (`from_fixture`) fails on pytest
9.2 (it reads a node's private `_nodeid`), so tests parametrise operations themselves.
"""
import contextlib
import copy
import functools
import json
import os
import re
from collections.abc import Iterator

import pytest
import schemathesis
from schemathesis import GenerationMode
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
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
#: explores new ones (ten times as many) when someone is looking for bugs, and
#: PACESETTER_FUZZ_EXAMPLES=N sets how many per operation (and role) outright.
EXPLORE = os.environ.get("PACESETTER_FUZZ") == "1"
EXAMPLES = int(os.environ.get("PACESETTER_FUZZ_EXAMPLES") or 0)
#: Both kinds of input by default: valid, and input that breaks the schema (any documented answer
#: but a 5xx passes). PACESETTER_FUZZ_MODE=positive or negative keeps to one kind.
MODES = {"positive": [GenerationMode.POSITIVE], "negative": [GenerationMode.NEGATIVE],
         "all": [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]}[os.environ.get("PACESETTER_FUZZ_MODE") or "all"]


@functools.cache
def openapi() -> dict:
    """The API's schema as the schema endpoint serves it (made once: it takes seconds)."""
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), cls=JSONEncoder))


@contextlib.contextmanager
def in_process(path_regex: str = "") -> Iterator:
    """The operations under `path_regex` (all of them by default), called on the WSGI handler
    in process, with throttles out of the way while the block runs."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        for throttle in (AnonRateThrottle, UserRateThrottle):
            monkeypatch.setattr(throttle, "rate", "100000/min", raising=False)
        schema = schemathesis.openapi.from_dict(copy.deepcopy(openapi()))
        if path_regex:
            schema = schema.include(path_regex=path_regex)
        schema.app = WSGIHandler()
        keep_connections()
        try:
            yield schema
        finally:
            for signal in (signals.request_started, signals.request_finished):
                signal.connect(close_old_connections)


def keep_connections() -> None:
    """Hold off the handlers that close the database connection after a request (again after
    Django's test client, which connects them back after each of its requests)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)


def bearer(user) -> dict:
    """Headers of a personal token of `user` (no session: what an API client sends)."""
    _token, raw = create_personal_token(user, name="schemathesis", days=1, by=None)
    return {"Authorization": f"Bearer {raw}", "Accept-Language": "en"}


def operations_of(schema) -> list[tuple[str, str]]:
    return sorted((op.ok().method.upper(), op.ok().path) for op in schema.get_all_operations())


def fuzz_operation(schema, headers: dict, method: str, path: str, *, examples: int = 15,
                   seeds: list[dict] = ()) -> None:
    """Every generated case of one operation answers as documented and never with a 500.

    `seeds` name real objects (`{"path_parameters": {...}, "query": {...}}`): most cases use
    one of them (the first case always does), the others keep what schemathesis generated."""
    operation = schema[path][method]
    seed = st.sampled_from(list(seeds)) | st.none() if seeds else st.none()

    cases = st.one_of([operation.as_strategy(generation_mode=mode) for mode in MODES])

    @given(case=cases, seed=seed)
    @settings(max_examples=EXAMPLES or (examples * 10 if EXPLORE else examples), deadline=None,
              suppress_health_check=list(HealthCheck), database=None, derandomize=not EXPLORE)
    def fuzz(case, seed):
        if seed:
            case.path_parameters = {**(case.path_parameters or {}), **seed.get("path_parameters", {})}
            case.query = {**(case.query or {}), **seed.get("query", {})}
        case.call_and_validate(headers=headers, checks=CHECKS)

    fuzz()


PARAMETER = re.compile(r"{(\w+)}")


def path_seeds(get, paths: dict, *, per_parameter: int = 3) -> dict[str, list[dict]]:
    """Path parameters of real objects for every path template with parameters: `{id}` takes
    the ids of the rows that the list at the path before it answers (`/things/` for
    `/things/{id}/close/`), `{code}` their codes; without such a list, ids found in the answer
    of the nearest path that can be read, and then any id or organisation code at all.

    `get(url)` answers a GET with its JSON (None for anything but a 200)."""
    answers: dict[str, object] = {}

    def read(url):
        if url not in answers:
            answers[url] = get(url)
        return answers[url]

    lists = [p for p, item in paths.items() if "get" in item and "{" not in p]
    anywhere = {"id": [], "code": _top_level(read("/api/v1/organizations/"), "code")}
    for url in lists:
        _harvest(read(url), "id", anywhere["id"])
    anywhere["id"] = sorted(set(anywhere["id"]))

    seeds = {}
    for template in paths:
        names = PARAMETER.findall(template)
        if not names:
            continue
        combos = [{}]
        for name in names:
            key = "code" if name == "code" else "id"
            grown = []
            for combo in combos:
                before = template.split("{" + name + "}")[0].format(**combo)
                found = _top_level(read(before), key) if _readable(before, combo, paths) else []
                if not found:
                    found = _nearest(before, key, combo, paths, read)
                grown += [{**combo, name: value} for value in (found or anywhere[key])[:per_parameter]]
            combos = grown
        seeds[template] = combos
    return seeds


def query_seeds(get, paths: dict, *, per_parameter: int = 3) -> dict[tuple[str, str], list[dict]]:
    """Values of real objects for the required integer query parameters (`?campaign=`): the
    ids that the list of that name answers (`/api/v1/campaigns/`)."""
    seeds = {}
    for template, item in paths.items():
        for method, operation in item.items():
            required = [parameter["name"] for parameter in operation.get("parameters", [])
                        if parameter.get("in") == "query" and parameter.get("required")
                        and parameter.get("schema", {}).get("type") == "integer"]
            combos = [{}]
            for name in required:
                ids = _top_level(get(f"/api/v1/{name}s/"), "id") if f"/api/v1/{name}s/" in paths else []
                combos = [{**combo, name: value} for combo in combos for value in ids[:per_parameter]]
            if required and combos:
                seeds[(method.upper(), template)] = combos
    return seeds


def _readable(url: str, combo: dict, paths: dict) -> bool:
    """Whether the filled `url` comes from a template with a GET operation."""
    template = url
    for name, value in combo.items():
        template = template.replace(f"/{value}/", "/{" + name + "}/", 1)
    return "get" in paths.get(template, {})


def _nearest(url: str, key: str, combo: dict, paths: dict, read) -> list:
    """Values of `key` anywhere in the answer of the longest readable path above `url`
    (a parent object lists its children), the parent's own id left out."""
    parts = url.rstrip("/").split("/")
    while len(parts) > 3:
        parts.pop()
        above = "/".join(parts) + "/"
        if combo and _readable(above, combo, paths):
            found = []
            _harvest(read(above), key, found)
            return [value for value in found if value not in combo.values()]
    return []


def _top_level(answer, key: str) -> list:
    rows = answer.get("results", answer) if isinstance(answer, dict) else answer
    if not isinstance(rows, list):
        return []
    return [row[key] for row in rows if isinstance(row, dict) and isinstance(row.get(key), (int, str))]


def _harvest(answer, key: str, found: list) -> None:
    if isinstance(answer, dict):
        for name, value in answer.items():
            if name == key and isinstance(value, (int, str)) and not isinstance(value, bool):
                found.append(value)
            else:
                _harvest(value, key, found)
    elif isinstance(answer, list):
        for value in answer:
            _harvest(value, key, found)
