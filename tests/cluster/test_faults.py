"""Faults: kill -9 an app node during a ballot load; stop PostgreSQL for 10 s."""
import queue
import threading
import time

import pytest

from .conftest import Browser, ballot_counts, cast, token_statuses

pytestmark = pytest.mark.cluster

THREADS = 20
KILL_AFTER = 100  # answers


def test_kill_9_one_node_during_a_ballot_load_loses_and_doubles_nothing(cluster, seeded):
    """300 voters, 20 at a time; node 0 is killed (master and workers, SIGKILL) after 100 answers.

    Invariant: count(ballots) == count(used tokens), before and after the kill, and every token
    answered 303 is used. Only the requests node 0 held when it died may fail (502 from nginx,
    which never resends a POST that reached a node), at most one per voter thread; a voter who
    tries again then gets 303 (not cast) or 410 (cast before the node died), never a second
    ballot. nginx keeps serving through node 1: every answer after the kill settles is 303.
    """
    tokens = seeded["batch"]
    before = ballot_counts(cluster)
    todo: queue.Queue = queue.Queue()
    for token in tokens:
        todo.put(token)
    answered: list[tuple[str, int]] = []
    lock, halfway = threading.Lock(), threading.Event()

    def voter():
        while True:
            try:
                token = todo.get_nowait()
            except queue.Empty:
                return
            status = cast(cluster.url, token, seeded["answers"])
            with lock:
                answered.append((token, status))
                if len(answered) == KILL_AFTER:
                    halfway.set()

    threads = [threading.Thread(target=voter) for _ in range(THREADS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    assert halfway.wait(timeout=120)
    cluster.kill_node(0)
    killed_at = len(answered)
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    statuses = dict(answered)
    failed = sorted(token for token, status in answered if status != 303)
    stored = token_statuses(cluster, tokens)
    after = ballot_counts(cluster)
    print(f"\n{len(tokens)} ballots through nginx in {elapsed:.1f} s ({len(tokens) / elapsed:.0f}/s), "
          f"node 0 killed after {killed_at} answers, {len(failed)} in flight there failed")

    assert after[0] - before[0] == after[1] - before[1]  # no ballot without its used token, none doubled
    assert {stored[t] for t, s in answered if s == 303} == {"used"}
    assert ({s for _t, s in answered} - {303, 502}, len(failed) <= THREADS) == (set(), True)
    # Once nginx has marked node 0 down, everything lands on node 1 and succeeds.
    assert {s for _t, s in answered[killed_at + THREADS:]} == {303}

    # The voters whose request died with the node try again: each ends with exactly one ballot.
    retried = {token: cast(cluster.url, token, seeded["answers"]) for token in failed}
    assert all(retried[t] == (410 if stored[t] == "used" else 303) for t in failed), (retried, stored)
    final = ballot_counts(cluster)
    assert (final[0] - before[0], final[1] - before[1], set(token_statuses(cluster, tokens).values())) == (
        len(tokens), len(tokens), {"used"}
    )
    assert statuses.keys() == set(tokens)

    # Restarted, node 0 takes requests again once nginx's fail_timeout (5 s) has passed.
    cluster.restart_node(0)
    served_by, deadline = set(), time.monotonic() + 15
    while len(served_by) < 2 and time.monotonic() < deadline:
        served_by.add(Browser(cluster.url).get("/healthz").getheader("X-Upstream"))
        time.sleep(0.1)
    assert served_by == {cluster.node_addr(0), cluster.node_addr(1)}


def test_postgres_down_10_s_answers_503_then_recovers_by_itself(cluster, seeded):
    browser = Browser(cluster.url)
    browser.login(seeded["username"], seeded["password"])
    token = seeded["spare"][0]
    before = ballot_counts(cluster)
    assert browser.get(f"/v/{token}").status == 200

    cluster.stop_primary()
    stopped = time.monotonic()
    answers, kinds = [], set()
    try:
        while time.monotonic() - stopped < 10:
            for path in ("/", "/api/v1/me/", f"/v/{token}"):
                response = browser.get(path)
                answers.append((path, response.status, response.getheader("Retry-After"),
                                "The database is unavailable" in response.text))
                kinds.add((path, response.getheader("Content-Type").split(";")[0]))
            response = browser.post(f"/v/{token}", {"step": "cast", **seeded["answers"]})
            answers.append(("cast", response.status, response.getheader("Retry-After"),
                            "The database is unavailable" in response.text))
            time.sleep(0.5)
    finally:
        cluster.start_primary()
    restarted = time.monotonic()
    # Every page, the API and the ballot (its GET and its POST) said 503 with the clear message.
    assert {answer[1:] for answer in answers} == {(503, "10", True)}
    assert {answer[0] for answer in answers} == {"/", "/api/v1/me/", f"/v/{token}", "cast"}
    assert kinds == {("/", "text/html"), ("/api/v1/me/", "application/json"), (f"/v/{token}", "text/html")}

    # No restart of the nodes: pages answer again within a few seconds.
    while True:
        status = browser.get("/").status
        if status == 200 or time.monotonic() - restarted > 15:
            break
        time.sleep(0.2)
    assert status == 200
    print(f"\nservice back {time.monotonic() - restarted:.1f} s after PostgreSQL started")
    # Nothing half-written: the refused ballots left no trace, the token still votes once.
    assert (ballot_counts(cluster), token_statuses(cluster, [token])) == (before, {token: "unused"})
    assert cast(cluster.url, token, seeded["answers"]) == 303
    assert browser.get("/api/v1/me/").status == 200


def test_redis_down_answers_503_then_nobody_is_logged_out(cluster, seeded):
    """Redis (cache, sessions, rate limits) stopped: pages, the API and the ballot page answer 503
    naming the cache, never 500. A ballot POST either answers the same 503 and writes nothing, or
    (the fast path needs only PostgreSQL) is cast whole: one ballot, its token used. Started again
    (empty: it keeps nothing on disk), the same login still works, because sessions are written
    through to the database, and the token votes exactly once overall."""
    browser = Browser(cluster.url)
    browser.login(seeded["username"], seeded["password"])
    token = seeded["spare"][1]
    before = ballot_counts(cluster)[:2]  # ballots, used tokens
    cluster._stop("redis")
    try:
        answers = set()
        for path in ("/", "/api/v1/me/", f"/v/{token}"):
            response = browser.get(path)
            answers.add((path, response.status, response.getheader("Retry-After"),
                         "The cache service is unavailable" in response.text))
        cast_status = browser.post(f"/v/{token}", {"step": "cast", **seeded["answers"]}).status
        during = (ballot_counts(cluster)[:2], token_statuses(cluster, [token]))
    finally:
        cluster._start_redis()
    assert {answer[1:] for answer in answers} == {(503, "10", True)}, answers
    one_more = tuple(count + 1 for count in before)
    if cast_status == 303:
        assert during == (one_more, {token: "used"})
    else:
        assert (cast_status, during) == (503, (before, {token: "unused"}))
    assert browser.get("/").status == 200  # still logged in: the session came back from the database
    assert cast(cluster.url, token, seeded["answers"]) == (410 if cast_status == 303 else 303)
    assert ballot_counts(cluster)[:2] == one_more
