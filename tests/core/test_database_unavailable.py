"""DatabaseUnavailableMiddleware: 503 with Retry-After instead of a 500 when the database is unreachable."""
import json

import pytest
import redis.exceptions
from django.db import InterfaceError, OperationalError
from django.test import Client, RequestFactory, override_settings
from django.utils import translation

from pacesetter.core.middleware import DatabaseUnavailableMiddleware
from pacesetter.core.views import server_error

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


# --- Redis (the cache, sessions and rate limits of several nodes) ---------------------------------

DEAD_REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": "redis://127.0.0.1:1/0"}}


def test_an_unreachable_redis_is_a_503_naming_the_cache():
    response = middleware.process_exception(RequestFactory().get("/"), redis.exceptions.ConnectionError("refused"))
    assert (response.status_code, "The cache service is unavailable" in response.content.decode()) == (503, True)


def test_handler500_answers_503_when_a_service_is_down_wherever_it_was_raised():
    request = RequestFactory().get("/api/v1/me/")
    try:
        raise redis.exceptions.TimeoutError("slow")
    except redis.exceptions.TimeoutError:
        with translation.override("en"):
            response = server_error(request)
    assert (response.status_code, json.loads(response.content)) == (
        503, {"detail": "The cache service is unavailable. Please try again in a moment."})
    try:
        raise ValueError("a bug")
    except ValueError:
        assert server_error(RequestFactory().get("/")).status_code == 500


@pytest.mark.django_db
def test_a_logged_in_page_with_redis_down_answers_503_not_500(tree):
    client = Client(raise_request_exception=False)
    client.force_login(tree.users.county_admin)  # a session in the database, as cached_db also keeps it
    with override_settings(CACHES=DEAD_REDIS, SESSION_ENGINE="django.contrib.sessions.backends.cached_db"):
        response = client.get("/")
    assert (response.status_code, response["Retry-After"]) == (503, "10")
    assert "The cache service is unavailable" in response.content.decode()


# --- 404 and 500 under /api/ are JSON, like the API's own answers -----------------------------------

def test_any_other_error_under_the_api_is_a_json_500_and_a_page_elsewhere():
    try:
        raise ValueError("a bug")
    except ValueError:
        api, page = server_error(RequestFactory().get("/api/v1/me/")), server_error(RequestFactory().get("/"))
    assert (api.status_code, api["Content-Type"], json.loads(api.content)) == (
        500, "application/json", {"error": "Server Error (500)"})
    assert (page.status_code, page["Content-Type"].split(";")[0]) == (500, "text/html")


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "detail"), [("en", "Not found."), ("zh-hans", "未找到。")])
def test_a_path_no_endpoint_has_under_the_api_is_a_json_404(settings, language, detail):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    api = client.get("/api/v1/no-such-thing/12/")
    page = client.get("/no-such-page/")
    assert (api.status_code, api["Content-Type"], api.json()) == (404, "application/json", {"detail": detail})
    assert (page.status_code, page["Content-Type"].split(";")[0]) == (404, "text/html")
