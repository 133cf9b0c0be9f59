"""Races for tests/evaluation/test_concurrency.py, in processes of their own.

    python -m tests.evaluation.race_helper N [--migrate]          two processes, the same N tokens
    python -m tests.evaluation.race_helper N --close [--migrate]  two processes cast, the round closes meanwhile

Uses the database named by DATABASE_URL; prints one line of JSON.
"""
import json
import multiprocessing
import os
import sys
import time
from collections import Counter

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402

from pacesetter.core.errors import DomainError  # noqa: E402
from pacesetter.evaluation import domain  # noqa: E402
from pacesetter.evaluation.models import Ballot, Participation  # noqa: E402
from tests.evaluation.conftest import answers_for, make_round, make_scheme  # noqa: E402
from tests.factories import make_org  # noqa: E402


def _worker(tokens, answers, barrier, queue, name):
    outcomes = []
    for token in tokens:
        barrier.wait()
        try:
            domain.cast_ballot(token, answers)
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # reported, so the test shows what went wrong
            outcomes.append(repr(exc))
    connections.close_all()
    queue.put((name, outcomes))


def _caster(tokens, answers, started, queue, name):
    outcomes = Counter()
    for token in tokens:
        time.sleep(0.002)  # a gap for the closer: SQLite's busy wait would otherwise starve it
        try:
            domain.cast_ballot(token, answers)
            outcomes["ok"] += 1
            started.set()
        except DomainError as exc:
            outcomes[exc.code] += 1
        except Exception as exc:  # reported, so the test shows what went wrong
            outcomes[repr(exc)] += 1
    connections.close_all()
    queue.put((name, dict(outcomes)))


def _close_meanwhile(setup, tokens, answers) -> dict:
    """Two processes cast different tokens while this one closes the round."""
    ctx = multiprocessing.get_context("fork")
    started, queue = ctx.Event(), ctx.Queue()
    halves = (tokens[::2], tokens[1::2])
    procs = [ctx.Process(target=_caster, args=(half, answers, started, queue, name))
             for name, half in zip("ab", halves, strict=True)]
    for proc in procs:
        proc.start()
    started.wait(timeout=120)
    domain.close_round(setup.round, by=None)
    results = dict(queue.get(timeout=600) for _proc in procs)
    for proc in procs:
        proc.join()
    ballot_xmins = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(DISTINCT xmin::text) FROM evaluation_ballot")
            ballot_xmins = cursor.fetchone()[0]
    return {
        "cast": sum(r.get("ok", 0) for r in results.values()),
        "outcomes": sorted({code for r in results.values() for code in r}),
        "ballots": Ballot.objects.count(),
        "used": sum(Participation.objects.values_list("used", flat=True)),
        "ballot_xmins": ballot_xmins,
    }


def main() -> None:
    n = int(sys.argv[1])
    if "--migrate" in sys.argv:
        call_command("migrate", verbosity=0)
    org = make_org(code="RACE1")
    scheme = make_scheme()
    setup = make_round(scheme, subjects=[org])
    tokens = domain.make_tokens(setup.round, subject=setup.subjects[0], group=setup.groups[0], count=n, by=None)
    answers = answers_for(scheme)
    connections.close_all()  # each process opens its own connection after the fork
    if "--close" in sys.argv:
        print(json.dumps(_close_meanwhile(setup, tokens, answers)))
        connections.close_all()
        return
    ctx = multiprocessing.get_context("fork")
    barrier, queue = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(tokens, answers, barrier, queue, name)) for name in ("a", "b")]
    for proc in procs:
        proc.start()
    results = dict(queue.get(timeout=600) for _proc in procs)
    for proc in procs:
        proc.join()
    print(json.dumps({"a": results["a"], "b": results["b"], "ballots": Ballot.objects.count()}))
    connections.close_all()


if __name__ == "__main__":
    main()
