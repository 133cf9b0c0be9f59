"""Server-time p95 of the county-wide key-task dashboard with 2,000 tasks and 20,000 reports.

Usage: bench/key_tasks.py [--tasks 2000] [--requests 200] [--keep DIR]

Without DATABASE_URL the database is a fresh SQLite file in a temporary folder (removed
afterwards unless --keep DIR). With a PostgreSQL DATABASE_URL a fresh database named after
the given one plus `_keytasks` is created on the same server and dropped afterwards: the
given database is never read or written. Into it go the county demo's organisations,
leaders and logins and its goal framework (no other demo part), then --tasks key tasks in
bulk, each with 5 milestones and 10 monthly progress reports (20,000 for 2,000 tasks),
spread over 12 leaders, the county's agencies and townships as lead and supporting units,
and the goals; their timelines make ~70 % on track, the rest behind, seriously behind,
late with reports, completed or suspended as of today. Then ANALYZE (VACUUM ANALYZE on
PostgreSQL).

Requests go through Django's test client in-process, signed in as the county admin (who
sees every task), so the figure is server time: routing, middleware, session, queries,
template rendering; p50/p95 of --requests requests after 5 warm-ups each, and the p50 of
the process's CPU time. Pages: the dashboard /tasks/ (counts, charts, the overdue list, a
page of 25 rows), its second page, worst first, filtered to the tasks behind; the Gantt
timeline /tasks/gantt/ (50 rows with their milestones); the API's /api/v1/key-tasks/ (50
per page); and `leader1`'s /tasks/mine/. Each page's queries are counted once; the
dashboard's four views must cost the same. On PostgreSQL the application's connections run
with `jit` off (settings.py, POSTGRES_JIT); the first page and worst first are timed again
with the session's `jit` on, PostgreSQL's default, to show what that setting saves. Progress goes to stderr; the last line of stdout is
one JSON dict of the figures.
"""
import argparse
import datetime
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPORTS_PER_TASK = 10
MILESTONES = ("前期手续办结", "主体工程开工", "主体结构完工", "配套设施安装", "竣工验收")
#: How the tasks keep to schedule, in per cent of them.
STATES = {"on_track": 72, "behind": 15, "serious": 6, "late_report": 3, "completed": 3, "suspended": 1}
DAY = datetime.timedelta(days=1)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def p95(samples):
    return statistics.quantiles(samples, n=20)[18]


def fresh_postgres(url: str) -> tuple[str, str]:
    """A new, empty database beside the one `url` names: (its URL, its name)."""
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'postgres'}_keytasks"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), name


def drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def analyse() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _timeline(rng: random.Random, state: str, today: datetime.date, first: datetime.date):
    """(start, end, milestones [(due, weight, report index or None)], report days, percents)."""
    from pacesetter.accountability.demo.timeline import spaced, weights

    start = first + rng.randint(0, 45) * DAY
    end = max(first + 364 * DAY, today + 35 * DAY) + (180 * DAY if rng.random() < 0.3 else 0 * DAY)
    if state == "completed":
        end = min(start + rng.randint(150, 200) * DAY, today - 20 * DAY)
        last = end
    elif state == "suspended":
        last = today - rng.randint(50, 80) * DAY
    else:
        last = today - (rng.randint(38, 50) if state == "late_report" else rng.randint(2, 20)) * DAY
    days = spaced(start, last, REPORTS_PER_TASK)
    dues, shares = spaced(start, end, len(MILESTONES)), weights(rng, len(MILESTONES))
    past = [i for i, due in enumerate(dues) if due < today]
    overdue = past[-1] if state in ("behind", "serious") and past else None
    if state == "behind" and overdue is not None:  # days, not months, overdue: behind, not seriously
        dues[overdue] = max(dues[overdue], today - rng.randint(5, 25) * DAY)
    planned = sum(w for due, w in zip(dues, shares, strict=True) if due <= today)
    target = {
        "completed": 100, "behind": max(planned - rng.randint(10, 20), 0),
        "serious": max(planned - rng.randint(25, 35), 0), "suspended": min(planned, 60),
    }.get(state, min(planned + rng.randint(0, 5), 99))
    percents, value = [], 0
    for day in days:
        due_by = sum(w for due, w in zip(dues, shares, strict=True) if due <= day)
        value = max(value, min(target, due_by + rng.randint(-3, 5)))
        percents.append(value)
    percents[-1] = target
    milestones = []
    for i, (due, weight) in enumerate(zip(dues, shares, strict=True)):
        reached = None
        if i != overdue and (due <= last or (state in ("on_track", "late_report") and due < today)):
            reached = next((n for n, day in enumerate(days) if day >= due), len(days) - 1)
        milestones.append((due, weight, reached))
    return start, end, milestones, days, percents


def build(count: int, rng: random.Random) -> dict:
    """`count` key tasks with their milestones, reports and supporting units, in bulk."""
    from django.db import transaction
    from django.utils import timezone

    from pacesetter.accountability.demo.catalogue import TASKS
    from pacesetter.accountability.demo.county import Units, find_county
    from pacesetter.accountability.demo.timeline import year_start
    from pacesetter.accountability.enums import KeyTaskKind, KeyTaskStatus
    from pacesetter.accountability.models import KeyTask, Milestone, ProgressReport
    from pacesetter.orgs.enums import GoalKind
    from pacesetter.orgs.models import Goal, Leader, Organization

    today = timezone.localdate()
    first = year_start(today)
    county = find_county(Organization.objects.filter(depth=1).order_by("path").first())
    units = Units(county)
    pool = [pk for pk, _name in units.agencies] + units.townships
    leaders = list(Leader.objects.filter(organization=county).values_list("pk", flat=True))
    goals = list(Goal.objects.filter(kind=GoalKind.TARGET).values_list("pk", flat=True))
    states = rng.choices(list(STATES), weights=list(STATES.values()), k=count)
    tasks, plans = [], []
    for n, state in enumerate(states, start=1):
        spec = rng.choice(TASKS)
        start, end, milestones, days, percents = _timeline(rng, state, today, first)
        status = {"completed": KeyTaskStatus.COMPLETED, "suspended": KeyTaskStatus.SUSPENDED}.get(
            state, KeyTaskStatus.ACTIVE)
        tasks.append(KeyTask(
            code=f"BK{n:05d}", title=f"{spec.title}（{n}号）", kind=rng.choice(KeyTaskKind.values),
            description=spec.description, leader_id=rng.choice(leaders), lead_unit_id=rng.choice(pool),
            goal_id=rng.choice(goals) if goals else None, budget=spec.budget, planned_start=start, planned_end=end,
            report_every_days=30, status=status, progress=percents[-1], last_report_on=days[-1],
            next_report_due=days[-1] + 30 * DAY, completed_on=days[-1] if state == "completed" else None,
        ))
        plans.append((milestones, days, percents))
    with transaction.atomic():
        KeyTask.objects.bulk_create(tasks, batch_size=1000)
        through = KeyTask.supporting_units.through
        through.objects.bulk_create([
            through(keytask_id=task.pk, organization_id=org)
            for task in tasks for org in set(rng.sample(pool, rng.randint(0, 3))) - {task.lead_unit_id}
        ], batch_size=2000)
        reports = [
            ProgressReport(task=task, reported_on=day, percent=percent, organization_id=task.lead_unit_id,
                           narrative=f"{day.month}月工作进展：按计划推进，累计完成{percent}%。")
            for task, (_m, days, percents) in zip(tasks, plans, strict=True)
            for day, percent in zip(days, percents, strict=True)
        ]
        ProgressReport.objects.bulk_create(reports, batch_size=2000)
        milestones = []
        for t, (task, (plan, days, _p)) in enumerate(zip(tasks, plans, strict=True)):
            for title, (due, weight, reached) in zip(MILESTONES, plan, strict=True):
                report = reports[t * REPORTS_PER_TASK + reached] if reached is not None else None
                milestones.append(Milestone(task=task, title=title, due_on=due, weight=weight,
                                            done_on=report.reported_on if report else None, done_in=report))
        Milestone.objects.bulk_create(milestones, batch_size=2000)
    return {"tasks": len(tasks), "milestones": len(milestones), "reports": len(reports),
            "states_planned": dict(Counter(states).most_common())}


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
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--keep", metavar="DIR", type=Path, help="make the SQLite database in DIR and keep it")
    args = parser.parse_args()

    temporary = postgres = None
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith("postgres"):
        os.environ["DATABASE_URL"], postgres = fresh_postgres(given)
        var_dir = temporary = Path(tempfile.mkdtemp(prefix="pacesetter-bench-keytasks-"))
    elif given:
        raise SystemExit("DATABASE_URL must name a PostgreSQL server, or be unset for a fresh SQLite file")
    else:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            var_dir = args.keep.resolve()
        else:
            var_dir = temporary = Path(tempfile.mkdtemp(prefix="pacesetter-bench-keytasks-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{var_dir / 'db.sqlite3'}"
    os.environ["PACESETTER_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacesetter.settings")
    os.environ.setdefault("SECURE_HTTPS", "0")
    os.environ.setdefault("DEBUG", "1")  # static files without collectstatic, as bench/pages.py

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client
    from django.utils import timezone

    from pacesetter.accountability.models import KeyTask
    from pacesetter.accountability.queries import annotate_schedule, schedule_counts
    from pacesetter.orgs.demo import seed as demo
    from pacesetter.orgs.demo.goals import seed_goals

    try:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        demo.seed("county", 1)
        seed_goals()
        log(f"county organisations, leaders and goals seeded in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        built = build(args.tasks, random.Random("bench:key-tasks"))
        build_s = time.perf_counter() - started
        log(f"{built['tasks']} key tasks, {built['milestones']} milestones, {built['reports']} reports "
            f"in {build_s:.1f} s")
        analyse()
        annotated = annotate_schedule(KeyTask.objects.all(), timezone.localdate())
        users = {u.username: u for u in get_user_model().objects.filter(username__in=["county", "leader1"])}
        county, leader = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
        county.force_login(users["county"])
        leader.force_login(users["leader1"])
        pages = {
            "dashboard_first_page": (county, "/tasks/"),
            "dashboard_second_page": (county, "/tasks/?page=2"),
            "dashboard_worst_first": (county, "/tasks/?sort=worst"),
            "dashboard_behind": (county, "/tasks/?schedule=behind"),
            "gantt_first_page": (county, "/tasks/gantt/"),
            "api_key_tasks": (county, "/api/v1/key-tasks/"),
            "leader1_mine": (leader, "/tasks/mine/"),
        }
        figures = {
            "engine": connection.vendor,
            **built,
            "build_s": round(build_s, 1),
            "schedule": schedule_counts(annotated),
            "reporting_late": annotated.filter(reporting_late=True).count(),
            "leader1_tasks": KeyTask.objects.filter(leader__user=users["leader1"]).count(),
            "requests": args.requests,
            "load_before": round(os.getloadavg()[0], 1),
        }
        for key, (client, url) in pages.items():
            figures[key] = timed(client, url, args.requests) | {"queries": queries(client, url), "url": url}
            log(f"{key}: {figures[key]}")
        if connection.vendor == "postgresql":
            # What PostgreSQL's JIT would cost: the dashboard's counts are estimated above
            # jit_above_cost, and compiling them takes longer than running them.
            with connection.cursor() as cursor:
                cursor.execute("SET jit = on")
            for key in ("dashboard_first_page", "dashboard_worst_first"):
                client, url = pages[key]
                figures[f"{key}_jit_on"] = timed(client, url, args.requests)
                log(f"{key}, jit on: {figures[f'{key}_jit_on']}")
            with connection.cursor() as cursor:
                cursor.execute("RESET jit")
        dashboard = {figures[key]["queries"] for key in pages if key.startswith("dashboard_")}
        figures["dashboard_queries_constant"] = len(dashboard) == 1
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
