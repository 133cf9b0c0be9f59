"""The import and export commands: exit codes, one line per problem, --user, --org, --dry-run."""
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from rich.console import Console

from pacesetter.orgs.importing import import_file
from pacesetter.orgs.importing.console import ProgressBars
from pacesetter.orgs.models import Leader, Member, Organization

from .fixtures.spreadsheets import (
    LEADER_HEADER,
    MEMBER_HEADER,
    ORG_HEADER,
    csv_bytes,
    make_org_root,
    member_row,
    org_row,
    read_xlsx,
    xlsx_bytes,
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def command(name, *args):
    """Run a command; returns (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(name, *args, stdout=out, stderr=err)
    except CommandError as exc:
        err.write(f"CommandError: {exc}\n")
        return exc.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def write(tmp_path, name, rows, **kwargs):
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows, **kwargs) if name.endswith(".csv") else xlsx_bytes(rows))
    return str(path)


def test_import_members_succeeds_with_exit_0(tree, tmp_path):
    path = write(tmp_path, "members.xlsx", [MEMBER_HEADER, member_row("N1"), member_row("N2")])
    assert command("import_members", path) == (0, "2 rows: 2 created, 0 updated, 0 unchanged.\n", "")
    assert Member.objects.filter(code__in=["N1", "N2"]).count() == 2


def test_import_members_prints_one_line_per_problem_and_exits_1(tree, tmp_path):
    rows = [MEMBER_HEADER, member_row("N1", gender="x"), member_row("N2", org="NOPE")]
    path = write(tmp_path, "members.csv", rows, encoding="gbk")
    assert command("import_members", path) == (
        1,
        "",
        "members.csv: row 2, 性别: Unknown value x: use one of 男、女.\n"
        "members.csv: row 3, 所在组织编码: Unknown organisation code NOPE.\n"
        "CommandError: 2 problems found; nothing was imported.\n",
    )
    assert not Member.objects.filter(code__in=["N1", "N2"]).exists()


def test_import_with_user_applies_their_view(tree, tmp_path):
    path = write(tmp_path, "members.xlsx", [MEMBER_HEADER, member_row("N1", org="T2B1")])
    code, _out, err = command("import_members", path, "--user", "branch1")
    assert (code, err.splitlines()[0]) == (1, "members.xlsx: row 2, 所在组织编码: Unknown organisation code T2B1.")


def test_import_as_unknown_user_is_an_error(tree, tmp_path):
    path = write(tmp_path, "members.xlsx", [MEMBER_HEADER, member_row("N1")])
    assert command("import_members", path, "--user", "ghost") == (1, "", "CommandError: No active user ghost.\n")


def test_import_as_a_user_without_rights_is_refused(tree, tmp_path):
    path = write(tmp_path, "members.xlsx", [MEMBER_HEADER, member_row("N1")])
    assert command("import_members", path, "--user", "member1") == (
        1, "", "CommandError: You may not import party members.\n",
    )


def test_dry_run_reports_and_writes_nothing(tree, tmp_path):
    path = write(tmp_path, "orgs.xlsx", [ORG_HEADER, org_row("N1", "新支部", "T1")])
    assert command("import_orgs", path, "--dry-run") == (
        0, "Dry run, nothing written. 1 row: 1 created, 0 updated, 0 unchanged.\n", "",
    )
    assert not Organization.objects.filter(code="N1").exists()


def test_missing_file_is_an_error(tree, tmp_path):
    missing = str(tmp_path / "nope.xlsx")
    assert command("import_orgs", missing) == (1, "", f"CommandError: No such file: {missing}\n")


def test_wrong_file_type_is_reported(tree, tmp_path):
    path = tmp_path / "orgs.xlsx"
    path.write_bytes(b"MZ" + b"\0" * 64)
    assert command("import_orgs", str(path)) == (
        1, "",
        "orgs.xlsx: file: This file is not an Excel workbook (.xlsx), whatever its name says.\n"
        "CommandError: 1 problem found; nothing was imported.\n",
    )


def test_unknown_columns_are_warned_about(tree, tmp_path):
    path = write(tmp_path, "leaders.xlsx", [[*LEADER_HEADER, "备注"], ["L2", "李", "", "", "x"]])
    assert command("import_leaders", path) == (
        0, "1 row: 1 created, 0 updated, 0 unchanged.\n", "These columns are not imported: 备注.\n",
    )


def test_import_leaders_needs_org_when_there_are_several_roots(tree, tmp_path):
    make_org_root("D")
    path = write(tmp_path, "leaders.xlsx", [LEADER_HEADER, ["L2", "李", "", ""]])
    assert command("import_leaders", path) == (
        1, "",
        "CommandError: There are several top organisations: say which one the leaders belong to (--org CODE).\n",
    )
    assert command("import_leaders", path, "--org", "D")[0] == 0
    assert Leader.objects.get(code="L2").organization.code == "D"


def test_export_writes_the_subtree_of_org(tree, tmp_path):
    target = tmp_path / "members.xlsx"
    assert command("export", "members", str(target), "--org", "T2") == (0, f"1 row written to {target}.\n", "")
    assert [row[0] for row in read_xlsx(target.read_bytes())] == ["党员编号 (code)", "M2"]


def test_export_as_user_only_shows_their_view(tree, tmp_path):
    target = tmp_path / "orgs.xlsx"
    assert command("export", "organizations", str(target), "--user", "township1")[0] == 0
    assert [row[0] for row in read_xlsx(target.read_bytes())[1:]] == ["T1", "T1B1"]


def test_export_refuses_users_who_may_not_import(tree, tmp_path):
    assert command("export", "members", str(tmp_path / "m.xlsx"), "--user", "inspector") == (
        1, "", "CommandError: inspector may not export these records.\n",
    )


def test_exported_file_reimports_through_the_command_unchanged(tree, tmp_path):
    target = tmp_path / "orgs.xlsx"
    command("export", "organizations", str(target))
    assert command("import_orgs", str(target)) == (0, "5 rows: 0 created, 0 updated, 5 unchanged.\n", "")


def test_progress_shows_a_bar_per_stage_on_a_terminal(tree):
    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    with ProgressBars(console) as progress:
        import_file("members", xlsx_bytes([MEMBER_HEADER, member_row("N1")]), "m.xlsx", by=None, progress=progress)
    tasks = progress.bars.tasks
    assert [(task.description, task.finished) for task in tasks] == [
        ("reading", True), ("checking", True), ("writing", True),
    ]


def test_progress_stays_quiet_when_output_is_piped(tree):
    console = Console(file=io.StringIO())
    with ProgressBars(console) as progress:
        progress("read", 1, 1)
    assert console.file.getvalue() == ""
