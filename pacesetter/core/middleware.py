"""When the database is unreachable, answer 503 with a clear page instead of a 500."""
import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

log = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            log.warning("database unavailable: %s", exception.__class__.__name__)
            return unavailable_response()
        return None


def is_database_unavailable(exception: BaseException) -> bool:
    return isinstance(exception, (OperationalError, InterfaceError))


def unavailable_response() -> HttpResponse:
    """503 with the self-contained page (no database, no request context) and Retry-After."""
    return HttpResponse(render_to_string("503.html"), status=503, headers={"Retry-After": "10"})
