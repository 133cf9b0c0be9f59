"""The client's address, decided in one place for the login throttle and the open survey."""
from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The visitor's address, from the same source the login throttle is configured with.

    Behind a proxy (BEHIND_PROXY: settings then set PROXY_COUNT), each proxy
    appends the address it was connected from to X-Forwarded-For, so the client is the
    PROXY_COUNT-th entry from the right; entries further left come from the client itself
    and could be anything. Otherwise, and if the header is shorter, REMOTE_ADDR.
    """
    proxies = int(getattr(settings, "PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
