"""Open-survey limits hold under real concurrency: two processes at the limit, one ballot."""
import json
import subprocess
import sys
from collections import Counter

import pytest

from .test_concurrency import ROOT, _database_env

ROUNDS = 100


def _race(tmp_path, mode: str) -> dict:
    env, extra = _database_env(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "tests.evaluation.open_race_helper", str(ROUNDS), mode, *extra],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True)
def test_two_casts_from_one_device_at_its_limit_make_one_ballot(tmp_path):
    """Limit 1, no limit row yet: both processes try to insert it; the database lets one win."""
    result = _race(tmp_path, "device")
    pairs = Counter(tuple(sorted(pair)) for pair in zip(result["a"], result["b"], strict=True))
    assert (pairs, result["ballots"]) == ({("device_limit", "ok"): ROUNDS}, ROUNDS)


@pytest.mark.django_db(transaction=True)
def test_two_casts_from_one_address_at_its_limit_make_one_ballot(tmp_path):
    """Limit 2, one ballot already counted: both processes try to update the row; one wins."""
    result = _race(tmp_path, "ip")
    pairs = Counter(tuple(sorted(pair)) for pair in zip(result["a"], result["b"], strict=True))
    assert (pairs, result["ballots"]) == ({("ip_limit", "ok"): ROUNDS}, ROUNDS)
