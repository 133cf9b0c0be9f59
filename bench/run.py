"""`make bench`: the issue's benchmarks in one run, figures appended to bench/RESULTS.md.

1. seed the province (~100,000 organisations, ~3 million members) into a fresh SQLite file;
2. server-time p50/p95 of the tree browser and a township's member list on it, beside /healthz;
3. importing 100,000 members from .xlsx, beside merely reading the file with python-calamine.
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
    ):
        rows.append((label, f"{pages[key]['p95_ms']:.1f} ms (p50 {pages[key]['p50_ms']:.1f})",
                     f"/healthz p95 {base:.1f} ms", "< 100 ms"))
    rows.append((
        "Import 100,000 members from .xlsx",
        f"{imp['import_s']:.2f} s",
        f"calamine read alone {imp['calamine_read_s']:.2f} s → ratio {imp['ratio']:.2f}",
        "ratio ≤ 3",
    ))
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
