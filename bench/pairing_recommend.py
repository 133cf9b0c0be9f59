"""Time (and peak memory) of recommended pairings: the optimal assignment, and a whole run.

Usage: bench/pairing_recommend.py [--seed 1] [--k 3] [--no-database]

Two cases, each timed over 3 runs (the median), peak memory of one run by tracemalloc
(numpy's arrays are traced; scipy's solver works in the arrays it is given):
- county: 1,500 organisations, of which the 20 % graded advanced help the 15 % graded
  lagging (225 × 300·k), sectors and 20 townships as a county has them;
- province township set: 5,000 candidates, 2,000 advanced helpers and 3,000 lagging units
  (3,000 × 2,000·k).
Last-year pairs: 2 % of the lagging units each have one. The solver is the one the
recommendation run calls (pacesetter.pairing.recommend.recommend), without the database.

Then a whole recommendation run as a county admin starts it (domain.run_recommendations:
reading the released round's results, the active and recently ended pairings, solving,
writing the run, its rows and the audit entry) on a county-sized database made in bulk:
1,500 organisations (a county committee, 20 township committees, 1,479 branches of every
sector), a released round with every organisation's result graded as the tally stores it,
60 active and 40 ended pairings. Timed over 3 runs (the median) with the queries counted,
on a fresh SQLite file and, when DATABASE_URL names a PostgreSQL server, on a fresh database
beside it (dropped afterwards). The last line of stdout is one JSON dict.
"""
import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
import tracemalloc

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from pacesetter.pairing.recommend import Candidate, recommend

URBAN = ["agency", "school", "health", "enterprise"]
RURAL = ["village", "community"]


def population(rng: random.Random, helpers: int, helped: int, townships: int):
    towns = [f"T{i:03d}" for i in range(townships)]
    hs = [Candidate(i, f"H{i:05d}", rng.choice(URBAN + ["social", "village"]), rng.choice(towns),
                    round(rng.uniform(85, 99), 1)) for i in range(helpers)]
    ds = [Candidate(100_000 + i, f"D{i:05d}", rng.choice(RURAL * 3 + URBAN + ["social"]), rng.choice(towns),
                    round(rng.uniform(40, 70), 1)) for i in range(helped)]
    recent = {(rng.choice(hs).id, d.id) for d in ds if rng.random() < 0.02}
    return hs, ds, recent


def measure(name: str, helpers, helped, recent, k: int) -> dict:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        matches = recommend(helpers, helped, k=k, recent=recent)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    recommend(helpers, helped, k=k, recent=recent)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    result = {"case": name, "helpers": len(helpers), "helped": len(helped), "k": k, "pairs": len(matches),
              "median_s": round(statistics.median(times), 3), "peak_mib": round(peak / 2**20, 1)}
    print(result, file=sys.stderr)
    return result


SECTORS = ["village"] * 8 + ["community"] * 2 + ["agency"] * 3 + ["school"] * 2 + ["health"] + ["enterprise"] * 2 \
    + ["social"]


def build_county(rng: random.Random) -> dict:
    """1,500 organisations, a released round with graded results, pairings active and ended."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from bench.comparisons import step
    from pacesetter.evaluation.models import Round, RoundSubject, Scheme, SubjectResult, TallyResult
    from pacesetter.orgs.models import Organization, RoleAssignment
    from pacesetter.pairing.models import Pairing, PairingParty

    towns, per_town = 20, 74
    root = Organization(path=step(1), depth=1, numchild=towns, code="C", name="县委", level="committee",
                        sector="agency")
    rows = [root]
    for t in range(1, towns + 1):
        town, path = f"{t:02d}镇", root.path + step(t)
        rows.append(Organization(path=path, depth=2, numchild=per_town, code=f"T{t}", name=f"{town}党委",
                                 level="committee", sector="village", township=town))
        for b in range(1, per_town + 1 if t > 1 else per_town):
            rows.append(Organization(path=path + step(b), depth=3, numchild=0, code=f"T{t}B{b}",
                                     name=f"{town}{b}号党支部", level="branch", sector=rng.choice(SECTORS),
                                     township=town))
    Organization.objects.bulk_create(rows, batch_size=2000)
    orgs = list(Organization.objects.order_by("path").values_list("id", "sector"))
    opens = timezone.make_aware(datetime.datetime(2025, 3, 1, 9))
    scheme = Scheme.objects.create(name="党组织测评", sector="village", status="active")
    round_ = Round.objects.create(name="2025年度民主测评", kind="democratic", scheme=scheme, state="released",
                                  opens_at=opens, closes_at=opens + datetime.timedelta(days=7))
    tally = TallyResult.objects.create(round=round_, fingerprint="0" * 64, ballots=0, answers=0)
    RoundSubject.objects.bulk_create([RoundSubject(round=round_, organization_id=i) for i, _s in orgs],
                                     batch_size=2000)
    subjects = dict(RoundSubject.objects.filter(round=round_).values_list("organization_id", "id"))
    scores = sorted(((round(min(100.0, rng.gauss(80, 8)), 2), i) for i, _s in orgs), reverse=True)
    results = []
    for rank, (score, org_id) in enumerate(scores, start=1):
        share = rank / len(scores)
        grade = "advanced" if share <= 0.2 else "good" if share <= 0.6 else "fair" if share <= 0.85 else "lagging"
        results.append(SubjectResult(tally=tally, subject_id=subjects[org_id], n=30, composite=score,
                                     insufficient_sample=False, dissatisfied_flag=False, peer_group="branch",
                                     rank_peer=rank, peer_size=len(scores), rank_county=rank, grade=grade))
    SubjectResult.objects.bulk_create(results, batch_size=2000)
    ids = [i for _score, i in scores]
    today = timezone.localdate()
    pairings = Pairing.objects.bulk_create([
        Pairing(kind="one_helps_one", goals="帮扶", starts_on=today - datetime.timedelta(days=500),
                state="active" if n < 60 else "ended",
                ends_on=None if n < 60 else today - datetime.timedelta(days=30)) for n in range(100)])
    PairingParty.objects.bulk_create(
        [PairingParty(pairing=p, side="helper", organization_id=ids[n]) for n, p in enumerate(pairings)]
        + [PairingParty(pairing=p, side="helped", organization_id=ids[-1 - n]) for n, p in enumerate(pairings)])
    admin = get_user_model().objects.create_user("county", password=None)
    RoleAssignment.objects.create(user=admin, role="county_admin", organization=Organization.objects.get(code="C"))
    return {"round": round_, "admin": admin, "organisations": len(orgs)}


def whole_run(rng: random.Random, k: int) -> dict:
    """Migrate the fresh database DATABASE_URL names, fill it, time run_recommendations three times."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacesetter.settings")
    os.environ.setdefault("SECURE_HTTPS", "0")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.key_tasks import analyse
    from pacesetter.pairing.domain import run_recommendations

    call_command("migrate", verbosity=0)
    county = build_county(rng)
    analyse()
    times, queries = [], 0
    for _ in range(3):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            run = run_recommendations(county["round"], k=k, by=county["admin"])
            times.append(time.perf_counter() - start)
        queries = len(captured)
    return {"engine": connection.vendor, "organisations": county["organisations"], "k": k, "helpers": run.helpers,
            "helped": run.helped, "pairs": run.rows.count(), "queries": queries,
            "median_s": round(statistics.median(times), 3), "load": round(os.getloadavg()[0], 1)}


def whole_runs(seed: int, k: int) -> list[dict]:
    """In a child process each: a fresh SQLite file, then a fresh PostgreSQL database beside
    the one DATABASE_URL names, if it names one (dropped afterwards)."""
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    from bench.key_tasks import drop_postgres, fresh_postgres

    given = os.environ.get("DATABASE_URL", "")
    folder = Path(tempfile.mkdtemp(prefix="pacesetter-bench-pairing-"))
    command = [sys.executable, os.path.abspath(__file__), "--seed", str(seed), "--k", str(k), "--whole-run"]
    env = os.environ | {"PACESETTER_VAR_DIR": str(folder)}
    results = []
    try:
        engines = [f"sqlite:///{folder / 'db.sqlite3'}"]
        name = None
        if given.startswith("postgres"):
            url, name = fresh_postgres(given)
            engines.append(url)
        for url in engines:
            out = subprocess.run(command, env=env | {"DATABASE_URL": url}, check=True, stdout=subprocess.PIPE,
                                 text=True).stdout
            results.append(json.loads(out.strip().splitlines()[-1]))
            print(results[-1], file=sys.stderr)
    finally:
        if name:
            drop_postgres(given, name)
        shutil.rmtree(folder, ignore_errors=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--no-database", action="store_true", help="time the solver only")
    parser.add_argument("--whole-run", action="store_true", help="only the whole run, on DATABASE_URL (fresh)")
    args = parser.parse_args()
    if args.whole_run:
        print(json.dumps(whole_run(random.Random(args.seed), args.k)))
        return
    rng = random.Random(args.seed)
    county = measure("county 1,500 organisations", *population(rng, 300, 225, 20), args.k)
    province = measure("5,000 candidates", *population(rng, 2000, 3000, 400), args.k)
    figures = {"county": county, "province": province}
    if not args.no_database:
        figures["whole_run"] = whole_runs(args.seed, args.k)
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
