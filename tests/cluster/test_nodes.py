"""Any node serves any request; 200 racing ballots with one token through nginx make one ballot."""
import json
import re
import subprocess
import threading

import pytest
import redis
from django.utils.crypto import salted_hmac

from .conftest import ROOT, Browser, ballot_counts, cast, cluster_mod, token_statuses

pytestmark = pytest.mark.cluster


def test_any_node_serves_a_logged_in_user_with_one_session(cluster, seeded):
    browser = Browser(cluster.url)
    browser.login(seeded["username"], seeded["password"])
    answers = [browser.get("/") for _ in range(8)]
    # nginx names the node that answered in X-Upstream (deploy/nginx.conf.template).
    assert (sorted({r.getheader("X-Upstream") for r in answers}), [r.status for r in answers]) == (
        sorted(cluster.node_addr(i) for i in range(2)), [200] * 8
    )
    assert all(seeded["username"] in r.text for r in answers)
    # The session lives in Redis (cached_db: written through to PostgreSQL as well).
    client = redis.Redis.from_url(cluster.env()["REDIS_URL"])
    session_key = browser.cookies["sessionid"]
    assert client.exists(f"pacesetter:1:django.contrib.sessions.cached_db{session_key}") == 1


def test_static_files_come_from_nginx_with_long_cache_headers(cluster):
    page = Browser(cluster.url).get("/accounts/login/")
    stylesheet = next(part.split('"')[0] for part in page.text.split('href="')[1:] if part.startswith("/static/")
                      and ".css" in part.split('"')[0])
    answer = Browser(cluster.url).get(stylesheet)
    assert (answer.status, answer.getheader("Cache-Control"), answer.getheader("X-Upstream")) == (
        200, "public, max-age=31536000, immutable", None
    )


def test_200_concurrent_same_token_ballots_through_nginx_make_exactly_one(cluster, seeded):
    (token,) = seeded["single"]
    before = ballot_counts(cluster)
    barrier = threading.Barrier(200)
    outcomes = []

    def voter():
        barrier.wait()
        outcomes.append(cast(cluster.url, token, seeded["answers"]))

    threads = [threading.Thread(target=voter) for _ in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    after = ballot_counts(cluster)
    # 303: cast, then the thank-you page; 410: "Ballot code already used" (a GET after the cast
    # is refused too). No 5xx, no connection error.
    assert (sorted(set(outcomes)), outcomes.count(303), len(outcomes)) == ([303, 410], 1, 200)
    assert (after[0] - before[0], after[1] - before[1], token_statuses(cluster, [token])) == (1, 1, {token: "used"})


def test_redis_counts_rate_limits_atomically_across_processes(cluster):
    """core.ratelimit.take with REDIS_URL set: 4 processes × 50 racing takes against a limit of 60;
    nothing lands in the RateBucket table."""
    script = (
        "import json, threading\n"
        "from pacesetter.core import ratelimit\n"
        "from pacesetter.core.models import RateBucket\n"
        "got = []\n"
        "def go():\n"
        "    for _ in range(10):\n"
        "        got.append(ratelimit.take('cluster.test', '203.0.113.9', limit=60, window_seconds=600))\n"
        "threads = [threading.Thread(target=go) for _ in range(5)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "key = ratelimit.key_hash('cluster.test', '203.0.113.9')\n"
        "print(json.dumps([got.count(True), RateBucket.objects.filter(key_hash=key).count()]))\n"
    )
    procs = [subprocess.Popen([str(cluster_mod.BIN / "pacesetter"), "shell", "--verbosity", "0", "-c", script],
                              env=cluster.env(), cwd=ROOT, stdout=subprocess.PIPE, text=True) for _ in range(4)]
    results = [json.loads(proc.communicate(timeout=120)[0].strip().splitlines()[-1]) for proc in procs]
    secret = (cluster.dir / "secret_key").read_text().strip()
    key = salted_hmac("pacesetter.core.ratelimit", "cluster.test\n203.0.113.9", secret=secret,
                      algorithm="sha256").hexdigest()
    client = redis.Redis.from_url(cluster.env()["REDIS_URL"])
    counted = sum(int(client.get(name)) for name in client.scan_iter(f"pacesetter:1:ratelimit:{key}:*"))
    assert (sum(taken for taken, _rows in results), {rows for _taken, rows in results}, counted) == (60, {0}, 60)


def test_failed_logins_are_counted_across_nodes_and_lock_out(cluster):
    """django-axes on its cache handler: the failures reach both nodes, the count is one (Redis).

    The attempts go to the two nodes in turn directly, with the X-Forwarded-For nginx would add:
    through nginx, round robin is kept per nginx worker and a GET + POST pair can send every POST
    to the same node."""
    nodes = [Browser(cluster.node_url(i), headers={"X-Forwarded-For": "127.0.0.1"}) for i in range(2)]
    nodes[1].cookies = nodes[0].cookies
    answers = []
    for attempt in range(6):
        browser = nodes[attempt % 2]
        page = browser.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        answer = browser.post("/accounts/login/", {"csrfmiddlewaretoken": token, "username": "guesser",
                                                   "password": "not-the-password"})
        answers.append(answer.status)
    # AXES_FAILURE_LIMIT is 5: four wrong passwords are shown the form again, the fifth locks out
    # (three of the five counted by node 0, two by node 1).
    assert answers == [200, 200, 200, 200, 429, 429]
