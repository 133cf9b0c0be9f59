"""Benchmark: importing 100,000 members from .xlsx against merely reading the file with calamine.

The target (issue 2): the import takes at most 3x the plain read. Runs on its own temporary
SQLite database:

    .venv/bin/python bench/import_members.py [--members 100000] [--orgs 300] [--repeat 5]

Reads and imports alternate; each figure is the median of the runs, the import always into
an emptied member table. Prints one JSON line: {"calamine_read_s": .., "import_s": ..,
"ratio": .., ...}, wall-clock seconds, plus the same in CPU seconds, which a busy machine
disturbs less.
"""
from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


def setup(var_dir: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["DJANGO_SETTINGS_MODULE"] = "pacesetter.settings"
    os.environ["PACESETTER_VAR_DIR"] = str(var_dir)
    os.environ["DATABASE_URL"] = f"sqlite:///{var_dir / 'bench.sqlite3'}"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_orgs(n_branches: int) -> list[str]:
    """A county, 20 townships and `n_branches` branches, through the organisation import."""
    from pacesetter.orgs.importing import import_organizations
    from pacesetter.orgs.importing.reading import Sheet

    rows = [["组织编码", "组织名称", "上级组织编码", "组织层级", "组织类别"], ["C", "测试县委", "", "党委", "机关"]]
    for t in range(20):
        rows.append([f"T{t:02d}", f"第{t}镇党委", "C", "党委", "农村"])
    branches = []
    for b in range(n_branches):
        code = f"B{b:04d}"
        branches.append(code)
        rows.append([code, f"第{b}村党支部", f"T{b % 20:02d}", "党支部", "农村"])
    result = import_organizations(Sheet("orgs.xlsx", "0" * 64, ".xlsx", rows), by=None)
    assert result.ok, result.errors[:5]
    return branches


def make_xlsx(n: int, branches: list[str], seed: int = 1) -> bytes:
    from openpyxl import Workbook

    rng = random.Random(seed)
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("党员")
    sheet.append(["党员编号", "姓名", "性别", "出生日期", "入党日期", "党员类型", "学历", "所在组织编码",
                  "党内职务", "是否农村党员", "手机号码"])
    educations = ["大学本科", "大专", "高中", "初中", "硕士研究生"]
    for i in range(n):
        birth = datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randrange(0, 60 * 365))
        joined = birth + datetime.timedelta(days=rng.randrange(18 * 365, 30 * 365))
        joined = min(joined, datetime.date(2024, 7, 1))
        sheet.append([
            f"M{i:07d}",
            rng.choice(surnames) + rng.choice(given) + rng.choice(given),
            rng.choice("男女"),
            birth,
            joined,
            "正式党员" if rng.random() < 0.95 else "预备党员",
            rng.choice(educations),
            rng.choice(branches),
            "" if rng.random() < 0.9 else "组织委员",
            rng.choice("是否"),
            13800000000 + i,  # a number cell, as Excel stores typed phone numbers
        ])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def time_read(data: bytes) -> tuple[float, float]:
    """Wall and CPU seconds to read the sheet into Python lists, and nothing else."""
    from python_calamine import CalamineWorkbook

    wall, cpu = time.perf_counter(), time.process_time()
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert len(rows) > 1
    return wall, cpu


def time_import(data: bytes, n: int) -> tuple[float, float]:
    """Wall and CPU seconds for the whole import of the file into an empty member table."""
    from django.db import connection

    from pacesetter.orgs.importing import import_file
    from pacesetter.orgs.models import Member

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Member._meta.db_table}")
    wall, cpu = time.perf_counter(), time.process_time()
    result = import_file("members", data, "members.xlsx", by=None)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert result.ok, result.errors[:5]
    assert len(result.created) == n == Member.objects.count()
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--orgs", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="pacesetter-bench-import-"))
    try:
        setup(var_dir)
        branches = make_orgs(args.orgs)
        data = make_xlsx(args.members, branches)
        reads, imports = [], []
        for _ in range(args.repeat):
            reads.append(time_read(data))
            imports.append(time_import(data, args.members))
        read_s = statistics.median(wall for wall, _cpu in reads)
        import_s = statistics.median(wall for wall, _cpu in imports)
        read_cpu = statistics.median(cpu for _wall, cpu in reads)
        import_cpu = statistics.median(cpu for _wall, cpu in imports)
        print(json.dumps({
            "members": args.members,
            "orgs": args.orgs + 21,
            "file_mb": round(len(data) / 1e6, 2),
            "calamine_read_s": round(read_s, 3),
            "import_s": round(import_s, 3),
            "ratio": round(import_s / read_s, 2),
            # CPU seconds: steadier than wall time when the machine is busy with other work.
            "calamine_read_cpu_s": round(read_cpu, 3),
            "import_cpu_s": round(import_cpu, 3),
            "cpu_ratio": round(import_cpu / read_cpu, 2),
            "runs": args.repeat,
        }))
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
