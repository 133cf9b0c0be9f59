"""One token, one ballot, enforced by the database: two processes race with each token."""
import json
import os
import subprocess
import sys
import urllib.parse
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 200


def _database_env(tmp_path) -> tuple[dict, list[str]]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "PACESETTER_VAR_DIR": str(tmp_path)}
    if connection.vendor == "sqlite":
        # A file database of its own: the test database is in memory, out of other processes' reach.
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'race.sqlite3'}"
        return env, ["--migrate"]
    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    env["DATABASE_URL"] = urllib.parse.urlunsplit(url._replace(path="/" + connection.settings_dict["NAME"]))
    return env, []


def _race(tmp_path, *args) -> dict:
    env, extra = _database_env(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "tests.evaluation.race_helper", *args, *extra],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True)
def test_two_processes_casting_the_same_token_make_exactly_one_ballot(tmp_path):
    result = _race(tmp_path, str(ROUNDS))
    pairs = Counter(tuple(sorted(pair)) for pair in zip(result["a"], result["b"], strict=True))
    assert pairs == {("ok", "used_token"): ROUNDS}
    assert result["ballots"] == ROUNDS


@pytest.mark.django_db(transaction=True)
def test_ballots_cast_while_the_round_closes_are_all_rewritten_or_refused(tmp_path):
    """Each ballot lands before the close (and is rewritten with the rest) or is refused after it."""
    result = _race(tmp_path, "400", "--close")
    assert result["outcomes"] == ["ok", "round_closed"]
    assert result["ballots"] == result["used"] == result["cast"]
    assert result["ballot_xmins"] == (1 if connection.vendor == "postgresql" else None)
