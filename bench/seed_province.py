"""Time `seed_demo --scale province` (~100,000 organisations, ~3 million members) on a fresh database.

Usage: bench/seed_province.py [--seed 1] [--keep DIR]

Without DATABASE_URL the database is a fresh SQLite file (the default engine) in a
temporary folder that is removed afterwards; with --keep DIR it is made in DIR and left
there for the other benches, e.g. `DATABASE_URL=sqlite:///DIR/db.sqlite3 bench/pages.py`.
With DATABASE_URL set, that (empty) database is used. The seed's progress goes to
stderr; stdout gets one JSON line with the figures and the database's URL.
"""
import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", metavar="DIR", type=Path, help="make the SQLite database in DIR and keep it")
    args = parser.parse_args()

    temporary = None
    if not os.environ.get("DATABASE_URL"):
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            var_dir = args.keep.resolve()
            if (var_dir / "db.sqlite3").exists():
                raise SystemExit(f"{var_dir / 'db.sqlite3'} exists already; give an empty folder")
        else:
            var_dir = temporary = Path(tempfile.mkdtemp(prefix="pacesetter-seed-province-"))
        os.environ["PACESETTER_VAR_DIR"] = str(var_dir)
        os.environ["DATABASE_URL"] = f"sqlite:///{var_dir / 'db.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacesetter.settings")
    os.environ.setdefault("SECURE_HTTPS", "0")

    import django

    django.setup()
    from django.core.management import call_command

    from pacesetter.orgs.models import Leader, Member, Organization

    try:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrated = time.perf_counter()
        call_command("seed_demo", "--scale", "province", "--seed", str(args.seed), stdout=sys.stderr)
        seeded = time.perf_counter()
        figures = {
            "seed_province_s": round(seeded - migrated, 1),
            "migrate_s": round(migrated - started, 1),
            "orgs": Organization.objects.count(),
            "members": Member.objects.count(),
            "leaders": Leader.objects.count(),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "database_url": None if temporary else os.environ["DATABASE_URL"],
        }
        print(json.dumps(figures))
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    main()
