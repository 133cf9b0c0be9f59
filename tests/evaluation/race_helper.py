"""Two processes cast ballots with the same tokens at the same moment (run by test_concurrency).

    python -m tests.evaluation.race_helper N [--migrate]

Uses the database named by DATABASE_URL; prints JSON: per token, what each process got.
"""
import json
import multiprocessing
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402

from pacesetter.core.errors import DomainError  # noqa: E402
from pacesetter.evaluation import domain  # noqa: E402
from pacesetter.evaluation.models import Ballot  # noqa: E402
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
