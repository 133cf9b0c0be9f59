"""Server-time p95 of the public notice board (/notice/) on the county demo, and its query counts.

Usage: bench/notice_board.py [--requests 200] [--keep DIR]

Without DATABASE_URL the database is a fresh SQLite file in a temporary folder (removed
afterwards unless --keep DIR). With a PostgreSQL DATABASE_URL a fresh database named after
the given one plus `_notice` is created on the same server and dropped afterwards: the
given database is never read or written. Into it goes `seed_demo --scale county` (~1,400
organisations; ~1,500 published pledges of organisations and members with ~5,700 items on
the board, plus drafts, feedback and evidence), then ANALYZE (VACUUM ANALYZE on PostgreSQL).

Requests go through Django's test client in-process, anonymous like the public, so the
figure is server time: routing, middleware, queries, template rendering; p50/p95 of
--requests requests after 5 warm-ups each, and the p50 of the process's CPU time, which
other work on the machine does not inflate as much. The test environment's template
instrumentation (a copy of the context per rendered template) stays off: it would
measure the test client, not the server. Pages: the board's first page; its second page;
a township (the one with most organisations on the board); a search for a word found in
many pledges; an organisation's page (the one with most published pledges: its own and its
members'). Each page's queries are counted once; the board's pages must all cost the same.
Progress goes to stderr; the last line of stdout is one JSON dict of the figures.
"""
import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# One client asks for the board thousands of times a minute: without this the public page limit
# (core.public_limits, 600 a minute per address) answers 429. The limit's own cost is measured apart.
os.environ.setdefault("PUBLIC_PAGES_PER_MINUTE", "0")

#: A word of many demo pledges (党员: party member), as a visitor would search for it.
SEARCH = "党员"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def p95(samples):
    return statistics.quantiles(samples, n=20)[18]


def fresh_postgres(url: str) -> tuple[str, str]:
    """A new, empty database beside the one `url` names: (its URL, its name)."""
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'postgres'}_notice"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), name


def drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def analyse() -> None:
    """Statistics as autovacuum would leave them a minute after the seed. Without them
    PostgreSQL believes every freshly filled table holds one row and walks all published
    pledges once per organisation of a township (25 ms instead of 0.6 ms, EXPLAIN ANALYZE)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def timed(client, url: str, n: int) -> dict:
    samples, cpu = [], []
    for _ in range(5):
        client.get(url)  # warm caches and connections
    for _ in range(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return {"p50_ms": round(statistics.median(samples), 2), "p95_ms": round(p95(samples), 2),
            "cpu_p50_ms": round(statistics.median(cpu), 2)}


def queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return len(context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--keep", metavar="DIR", type=Path, help="make the SQLite database in DIR and keep it")
    args = parser.parse_args()

    temporary = postgres = None
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith("postgres"):
        os.environ["DATABASE_URL"], postgres = fresh_postgres(given)
        var_dir = temporary = Path(tempfile.mkdtemp(prefix="pacesetter-bench-notice-"))
    elif given:
        raise SystemExit("DATABASE_URL must name a PostgreSQL server, or be unset for a fresh SQLite file")
    else:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            var_dir = args.keep.resolve()
        else:
            var_dir = temporary = Path(tempfile.mkdtemp(prefix="pacesetter-bench-notice-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{var_dir / 'db.sqlite3'}"
    os.environ["PACESETTER_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacesetter.settings")
    os.environ.setdefault("SECURE_HTTPS", "0")
    os.environ.setdefault("DEBUG", "1")  # static files without collectstatic, as bench/pages.py

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections
    from django.db.models import Count
    from django.test import Client

    from pacesetter.campaigns.queries import current_campaign
    from pacesetter.commitments.board import board_organizations
    from pacesetter.commitments.models import Commitment, CommitmentItem
    from pacesetter.commitments.queries import public_commitments

    try:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("seed_demo", "--scale", "county", stdout=sys.stderr)
        log(f"county demo seeded in {time.perf_counter() - started:.1f} s")
        analyse()
        campaign = current_campaign()
        published = public_commitments().filter(campaign=campaign)
        if campaign is None or not published.exists():
            raise SystemExit("the county demo has no published commitments in its current campaign: no board")
        on_board = board_organizations(campaign)
        township = (
            on_board.exclude(township="").values("township").annotate(n=Count("pk")).order_by("-n", "township")
            .values_list("township", flat=True).first()
        )
        busiest = (
            published.values("organization__code").annotate(n=Count("pk")).order_by("-n", "organization__code")
            .values_list("organization__code", "n").first()
        )
        client = Client(HTTP_HOST="localhost")
        pages = {
            "board_first_page": "/notice/",
            "board_second_page": "/notice/?page=2",
            "board_township": f"/notice/?{urlencode({'township': township})}",
            "board_search": f"/notice/?{urlencode({'q': SEARCH})}",
            "organization_page": f"/notice/{busiest[0]}/",
        }
        figures = {
            "engine": connection.vendor,
            "orgs_on_board": on_board.count(),
            "published_pledges": published.count(),
            "member_pledges": published.filter(member__isnull=False).count(),
            "items_on_board": CommitmentItem.objects.filter(commitment__in=published).count(),
            "pledges_in_database": Commitment.objects.count(),
            "campaign": campaign.name,
            "township": township,
            "township_orgs": on_board.filter(township=township).count(),
            "search": SEARCH,
            "search_orgs": board_organizations(campaign, text=SEARCH).count(),
            "organization": busiest[0],
            "organization_pledges": busiest[1],
            "requests": args.requests,
            "load_before": round(os.getloadavg()[0], 1),
        }
        for key, url in pages.items():
            figures[key] = timed(client, url, args.requests) | {"queries": queries(client, url), "url": url}
            log(f"{key}: {figures[key]}")
        board_counts = {figures[key]["queries"] for key in pages if key.startswith("board_")}
        figures["board_queries_constant"] = len(board_counts) == 1
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
