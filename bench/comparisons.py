"""Server-time p95 of the four comparisons at province scale: 100,000 organisations, five released rounds.

Usage: bench/comparisons.py [--townships 400] [--branches 249] [--rounds 5] [--requests 100] [--keep DIR]

Without DATABASE_URL the database is a fresh SQLite file in a temporary folder (removed
afterwards unless --keep DIR). With a PostgreSQL DATABASE_URL a fresh database named after
the given one plus `_comparisons` is created on the same server and dropped afterwards.
Into it go, in bulk: a province committee, --townships township committees and
--branches village branches under each (100,401 organisations by default), one county
admin, and --rounds released rounds each evaluating every organisation (its subjects and
stored results: composites drawn around 80, with peer and county ranks and grades as the
tally would store them; 2 % unscored). Then ANALYZE (VACUUM ANALYZE on PostgreSQL).

Requests go through Django's test client in-process, signed in as the county admin (who
sees everything), so the figure is server time; p50/p95 of --requests requests after 5
warm-ups each, and the p50 of the process's CPU time. The comparisons cache the figures
that read a whole peer group or round per count: `cold_ms` is each page's first request
with an empty cache (once, so a rough figure), the percentiles are with the cache filled. Pages: over time for a branch,
across peers for a branch (its peer group holds every branch), within the province (the
townships) and within a township (its branches), within the province at branch level
(every branch: a page of 50 from 100,000), with outside units by township and by sector,
the printable report, and the API's peers and outside endpoints. Each page's queries are
counted once. Progress goes to stderr; the last line of stdout is one JSON dict.
"""
import argparse
import datetime
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.key_tasks import analyse, drop_postgres, log, queries, timed

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4
BATCH = 20_000


def step(n: int) -> str:
    """Treebeard's path step for the n-th child (1-based): base 36, four digits."""
    digits = ""
    while n:
        n, r = divmod(n, 36)
        digits = ALPHABET[r] + digits
    return digits.rjust(STEP, "0")


def fresh_postgres(url: str) -> tuple[str, str]:
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'postgres'}_comparisons"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), name


def build_tree(townships: int, branches: int):
    from pacesetter.orgs.models import Organization

    root = Organization(path=step(1), depth=1, numchild=townships, code="P", name="省委", level="committee",
                        sector="agency")
    rows = [root]
    for t in range(1, townships + 1):
        town = f"镇{t:03d}"
        path = root.path + step(t)
        rows.append(Organization(path=path, depth=2, numchild=branches, code=f"T{t}", name=f"{town}党委",
                                 level="committee", sector="village", township=town))
        rows.extend(
            Organization(path=path + step(b), depth=3, numchild=0, code=f"T{t}B{b}", name=f"{town}{b}村党支部",
                         level="branch", sector="village", township=town)
            for b in range(1, branches + 1)
        )
    Organization.objects.bulk_create(rows, batch_size=BATCH)
    return list(Organization.objects.order_by("path").values_list("id", "level"))


def build_round(scheme, year: int, orgs: list[tuple[int, str]], rng: random.Random) -> None:
    """A released round over every organisation, with results ranked as the tally stores them."""
    from django.utils import timezone

    from pacesetter.evaluation.models import (
        Round,
        RoundSubject,
        SubjectResult,
        TallyResult,
    )
    from pacesetter.evaluation.ranking import competition_ranks

    opens = timezone.make_aware(datetime.datetime(year, 3, 1, 9))
    round_ = Round.objects.create(name=f"{year}年度民主测评", kind="democratic", scheme=scheme, state="released",
                                  opens_at=opens, closes_at=opens + datetime.timedelta(days=7))
    tally = TallyResult.objects.create(round=round_, fingerprint="0" * 64, ballots=0, answers=0)
    RoundSubject.objects.bulk_create(
        (RoundSubject(round=round_, organization_id=org_id) for org_id, _level in orgs), batch_size=BATCH)
    subjects = dict(RoundSubject.objects.filter(round=round_).values_list("organization_id", "id"))
    scores = {org_id: None if rng.random() < 0.02 else round(min(100.0, rng.gauss(80, 8)), 2)
              for org_id, _level in orgs}
    groups: dict[str, list[int]] = {}
    for org_id, level in orgs:
        if scores[org_id] is not None:
            groups.setdefault(f"village/{level}", []).append(org_id)
    peer: dict[int, tuple[str, int, int]] = {}
    for key, ids in groups.items():
        ranks = competition_ranks([scores[i] for i in ids])
        peer.update({i: (key, r, len(ids)) for i, r in zip(ids, ranks, strict=True)})
    ranked = [i for i in scores if scores[i] is not None]
    county = dict(zip(ranked, competition_ranks([scores[i] for i in ranked]), strict=True))
    results = []
    for org_id, level in orgs:
        group, rank, size = peer.get(org_id, (f"village/{level}", None, None))
        share = rank / size if rank else None
        grade = "" if rank is None else "advanced" if share <= 0.1 else "good" if share <= 0.6 else \
            "fair" if share <= 0.9 else "lagging"
        results.append(SubjectResult(
            tally=tally, subject_id=subjects[org_id], n=30, composite=scores[org_id],
            insufficient_sample=scores[org_id] is None, dissatisfied_flag=False, peer_group=group,
            rank_peer=rank, peer_size=size, rank_county=county.get(org_id), grade=grade,
        ))
    SubjectResult.objects.bulk_create(results, batch_size=BATCH)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--townships", type=int, default=400)
    parser.add_argument("--branches", type=int, default=249)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--keep", metavar="DIR", type=Path, help="make the SQLite database in DIR and keep it")
    args = parser.parse_args()

    temporary = postgres = None
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith("postgres"):
        os.environ["DATABASE_URL"], postgres = fresh_postgres(given)
        var_dir = temporary = Path(tempfile.mkdtemp(prefix="pacesetter-bench-comparisons-"))
    elif given:
        raise SystemExit("DATABASE_URL must name a PostgreSQL server, or be unset for a fresh SQLite file")
    else:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            var_dir = args.keep.resolve()
        else:
            var_dir = temporary = Path(tempfile.mkdtemp(prefix="pacesetter-bench-comparisons-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{var_dir / 'db.sqlite3'}"
    os.environ["PACESETTER_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacesetter.settings")
    os.environ.setdefault("SECURE_HTTPS", "0")
    os.environ.setdefault("DEBUG", "1")

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client

    from pacesetter.evaluation.models import Scheme
    from pacesetter.orgs.models import Organization, RoleAssignment

    try:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        orgs = build_tree(args.townships, args.branches)
        log(f"{len(orgs)} organisations in {time.perf_counter() - started:.1f} s")
        scheme = Scheme.objects.create(name="村级党组织测评", sector="village", status="active")
        rng = random.Random("bench:comparisons")
        for year in range(2026 - args.rounds, 2026):
            started = time.perf_counter()
            build_round(scheme, year, orgs, rng)
            log(f"round {year} in {time.perf_counter() - started:.1f} s")
        analyse()
        admin = get_user_model().objects.create_user("county", password=None)
        RoleAssignment.objects.create(user=admin, role="county_admin", organization=Organization.objects.get(code="P"))
        client = Client(HTTP_HOST="localhost")
        client.force_login(admin)
        branch = f"T{args.townships // 2}B{args.branches // 2}"
        town = f"T{args.townships // 2}"
        pages = {
            "history": f"/compare/{branch}/history/",
            "peers": f"/compare/{branch}/peers/",
            "within_province": "/compare/P/within/",
            "within_township": f"/compare/{town}/within/",
            "within_province_branches": "/compare/P/within/?level=branch",
            "outside_by_township": "/compare/outside/",
            "outside_by_sector": "/compare/outside/?by=sector",
            "report": f"/compare/{branch}/report/",
            "api_peers": f"/api/v1/comparisons/peers/{branch}/",
            "api_outside": "/api/v1/comparisons/outside/",
        }
        figures = {"engine": connection.vendor, "organisations": len(orgs), "rounds": args.rounds,
                   "requests": args.requests, "load_before": round(os.getloadavg()[0], 1)}
        for key, url in pages.items():
            cache.clear()
            started = time.perf_counter()
            client.get(url)
            cold_ms = round((time.perf_counter() - started) * 1000, 2)
            figures[key] = timed(client, url, args.requests) | {"cold_ms": cold_ms, "queries": queries(client, url),
                                                                "url": url}
            log(f"{key}: {figures[key]}")
        figures["load_after"] = round(os.getloadavg()[0], 1)
        print(json.dumps(figures, ensure_ascii=False))
    finally:
        connections.close_all()
        if postgres:
            drop_postgres(given, postgres)
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    main()
