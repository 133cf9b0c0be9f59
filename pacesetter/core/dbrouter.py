"""Dashboard reads from a streaming replica (DATABASE_REPLICA_URL), everything else on the primary.

Reads go to the "replica" database only inside `replica_reads()`, which the heavy read-only
dashboards enter through `dashboard_reads`; a dashboard may then show data a moment old (the
replica's lag). Everything else, writes included, stays on "default", so a page that writes
and reads back never sees its own write missing. Without a replica configured (no "replica"
in DATABASES, or no router) the context is a no-op.
"""
from __future__ import annotations

import contextvars
import functools
from contextlib import contextmanager

from django.db import connections
from django.views import View

REPLICA = "replica"

_replica_reads: contextvars.ContextVar[bool] = contextvars.ContextVar("pacesetter_replica_reads", default=False)


def reading_from_replica() -> bool:
    """True inside replica_reads() when a replica is configured."""
    return _replica_reads.get() and has_replica()


def has_replica() -> bool:
    """Whether a "replica" database is configured (DATABASE_REPLICA_URL)."""
    return REPLICA in connections.settings


@contextmanager
def replica_reads():
    """Route the reads made inside the block to the replica (writes still go to the primary)."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    """Reads inside replica_reads() → "replica"; all else → "default" (None lets Django choose it)."""

    def db_for_read(self, model, **hints):
        return REPLICA if reading_from_replica() else None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the same database

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def dashboard_reads(view):
    """Serve a view's GET (and HEAD) reads from the replica. Takes a function view or a View class
    (its `get` is wrapped); other methods are left alone."""
    if isinstance(view, type) and issubclass(view, View):
        view.get = _wrap(view.get, method_check=False)
        return view
    return _wrap(view, method_check=True)


def _wrap(func, *, method_check: bool):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if method_check:
            request = args[0]
            if request.method not in ("GET", "HEAD"):
                return func(*args, **kwargs)
        with replica_reads():
            response = func(*args, **kwargs)
            # A TemplateResponse renders after the view returns: render while reads still go to the replica.
            if hasattr(response, "render") and callable(response.render) and not getattr(response, "is_rendered", True):
                response.render()
            return response

    return wrapper
