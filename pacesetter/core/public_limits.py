"""Rate limits of the pages anyone can open without logging in, per client address.

Two kinds, chosen per view with `public_rate_limit(scope, kind=...)`:

- PAGE and FILE count every request in core.ratelimit (shared by all processes) and answer
  429 with Retry-After once an address has used its allowance of the minute. The defaults are
  generous: a meeting hall behind one NAT address opens the same notice board or gallery at
  once, and a gallery page pulls dozens of thumbnails.
- NOT_FOUND counts only the answers "no such token / key / code" (404) of the pages whose URL
  is a secret (the ballot, the open survey, a site visit's score sheet, a certificate's
  verification code). Those are the requests of someone guessing; a voter with a real token
  costs nothing here, so a whole hall voting from one address within minutes is never
  refused (the ballot's hot path does no extra database write). Once the allowance of the
  minute is spent, the address gets 429 for every request of that scope until the minute
  ends, valid tokens included (a guesser must not learn which guess was right). The
  blocked state is kept in the default cache, set again by any process that counts a
  refusal past the limit.

Each decorated view carries `public_rate_limit` (its scope and kind), so a test can walk
the URL patterns and find every page anonymous visitors reach that is not limited.
"""
from __future__ import annotations

import functools
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.views import View

from . import ratelimit
from .net import client_ip

PAGE, FILE, NOT_FOUND = "page", "file", "not_found"
#: The setting that holds each kind's allowance per address and minute (0: no limit).
SETTING = {PAGE: "PUBLIC_PAGES_PER_MINUTE", FILE: "PUBLIC_FILES_PER_MINUTE", NOT_FOUND: "PUBLIC_NOT_FOUND_PER_MINUTE"}
DEFAULT = {PAGE: 600, FILE: 3000, NOT_FOUND: 60}
WINDOW_SECONDS = 60


@dataclass(frozen=True)
class Limit:
    scope: str
    kind: str

    @property
    def per_minute(self) -> int:
        return int(getattr(settings, SETTING[self.kind], DEFAULT[self.kind]))


def public_rate_limit(scope: str, *, kind: str = PAGE, private: bool = False):
    """Decorate a function view, or a class-based view (its `dispatch`), with a per-address limit.

    `private`: the URL holds a secret (a ballot token): the 429 is never logged with its path
    and sends no Referer onwards, like the page itself.
    """
    if kind not in SETTING:
        raise ValueError(f"unknown kind {kind!r}")
    limit = Limit(f"public.{scope}", kind)

    def decorate(view):
        if isinstance(view, type) and issubclass(view, View):
            view.dispatch = _wrap(view.dispatch, limit, private, method=True)
            view.public_rate_limit = limit
            return view
        wrapped = _wrap(view, limit, private, method=False)
        wrapped.public_rate_limit = limit
        return wrapped

    return decorate


def limit_of(callback) -> Limit | None:
    """The limit a resolved URL pattern's view carries, if any (function or class-based)."""
    return getattr(callback, "public_rate_limit", None) or getattr(
        getattr(callback, "view_class", None), "public_rate_limit", None
    )


def _wrap(view, limit: Limit, private: bool, *, method: bool):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        request = args[1] if method else args[0]
        per_minute = limit.per_minute
        if per_minute < 1:
            return view(*args, **kwargs)
        ident = client_ip(request) or "unknown"
        if limit.kind == NOT_FOUND:
            return _count_refusals(view, args, kwargs, request, limit, ident, per_minute, private)
        if not ratelimit.take(limit.scope, ident, limit=per_minute, window_seconds=WINDOW_SECONDS):
            return too_many(request, _retry_after(), private=private)
        return view(*args, **kwargs)

    return wrapper


def _count_refusals(view, args, kwargs, request, limit, ident, per_minute, private):
    blocked = _blocked_key(limit.scope, ident)
    if cache.get(blocked):
        return too_many(request, _retry_after(), private=private)
    try:
        response = view(*args, **kwargs)
    except Http404:
        if not _count_one(limit, ident, per_minute, blocked):
            return too_many(request, _retry_after(), private=private)
        raise
    if response.status_code == 404 and not _count_one(limit, ident, per_minute, blocked):
        return too_many(request, _retry_after(), private=private)
    return response


def _count_one(limit: Limit, ident: str, per_minute: int, blocked: str) -> bool:
    """Count one refusal; False (and the address blocked for the rest of the minute) past the limit."""
    if ratelimit.take(limit.scope, ident, limit=per_minute, window_seconds=WINDOW_SECONDS):
        return True
    cache.set(blocked, True, timeout=_retry_after())
    return False


def _blocked_key(scope: str, ident: str) -> str:
    # The keyed hash of core.ratelimit: the cache holds no address either.
    return f"public-limit-blocked:{ratelimit.key_hash(scope, ident)}"


def _retry_after(now: float | None = None) -> int:
    """Seconds until the current fixed window ends (at least 1)."""
    now = time.time() if now is None else now
    return max(1, math.ceil(ratelimit.window_end(WINDOW_SECONDS, now) - now))


def too_many(request: HttpRequest, retry_after: int, *, private: bool = False) -> HttpResponse:
    """429 with Retry-After and a translated page that says when to try again."""
    body = render_to_string("429.html", {"retry_after": retry_after}, request=request)
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(retry_after)
    patch_cache_control(response, no_store=True)
    if private:
        response["Referrer-Policy"] = "no-referrer"
        response._has_been_logged = True  # the path holds a secret
    return response
