"""When the database is unreachable, answer 503 with a clear page instead of a 500.

The page needs neither the database nor the request's context; the API answers the same
in JSON. Retry-After tells clients (and the ballot page's voters) to try again shortly:
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
        if is_database_unavailable(exception):
            log.warning("database unavailable: %s", exception.__class__.__name__)
            return unavailable_response(request)
        return None


def is_database_unavailable(exception: BaseException) -> bool:
    return isinstance(exception, (OperationalError, InterfaceError))


def unavailable_response(request: HttpRequest | None = None) -> HttpResponse:
    """503 with the self-contained page (no database, no request context), or JSON for the API."""
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if request is not None and request.path_info.startswith("/api/"):
        detail = _("The database is unavailable. Please try again in a moment.")
        return JsonResponse({"detail": detail}, status=503, headers=headers)
    return HttpResponse(render_to_string("503.html"), status=503, headers=headers)
