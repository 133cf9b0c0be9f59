"""Whole-file problems and encodings: each gets its own message, and nothing is written."""
import io
import zipfile

import pytest
from django.test import override_settings
from django.utils import translation

from pacesetter.orgs.importing import import_file
from pacesetter.orgs.models import Member

from .fixtures.spreadsheets import MEMBER_HEADER, csv_bytes, member_row, problems, run, xlsx_bytes


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def file_problem(message):
    return [(None, "", "", message)]


def test_wrong_extension_is_refused(tree):
    result = import_file("members", b"code,name\n1,x\n", "members.txt", by=None)
    assert problems(result) == file_problem("Wrong file type .txt: upload an .xlsx workbook or a .csv file.")


def test_old_xls_is_refused_with_advice(tree):
    result = import_file("members", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "members.xls", by=None)
    assert problems(result) == file_problem(
        "Old Excel .xls files are not accepted: open the file and save it as .xlsx (Excel workbook) or .csv."
    )


def test_renamed_executable_is_not_a_workbook(tree):
    result = import_file("members", b"MZ\x90\x00" + b"\x00" * 200, "members.xlsx", by=None)
    assert problems(result) == file_problem("This file is not an Excel workbook (.xlsx), whatever its name says.")


def test_zip_without_workbook_parts_is_not_a_workbook(tree):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    result = import_file("members", out.getvalue(), "members.xlsx", by=None)
    assert problems(result) == file_problem("This file is not an Excel workbook (.xlsx), whatever its name says.")


def test_binary_named_csv_is_refused(tree):
    result = import_file("members", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "members.csv", by=None)
    assert problems(result) == file_problem("This file is not CSV text.")


def test_workbook_named_csv_is_refused(tree):
    result = import_file("members", xlsx_bytes([MEMBER_HEADER]), "members.csv", by=None)
    assert problems(result) == file_problem(
        "This file is a workbook, not CSV text: give it the .xlsx ending or save it as CSV."
    )


@override_settings(IMPORT_MAX_BYTES=2 * 1024 * 1024)
def test_file_over_the_size_limit_is_refused(tree):
    result = import_file("members", b"a" * (2 * 1024 * 1024 + 1), "members.csv", by=None)
    assert problems(result) == file_problem("The file is 2.0 MB; files may be at most 2.0 MB.")


def test_empty_file_is_refused(tree):
    result = import_file("members", b"", "members.csv", by=None)
    assert problems(result) == file_problem("The file is empty.")


def test_workbook_with_only_blank_cells_is_empty(tree):
    result = run("members", [[None, ""], ["", "  "]])
    assert problems(result) == file_problem("The file is empty: it has no header row and no data.")


def test_file_without_a_header_row_is_refused(tree):
    result = run("members", [["a", "b"], ["1", "2"]])
    assert problems(result) == file_problem(
        "No header row found: the first row must name the columns, such as "
        "党员编号 (code)、姓名 (name)、性别 (gender)、党员类型 (status)、所在组织编码 (org_code)."
    )


def test_header_without_data_rows_is_refused(tree):
    result = run("members", [MEMBER_HEADER, [None] * 11, [""] * 11])
    assert problems(result) == file_problem("The file has a header row but no data rows.")


def test_missing_required_columns_are_each_named(tree):
    header = [h for h in MEMBER_HEADER if h not in ("性别", "所在组织编码")]
    result = run("members", [header, ["N1", "王五", "1980-01-01", "", "正式党员", "", "", "", "", ""]])
    assert problems(result) == [
        (1, "性别 (gender)", "", "Required column 性别 (gender) is missing."),
        (1, "所在组织编码 (org_code)", "", "Required column 所在组织编码 (org_code) is missing."),
    ]


def test_a_column_given_twice_is_refused(tree):
    result = run("members", [[*MEMBER_HEADER, "name"], [*member_row("N1"), "重复"]])
    assert problems(result) == [(1, "name", "name", "This column appears twice.")]


def test_unknown_columns_are_ignored_with_a_warning(tree):
    result = run("members", [[*MEMBER_HEADER, "身份证号", "备注"], [*member_row("N1"), "x", "y"]])
    assert (result.ok, result.created) == (True, ["N1"])
    assert result.warnings == ["These columns are not imported: 身份证号、备注."]


def test_header_may_be_english_combined_or_padded(tree):
    header = ["code", "姓名 (name)", "性别（gender）", "\u3000党员类型\u3000", " Org_Code "]
    result = run("members", [header, ["N1", "王五", "女", "预备党员", "T1B1"]])
    assert (result.ok, result.created) == (True, ["N1"])
    assert Member.objects.values_list("name", "gender", "status").get(code="N1") == ("王五", "F", "probationary")


def test_title_rows_above_the_header_keep_real_row_numbers(tree):
    rows = [["一号镇党员花名册"], [], MEMBER_HEADER, member_row("N1", birth="1980-13-01")]
    assert problems(run("members", rows)) == [
        (4, "出生日期", "1980-13-01", "No such day: 1980-13-01."),
    ]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_csv_with_chinese_headers_imports_exact_names(tree, encoding):
    rows = [MEMBER_HEADER, member_row("N1", "欧阳娜娜"), member_row("N2", "龚颖", education="硕士研究生")]
    result = import_file("members", csv_bytes(rows, encoding=encoding), "members.csv", by=None)
    assert (result.ok, result.created) == (True, ["N1", "N2"])
    assert list(Member.objects.filter(code__in=["N1", "N2"]).order_by("code").values_list("name", "education")) == [
        ("欧阳娜娜", "大学本科"),
        ("龚颖", "硕士研究生"),
    ]


def test_utf8_bom_csv_with_chinese_headers_imports_exact_names(tree):
    rows = [MEMBER_HEADER, member_row("N1", "欧阳娜娜", position="组织委员")]
    result = import_file("members", csv_bytes(rows, encoding="utf-8-sig"), "members.csv", by=None)
    assert (result.ok, result.created) == (True, ["N1"])
    assert Member.objects.values_list("name", "position").get(code="N1") == ("欧阳娜娜", "组织委员")


def test_plain_utf8_csv_imports(tree):
    rows = [MEMBER_HEADER, member_row("N1", "欧阳娜娜")]
    result = import_file("members", csv_bytes(rows), "members.csv", by=None)
    assert Member.objects.get(code="N1").name == "欧阳娜娜"
    assert result.created == ["N1"]


def test_tab_separated_csv_imports(tree):
    rows = [MEMBER_HEADER, member_row("N1", "欧阳娜娜")]
    result = import_file("members", csv_bytes(rows, encoding="gbk", delimiter="\t"), "members.csv", by=None)
    assert (result.created, Member.objects.get(code="N1").name) == (["N1"], "欧阳娜娜")


def test_csv_short_rows_are_padded(tree):
    data = ("党员编号,姓名,性别,党员类型,所在组织编码,手机号码\nN1,王五,男,正式党员,T1B1\n").encode()
    result = import_file("members", data, "members.csv", by=None)
    assert (result.created, Member.objects.get(code="N1").phone) == (["N1"], "")
