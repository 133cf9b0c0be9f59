"""The job kinds: name → the function that does the work, who may start it, its label.

A kind's function takes `(job, progress)` and returns an `Outcome`. It runs inside ONE
transaction that the runner opens and that also marks the job done, so a crash anywhere
leaves neither half-written data nor a job "done" without its data. `progress(stage,
percent)` shows how far it got (on PostgreSQL, through a connection of its own).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass
class Outcome:
    """What a job produced: a summary for the page and the API, maybe a file.

    With `error` set the job failed: its writes are rolled back, but the summary and the
    file (e.g. a row-numbered error report) are kept for the page."""

    summary: dict = field(default_factory=dict)
    file_name: str = ""
    file_bytes: bytes | None = None
    error: str = ""


@dataclass(frozen=True)
class JobKind:
    name: str
    label: object
    run: Callable
    may_start: Callable  # user → bool (None: the system)
    #: Offered on /jobs/ as "Run now" (county admins); others are started from their own pages.
    run_now: bool = False


KINDS: dict[str, JobKind] = {}


def register(name: str, *, label, may_start, run_now: bool = False):
    def decorator(fn):
        KINDS[name] = JobKind(name, label, fn, may_start, run_now)
        return fn

    return decorator


def get(name: str) -> JobKind | None:
    return KINDS.get(name)


def label(name: str):
    kind = KINDS.get(name)
    return kind.label if kind is not None else _("unknown job (%(kind)s)") % {"kind": name}
