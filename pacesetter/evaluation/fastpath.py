"""A short way in for the ballot's busiest request: the final POST /v/<token> (step=cast).

`BallotFastPath` wraps the WSGI application (pacesetter/wsgi.py). A complete ballot for a
token that can vote is cast right here: Django's request object only to read the form
(with its own host, size and encoding rules), one write (`domain.ballots.try_cast`), and
the 303 to the thank-you page with the headers the view and the middleware would have
sent. None of the per-request work the ballot does not need runs: no middleware, no
session, user, messages, CSRF, locale, URL resolution or template. This is what brings
ballot intake from a fifth of a trivial view's rate to more than half (bench/ballot_intake.py).

Everything else goes to Django untouched, body included: other paths and methods, the
review step, every refusal and every wrong answer (the view explains them), a request
for a host not allowed, plain HTTP when HTTPS is required, a body that is not a plain
form. Nothing here logs the path, which holds the token.

The database connection is the thread's Django connection. Django closes it at the end
of its own requests; here it is kept from one ballot to the next (on PostgreSQL until
CONN_MAX_AGE runs out, as Django would), and closed after an error.
"""
from __future__ import annotations

import io
import logging

from django.conf import settings
from django.core.exceptions import DisallowedHost, RequestDataTooBig, TooManyFieldsSent
from django.core.handlers.wsgi import WSGIRequest, get_script_name
from django.db import InterfaceError, OperationalError, connection
from django.http import UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.urls import get_script_prefix, reverse
from django.utils.http import http_date

from .domain.ballots import try_cast
from .views.ballot import answers_from_form

log = logging.getLogger(__name__)

PREFIX = "/v/"
#: Bigger bodies are no plain ballot (a hundred questions fit in 2 KiB); Django takes them.
MAX_BODY = 16 * 1024


class BallotFastPath:
    def __init__(self, application):
        self.application = application
        self._thanks = None

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO", "").startswith(PREFIX):
            response = self._cast(environ, start_response)
            if response is not None:
                return response
        return self.application(environ, start_response)

    def _cast(self, environ, start_response):
        """The response if the ballot was cast here, None to let Django answer."""
        token = environ["PATH_INFO"][len(PREFIX):]
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None
        if not 0 < length <= MAX_BODY or "/" in token:
            return None
        request = WSGIRequest(environ)
        try:
            request.get_host()  # ALLOWED_HOSTS
            secure = request.is_secure()
            if (settings.SECURE_SSL_REDIRECT and not secure) or request.content_type != "application/x-www-form-urlencoded":
                return None
            body = request.body
            environ["wsgi.input"] = io.BytesIO(body)  # read once; Django reads it again if it answers
            form = request.POST
        except (DisallowedHost, RequestDataTooBig, TooManyFieldsSent, MultiPartParserError, UnicodeDecodeError,
                UnreadablePostError):
            return None
        if form.get("step") != "cast":
            return None
        answers = answers_from_form(form.items())
        # Not inside a transaction of the caller's (a test's): that connection is not ours to close.
        own_connection = not connection.in_atomic_block
        try:
            if own_connection and connection.vendor != "sqlite":
                # What Django's request_started does; an SQLite connection is a file handle
                # with nothing to age, and opening one costs more than the ballot's write.
                connection.close_if_unusable_or_obsolete()
            cast = try_cast(token, answers)
        except (OperationalError, InterfaceError) as error:  # the database is down: the page answers 503
            log.warning("The ballot fast path could not reach the database (%s); the ballot page takes over",
                        error.__class__.__name__)
            if own_connection:
                connection.close()
            return None
        except Exception:  # noqa: BLE001 - Django tries again and answers, or shows its error page
            log.exception("The ballot fast path failed; the ballot page takes over")
            if own_connection:
                connection.close()
            return None
        if not cast:
            return None
        start_response("303 See Other", self._headers(environ, secure))
        return [b""]

    def _headers(self, environ, secure: bool) -> list[tuple[str, str]]:
        if self._thanks is None:
            # Without the script prefix an earlier request may have left in this thread.
            self._thanks = "/" + reverse("ballot:thanks")[len(get_script_prefix()):]
        script_name = get_script_name(environ).rstrip("/")
        headers = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", "0"),
            ("Location", script_name + self._thanks),
            # As never_cache and the ballot view send them: never stored, no referrer.
            ("Expires", http_date()),
            ("Cache-Control", "max-age=0, no-cache, no-store, must-revalidate, private"),
            ("Referrer-Policy", "no-referrer"),
            ("X-Frame-Options", settings.X_FRAME_OPTIONS),
        ]
        if settings.SECURE_CONTENT_TYPE_NOSNIFF:
            headers.append(("X-Content-Type-Options", "nosniff"))
        if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
            headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
        if secure and settings.SECURE_HSTS_SECONDS:
            hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
            if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
                hsts += "; includeSubDomains"
            if settings.SECURE_HSTS_PRELOAD:
                hsts += "; preload"
            headers.append(("Strict-Transport-Security", hsts))
        return headers
