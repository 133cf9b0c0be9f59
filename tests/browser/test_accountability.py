"""Work style and accountability in a browser, end to end: a key task misses its reports,
the escalation ladder issues a supervision notice and opens a case; the unit admin answers
the notice and sends the late report with a photo; the inspector records findings and a
public criticism; the unit responds; the inspector closes the case.

Pages are asked for in English (the language cookie) so the assertions hold whatever the
Chinese translations say.
"""
import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from pacesetter.accountability import domain
from pacesetter.accountability.enums import CaseStatus, NoticeStatus, Sanction
from pacesetter.accountability.escalation import escalate
from pacesetter.accountability.models import (
    AccountabilityCase,
    CaseSanction,
    ProgressReport,
    SupervisionNotice,
)
from pacesetter.core.models import AuditEntry


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


def as_user(page, live_server, logged_in_page, user):
    """Signs out whoever is signed in, keeps English, signs `user` in."""
    page.context.clear_cookies()
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    return logged_in_page(user)


def test_late_report_to_supervision_notice_to_closed_case(live_tree, logged_in_page, live_server, page, tmp_path):
    users, today = live_tree.users, timezone.localdate()
    # A task of T1 (township1 administers it) that started 65 days ago and never reported:
    # its first monthly report fell due 35 days ago, past every step of the ladder.
    # The ladder is set here: a transactional test may find the migration's rows flushed.
    domain.set_ladder([{"days_late": 7, "action": "reminder"}, {"days_late": 15, "action": "supervision"},
                       {"days_late": 30, "action": "case"}], by=users.county_admin)
    task = domain.create_task(
        by=users.county_admin, code="KT-9", title="一号镇污水管网改造", kind="key_project", lead_unit=live_tree.t1,
        leader=live_tree.leader, planned_start=today - datetime.timedelta(days=65),
        planned_end=today + datetime.timedelta(days=200), report_every_days=30,
        milestones=[{"title": "管网铺设完成", "due_on": today + datetime.timedelta(days=100), "weight": 100}],
    )
    summary = escalate(today)
    assert sorted(a.step.action for a in summary.applied) == ["case", "reminder", "supervision"]
    notice = SupervisionNotice.objects.get()
    case = AccountabilityCase.objects.get()
    assert (notice.task, notice.status, case.task, case.status) == (task, NoticeStatus.ISSUED, task, CaseStatus.OPEN)
    mark = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()

    # The unit admin answers the notice from the notice list.
    as_user(page, live_server, logged_in_page, users.org_admin)
    page.goto(f"{live_server.url}/accountability/notices/")
    page.locator("#notice-table").get_by_role("link", name=notice.number).click()
    expect(page).to_have_url(f"{live_server.url}{notice.get_absolute_url()}")
    page.get_by_label("Answer").fill("已组织施工队复工，本周内补报进度")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_role("alert")).to_contain_text("Your answer was recorded")
    expect(page.locator("#notice-response")).to_have_text("已组织施工队复工，本周内补报进度")

    # ...then sends the late progress report with a photo, from the task's page.
    photo = tmp_path / "工地.png"
    Image.new("RGB", (320, 240), (40, 120, 200)).save(photo, "PNG")
    page.get_by_role("link", name="KT-9 一号镇污水管网改造").click()
    expect(page).to_have_url(f"{live_server.url}{task.get_absolute_url()}")
    page.get_by_role("link", name="Report progress").click()
    expect(page).to_have_url(f"{live_server.url}/tasks/KT-9/report/")
    page.get_by_label("Progress (%)").fill("35")
    page.get_by_label("What was done").fill("完成管网铺设1.2公里")
    page.get_by_label("Evidence: photos and documents").set_input_files(photo)
    page.get_by_role("button", name="Submit the report").click()
    expect(page).to_have_url(f"{live_server.url}{task.get_absolute_url()}")
    expect(page.get_by_role("alert")).to_contain_text("The progress report was saved with 1 file.")
    expect(page.locator("#reports")).to_contain_text("完成管网铺设1.2公里")
    report = ProgressReport.objects.get(task=task)
    assert (report.percent, report.reported_on, [e.kind for e in report.evidence.all()]) == (35, today, ["photo"])
    notice.refresh_from_db()
    assert (notice.status, notice.response, notice.answered_by) == (
        NoticeStatus.ANSWERED, "已组织施工队复工，本周内补报进度", users.org_admin)

    # The inspector records findings and a public criticism.
    as_user(page, live_server, logged_in_page, users.inspector)
    page.goto(f"{live_server.url}/accountability/cases/")
    page.get_by_role("link", name=case.number, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}{case.get_absolute_url()}")
    page.get_by_label("Findings").fill("连续35天未报送进度，督办后方才补报")
    page.get_by_role("button", name="Record the findings").click()
    expect(page.get_by_role("alert")).to_contain_text("The findings were recorded.")
    page.get_by_label("Sanction").select_option(Sanction.PUBLIC_CRITICISM)
    page.get_by_label("Person concerned").fill("赵镇长")
    page.get_by_role("button", name="Add the sanction").click()
    expect(page.get_by_role("alert")).to_contain_text("Sanction added: public criticism (通报批评), 10 points.")

    # The unit responds.
    as_user(page, live_server, logged_in_page, users.org_admin)
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.get_by_label("Unit's response").fill("已作检查，建立每月5日报送制度")
    page.get_by_role("button", name="Send the response").click()
    expect(page.get_by_role("alert")).to_contain_text("The unit's response was recorded.")
    expect(page.locator("h1 .badge")).to_have_text("unit has responded")

    # The inspector closes the case.
    as_user(page, live_server, logged_in_page, users.inspector)
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.get_by_label("Closing decision").fill("予以通报批评，结案")
    page.get_by_role("button", name="Close the case").click()
    expect(page.get_by_role("alert")).to_contain_text("The case was closed")
    expect(page.locator("h1 .badge")).to_have_text("closed")
    expect(page.locator("#decision-text")).to_have_text("予以通报批评，结案")
    expect(page.get_by_role("button", name="Close the case")).to_have_count(0)

    case.refresh_from_db()
    assert (case.status, case.findings, case.response, case.decision, case.closed_by) == (
        CaseStatus.CLOSED, "连续35天未报送进度，督办后方才补报", "已作检查，建立每月5日报送制度", "予以通报批评，结案",
        users.inspector)
    assert list(CaseSanction.objects.values_list("case", "kind", "points", "person")) == [
        (case.pk, Sanction.PUBLIC_CRITICISM, 10, "赵镇长")]
    assert list(AuditEntry.objects.filter(id__gt=mark).order_by("id").values_list("action", "actor_name")) == [
        ("accountability.notice.answer", "township1"),
        ("accountability.task.report", "township1"),
        ("accountability.case.findings", "inspector"),
        ("accountability.case.sanction", "inspector"),
        ("accountability.case.respond", "township1"),
        ("accountability.case.close", "inspector"),
    ]
