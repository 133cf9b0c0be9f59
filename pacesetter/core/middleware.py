"""When the database (or, with several nodes, Redis) is unreachable, answer 503 with a clear
page instead of a 500.

The page needs neither the database nor the request's context; the API answers the same
in JSON. Errors raised in a view come here through process_exception; those raised by the
middleware before it (a session read from an unreachable Redis) reach `server_error`, the
site's handler500, which answers the same 503. Retry-After tells clients (and the ballot page's voters) to try again shortly:
a restarting PostgreSQL is back within seconds and every node reconnects by itself.
"""
import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 10

log = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if cause := unavailable_cause(exception):
            log.warning("%s unavailable: %s", cause, exception.__class__.__name__)
            return unavailable_response(request, cause)
        return None


def unavailable_cause(exception: BaseException | None) -> str | None:
    """"database" or "cache" when the exception says that service cannot be reached, else None."""
    if isinstance(exception, (OperationalError, InterfaceError)):
        return "database"
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover - redis is a dependency
        return None
    if isinstance(exception, (RedisConnectionError, RedisTimeoutError)):
        return "cache"
    return None


def is_database_unavailable(exception: BaseException) -> bool:
    return unavailable_cause(exception) == "database"


def is_api_request(request: HttpRequest) -> bool:
    """Under /api/, every answer is JSON (errors included)."""
    return request.path_info.startswith("/api/")


def unavailable_response(request: HttpRequest | None = None, cause: str = "database") -> HttpResponse:
    """503 with the self-contained page (no database, no request context), or JSON for the API."""
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if request is not None and is_api_request(request):
        if cause == "cache":
            detail = _("The cache service is unavailable. Please try again in a moment.")
        else:
            detail = _("The database is unavailable. Please try again in a moment.")
        return JsonResponse({"detail": detail}, status=503, headers=headers)
    return HttpResponse(render_to_string("503.html", {"cause": cause}), status=503, headers=headers)
