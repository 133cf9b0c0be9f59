"""Importing members in a browser: the template, a file with errors and its report, then a valid file.

Pages are asked for in English (the language cookie), so messages can be compared exactly;
headers, names and the file's cells stay Chinese, as in a real county's files.
"""
import io
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from playwright.sync_api import expect

from pacesetter.orgs.models import Member

from ..orgs.fixtures.spreadsheets import MEMBER_HEADER, csv_bytes, member_row, xlsx_bytes

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_HEADER = [
    "党员编号 (code)", "姓名 (name)", "性别 (gender)", "出生日期 (birth_date)", "入党日期 (join_date)",
    "党员类型 (status)", "学历 (education)", "所在组织编码 (org_code)", "党内职务 (position)",
    "是否农村党员 (rural)", "手机号码 (phone)",
]
BAD_DATE_REASON = "Not a date: 去年. Write it like 2001-07-01, 2001/7/1, 2001.7.1 or 2001年7月1日."


@pytest.fixture
def import_page(live_tree, logged_in_page, live_server):
    """The county admin on the members' import page, reached through the menu."""
    page = logged_in_page(live_tree.users.county_admin)
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/")
    page.locator("#site-nav a.nav-link.dropdown-toggle", has_text="Organisations").click()
    with page.expect_navigation():
        page.locator("#site-nav a.dropdown-item", has_text="Import").click()
    members_card = page.locator(".card", has=page.locator("h2", has_text="Party members"))
    with page.expect_navigation():
        members_card.get_by_role("link", name="Import", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/orgs/import/members/")
    expect(page.locator("h1")).to_have_text("Import party members")
    return page


def sheet_rows(path: Path, sheet_index: int = 0) -> list[list]:
    workbook = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    return [list(row) for row in workbook.worksheets[sheet_index].iter_rows(values_only=True)]


def upload(page, name: str, mime_type: str, data: bytes):
    page.locator("#import-form input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": mime_type, "buffer": data}]
    )
    with page.expect_navigation():
        page.locator("#import-form button[type=submit]").click()


def test_template_is_an_xlsx_with_the_chinese_header(import_page):
    page = import_page
    with page.expect_download() as download_info:
        page.locator(".page-header").get_by_role("link", name="Download template").click()
    download = download_info.value
    path = Path(download.path())
    workbook = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    assert (download.suggested_filename, path.read_bytes()[:2]) == ("template-members.xlsx", b"PK")
    assert (workbook.sheetnames, sheet_rows(path)) == (["党员", "说明"], [TEMPLATE_HEADER])


def test_gbk_file_with_errors_shows_the_report_and_writes_nothing_then_a_valid_file_imports(import_page):
    page = import_page
    before = sorted(Member.objects.values_list("code", flat=True))
    bad = csv_bytes(
        [
            MEMBER_HEADER,
            member_row("N1"),
            member_row("N2", "王五", org="X99"),
            member_row("N3", "赵六", birth="去年"),
        ],
        encoding="gbk",
    )

    upload(page, "党员.csv", "text/csv", bad)

    expect(page.locator("#import-errors p.fw-semibold")).to_have_text("2 problems found: nothing was imported.")
    cells = page.locator("#error-table tbody tr").evaluate_all(
        "rows => rows.map(row => Array.from(row.cells, cell => cell.innerText.trim()))"
    )
    assert cells == [
        ["3", "所在组织编码", "X99", "Unknown organisation code X99."],
        ["4", "出生日期", "去年", BAD_DATE_REASON],
    ]
    assert sorted(Member.objects.values_list("code", flat=True)) == before == ["M1", "M2"]

    with page.expect_download() as download_info:
        page.locator("#report-link").click()
    report = download_info.value
    assert report.suggested_filename == "import-errors.xlsx"
    assert sheet_rows(Path(report.path())) == [
        ["row", "column", "value", "reason"],
        [3, "所在组织编码", "X99", "Unknown organisation code X99."],
        [4, "出生日期", "去年", BAD_DATE_REASON],
    ]

    good = xlsx_bytes([MEMBER_HEADER, member_row("N1"), member_row("N2", "王五"), member_row("M1", birth="1980-01-01")])
    upload(page, "党员.xlsx", XLSX_TYPE, good)

    expect(page.locator("#import-result p.fw-semibold")).to_have_text("Imported.")
    counts = [page.locator(f"#count-{name}").inner_text() for name in ("rows", "created", "updated", "unchanged")]
    assert counts == ["3", "2", "0", "1"]
    expect(page.locator("#import-errors")).to_have_count(0)
    assert sorted(Member.objects.values_list("code", "organization__code")) == [
        ("M1", "T1B1"), ("M2", "T2B1"), ("N1", "T1B1"), ("N2", "T1B1"),
    ]
