"""Load and soak through nginx: the main journeys against a `make cluster` set-up, first flat out
to find the peak, then for --minutes at --fraction of it, watching errors and memory.

Usage: .venv/bin/python bench/soak.py [--minutes 10] [--fraction 0.8] [--nodes 2] [--connections 32]
       .venv/bin/python bench/soak.py --minutes 1 --peak-seconds 10      # a quick look

Brings up a cluster in a temporary folder (scripts/cluster.py: PostgreSQL primary and
replica, Redis, --nodes gunicorn nodes of 2 workers, the worker, nginx) with the demo county,
makes ballot tokens in its open round and API tokens for the demo's staff (bench/soak_seed.py),
logs the staff in through nginx, and drives nginx with wrk (Debian's package) and
bench/soak.lua. The mix, in order, per connection (every connection walks it from its own
place): the county admin's home dashboard, organisation tree, member list, commitments and
stage dashboards, non-public coverage; a township admin's home; the public notice board;
the API's organisation and commitment lists as three users; and a secret ballot cast with a
fresh token — 2 in 14 requests are ballots.

1. Peak: --peak-seconds flat out with --connections connections.
2. Pace: each connection pauses between requests so that the rate is --fraction of the peak
   (short calibration runs correct the pause for the latency met at that load).
3. Soak: --minutes at that pace. The memory of every process of the cluster (app nodes with
   their workers, worker, nginx, Redis, PostgreSQL primary and replica) is sampled every 15 s:
   private memory (RssAnon: what a leak grows) and resident memory (VmRSS).

Afterwards the round must hold exactly one ballot per used token, as many new ballots as wrk
saw 303 answers (a cast ballot) give or take the requests in flight when each wrk run
stopped (wrk does not read their answers), and no request may have failed. The public pages' per-address limits are lifted
for the run (every request comes from 127.0.0.1: one address standing for thousands of
visitors); the API's per-user throttle (600 a minute) is not, so the API traffic is spread
over three users and kept under it.

Prints one JSON line last; progress goes to stderr. The cluster's PostgreSQL runs with
fsync off (a throwaway set-up), so the figures flatter durable commits.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import cluster as cluster_mod  # noqa: E402

PASSWORD = "pacesetter-demo"
COUNTY_PAGES = ["/", "/orgs/", "/orgs/members/", "/commitments/dashboard/", "/stages/", "/non-public/coverage/"]
API_PATHS = ["/api/v1/organizations/", "/api/v1/commitments/"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Session:
    """Cookies and CSRF, one connection per request: enough to log in through nginx."""

    def __init__(self, base: str):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        all_headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), **(headers or {})}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response.status, data.decode("utf-8", "replace")

    def login(self, username: str) -> str:
        _status, page = self.request("GET", "/accounts/login/")
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _page = self.request("POST", "/accounts/login/", {
            "csrfmiddlewaretoken": csrf, "username": username, "password": PASSWORD}, {"Referer": "http://127.0.0.1/"})
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"login of {username} failed: {status}")
        return self.cookies["sessionid"]


def build_plan(folder: Path, base: str, api: dict[str, str]) -> Path:
    county = Session(base).login("county")
    township = Session(base).login("township1")
    lines = [f"GET\t{path}\tCookie: sessionid={county}" for path in COUNTY_PAGES]
    lines.append(f"GET\t/\tCookie: sessionid={township}")
    lines.append("GET\t/notice/\tAccept-Language: zh-hans")
    for n, path in enumerate(API_PATHS):
        for user in (["county", "township1"] if n == 0 else ["leader1"]):
            lines.append(f"GET\t{path}\tAuthorization: Bearer {api[user]}")
    lines.append("POST\tBALLOT")
    lines.insert(4, "POST\tBALLOT")
    plan = folder / "plan.tsv"
    plan.write_text("\n".join(lines) + "\n")
    # Every GET of the mix answers 200 before the load starts.
    probe = Session(base)
    for line in lines:
        method, path, *header = line.split("\t")
        if path == "BALLOT":
            continue
        name, _, value = header[0].partition(": ") if header else ("X", "", "")
        status, _page = probe.request(method, path, headers={name: value})
        if status != 200:
            raise SystemExit(f"{path} answers {status} before the load")
    return plan


def split_tokens(source: Path, folder: Path, sizes: dict[str, int]) -> dict[str, Path]:
    lines = source.read_text().splitlines()
    files, start = {}, 0
    for name, size in sizes.items():
        files[name] = folder / f"tokens-{name}.tsv"
        files[name].write_text("\n".join(lines[start:start + size]) + "\n")
        start += size
    return files


def wrk(base: str, plan: Path, tokens: Path, *, seconds: int, connections: int, threads: int, pause_ms: int) -> dict:
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "-s",
            str(ROOT / "bench" / "soak.lua"), base, "--", str(plan), str(tokens), str(pause_ms), str(threads)]
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("WRK_JSON ")), None)
    if result.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    figures = json.loads(line.removeprefix("WRK_JSON "))
    figures["rate"] = figures["requests"] / figures["seconds"]
    return figures


# --- memory ------------------------------------------------------------------------------


def _tree(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                queue += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return pids


def _kib(pid: int, field: str) -> int:
    """A /proc/<pid>/status figure in KiB: VmRSS (resident, shared pages included) or RssAnon
    (the process's own memory: what grows when something leaks; PostgreSQL's backends also
    count the shared buffers they have touched in VmRSS, which rises as the cache warms)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def roots(cluster) -> dict[str, int]:
    found = {}
    for name in ["nginx", "worker", "redis", *[f"node-{i}" for i in range(cluster.node_count)]]:
        if (pid := cluster.pid(name)) is not None:
            found[name] = pid
    for which in ("primary", "replica"):
        pidfile = Path(cluster.state["pg_root"]) / which / "postmaster.pid"
        if pidfile.exists():
            found[f"postgres-{which}"] = int(pidfile.read_text().split()[0])
    return found


def sample(cluster, field: str = "RssAnon") -> dict[str, int]:
    """Memory in MiB of each process tree of the cluster (`field` of /proc/<pid>/status)."""
    return {name: sum(_kib(p, field) for p in _tree(pid)) // 1024 for name, pid in roots(cluster).items()}


def ballot_counts(cluster) -> tuple[int, int]:
    """(ballots, used tokens) of the open round: one token, one ballot."""
    out = cluster.manage("shell", "-c", (
        "from pacesetter.evaluation.models import Ballot, BallotToken, Round\n"
        "from pacesetter.evaluation.enums import RoundState, TokenStatus\n"
        "r = Round.objects.filter(state=RoundState.OPEN).order_by('pk').first()\n"
        "print(Ballot.objects.filter(round=r).count(), "
        "BallotToken.objects.filter(round=r, status=TokenStatus.USED).count())"))
    ballots, used = out.strip().splitlines()[-1].split()
    return int(ballots), int(used)


def pace(base, plan, token_files: list, target: float, first_pause: int, *, connections: int, threads: int,
         log_to) -> tuple:
    """The pause that holds `target` requests/s: short runs, each correcting the pause by the
    latency it met (latency falls as the load does, so one correction overshoots)."""
    pause, runs = first_pause, []
    cycle_ms = connections * 1000 / target
    for tokens in token_files:
        run = wrk(base, plan, tokens, seconds=12, pause_ms=pause, connections=connections, threads=threads)
        runs.append(run)
        log_to(f"  pause {pause} ms: {run['rate']:.1f} requests/s (target {target:.1f})")
        if abs(run["rate"] - target) <= 0.05 * target:
            break
        latency_ms = max(0.0, connections * 1000 / run["rate"] - pause)
        pause = max(0, round(cycle_ms - latency_ms))
    return pause, runs


def append_results(r: dict, load: tuple) -> None:
    """A section of bench/RESULTS.md with the run's figures."""
    from run import machine  # bench/run.py: the machine line every section starts with

    soak, peak = r["soak"], r["peak"]
    start, end = r["private_mib_by_process_start"], r["private_mib_by_process_end"]
    memory = ", ".join(f"{name} {start[name]}→{end.get(name, 0)}" for name in start)
    section = f"""
## {time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())} — load and soak through nginx (bench/soak.py, issue 9)

Machine: {machine()}; load average at the end {load[0]:.1f}. Cluster: {r["nodes"]} gunicorn nodes × 2 workers,
PostgreSQL primary + streaming replica (fsync off), Redis, nginx, the demo county; wrk, {r["connections"]} connections.

| figure | value |
|---|---|
| peak, flat out ({peak["seconds"]:.0f} s) | {peak["rate"]:.1f} requests/s, p50 {peak["p50_ms"]:.0f} ms, p95 {peak["p95_ms"]:.0f} ms, errors {peak["http_errors"]} |
| soak target ({r["target_rate"] / peak["rate"]:.0%} of peak) | {r["target_rate"]:.1f} requests/s (pause {r["pause_ms"]} ms per connection) |
| soak, {soak["seconds"] / 60:.0f} minutes | {soak["requests"]} requests, {soak["rate"]:.1f}/s, p50 {soak["p50_ms"]:.0f} ms, p95 {soak["p95_ms"]:.0f} ms, p99 {soak["p99_ms"]:.0f} ms, max {soak["max_ms"]:.0f} ms |
| errors in the soak | HTTP {soak["http_errors"]}, socket {soak["socket_errors"]} |
| ballots | {r["ballots_cast_303"]} answered cast (303); {r["ballots_in_database"]} new ballots, {r["tokens_used"]} tokens used |
| private memory, first → last minute | {r["private_mib_first_minute"]} → {r["private_mib_last_minute"]} MiB |
| private memory by process (MiB, start → end) | {memory} |
"""
    with open(ROOT / "bench" / "RESULTS.md", "a") as results:
        results.write(section)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--fraction", type=float, default=0.8)
    parser.add_argument("--peak-seconds", type=int, default=30)
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--sample-seconds", type=int, default=15)
    parser.add_argument("--append-results", action="store_true", help="append the figures to bench/RESULTS.md")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        subprocess.run([str(ROOT / "scripts" / "apt-install.sh"), "wrk"], check=True)
    # One address for every request: lift the public pages' per-address limits for the run.
    os.environ.update({"PUBLIC_PAGES_PER_MINUTE": "0", "PUBLIC_FILES_PER_MINUTE": "0"})
    folder = Path(tempfile.mkdtemp(prefix="pacesetter-soak."))
    cluster = cluster_mod.Cluster(folder / "cluster", nodes=args.nodes, port=0)
    log("bringing the cluster up with the demo county …")
    up_seconds = cluster.up(seed_demo="county", timeout=300)
    try:
        soak_seconds = int(args.minutes * 60)
        # Ballots are 2 in 14 requests; enough tokens for a generous 600 requests/s.
        sizes = {"peak": 90 * args.peak_seconds, **{f"calibrate{n}": 90 * 12 for n in range(4)},
                 "soak": 90 * soak_seconds}
        seeded = subprocess.run([str(cluster_mod.BIN / "python"), str(ROOT / "bench" / "soak_seed.py"),
                                 str(sum(sizes.values())), str(folder)],
                                env=cluster.env(), cwd=ROOT, capture_output=True, text=True, check=False)
        if seeded.returncode != 0:
            raise SystemExit(f"bench/soak_seed.py failed:\n{seeded.stderr[-3000:]}")
        log(f"seeded: {seeded.stdout.strip()}")
        tokens = split_tokens(folder / "tokens.tsv", folder, sizes)
        api = json.loads((folder / "api.json").read_text())
        plan = build_plan(folder, cluster.url, api)
        before, used_before = ballot_counts(cluster)
        common = {"connections": args.connections, "threads": args.threads}

        log(f"peak: {args.peak_seconds} s flat out, {args.connections} connections …")
        peak = wrk(cluster.url, plan, tokens["peak"], seconds=args.peak_seconds, pause_ms=0, **common)
        log(f"peak {peak['rate']:.0f} requests/s, p95 {peak['p95_ms']:.0f} ms, errors {peak['http_errors']}")
        target = args.fraction * peak["rate"]
        pause = max(0, round(args.connections * 1000 / target - peak["p50_ms"] / 2))
        log("pacing …")
        pause, calibration = pace(cluster.url, plan, [tokens[f"calibrate{n}"] for n in range(4)], target, pause,
                                  log_to=log, **common)

        samples: list[tuple[float, dict[str, int]]] = []
        rss: list[dict[str, int]] = []
        stop = threading.Event()

        def watch():
            started = time.monotonic()
            while not stop.is_set():
                samples.append((time.monotonic() - started, sample(cluster)))
                rss.append(sample(cluster, "VmRSS"))
                stop.wait(args.sample_seconds)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        log(f"soak: {soak_seconds} s at {target:.0f} requests/s …")
        soak = wrk(cluster.url, plan, tokens["soak"], seconds=soak_seconds, pause_ms=pause, **common)
        stop.set()
        watcher.join()
        samples.append((soak_seconds, sample(cluster)))
        rss.append(sample(cluster, "VmRSS"))
        after, used_after = ballot_counts(cluster)
        runs = [peak, *calibration, soak]
        cast = sum(run["statuses"].get("303", 0) for run in runs)
        # wrk stops with requests in flight whose answers it never reads: the server may still
        # cast those ballots, at most one per connection and run.
        in_flight = args.connections * len(runs)
        totals = [sum(s.values()) for _t, s in samples]
        first_minute = [sum(s.values()) for t, s in samples if t <= 60] or totals[:1]
        last_minute = [sum(s.values()) for t, s in samples if t >= soak_seconds - 60] or totals[-1:]
        result = {
            "nodes": args.nodes, "connections": args.connections, "cluster_up_s": round(up_seconds, 1),
            "peak": peak, "calibration": calibration, "soak": soak,
            "target_rate": round(target, 1), "pause_ms": pause,
            "ballots_cast_303": cast, "ballots_in_database": after - before, "tokens_used": used_after - used_before,
            "private_mib_first_minute": round(statistics.mean(first_minute)),
            "private_mib_last_minute": round(statistics.mean(last_minute)),
            "private_mib_by_process_start": samples[0][1], "private_mib_by_process_end": samples[-1][1],
            "rss_mib_by_process_start": rss[0], "rss_mib_by_process_end": rss[-1],
            "memory_samples": len(samples),
        }
        ok = (all(run["http_errors"] == 0 and run["socket_errors"] == 0 for run in runs)
              and after - before == used_after - used_before and cast <= after - before <= cast + in_flight)
        result["ok"] = ok
        if args.append_results:
            append_results(result, os.getloadavg())
        print(json.dumps(result))
        if not ok:
            sys.exit(1)
    finally:
        cluster.down(quiet=True)
        cluster._clean()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
