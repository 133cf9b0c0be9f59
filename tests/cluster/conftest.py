"""One cluster for the whole tests/cluster run: two gunicorn nodes behind nginx, a PostgreSQL
primary and streaming replica, Redis (scripts/cluster.py), brought up once in a temp folder.

Skipped, not failed, where PostgreSQL's server programs, redis-server or nginx are missing
(`make test-cluster` installs them under CI).
"""
from __future__ import annotations

import http.client
import json
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

import psycopg
import pytest
from django.utils.crypto import salted_hmac

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import cluster as cluster_mod  # noqa: E402

#: Tokens the seed makes: one for the same-token race, a batch for the node-kill load, a few spare.
SINGLE, BATCH, SPARE = 1, 300, 5


def _missing() -> str | None:
    try:
        cluster_mod.pg_bindir()
    except cluster_mod.ClusterError as exc:
        return str(exc)
    for program in ("redis-server", "nginx"):
        if shutil.which(program) is None and not Path(f"/usr/sbin/{program}").exists():
            return f"{program} is not installed"
    return None


@pytest.fixture(scope="session")
def cluster():
    if reason := _missing():
        pytest.skip(f"cluster tests need PostgreSQL, redis-server and nginx: {reason}")
    folder = tempfile.mkdtemp(prefix="pacesetter-cluster.")
    the_cluster = cluster_mod.Cluster(folder, nodes=2, port=0)
    seconds = the_cluster.up()
    print(f"\ncluster up in {seconds:.1f} s at {the_cluster.url}", file=sys.stderr)
    try:
        yield the_cluster
    finally:
        the_cluster.down(quiet=True)
        the_cluster._clean()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def seeded(cluster):
    result = subprocess.run([str(cluster_mod.BIN / "python"), "-m", "tests.cluster.seed", str(SINGLE), str(BATCH + SPARE)],
                            env=cluster.env(), cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    tokens = data["tokens"]
    data["single"], data["batch"], data["spare"] = tokens[:SINGLE], tokens[SINGLE:SINGLE + BATCH], tokens[SINGLE + BATCH:]
    return data


class Browser:
    """A client that does what a browser does: keeps cookies, reads CSRF tokens from forms.
    One connection per request (as many browsers behind one proxy would), no redirects followed."""

    def __init__(self, base_url: str, *, language: str = "en", headers: dict[str, str] | None = None):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {"django_language": language}
        self.headers = dict(headers or {})

    def request(self, method: str, path: str, form: dict | None = None, *, timeout: float = 60):
        headers = {**self.headers, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read().decode("utf-8", errors="replace")
        finally:
            conn.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        response.text = content
        return response

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, form: dict, **kwargs):
        return self.request("POST", path, form, **kwargs)

    def login(self, username: str, password: str) -> None:
        page = self.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        answer = self.post("/accounts/login/", {"csrfmiddlewaretoken": token, "username": username,
                                                "password": password})
        assert answer.status == 302, (answer.status, answer.text[:500])


def cast(base_url: str, token: str, answers: dict) -> int:
    """What a voter's phone does: open the ballot page, post the answers. The POST's status
    (303: cast; 410: the code was used already), or 0 when the connection failed."""
    browser = Browser(base_url)
    try:
        page = browser.get(f"/v/{token}")
        if page.status != 200:
            return page.status
        return browser.post(f"/v/{token}", {"step": "cast", **answers}).status
    except (OSError, http.client.HTTPException):
        return 0


def token_hash(cluster, raw: str) -> str:
    """evaluation.domain.tokens.token_hash under the cluster's SECRET_KEY."""
    secret = (cluster.dir / "secret_key").read_text().strip()
    return salted_hmac("pacesetter.evaluation.ballot-token", raw, secret=secret, algorithm="sha256").hexdigest()


def sql(cluster, query: str, params=(), *, replica: bool = False):
    with psycopg.connect(cluster.dsn(replica=replica), autocommit=True, connect_timeout=10) as conn:
        return conn.execute(query, params).fetchall()


def token_statuses(cluster, tokens: list[str]) -> dict[str, str]:
    hashes = {token_hash(cluster, token): token for token in tokens}
    rows = sql(cluster, "SELECT key_hash, status FROM evaluation_ballottoken WHERE key_hash = ANY(%s)", [list(hashes)])
    return {hashes[key]: status for key, status in rows}


def ballot_counts(cluster) -> tuple[int, int, int]:
    """(ballots, tokens marked used, Participation.used summed): the first two are equal when no
    ballot was lost or doubled."""
    ((ballots,),) = sql(cluster, "SELECT count(*) FROM evaluation_ballot")
    ((used,),) = sql(cluster, "SELECT count(*) FROM evaluation_ballottoken WHERE status = 'used'")
    ((participation,),) = sql(cluster, "SELECT coalesce(sum(used), 0) FROM evaluation_participation")
    return ballots, used, int(participation)
