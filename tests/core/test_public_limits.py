"""Rate limits of the public pages (pacesetter/core/public_limits.py).

The walk at the end takes the pages anonymous visitors reach from the visibility tables
(their "anonymous" column) and requires every one to be limited: by the marker the
decorator leaves, by a DRF throttle on the view, or by a reasoned exemption below.
"""
import pytest
from django.conf import settings
from django.http import Http404, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import resolve
from django.utils import translation
from django.views import View
from rest_framework.throttling import AnonRateThrottle

from pacesetter.core.net import client_ip
from pacesetter.core.public_limits import FILE, NOT_FOUND, PAGE, limit_of, public_rate_limit
from tests import visibility
from tests.api.test_visibility import CASES as API_CASES
from tests.test_visibility_table import ADMIN, LOGIN, TABLE, view_of

pytestmark = pytest.mark.django_db

factory = RequestFactory()


@public_rate_limit("test.page")
def page_view(request):
    return HttpResponse("page")


@public_rate_limit("test.secret", kind=NOT_FOUND, private=True)
def secret_view(request, token):
    if token == "good":
        return HttpResponse("ballot")
    if token == "raise":
        raise Http404
    return HttpResponse("no such token", status=404)


@public_rate_limit("test.class", kind=FILE)
class FileView(View):
    def get(self, request):
        return HttpResponse("file")


def statuses(view, n, *args, addr="10.0.0.1", **kwargs):
    return [view(factory.get("/x", REMOTE_ADDR=addr), *args, **kwargs).status_code for _ in range(n)]


@override_settings(PUBLIC_PAGES_PER_MINUTE=3)
def test_page_limit_refuses_past_the_allowance_of_one_address():
    assert statuses(page_view, 5) == [200, 200, 200, 429, 429]
    assert statuses(page_view, 1, addr="10.0.0.2") == [200]


@override_settings(PUBLIC_PAGES_PER_MINUTE=1)
def test_refusal_has_retry_after_no_store_and_a_translated_page():
    page_view(factory.get("/x", REMOTE_ADDR="10.0.0.1"))
    with translation.override("en"):
        response = page_view(factory.get("/x", REMOTE_ADDR="10.0.0.1"))
    retry_after = int(response["Retry-After"])
    assert (response.status_code, 1 <= retry_after <= 60, response["Cache-Control"]) == (429, True, "no-store")
    assert f"Please try again in {retry_after} second" in response.content.decode()


@override_settings(PUBLIC_PAGES_PER_MINUTE=0)
def test_zero_switches_the_page_limit_off():
    assert statuses(page_view, 5) == [200] * 5


@override_settings(PUBLIC_FILES_PER_MINUTE=2)
def test_class_based_view_is_limited_by_its_kind_setting():
    view = FileView.as_view()
    assert (statuses(view, 3), limit_of(view).kind, limit_of(view).scope) == ([200, 200, 429], FILE, "public.test.class")


@override_settings(PUBLIC_NOT_FOUND_PER_MINUTE=2)
def test_real_tokens_never_count_against_the_not_found_limit():
    assert statuses(secret_view, 20, "good") == [200] * 20
    assert statuses(secret_view, 3, "bad") == [404, 404, 429]


@override_settings(PUBLIC_NOT_FOUND_PER_MINUTE=2)
def test_past_the_not_found_limit_even_a_real_token_waits_out_the_minute():
    """A guesser must not learn which guess was right once the allowance is spent."""
    statuses(secret_view, 3, "bad")
    assert statuses(secret_view, 1, "good") == [429]
    assert statuses(secret_view, 1, "good", addr="10.0.0.9") == [200]


@override_settings(PUBLIC_NOT_FOUND_PER_MINUTE=1)
def test_http404_raised_by_the_view_counts_too():
    request = factory.get("/x", REMOTE_ADDR="10.0.0.1")
    with pytest.raises(Http404):
        secret_view(request, "raise")
    assert secret_view(factory.get("/x", REMOTE_ADDR="10.0.0.1"), "raise").status_code == 429


@override_settings(PUBLIC_NOT_FOUND_PER_MINUTE=1)
def test_private_refusal_is_not_logged_with_its_path():
    statuses(secret_view, 2, "bad")
    response = secret_view(factory.get("/x", REMOTE_ADDR="10.0.0.1"), "good")
    assert (response.status_code, response["Referrer-Policy"], response._has_been_logged) == (429, "no-referrer", True)


@override_settings(PUBLIC_NOT_FOUND_PER_MINUTE=2)
def test_ballot_page_refuses_a_guesser_in_english():
    client = Client(REMOTE_ADDR="10.1.1.1")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    got = [client.get(f"/v/{'A' * 23}{n}").status_code for n in range(3)]
    response = client.get("/v/" + "B" * 24)
    assert (got, response.status_code, "Too many requests" in response.content.decode()) == (
        [404, 404, 429], 429, True,
    )


@override_settings(PUBLIC_PAGES_PER_MINUTE=2)
def test_public_notice_board_is_limited_per_address():
    client = Client(REMOTE_ADDR="10.2.2.2")
    assert [client.get("/notice/").status_code for _ in range(3)] == [200, 200, 429]


# Patterns anonymous visitors reach that carry no marker, each with the reason it needs none.
EXEMPT = {
    # The load balancer's and monitoring's health checks come from one address every few seconds;
    # the answer is one SELECT 1 and tells nothing.
    "healthz",
    # Logging out anonymously only redirects (POST with a CSRF token; GET is 405); nothing is read.
    "logout",
    # The language switch sets a cookie and redirects; no database.
    "set_language",
}
# Limited elsewhere: the admin's login form by django-axes (failures per username and address).
AXES = {"admin:login"}


def anonymous_views() -> dict[str, object]:
    """view name → view function of every pattern a row lets anonymous visitors reach (any status
    other than a redirect to a login page, or the API's 401)."""
    found = {}
    page_rows = [(m, url.format(own_report="a" * 32, other_report="b" * 32), s) for m, url, _b, s in TABLE]
    page_rows += [(m, visibility.sample(url), s) for _mod, (m, url, _b, s) in visibility.page_rows()]
    for _method, url, statuses in page_rows:
        if statuses[-1] not in (LOGIN, ADMIN, 401):
            match = view_of(url)
            found[match.view_name] = match.func
    api_rows = [(url, s) for _m, url, _b, s in API_CASES.values()]
    api_rows += [(visibility.sample(url), s) for _mod, (_m, url, _b, s) in visibility.api_rows().values()]
    for url, statuses in api_rows:
        if statuses[-1] != 401:
            match = resolve(url.split("?")[0])
            found[match.view_name] = match.func
    return found


def how_limited(name: str, func) -> str | None:
    if (limit := limit_of(func)) is not None:
        return limit.kind
    if getattr(getattr(func, "cls", None), "throttle_classes", None):
        return "drf"
    if name in AXES:
        return "axes"
    if name in EXEMPT:
        return "exempt"
    return None


def test_every_page_anonymous_visitors_reach_is_rate_limited():
    views = anonymous_views()
    unlimited = sorted(name for name, func in views.items() if how_limited(name, func) is None)
    assert unlimited == []
    # The walk found the public pages (a broken table walk must not pass by finding none).
    assert {"ballot:vote", "survey:vote", "notice:board", "honours:verify", "exhibition:photo-image"} <= set(views)


def test_pages_whose_url_is_a_secret_count_unknown_tokens():
    views = anonymous_views()
    secret = {name: limit_of(views[name]).kind for name in ("ballot:vote", "survey:vote", "sitevisits:sheet",
                                                             "honours:verify")}
    assert secret == dict.fromkeys(secret, NOT_FOUND)


def limits_along(func) -> set[str]:
    """The kinds of every limit stacked on a view (each decorator's own, walking __wrapped__)."""
    kinds = set()
    while func is not None:
        if (limit := limit_of(func)) is not None:
            kinds.add(limit.kind)
        func = getattr(func, "__wrapped__", None)
    return kinds


def test_the_ballot_page_counts_only_unknown_tokens_and_the_open_survey_every_request_too():
    """A hall of voters on one NAT address: the ballot's hot path writes no rate-limit row."""
    assert (limits_along(resolve("/v/" + "A" * 24).func), limits_along(resolve("/s/" + "A" * 16).func)) == (
        {NOT_FOUND}, {NOT_FOUND, PAGE},
    )


@pytest.mark.parametrize(("proxies", "expected"), [(0, "192.0.2.7"), (1, "198.51.100.2"), (2, "203.0.113.9")])
def test_api_throttles_key_on_the_same_address_as_the_pages(proxies, expected):
    """DRF's own default keys anonymous throttles on the whole X-Forwarded-For header, which a
    client sets at will: every request would get a fresh allowance."""
    request = factory.get("/api/v1/", REMOTE_ADDR="192.0.2.7",
                          HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.2")
    with override_settings(PROXY_COUNT=proxies, REST_FRAMEWORK={**settings.REST_FRAMEWORK, "NUM_PROXIES": proxies}):
        assert (AnonRateThrottle().get_ident(request), client_ip(request)) == (expected, expected)


def test_api_throttles_follow_proxy_count():
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == settings.PROXY_COUNT
