"""`make bench`: the issue's benchmarks in one run, figures appended to bench/RESULTS.md.

1. seed the province (~100,000 organisations, ~3 million members) into a fresh SQLite file;
2. server-time p50/p95 of the tree browser and a township's member list on it, beside /healthz;
3. importing 100,000 members from .xlsx, beside merely reading the file with python-calamine;
4. the tally of a province round (100,000 subjects, 10 million answers) beside the fastest
   hand-written SQL for the same figures, and of a county round (bench/tally.py);
5. ballot intake over HTTP (gunicorn, 32 clients) beside a trivial view (bench/ballot_intake.py);
6. server-time p95 of the public notice board on the county demo: its first page, a township,
   a search, an organisation's page, with their query counts (bench/notice_board.py);
7. server-time p95 of the county-wide key-task dashboard with 2,000 tasks and 20,000 reports,
   its Gantt timeline and the key-task API, with their query counts (bench/key_tasks.py);
8. server-time p95 of the four comparisons on a province of 100,000 organisations with five
   released rounds, warm and the first request after a count, with query counts
   (bench/comparisons.py);
9. the optimal assignment behind recommended pairings, county and 5,000 candidates, time and
   peak memory, and a whole recommendation run (database reads and writes) for a county on
   SQLite and, given DATABASE_URL, PostgreSQL (bench/pairing_recommend.py);
10. server-time p95 of the county campaign-stage dashboard, its drill-downs, export and API on
   the county demo's organisations (bench/stages.py, SQLite);
11. server-time p95 of the non-public coverage page, the entity list and their API on 2,000
   entities (bench/nonpublic.py, SQLite);
4 to 8 run on SQLite, and again on PostgreSQL when DATABASE_URL points to one
(`scripts/with-postgres.sh make bench`).
Every figure is printed next to its baseline from the same run. Tests never time anything.
"""
import datetime
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable


def run_json(args, env=None):
    out = subprocess.run([PYTHON, *args], env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.node()} · {os.cpu_count()} cores · {cpu} · Python {platform.python_version()} · "
        f"SQLite {sqlite3.sqlite_version}"
    )


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="pacesetter-bench-"))
    try:
        seed = run_json([str(HERE / "seed_province.py"), "--keep", str(work)])
        env = dict(os.environ, PACESETTER_VAR_DIR=str(work), DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}")
        pages = run_json([str(HERE / "pages.py")], env=env)
        imp = run_json([str(HERE / "import_members.py")])
        sqlite_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        engines = [("SQLite", sqlite_env)]
        if os.environ.get("DATABASE_URL", "").startswith("postgres"):
            engines.append(("PostgreSQL", dict(os.environ)))
        evaluation = [
            (name, run_json([str(HERE / "tally.py")], env=env), run_json([str(HERE / "ballot_intake.py")], env=env))
            for name, env in engines
        ]
        notice = [(name, run_json([str(HERE / "notice_board.py")], env=env)) for name, env in engines]
        key_tasks = [(name, run_json([str(HERE / "key_tasks.py")], env=env)) for name, env in engines]
        comparisons = [(name, run_json([str(HERE / "comparisons.py")], env=env)) for name, env in engines]
        pairing = run_json([str(HERE / "pairing_recommend.py")])
        stages = run_json([str(HERE / "stages.py")], env=sqlite_env)
        nonpublic = run_json([str(HERE / "nonpublic.py")], env=sqlite_env)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base = pages["baseline_healthz"]["p95_ms"]
    rows = [
        ("Seed the province (SQLite)", f"{seed['seed_province_s']:.1f} s "
         f"({seed.get('orgs')} orgs, {seed.get('members')} members)", "limit 600 s", "< 600 s"),
        ("/healthz p95 (baseline)", f"{base:.1f} ms", "—", "—"),
    ]
    for key, label in (
        ("tree_first_page_township", "Tree first page, township admin, p95"),
        ("member_list_first_page_township", "Member list first page of a township, p95"),
        ("tree_first_page_whole_tree", "Tree first page, whole-province view, p95"),
        ("home_township", "Home dashboard, township admin, p95"),
        ("home_whole_tree", "Home dashboard, whole-province view (counts cached), p95"),
    ):
        rows.append((label, f"{pages[key]['p95_ms']:.1f} ms (p50 {pages[key]['p50_ms']:.1f})",
                     f"/healthz p95 {base:.1f} ms", "< 100 ms"))
    rows.append((
        "Import 100,000 members from .xlsx",
        f"{imp['import_s']:.2f} s",
        f"calamine read alone {imp['calamine_read_s']:.2f} s → ratio {imp['ratio']:.2f}",
        "ratio ≤ 3",
    ))
    for name, tally, intake in evaluation:
        rows.append((
            f"Tally aggregation, province round ({name})",
            f"{tally['aggregate_s']:.2f} s",
            f"same figures by hand {tally['hand_sql_s']:.2f} s → ratio {tally['ratio']:.2f} "
            f"(smallest pivot {tally['smallest_pivot_s']:.2f} s)",
            "ratio ≤ 1.5",
        ))
        rows.append((
            f"Whole tally, county round, {tally['county_answers']:,} answers ({name})",
            f"{tally['county_first_tally_s']:.2f} s (steps {tally['county_first_tally_steps']})",
            f"fingerprint sealed at close {tally['county_seal_s']:.2f} s", "< 0.5 s",
        ))
        rows.append((
            f"Whole tally, province round, {tally['answers']:,} answers ({name})",
            f"{tally['province_first_tally_s']:.1f} s", "—", "—",
        ))
        rows.append((
            f"Ballot intake, gunicorn 4 workers, {intake['clients']} clients ({name})",
            f"{intake['ballot_rps']:.0f}/s, p99 {intake['ballot_p99_ms']:.0f} ms",
            f"trivial view {intake['trivial_rps']:.0f}/s → ratio {intake['ratio']:.2f}",
            "ratio ≥ 0.5, p99 < 100 ms",
        ))
    for name, board in notice:
        for key, label in (
            ("board_first_page", "Notice board first page, anonymous"),
            ("board_township", f"Notice board, township {board['township']} ({board['township_orgs']} orgs)"),
            ("board_search", f"Notice board, search “{board['search']}” ({board['search_orgs']} orgs)"),
            ("organization_page", f"An organisation's public page ({board['organization_pledges']} pledges)"),
        ):
            figure = board[key]
            measured = (f"{figure['p95_ms']:.1f} ms (p50 {figure['p50_ms']:.1f}, CPU p50 {figure['cpu_p50_ms']:.1f}; "
                        f"{figure['queries']} queries)")
            context = f"{board['orgs_on_board']} orgs, {board['items_on_board']} items; load {board['load_before']}"
            rows.append((f"{label}, p95 ({name})", measured, context, "< 150 ms"))
        rows.append((f"Notice board queries, pages 1 and 2, township, search ({name})",
                     "the same" if board["board_queries_constant"] else "DIFFERENT", "—", "constant"))
    for name, tasks in key_tasks:
        for key, label in (
            ("dashboard_first_page", "Key-task dashboard /tasks/, county admin"),
            ("gantt_first_page", "Key-task Gantt timeline /tasks/gantt/"),
            ("api_key_tasks", "API /api/v1/key-tasks/"),
        ):
            figure = tasks[key]
            measured = (f"{figure['p95_ms']:.1f} ms (p50 {figure['p50_ms']:.1f}, CPU p50 {figure['cpu_p50_ms']:.1f}; "
                        f"{figure['queries']} queries)")
            context = f"{tasks['tasks']} tasks, {tasks['reports']} reports; load {tasks['load_before']}"
            rows.append((f"{label}, p95 ({name})", measured, context, "< 150 ms"))
        if "dashboard_first_page_jit_off" in tasks:
            figure = tasks["dashboard_first_page_jit_off"]
            rows.append((f"Key-task dashboard /tasks/ with the session's jit off, p95 ({name})",
                         f"{figure['p95_ms']:.1f} ms (p50 {figure['p50_ms']:.1f})", "—", "< 150 ms"))
        rows.append((f"Key-task dashboard queries, pages 1 and 2, worst first, behind ({name})",
                     "the same" if tasks["dashboard_queries_constant"] else "DIFFERENT", "—", "constant"))
    for name, compare in comparisons:
        context = f"{compare['organisations']:,} orgs, {compare['rounds']} released rounds; load {compare['load_before']}"
        for key in ("history", "peers", "within_township", "within_province_branches", "outside_by_township",
                    "report", "api_peers"):
            figure = compare[key]
            measured = (f"{figure['p95_ms']:.1f} ms warm (p50 {figure['p50_ms']:.1f}; first request "
                        f"{figure['cold_ms']:.0f} ms; {figure['queries']} queries)")
            rows.append((f"Comparisons {figure['url']}, p95 ({name})", measured, context, "< 150 ms"))
    for case, target in (("county", "< 2 s"), ("province", "—")):
        figure = pairing[case]
        rows.append((f"Recommended pairings, solver only: {figure['case']} ({figure['helpers']:,} helpers × k "
                     f"{figure['k']}, {figure['helped']:,} lagging)",
                     f"{figure['median_s']:.3f} s, peak {figure['peak_mib']} MiB", f"{figure['pairs']:,} pairs", target))
    for figure in pairing.get("whole_run", []):
        rows.append((f"Recommended pairings, whole run ({figure['engine']}): {figure['organisations']:,} orgs, "
                     f"{figure['helpers']:,} helpers × k {figure['k']}, {figure['helped']:,} lagging",
                     f"{figure['median_s']:.3f} s, {figure['queries']} queries", f"load {figure['load']}", "< 2 s"))
    for label, figures, keys in (
        ("Campaign stages", stages, ("dashboard", "dashboard_village_sector", "dashboard_implement_stage", "township",
                                     "org_checklist", "export_xlsx", "api_statuses")),
        ("Non-public coverage", nonpublic, ("coverage", "list_first_page", "list_uncovered", "list_second_page",
                                            "api_coverage", "api_entities")),
    ):
        context = f"load {figures['load_before']}–{figures['load_after']}"
        for key in keys:
            figure = figures[key]
            measured = (f"{figure['p95_ms']:.1f} ms (p50 {figure['p50_ms']:.1f}, CPU p50 {figure['cpu_p50_ms']:.1f}; "
                        f"{figure['queries']} queries)")
            target = "—" if key.startswith("export") else "< 150 ms"
            rows.append((f"{label} {figure['url']}, p95 (SQLite)", measured, context, target))
    stamp = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    lines = [
        f"\n## {stamp}\n",
        f"Machine: {machine()}\n",
        "| benchmark | figure | baseline (same run) | target |",
        "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows],
        "",
    ]
    text = "\n".join(lines)
    results = HERE / "RESULTS.md"
    if not results.exists():
        results.write_text("# Benchmark results\n\nAppended by `make bench` (bench/run.py); newest last.\n")
    with results.open("a") as fh:
        fh.write(text)
    print(text)


if __name__ == "__main__":
    main()
