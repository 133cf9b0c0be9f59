"""A big import in a browser: it becomes a background job, the page follows it (htmx polling)
while the real worker (`pacesetter db_worker --batch`) runs it; a file with an error fails
whole with its row-numbered error, then a valid one imports.

"Big" is more than JOB_IMPORT_INLINE_ROWS rows, set to 2 here so three rows suffice.
"""
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from pacesetter.jobs.models import Job
from pacesetter.orgs.models import Member

from ..orgs.fixtures.spreadsheets import MEMBER_HEADER, csv_bytes, member_row
from .test_import import import_page, upload  # noqa: F401 (a fixture and a helper)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def run_worker():
    call_command("db_worker", "--batch", "--verbosity", "0")


def test_a_big_import_runs_as_a_job_that_the_page_follows(import_page, settings, live_server):  # noqa: F811
    settings.JOB_IMPORT_INLINE_ROWS = 2
    page = import_page
    before = Member.objects.count()
    bad = csv_bytes([MEMBER_HEADER, member_row("N1"), member_row("N2", "王五", org="X99"), member_row("N3", "赵六")],
                    encoding="gbk")
    upload(page, "members.csv", "text/csv", bad)
    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
    expect(page.locator("#job-status .badge")).to_have_text("queued")
    expect(page.locator("#job-progress")).to_be_visible()

    run_worker()  # the page polls every 1.5 s and shows the end by itself
    expect(page.locator("#job-status .badge")).to_have_text("failed")
    expect(page.locator("#job-errors tbody tr")).to_have_count(1)
    expect(page.locator("#job-errors tbody tr td").first).to_have_text("3")
    expect(page.locator("#job-errors")).to_contain_text("X99")
    expect(page.locator("#job-download")).to_have_text("Download the error report")
    assert Member.objects.count() == before  # all or nothing

    page.goto(f"{live_server.url}/orgs/import/members/")
    good = csv_bytes([MEMBER_HEADER, member_row("N1"), member_row("N2", "王五"), member_row("N3", "赵六")])
    upload(page, "members.csv", "text/csv", good)
    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
    run_worker()
    expect(page.locator("#job-status .badge")).to_have_text("done")
    expect(page.locator("#job-progress")).to_have_count(0)
    assert Member.objects.count() == before + 3

    page.goto(f"{live_server.url}/jobs/")
    expect(page.locator("main")).to_contain_text("failed")
    expect(page.locator("main")).to_contain_text("done")
    assert sorted(Job.objects.values_list("state", flat=True)) == ["done", "failed"]
