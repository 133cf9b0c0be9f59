"""Server-time p50/p95 of the non-public coverage pages on a county-sized registry.

Usage: bench/nonpublic.py [--entities 2000] [--requests 30] [--keep DIR]

Without DATABASE_URL the database is a fresh SQLite file in a temporary folder (removed
afterwards unless --keep DIR); with a PostgreSQL DATABASE_URL a fresh database beside it
(dropped afterwards). Into it: the demo county's organisations and logins, then, in bulk,
--entities entities over its townships with their status history (45 % covered from their
registration, a further quarter covered on a day of the last year, so the monthly line
climbs), covering organisations from the county's non-public and social branches. Then
ANALYZE. Requests go through Django's test client in-process, signed in as the county admin
(who sees everything); p50/p95 of --requests requests after 5 warm-ups, and each page's
query count. Progress goes to stderr; the last line of stdout is one JSON dict.
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

from bench.key_tasks import analyse, drop_postgres, fresh_postgres, log, queries, timed


def build(count: int, rng: random.Random) -> dict:
    from django.db.models import Q
    from django.utils import timezone

    from pacesetter.nonpublic.enums import EntityKind, Industry, PartyStatus
    from pacesetter.nonpublic.models import NonpublicEntity, StatusPeriod
    from pacesetter.nonpublic.queries import townships
    from pacesetter.nonpublic.validators import CHARSET, check_character
    from pacesetter.orgs.models import Organization

    today = timezone.localdate()
    towns = list(townships())
    covering = list(Organization.objects.filter(Q(sector="enterprise") | Q(sector="social"), level="branch"))
    entities, plans, codes = [], [], set()
    for n in range(count):
        body = "91341122" + "".join(rng.choice(CHARSET) for _ in range(9))
        while body in codes:
            body = "91341122" + "".join(rng.choice(CHARSET) for _ in range(9))
        codes.add(body)
        start = today - datetime.timedelta(days=rng.randint(380, 1500))
        fate = rng.random()
        employees = min(1500, int(6 * rng.paretovariate(1.1)))
        status = PartyStatus.NONE if fate >= 0.45 else rng.choice([PartyStatus.OWN, PartyStatus.JOINT])
        org = rng.choice(covering)
        later = today - datetime.timedelta(days=rng.randint(3, 360)) if 0.45 <= fate < 0.7 else None
        final = PartyStatus.JOINT if later else status
        entities.append(NonpublicEntity(
            kind=EntityKind.ENTERPRISE if rng.random() < 0.8 else EntityKind.SOCIAL, name=f"企业{n:05d}有限公司",
            credit_code=body + check_character(body), industry=rng.choice(Industry.values), township=rng.choice(towns),
            employees=employees, party_members=min(employees, rng.randint(0, 6)), status=final,
            status_since=later or start, covering=None if final == PartyStatus.NONE else org))
        plans.append((start, status, later, org))
    NonpublicEntity.objects.bulk_create(entities, batch_size=1000)
    periods = []
    for entity, (start, status, later, org) in zip(entities, plans):
        if later:
            periods += [StatusPeriod(entity=entity, status=PartyStatus.NONE, valid_from=start, valid_to=later),
                        StatusPeriod(entity=entity, status=PartyStatus.JOINT, covering=org, valid_from=later)]
        else:
            periods.append(StatusPeriod(entity=entity, status=status, valid_from=start,
                                        covering=None if status == PartyStatus.NONE else org))
    StatusPeriod.objects.bulk_create(periods, batch_size=2000)
    return {"entities": len(entities), "periods": len(periods), "townships": len(towns)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--keep", metavar="DIR", type=Path, help="make the SQLite database in DIR and keep it")
    args = parser.parse_args()

    temporary = postgres = None
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith("postgres"):
        os.environ["DATABASE_URL"], postgres = fresh_postgres(given)
        var_dir = temporary = Path(tempfile.mkdtemp(prefix="pacesetter-bench-nonpublic-"))
    elif given:
        raise SystemExit("DATABASE_URL must name a PostgreSQL server, or be unset for a fresh SQLite file")
    else:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            var_dir = args.keep.resolve()
        else:
            var_dir = temporary = Path(tempfile.mkdtemp(prefix="pacesetter-bench-nonpublic-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{var_dir / 'db.sqlite3'}"
    os.environ["PACESETTER_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacesetter.settings")
    os.environ.setdefault("SECURE_HTTPS", "0")
    os.environ.setdefault("DEBUG", "1")

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client

    from pacesetter.orgs.demo import seed as demo

    try:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        demo.seed("county", 1)
        log(f"county organisations seeded in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        built = build(args.entities, random.Random("bench:nonpublic"))
        build_s = time.perf_counter() - started
        log(f"{built} in {build_s:.1f} s")
        analyse()
        client = Client(HTTP_HOST="localhost")
        client.force_login(get_user_model().objects.get(username="county"))
        pages = {
            "coverage": "/non-public/coverage/",
            "list_first_page": "/non-public/",
            "list_uncovered": "/non-public/?status=none",
            "list_second_page": "/non-public/?page=2",
            "api_coverage": "/api/v1/nonpublic-coverage/",
            "api_entities": "/api/v1/nonpublic-entities/",
        }
        figures = {"engine": connection.vendor, **built, "build_s": round(build_s, 1), "requests": args.requests,
                   "load_before": round(os.getloadavg()[0], 1)}
        for key, url in pages.items():
            figures[key] = timed(client, url, args.requests) | {"queries": queries(client, url), "url": url}
            log(f"{key}: {figures[key]}")
        figures["load_after"] = round(os.getloadavg()[0], 1)
    finally:
        connections.close_all()
        if postgres:
            drop_postgres(given, postgres)
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
