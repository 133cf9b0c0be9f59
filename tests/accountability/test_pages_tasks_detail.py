"""A key task's page (/tasks/<code>/) and its reports' evidence files, as of 2026-05-10."""
import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from pacesetter.accountability import domain
from pacesetter.accountability.models import AccountabilityCase, SupervisionNotice

from .test_pages_tasks import _frozen, client, get, json_data, table_rows  # noqa: F401

URL = "/tasks/KT-1/"


def photo(name="现场.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 30, 40)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def report(world, day, percent=20, files=(), **kwargs):
    return domain.submit_report(world.task1, by=world.users.org_admin, percent_done=percent,
                                narrative=f"{day:%m月%d日}进展", reported_on=day, files=list(files), **kwargs)


def ids_of(html: str, prefix: str) -> list[str]:
    return re.findall(rf'id="{prefix}-(\d+)"', html)


def test_particulars(client, world):
    html = get(client, world.users.county_admin, URL).content.decode()
    facts = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.search(r'id="task-facts">(.*?)</dl>', html,
                                                                  re.DOTALL).group(1))).strip()
    assert facts == (
        "Kind key project State in progress Responsible leader 王县长 副县长 Lead unit 一号镇党委 "
        "Supporting units 二号村党支部 County goal — Budget (10,000 yuan) — "
        "Planned dates 2026-01-01 → 2026-12-31 "
        "Reporting period every 30 days · next report due 2026-01-31 Progress 0 % 0% (planned by today 30%)"
    )


def test_schedule_reason_lines(client, world):
    html = get(client, world.users.county_admin, URL).content.decode()
    reason = re.search(r'id="schedule-reason">.*?<ul class="mb-0">(.*?)</ul>', html, re.DOTALL).group(1)
    assert re.findall(r"<li>(.*?)</li>", reason) == [
        "Planned by today: 30%; reported: 0%.",
        "A milestone due on 2026-03-31 is not done: 40 days overdue.",
        "The progress report is 99 days late.",
    ]


def test_milestones_table_shows_their_state(client, world):
    report(world, datetime.date(2026, 4, 1), milestones_done=[world.task1.milestones.first().pk])
    rows = table_rows(get(client, world.users.county_admin, URL).content.decode(), "milestone-table")
    assert rows == [["Land cleared", "2026-03-31", "30%", "done 2026-04-01"],
                    ["Foundations", "2026-06-30", "30%", "upcoming"], ["Handed over", "2026-12-31", "40%", "upcoming"]]


def test_milestone_timeline_data(client, world):
    data = json_data(get(client, world.users.county_admin, URL).content.decode(), "milestone-gantt")
    assert [(r["title"], r["schedule"]) for r in data["rows"]] == [
        ("Land cleared", "overdue"), ("Foundations", "upcoming"), ("Handed over", "upcoming")]


def test_reports_newest_first_and_paginated(client, world):
    made = [report(world, datetime.date(2026, 1, d), percent=d) for d in range(1, 12)]
    html = get(client, world.users.county_admin, URL).content.decode()
    html2 = get(client, world.users.county_admin, URL + "?page=2").content.decode()
    assert (ids_of(html, "report"), ids_of(html2, "report")) == (
        [str(r.pk) for r in reversed(made[1:])], [str(made[0].pk)])


def test_report_shows_its_photo_thumbnail_linked_to_the_file(client, world):
    made = report(world, datetime.date(2026, 5, 1), files=[photo()])
    evidence = made.evidence.get()
    html = get(client, world.users.county_admin, URL).content.decode()
    assert re.findall(r'<a href="(/tasks/evidence/\d+/)" class="evidence-photo"[^>]*><img src="([^"]+)"', html) == [
        (f"/tasks/evidence/{evidence.pk}/", f"/tasks/evidence/{evidence.pk}/thumbnail/")]


def test_sign_offs_and_who_is_still_to_sign(client, world):
    domain.sign_off_task(world.task1, by=world.users.leader, party="leader", note="同意")
    html = get(client, world.users.county_admin, URL).content.decode()
    pending = re.search(r'id="pending-sign-offs">.*?</span> (.*?)</div>', html, re.DOTALL).group(1)
    assert pending == "一号镇党委、二号村党支部"


def test_notices_and_cases_are_linked(client, world):
    admin = world.users.county_admin
    notice = domain.issue_notice(world.task1, by=admin, text="请加快进度")
    case = domain.open_case(by=world.users.inspector, task=world.task1, findings="进度滞后")
    html = get(client, admin, URL).content.decode()
    block = re.search(r'id="task-supervision">(.*?)</ul>', html, re.DOTALL).group(1)
    assert (SupervisionNotice.objects.count(), AccountabilityCase.objects.count(),
            f"Supervision notice {notice.number or notice.pk}" in block, f"{case.number or case.pk}" in block) == (
        1, 1, True, True)


@pytest.mark.parametrize(("role", "buttons"), [
    ("county_admin", ["report", "sign", "edit", "plan", "status"]),
    ("org_admin", ["report", "sign"]),
    ("leader", ["sign"]),
    ("inspector", []),
])
def test_buttons_follow_the_rules(client, world, role, buttons):
    html = get(client, getattr(world.users, role), URL).content.decode()
    actions = re.search(r'id="task-actions">(.*?)</div>', html, re.DOTALL).group(1)
    assert re.findall(r'href="/tasks/KT-1/(\w+)/"', actions) == buttons


def test_report_sign_button_only_for_the_leader(client, world):
    made = report(world, datetime.date(2026, 5, 1))
    leader_html = get(client, world.users.leader, URL).content.decode()
    admin_html = get(client, world.users.county_admin, URL).content.decode()
    link = f'href="/tasks/reports/{made.pk}/sign/"'
    assert (link in leader_html, link in admin_html) == (True, False)


@pytest.mark.parametrize("more", [0, 2])
def test_detail_query_count_is_constant(client, world, django_assert_num_queries, more):
    """1 and 3 reports, each with a photo."""
    for d in range(1 + more):
        report(world, datetime.date(2026, 4, 1 + d), files=[photo()])
    client.force_login(world.users.county_admin)
    with django_assert_num_queries(14):
        html = client.get(URL).content.decode()
    assert len(ids_of(html, "report")) == 1 + more


# --- Evidence -------------------------------------------------------------------------------------


@pytest.fixture
def evidence(world):
    return report(world, datetime.date(2026, 5, 1), files=[photo()]).evidence.get()


def test_evidence_is_served_to_who_sees_the_task(client, world, evidence):
    response = get(client, world.users.org_admin, f"/tasks/evidence/{evidence.pk}/")
    assert (response.status_code, response["Content-Type"], response["Cache-Control"],
            b"".join(response.streaming_content)[:3]) == (200, "image/jpeg", "private, no-store", b"\xff\xd8\xff")


def test_thumbnail_is_a_jpeg(client, world, evidence):
    response = get(client, world.users.leader, f"/tasks/evidence/{evidence.pk}/thumbnail/")
    assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")


def test_evidence_outside_the_view_is_404(client, world, evidence):
    assert get(client, world.users.branch_admin, f"/tasks/evidence/{evidence.pk}/").status_code == 404


def test_evidence_whose_file_is_gone_is_404(client, world, evidence):
    evidence.file.storage.delete(evidence.file.name)
    assert get(client, world.users.county_admin, f"/tasks/evidence/{evidence.pk}/").status_code == 404


def test_today_is_frozen():
    assert timezone.localdate() == datetime.date(2026, 5, 10)
