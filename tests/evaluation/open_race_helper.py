"""Races at an open-survey limit, for tests/evaluation/test_open_concurrency.py, in processes of their own.

    python -m tests.evaluation.open_race_helper N device [--migrate]
        two processes cast with the same device at once, N times (a fresh device each time;
        limit 1 per device: the row does not exist yet, both try to insert it)
    python -m tests.evaluation.open_race_helper N ip [--migrate]
        two processes cast from the same address with two devices, N times (a fresh address
        each time, already holding one ballot; limit 2 per address: both try to update)

Uses the database named by DATABASE_URL; prints one line of JSON.
"""
import datetime
import json
import multiprocessing
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.utils import timezone  # noqa: E402

from pacesetter.core.errors import DomainError  # noqa: E402
from pacesetter.evaluation import domain  # noqa: E402
from pacesetter.evaluation.enums import RoundKind  # noqa: E402
from pacesetter.evaluation.models import Ballot  # noqa: E402
from tests.evaluation.conftest import answers_for, make_scheme  # noqa: E402
from tests.factories import make_org  # noqa: E402


def _worker(key, answers, pairs, barrier, queue, name):
    outcomes = []
    for ip, device in pairs:
        barrier.wait()
        try:
            domain.cast_open_ballot(key, answers, client_ip=ip, device_id=device)
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # reported, so the test shows what went wrong
            outcomes.append(repr(exc))
    connections.close_all()
    queue.put((name, outcomes))


def main() -> None:
    n, mode = int(sys.argv[1]), sys.argv[2]
    if "--migrate" in sys.argv:
        call_command("migrate", verbosity=0)
    settings.OPEN_SURVEY_PER_DEVICE, settings.OPEN_SURVEY_PER_IP = 1, 2
    org = make_org(code="RACE1")
    scheme = make_scheme()
    now = timezone.now()
    round_ = domain.create_round(
        scheme=scheme, kind=RoundKind.SATISFACTION, name="race", allow_open_channel=True,
        opens_at=now - datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(days=1), by=None,
    )
    subject = domain.add_subjects(round_, organizations=[org], by=None)[0]
    for group in scheme.groups.all():
        domain.add_group(round_, voter_group=group, expected=0, by=None)
    domain.open_round(round_, by=None)
    answers = answers_for(scheme)
    if mode == "device":
        pairs = {name: [(f"10.0.{k // 250}.{k % 250}-{name}", f"device-{k}") for k in range(n)] for name in "ab"}
    else:
        for k in range(n):
            domain.cast_open_ballot(subject.open_key, answers, client_ip=f"10.1.{k // 250}.{k % 250}",
                                    device_id=f"first-{k}")
        pairs = {name: [(f"10.1.{k // 250}.{k % 250}", f"device-{k}-{name}") for k in range(n)] for name in "ab"}
    before = Ballot.objects.count()
    connections.close_all()  # each process opens its own connection after the fork
    ctx = multiprocessing.get_context("fork")
    barrier, queue = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(subject.open_key, answers, pairs[name], barrier, queue, name))
             for name in "ab"]
    for proc in procs:
        proc.start()
    results = dict(queue.get(timeout=600) for _proc in procs)
    for proc in procs:
        proc.join()
    print(json.dumps({"a": results["a"], "b": results["b"], "ballots": Ballot.objects.count() - before}))
    connections.close_all()


if __name__ == "__main__":
    main()
