"""Exports in the import's columns re-import unchanged; templates and error reports."""
import datetime
import io

import openpyxl
import pytest
from django.utils import translation

from pacesetter.core.models import AuditEntry
from pacesetter.orgs.importing import export_template, export_xlsx, import_file
from pacesetter.orgs.importing.engine import ImportResult, RowError
from pacesetter.orgs.importing.report import error_report_xlsx
from pacesetter.orgs.models import Leader, Member, Organization
from pacesetter.orgs.queries import members_visible_to, organizations_visible_to

from ..factories import MemberFactory, make_org
from .fixtures.spreadsheets import MEMBER_HEADER, csv_bytes, member_row, problems, read_xlsx, run, xlsx_bytes


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def reimport(kind, data, by=None):
    entries = AuditEntry.objects.count()
    result = import_file(kind, data, f"{kind}.xlsx", by=by)
    assert result.ok, problems(result)
    assert AuditEntry.objects.count() == entries
    return (result.created, result.updated, result.unchanged)


def test_member_export_has_the_import_columns_and_full_phones(tree):
    rows = read_xlsx(export_xlsx("members", Member.objects.filter(code="M1")))
    assert rows == [
        ["党员编号 (code)", "姓名 (name)", "性别 (gender)", "出生日期 (birth_date)", "入党日期 (join_date)",
         "党员类型 (status)", "学历 (education)", "所在组织编码 (org_code)", "党内职务 (position)",
         "是否农村党员 (rural)", "手机号码 (phone)"],
        ["M1", "张三", "男", datetime.datetime(1980, 1, 1), datetime.datetime(2005, 7, 1), "正式党员", "大学本科",
         "T1B1", None, "否", "13800001234"],
    ]


def test_member_export_reimports_unchanged(tree):
    MemberFactory(organization=tree.b1, code="1001", name="欧阳娜娜", birth_date=None, is_rural=True,
                  status="probationary", phone="0791-8888888", position="组织委员")
    assert reimport("members", export_xlsx("members", Member.objects.all())) == ([], [], 3)


def test_organisation_export_reimports_unchanged(tree):
    run("organizations", [["组织编码", "组织名称", "上级组织编码", "组织层级", "组织类别", "成立日期"],
                          ["S1", "实验学校党总支", "T1", "党总支", "学校", "1998-09-01"]])
    assert reimport("organizations", export_xlsx("organizations", Organization.objects.all())) == ([], [], 6)


def test_subtree_export_leaves_an_invisible_parent_empty_and_reimports_unchanged(tree):
    user = tree.users.org_admin
    data = export_xlsx("organizations", organizations_visible_to(user), by=user)
    assert [row[:3] for row in read_xlsx(data)[1:]] == [["T1", "一号镇党委", None], ["T1B1", "一号村党支部", "T1"]]
    assert reimport("organizations", data, by=user) == ([], [], 2)


def test_member_export_of_a_subtree_reimports_unchanged_for_its_admin(tree):
    user = tree.users.org_admin
    assert reimport("members", export_xlsx("members", members_visible_to(user), by=user), by=user) == ([], [], 1)


def test_leader_export_reimports_unchanged(tree):
    Leader.objects.filter(code="L1").update(phone="13900001111")
    data = export_xlsx("leaders", Leader.objects.all())
    assert read_xlsx(data) == [
        ["领导编号 (code)", "姓名 (name)", "职务 (title)", "手机号码 (phone)"],
        ["L1", "王县长", "副县长", "13900001111"],
    ]
    assert reimport("leaders", data) == ([], [], 1)


def test_template_has_the_header_and_an_explained_example(tree):
    data = export_template("members")
    header = ["党员编号 (code)", "姓名 (name)", "性别 (gender)", "出生日期 (birth_date)", "入党日期 (join_date)",
              "党员类型 (status)", "学历 (education)", "所在组织编码 (org_code)", "党内职务 (position)",
              "是否农村党员 (rural)", "手机号码 (phone)"]
    assert read_xlsx(data) == [header]
    notes = read_xlsx(data, 1)
    assert notes[1] == header
    assert notes[2] == ["M0001", "张三", "男", "1980-05-01", "2005-07-01", "正式党员", "大学本科", "1001", "组织委员", "否",
                        "13800001234"]
    assert notes[5][:2] == ["党员编号 (code)", "yes"]


def test_template_sheet_names(tree):
    workbook = openpyxl.load_workbook(io.BytesIO(export_template("organizations")))
    assert workbook.sheetnames == ["组织", "说明"]


def test_an_empty_template_imports_as_a_file_without_rows(tree):
    result = import_file("organizations", export_template("organizations"), "template.xlsx", by=None)
    assert problems(result) == [(None, "", "", "The file has a header row but no data rows.")]


def test_the_example_rows_of_the_templates_import(tree):
    make_org(tree.county, code="1000", name="城关镇党委", level="committee")
    created = []
    for kind in ("organizations", "members", "leaders"):
        example = read_xlsx(export_template(kind), 1)[1:3]
        result = import_file(kind, xlsx_bytes(example), "example.xlsx", by=None)
        created.append(result.created)
    assert created == [["1001"], ["M0001"], ["L01"]]


def test_error_report_lists_row_column_value_reason(tree):
    result = ImportResult("members", errors=[RowError(3, "姓名", "", "This value is required."),
                                             RowError(None, "", "", "The file is empty.")])
    assert read_xlsx(error_report_xlsx(result)) == [
        ["row", "column", "value", "reason"],
        [3, "姓名", None, "This value is required."],
        [None, None, None, "The file is empty."],
    ]


def test_member_rows_round_trip_through_csv_too(tree):
    data = csv_bytes([MEMBER_HEADER, member_row("M1", "张三", birth="1980-01-01")], encoding="gbk")
    result = import_file("members", data, "members.csv", by=None)
    assert (result.unchanged, result.updated) == (1, [])
