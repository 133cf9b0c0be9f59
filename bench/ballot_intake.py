"""Ballot intake over HTTP, beside a trivial Django view on the same server in the same run.

Usage: .venv/bin/python bench/ballot_intake.py [--clients 32] [--rounds 3] [--trivial 6000] [--ballots 5000]
       scripts/with-postgres.sh .venv/bin/python bench/ballot_intake.py     # the same on PostgreSQL

Seeds an open round with one unique token per ballot into a fresh database (an SQLite
file in a temporary folder; the empty PostgreSQL database named by DATABASE_URL when it
names one), starts gunicorn (4 sync workers on 127.0.0.1, DEBUG off, the production WSGI
application: pacesetter.wsgi) and drives it with a small asyncio load generator, a new
connection per request as browsers meet gunicorn's sync workers. Phases alternate, trivial
view then ballots, `--rounds` times; the figures are the medians over the rounds.

The trivial view (`/bench/trivial`, an HttpResponse of two bytes through the whole
middleware stack) is added by this script's own URLconf when gunicorn loads `server()`;
the application itself is unchanged. /healthz is not a fair baseline: it queries the
database.

Each ballot is the form the confirmation page posts (step=cast and one answer per
indicator) to /v/<token>, every token used once; a 303 is a ballot cast. Afterwards the
database must hold exactly one ballot per 303 and as many used tokens, and posting a few
used tokens again must be refused (410) without adding a ballot.

Besides rates and latencies, each phase reports the gunicorn workers' CPU time per request
(from /proc): on a machine shared with other work the rates move with the neighbours' load,
the CPU a request costs much less.

Prints one JSON line last; progress goes to stderr.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import types
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKERS = 4
INDICATORS = [
    {"question": "政治引领力强", "scale": "grade4", "weight": 20},
    {"question": "组织覆盖和组织生活规范", "scale": "grade4", "weight": 15},
    {"question": "联系服务群众", "scale": "satisfaction5", "weight": 20},
    {"question": "办事公开透明", "scale": "satisfaction3", "weight": 15},
    {"question": "党员队伍作用发挥", "scale": "grade4", "weight": 15},
    {"question": "总体评价（百分制）", "scale": "score100", "weight": 15},
]
GROUPS = [{"kind": "members", "weight": 60}, {"kind": "public", "weight": 40}]
OPTIONS = {"grade4": 4, "satisfaction3": 3, "satisfaction5": 5}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- What gunicorn loads -------------------------------------------------------------------


def server():
    """gunicorn's application: pacesetter.wsgi, with /bench/trivial in front of the site's URLs."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacesetter.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.http import HttpResponse
    from django.urls import path

    import pacesetter.urls

    def trivial(request):
        return HttpResponse(b"ok", content_type="text/plain")

    # Pages name their static files through the manifest, which only collectstatic writes:
    # plain static URLs let the refusal pages render without it (the ballots never need them).
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    urlconf = types.ModuleType("bench_ballot_intake_urls")
    urlconf.urlpatterns = [path("bench/trivial", trivial), *pacesetter.urls.urlpatterns]
    settings.ROOT_URLCONF = urlconf
    from pacesetter.wsgi import application

    return application


# --- Seeding -------------------------------------------------------------------------------


def seed(n_tokens: int) -> dict:
    """An open round over a few branches; returns the tokens and the indicators' scales."""
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from pacesetter.evaluation import domain
    from pacesetter.evaluation.enums import RoundKind
    from pacesetter.orgs import domain as orgs
    from pacesetter.orgs.enums import OrgLevel, Sector

    call_command("migrate", verbosity=0)
    county = orgs.create_organization(parent=None, by=None, code="BENCH", name="测试县委", level=OrgLevel.COMMITTEE,
                                      sector=Sector.AGENCY)
    branches = [
        orgs.create_organization(parent=county, by=None, code=f"BENCH{n:02d}", name=f"测试村党支部{n}",
                                 level=OrgLevel.BRANCH, sector=Sector.VILLAGE)
        for n in range(1, 9)
    ]
    scheme = domain.activate_scheme(
        domain.create_scheme(name="村级党组织测评", sector="village", indicators=INDICATORS, groups=GROUPS, by=None),
        by=None,
    )
    now = timezone.now()
    round_ = domain.create_round(scheme=scheme, kind=RoundKind.DEMOCRATIC, name="基准测评",
                                 opens_at=now - datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(days=2),
                                 by=None)
    subjects = domain.add_subjects(round_, organizations=branches, by=None)
    groups = [domain.add_group(round_, voter_group=g, expected=100, by=None) for g in scheme.groups.order_by("id")]
    round_ = domain.open_round(round_, by=None)
    slots = [(s, g) for s in subjects for g in groups]
    per_slot = -(-n_tokens // len(slots))
    if per_slot > domain.MAX_TOKENS:
        raise SystemExit(f"at most {domain.MAX_TOKENS * len(slots)} tokens")
    tokens = []
    for subject, group in slots:  # one call per subject and group: a second would revoke the first
        count = min(per_slot, n_tokens - len(tokens))
        tokens += domain.make_tokens(round_, subject=subject, group=group, count=count, by=None)
    random.Random(2).shuffle(tokens)
    indicators = list(scheme.indicators.order_by("order").values_list("id", "scale"))
    return {"tokens": tokens, "indicators": indicators, "round": round_.pk}


def ballot_form(indicators, rng: random.Random) -> str:
    fields = [("step", "cast")]
    for pk, scale in indicators:
        fields.append((f"q{pk}", str(rng.randrange(101) if scale == "score100" else rng.randrange(OPTIONS[scale]))))
    return urllib.parse.urlencode(fields)


# --- Load --------------------------------------------------------------------------------


def get_request(path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()


def post_request(path: str, body: str) -> bytes:
    data = body.encode()
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(data)}\r\n\r\n"
    ).encode() + data


async def _one(port: int, payload: bytes) -> tuple[int, float]:
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(payload)
    data = await reader.read()
    writer.close()
    return int(data[9:12]), time.perf_counter() - started


async def _drive(port: int, payloads: list[bytes], clients: int) -> tuple[list[int], list[float], float]:
    statuses: list[int] = []
    latencies: list[float] = []
    queue = iter(payloads)

    async def client():
        for payload in queue:
            status, seconds = await _one(port, payload)
            statuses.append(status)
            latencies.append(seconds)

    started = time.perf_counter()
    await asyncio.gather(*(client() for _n in range(clients)))
    return statuses, latencies, time.perf_counter() - started


def worker_cpu(master: int) -> float:
    """CPU seconds the gunicorn workers have used so far (user + system, from /proc)."""
    total = 0
    for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def phase(port: int, payloads: list[bytes], clients: int, expected: int, label: str, master: int) -> dict:
    cpu_before = worker_cpu(master)
    statuses, latencies, seconds = asyncio.run(_drive(port, payloads, clients))
    cpu = worker_cpu(master) - cpu_before
    wrong = {s: statuses.count(s) for s in set(statuses) if s != expected}
    if wrong:
        raise SystemExit(f"{label}: unexpected statuses {wrong}")
    latencies.sort()
    figures = {
        "requests": len(statuses),
        "rps": round(len(statuses) / seconds, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
        "worker_cpu_ms": round(cpu * 1000 / len(statuses), 3),
    }
    log(f"  {label}: {figures}")
    return figures


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("gunicorn exited early")
        try:
            status, _seconds = asyncio.run(_one(port, get_request("/bench/trivial")))
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 60 s")


# --- Run -----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--trivial", type=int, default=6000, help="requests per trivial phase")
    parser.add_argument("--ballots", type=int, default=5000, help="ballots per ballot phase")
    parser.add_argument("--warmup", type=int, default=200, help="ballots before measuring (not counted)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pacesetter-bench-ballots-"))
    env = dict(os.environ, PACESETTER_VAR_DIR=str(work), DEBUG="0", SECURE_HTTPS="0",
               ALLOWED_HOSTS="127.0.0.1", DJANGO_SETTINGS_MODULE="pacesetter.settings", LOG_LEVEL="WARNING",
               PYTHONWARNINGS="ignore:No directory at")
    env.pop("CONN_MAX_AGE", None)
    if not (env.get("DATABASE_URL") or "").startswith("postgres"):
        env["DATABASE_URL"] = f"sqlite:///{work / 'db.sqlite3'}"
    os.environ.update(env)
    proc = None
    try:
        import django

        django.setup()
        from django.db import connection, connections

        engine = connection.vendor
        log(f"seeding {engine} …")
        n_tokens = args.warmup + args.rounds * args.ballots + 50
        seeded = seed(n_tokens)
        connections.close_all()
        rng = random.Random(1)
        tokens = seeded["tokens"]
        ballots = [post_request(f"/v/{t}", ballot_form(seeded["indicators"], rng)) for t in tokens]
        trivial = get_request("/bench/trivial")

        port = free_port()
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "ballot_intake:server()", "--pythonpath",
             f"{ROOT / 'bench'},{ROOT}", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}",
             "--log-level", "warning", "--backlog", "2048"],
            cwd=ROOT, env=env,
        )
        wait_until_up(port, proc)
        log(f"gunicorn up on port {port}, {WORKERS} sync workers, {args.clients} clients")
        phase(port, ballots[:args.warmup], args.clients, 303, "warm-up ballots", proc.pid)
        phase(port, [trivial] * 1000, args.clients, 200, "warm-up trivial", proc.pid)
        cursor = args.warmup
        rounds = []
        for n in range(args.rounds):
            log(f"round {n + 1}/{args.rounds}")
            t = phase(port, [trivial] * args.trivial, args.clients, 200, "trivial view", proc.pid)
            b = phase(port, ballots[cursor:cursor + args.ballots], args.clients, 303, "ballots", proc.pid)
            cursor += args.ballots
            rounds.append({"trivial": t, "ballots": b, "ratio": round(b["rps"] / t["rps"], 3)})
        reuse = phase(port, ballots[:50], min(args.clients, 50), 410, "used tokens again", proc.pid)

        from django.db.models import Count

        from pacesetter.evaluation.enums import TokenStatus
        from pacesetter.evaluation.models import Ballot, BallotToken

        cast = cursor
        counts = dict(BallotToken.objects.values_list("status").annotate(n=Count("id")).order_by())
        stored = Ballot.objects.count()
        verified = stored == cast == counts.get(TokenStatus.USED, 0) and reuse["requests"] == 50
        if not verified:
            raise SystemExit(f"verification failed: {cast} ballots posted, {stored} stored, token counts {counts}")

        def median(key, sub, digits=1):
            return round(statistics.median(r[key][sub] for r in rounds), digits)

        result = {
            "engine": engine,
            "clients": args.clients,
            "workers": WORKERS,
            "trivial_rps": median("trivial", "rps"),
            "trivial_p99_ms": median("trivial", "p99_ms"),
            "ballot_rps": median("ballots", "rps"),
            "ballot_p50_ms": median("ballots", "p50_ms"),
            "ballot_p99_ms": median("ballots", "p99_ms"),
            "ratio": round(statistics.median(r["ratio"] for r in rounds), 3),
            # CPU per request in the workers (the load generator and PostgreSQL not included):
            # what the rates would be in proportion to on an otherwise idle machine.
            "trivial_worker_cpu_ms": median("trivial", "worker_cpu_ms", 3),
            "ballot_worker_cpu_ms": median("ballots", "worker_cpu_ms", 3),
            "rounds": rounds,
            "ballots_stored": stored,
            "tokens_used": counts.get(TokenStatus.USED, 0),
            "verified": verified,
        }
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
