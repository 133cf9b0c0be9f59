"""The WSGI fast path for the final ballot POST: casts what it can, passes on the rest untouched."""
import logging
import re
import urllib.parse

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory
from django.urls import reverse

import pacesetter.wsgi
from pacesetter.evaluation import domain, fastpath
from pacesetter.evaluation.fastpath import BallotFastPath
from pacesetter.evaluation.models import Ballot

pytestmark = pytest.mark.django_db


class Django:
    """Stands in for Django behind the fast path: records what reached it, body included."""

    def __init__(self):
        self.bodies = []

    def __call__(self, environ, start_response):
        self.bodies.append(environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)))
        start_response("299 Passed On", [])
        return [b""]


def _body(live, step="cast", **extra):
    fields = [("step", step), *((f"q{pk}", str(v)) for pk, v in live.answers.items()), *extra.items()]
    return urllib.parse.urlencode(fields).encode()


def _environ(token, body, *, method="POST", content_type="application/x-www-form-urlencoded", **extra):
    return RequestFactory().generic(method, f"/v/{token}", body, content_type=content_type, **extra).environ


def _call(app, environ):
    started = {}

    def start_response(status, headers):
        started.update(status=status, headers=dict(headers))

    body = b"".join(app(environ, start_response))
    return started["status"], started["headers"], body


@pytest.fixture
def warm(live):
    """One ballot cast, so this process knows the scheme and the fast path can take the next."""
    domain.cast_ballot(live.tokens[0], live.answers)
    return live


def test_ballot_is_cast_without_reaching_django(warm):
    django_app = Django()
    status, headers, body = _call(BallotFastPath(django_app), _environ(warm.tokens[1], _body(warm)))
    assert (status, headers["Location"], body, django_app.bodies) == ("303 See Other", "/v/thanks/", b"", [])
    assert Ballot.objects.count() == 2


def test_first_ballot_of_a_process_reaches_django_with_its_body(live):
    django_app = Django()
    body = _body(live)
    status, _headers, _body_out = _call(BallotFastPath(django_app), _environ(live.tokens[0], body))
    assert (status, django_app.bodies, Ballot.objects.count()) == ("299 Passed On", [body], 0)


@pytest.mark.parametrize("case", ["used", "unknown", "review", "incomplete", "get", "host", "multipart", "nested"])
def test_what_the_fast_path_does_not_cast_reaches_django(warm, case):
    token, body, extra = warm.tokens[1], _body(warm), {}
    if case == "used":
        token = warm.tokens[0]
    elif case == "unknown":
        token = "C" * 24
    elif case == "review":
        body = _body(warm, step="review")
    elif case == "incomplete":
        body = b"step=cast"
    elif case == "get":
        extra["method"] = "GET"
    elif case == "host":
        extra["HTTP_HOST"] = "elsewhere.example"
    elif case == "multipart":
        extra["content_type"] = "multipart/form-data; boundary=x"
    else:
        token = f"{token}/more"
    django_app = Django()
    status, _headers, _out = _call(BallotFastPath(django_app), _environ(token, body, **extra))
    assert (status, Ballot.objects.count()) == ("299 Passed On", 1)
    assert django_app.bodies == [body]


def test_plain_http_reaches_django_when_https_is_required(warm, settings):
    settings.SECURE_SSL_REDIRECT = True
    django_app = Django()
    status, _headers, _out = _call(BallotFastPath(django_app), _environ(warm.tokens[1], _body(warm)))
    assert (status, Ballot.objects.count()) == ("299 Passed On", 1)


def test_https_cast_sends_hsts(warm, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 600
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = False
    settings.SECURE_HSTS_PRELOAD = False
    status, headers, _out = _call(BallotFastPath(Django()), _environ(warm.tokens[1], _body(warm), secure=True))
    assert (status, headers["Strict-Transport-Security"]) == ("303 See Other", "max-age=600")


def test_location_keeps_the_script_name(warm):
    environ = _environ(warm.tokens[1], _body(warm), SCRIPT_NAME="/ballots")
    _status, headers, _out = _call(BallotFastPath(Django()), environ)
    assert headers["Location"] == "/ballots/v/thanks/"


def test_fast_path_answers_with_the_views_headers(warm):
    """The same status, target and privacy headers as the ballot view behind all the middleware."""
    names = ("Location", "Cache-Control", "Referrer-Policy", "X-Frame-Options", "X-Content-Type-Options",
             "Cross-Origin-Opener-Policy", "Content-Length", "Content-Type")
    by_django = Client().post(f"/v/{warm.tokens[1]}", _body(warm), content_type="application/x-www-form-urlencoded")
    status, headers, _out = _call(BallotFastPath(Django()), _environ(warm.tokens[2], _body(warm)))
    assert (status[:3], {n: headers.get(n) for n in names}) == (
        str(by_django.status_code), {n: by_django.headers.get(n) for n in names}
    )


def test_failure_is_logged_without_the_token_and_passed_on(warm, monkeypatch, caplog):
    def broken(token, answers):
        raise RuntimeError("disk full")

    monkeypatch.setattr(fastpath, "try_cast", broken)
    caplog.set_level(logging.DEBUG)
    django_app = Django()
    status, _headers, _out = _call(BallotFastPath(django_app), _environ(warm.tokens[1], _body(warm)))
    assert status == "299 Passed On"
    assert [r.getMessage() for r in caplog.records] == ["The ballot fast path failed; the ballot page takes over"]
    assert warm.tokens[1] not in caplog.text


def test_fast_path_logs_no_token(warm, caplog):
    caplog.set_level(logging.DEBUG)
    for token in warm.tokens[1:3]:
        _call(BallotFastPath(Django()), _environ(token, _body(warm)))
    assert (Ballot.objects.count(), [t for t in warm.tokens if t in caplog.text]) == (3, [])


@pytest.fixture
def site():
    """pacesetter.wsgi's application, with the connection left open between requests as the
    test client does (the test's transaction lives on it)."""
    request_started.disconnect(close_old_connections)
    yield pacesetter.wsgi.application
    request_started.connect(close_old_connections)


def test_site_application_is_the_fast_path_around_django():
    assert (type(pacesetter.wsgi.application), type(pacesetter.wsgi.application.application)) == (
        BallotFastPath, WSGIHandler
    )


def test_site_casts_then_refuses_the_same_token(warm, site):
    first = _call(site, _environ(warm.tokens[1], _body(warm)))
    again = _call(site, _environ(warm.tokens[1], _body(warm), HTTP_ACCEPT_LANGUAGE="en"))
    assert (first[0], first[1]["Location"], again[0]) == ("303 See Other", reverse("ballot:thanks"), "410 Gone")
    assert re.findall(r'<p class="lead">([^<]*)</p>', again[2].decode()) == ["This ballot code has already been used."]
    assert Ballot.objects.count() == 2
