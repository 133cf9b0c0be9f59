"""DatabaseUnavailableMiddleware: 503 with Retry-After instead of a 500 when the database is unreachable."""
import json

from django.db import InterfaceError, OperationalError
from django.test import RequestFactory
from django.utils import translation

from pacesetter.core.middleware import DatabaseUnavailableMiddleware

middleware = DatabaseUnavailableMiddleware(lambda request: None)


def test_a_page_gets_the_503_page_with_retry_after():
    response = middleware.process_exception(RequestFactory().get("/"), OperationalError("connection refused"))
    assert (response.status_code, response["Retry-After"], "The database is unavailable" in response.content.decode()) == (
        503, "10", True
    )


def test_the_api_gets_json_with_retry_after():
    with translation.override("en"):
        response = middleware.process_exception(RequestFactory().get("/api/v1/me/"), InterfaceError("closed"))
    assert (response.status_code, response["Retry-After"], json.loads(response.content)) == (
        503, "10", {"detail": "The database is unavailable. Please try again in a moment."}
    )


def test_other_errors_are_left_to_django():
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("bug")) is None
