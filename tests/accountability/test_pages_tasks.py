"""The key-task dashboards: county-wide (/tasks/), mine, a unit's, the timeline and the export.

World: tests/accountability/conftest.py (KT-1 led by T1 with B2 supporting, leader L1 whose
login is the tree's leader; KT-2 led by T2, leader L2). The clock is frozen on 2026-05-10:
both tasks are then behind (the 03-31 milestone 40 days overdue: seriously behind) and late
reporting (the first report was due 01-31), unless a test reports.
"""
import datetime
import io
import json
import re
from html import unescape
from urllib.parse import unquote

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from pacesetter.accountability import domain
from pacesetter.accountability.models import KeyTask

from .conftest import make_task

TODAY = datetime.date(2026, 5, 10)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _frozen():
    shanghai = datetime.timezone(datetime.timedelta(hours=8))
    with time_machine.travel(datetime.datetime(2026, 5, 10, 10, 0, tzinfo=shanghai), tick=False):
        yield


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def table_rows(html: str, table_id: str) -> list[list[str]]:
    """The text of each body row's cells."""
    body = re.search(rf'<table[^>]*id="{table_id}".*?<tbody>(.*?)</tbody>', html, re.DOTALL).group(1)
    return [
        [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", cell))).strip()
         for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.DOTALL)]
        for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.DOTALL)
    ]


def codes(html: str, table_id: str = "task-table") -> list[str]:
    return [row[0] for row in table_rows(html, table_id)]


def json_data(html: str, name: str) -> dict:
    found = re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', html, re.DOTALL)
    return json.loads(found.group(1))


def text_of(html: str, element_id: str) -> str:
    inner = re.search(rf'id="{element_id}"[^>]*>(.*?)</', html, re.DOTALL).group(1)
    return re.sub(r"\s+", " ", unescape(inner)).strip()


def report(task, by, percent=60, **kwargs):
    return domain.submit_report(task, by=by, percent_done=percent, narrative="按计划推进", **kwargs)


def more_tasks(world, n):
    """`n` more tasks led by T1 under leader L1, on schedule (reported 60 % on the day)."""
    for i in range(n):
        task = make_task(world.tree, code=f"KX-{i}", lead_unit=world.tree.t1, leader=world.leader1)
        domain.submit_report(task, by=world.users.county_admin, percent_done=60, narrative="按计划推进",
                             milestones_done=[task.milestones.first().pk])


def test_urls_are_named():
    assert [reverse(f"accountability:task-{name}") for name in ("list", "mine", "gantt", "export", "new")] == [
        "/tasks/", "/tasks/mine/", "/tasks/gantt/", "/tasks/export.xlsx", "/tasks/new/"]


# --- County-wide ----------------------------------------------------------------------------


def test_list_shows_every_visible_task_with_its_row(client, world):
    html = get(client, world.users.county_admin, "/tasks/").content.decode()
    assert table_rows(html, "task-table") == [
        ["KT-1", "Key task KT-1", "key project", "王县长", "一号镇党委", "2026-12-31",
         "0 % 0% 30 % planned by today 30%", "seriously behind late reporting"],
        ["KT-2", "Key task KT-2", "key project", "李副县长", "二号镇党委", "2026-12-31",
         "0 % 0% 30 % planned by today 30%", "seriously behind late reporting"],
    ]


def test_list_counts_by_schedule_kind_and_leader(client, world):
    more_tasks(world, 1)
    html = get(client, world.users.county_admin, "/tasks/").content.decode()
    assert (text_of(html, "stat-total"), text_of(html, "stat-behind"), text_of(html, "stat-late-reporting"),
            table_rows(html, "kind-table"), table_rows(html, "leader-table")) == (
        "3", "2", "2",
        [["key work", "0", "0", "0"], ["key project", "3", "0", "2"], ["key engineering work", "0", "0", "0"]],
        [["王县长 副县长", "2", "0", "1"], ["李副县长 副县长", "1", "0", "1"]],
    )


def test_status_chart_has_the_schedule_counts(client, world):
    more_tasks(world, 1)
    html = get(client, world.users.county_admin, "/tasks/").content.decode()
    assert json_data(html, "chart-status") == {"rows": [
        {"key": "seriously_behind", "name": "seriously behind", "value": 2},
        {"key": "on_track", "name": "on track", "value": 1},
    ]}


def test_overdue_list_puts_the_longest_late_first(client, world):
    report(world.task2, world.users.county_admin, percent=30)
    html = get(client, world.users.county_admin, "/tasks/").content.decode()
    assert [(row[0], row[3], row[4]) for row in table_rows(html, "overdue-table")] == [
        ("KT-1 Key task KT-1", "2026-01-31", "99"),
        ("KT-2 Key task KT-2", "2026-03-31", "40"),
    ]


def test_list_shows_the_schedule_rule(client, world):
    html = get(client, world.users.county_admin, "/tasks/").content.decode()
    rule = re.search(r'<ul class="schedule-rule[^"]*">(.*?)</ul>', html, re.DOTALL).group(1)
    assert re.findall(r"<li>(.*?)</li>", rule)[1] == (
        "Seriously behind: a milestone more than 30 days overdue, or reported progress 25 points or more below "
        "planned.")


@pytest.mark.parametrize(("query", "expected"), [
    ("?q=kt-2", ["KT-2"]),
    ("?q=task KT-1", ["KT-1"]),
    ("?kind=key_work", []),
    ("?schedule=on_track", ["KX-0"]),
    ("?schedule=seriously_behind", ["KT-1", "KT-2"]),
    ("?lead_unit=T2", ["KT-2"]),
    ("?late=reporting", ["KT-1", "KT-2"]),
    ("?sort=worst&q=K", ["KT-1", "KT-2", "KX-0"]),
    ("?schedule=nonsense", []),
])
def test_list_filters(client, world, query, expected):
    more_tasks(world, 1)
    html = get(client, world.users.county_admin, "/tasks/" + query).content.decode()
    assert (codes(html) if expected else 'id="task-table"' in html) == (expected or False)


def test_list_filters_by_leader(client, world):
    html = get(client, world.users.county_admin, f"/tasks/?leader={world.leader2.pk}").content.decode()
    assert codes(html) == ["KT-2"]


def test_list_filter_by_unknown_unit_says_so(client, world):
    html = get(client, world.users.county_admin, "/tasks/?lead_unit=NOPE").content.decode()
    assert "No organisation with the code NOPE in your view." in html


def test_list_is_paginated(client, world):
    more_tasks(world, 24)
    html = get(client, world.users.county_admin, "/tasks/?page=2").content.decode()
    assert (codes(html), "26–26 of 26" in html) == (["KX-9"], True)


def test_org_admin_sees_the_tasks_of_their_subtree(client, world):
    html = get(client, world.users.org_admin, "/tasks/").content.decode()
    assert codes(html) == ["KT-1"]


def test_member_sees_no_tasks(client, world):
    html = get(client, world.users.member, "/tasks/").content.decode()
    assert (text_of(html, "stat-total"), 'id="task-table"' in html) == ("0", False)


@pytest.mark.parametrize("more", [0, 2])
def test_list_query_count_is_constant(client, world, django_assert_num_queries, more):
    """1 and 3 tasks in the view, and as many in the overdue list."""
    KeyTask.objects.filter(code="KT-2").delete()
    for i in range(more):
        make_task(world.tree, code=f"KX-{i}", lead_unit=world.tree.t2, leader=world.leader2)
    client.force_login(world.users.county_admin)
    with django_assert_num_queries(9):
        html = client.get("/tasks/").content.decode()
    assert (len(codes(html)), len(table_rows(html, "overdue-table"))) == (1 + more, 1 + more)


# --- Mine and a unit's ----------------------------------------------------------------------


def test_mine_lists_the_leaders_own_tasks(client, world):
    more_tasks(world, 1)
    html = get(client, world.users.leader, "/tasks/mine/").content.decode()
    assert codes(html) == ["KT-1", "KX-0"]


def test_mine_for_a_non_leader_says_they_lead_nothing(client, world):
    html = get(client, world.users.county_admin, "/tasks/mine/").content.decode()
    assert text_of(html, "not-a-leader") == "You are responsible for no key tasks."


def test_mine_export_link_names_the_leader(client, world):
    html = get(client, world.users.leader, "/tasks/mine/").content.decode()
    assert unescape(re.search(r'id="export-link" href="([^"]*)"', html).group(1)) == (
        f"/tasks/export.xlsx?leader={world.leader1.pk}")


@pytest.mark.parametrize("more", [0, 2])
def test_mine_query_count_is_constant(client, world, django_assert_num_queries, more):
    for i in range(more):
        make_task(world.tree, code=f"KX-{i}", lead_unit=world.tree.t2, leader=world.leader1)
    client.force_login(world.users.leader)
    with django_assert_num_queries(10):
        html = client.get("/tasks/mine/").content.decode()
    assert len(codes(html)) == 1 + more


@pytest.mark.parametrize(("unit", "expected"), [("T1", ["KT-1"]), ("T2B1", ["KT-1"]), ("T2", ["KT-2"]), ("T1B1", [])])
def test_unit_lists_what_it_leads_or_supports(client, world, unit, expected):
    html = get(client, world.users.county_admin, f"/tasks/unit/{unit}/").content.decode()
    assert (codes(html) if expected else 'id="task-table"' in html) == (expected or False)


def test_unit_outside_the_view_is_404(client, world):
    assert get(client, world.users.branch_admin, "/tasks/unit/T2/").status_code == 404


@pytest.mark.parametrize("more", [0, 2])
def test_unit_query_count_is_constant(client, world, django_assert_num_queries, more):
    for i in range(more):
        make_task(world.tree, code=f"KX-{i}", lead_unit=world.tree.t2, leader=world.leader2,
                  supporting=[world.tree.t1])
    client.force_login(world.users.county_admin)
    with django_assert_num_queries(10):
        html = client.get("/tasks/unit/T1/").content.decode()
    assert len(codes(html)) == 1 + more


# --- Timeline ------------------------------------------------------------------------------------


def test_gantt_has_a_row_per_task_with_its_milestones(client, world):
    report(world.task1, world.users.county_admin, milestones_done=[world.task1.milestones.first().pk])
    data = json_data(get(client, world.users.county_admin, "/tasks/gantt/").content.decode(), "gantt-data")
    row = data["rows"][0]
    assert (data["today"], len(data["rows"]), row["code"], row["start"], row["end"], row["schedule"],
            [(m["due"], m["state"]) for m in row["milestones"]]) == (
        "2026-05-10", 2, "KT-1", "2026-01-01", "2026-12-31", "on_track",
        [("2026-03-31", "done"), ("2026-06-30", "upcoming"), ("2026-12-31", "upcoming")],
    )


def test_gantt_applies_the_filter(client, world):
    data = json_data(get(client, world.users.county_admin, "/tasks/gantt/?lead_unit=T2").content.decode(),
                     "gantt-data")
    assert [row["code"] for row in data["rows"]] == ["KT-2"]


def test_gantt_shows_fifty_tasks_a_page(client, world):
    more_tasks(world, 49)
    data = json_data(get(client, world.users.county_admin, "/tasks/gantt/?page=2").content.decode(), "gantt-data")
    assert [row["code"] for row in data["rows"]] == ["KX-9"]


@pytest.mark.parametrize("more", [0, 2])
def test_gantt_query_count_is_constant(client, world, django_assert_num_queries, more):
    KeyTask.objects.filter(code="KT-2").delete()
    for i in range(more):
        make_task(world.tree, code=f"KX-{i}", lead_unit=world.tree.t2, leader=world.leader2)
    client.force_login(world.users.county_admin)
    with django_assert_num_queries(9):
        html = client.get("/tasks/gantt/").content.decode()
    assert len(json_data(html, "gantt-data")["rows"]) == 1 + more


# --- Export --------------------------------------------------------------------------------------


def sheet_rows(response) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return list(workbook.worksheets[0].iter_rows(values_only=True))


def test_export_is_an_xlsx_attachment(client, world):
    response = get(client, world.users.county_admin, "/tasks/export.xlsx")
    assert (response["Content-Type"], unquote(response["Content-Disposition"])) == (
        XLSX, 'attachment; filename="key-tasks-20260510.xlsx"')


def test_export_rows_are_exact(client, world):
    rows = sheet_rows(get(client, world.users.county_admin, "/tasks/export.xlsx?lead_unit=T1"))
    day = datetime.datetime
    assert rows == [
        ("Code", "Title", "Kind", "Responsible leader", "Lead unit", "Lead unit code", "Budget (10,000 yuan)",
         "Planned start", "Planned end", "Planned by today", "Reported progress", "Schedule", "Late reporting",
         "Last report", "Next report due", "Days late", "State"),
        ("KT-1", "Key task KT-1", "key project", "王县长", "一号镇党委", "T1", None, day(2026, 1, 1),
         day(2026, 12, 31), 0.3, 0, "seriously behind", "yes", None, day(2026, 1, 31), 99, "in progress"),
    ]


def test_export_holds_only_the_users_view(client, world):
    rows = sheet_rows(get(client, world.users.org_admin, "/tasks/export.xlsx"))
    assert [row[0] for row in rows[1:]] == ["KT-1"]


@pytest.mark.parametrize("more", [0, 2])
def test_export_query_count_is_constant(client, world, django_assert_num_queries, more):
    KeyTask.objects.filter(code="KT-2").delete()
    for i in range(more):
        make_task(world.tree, code=f"KX-{i}", lead_unit=world.tree.t2, leader=world.leader2)
    client.force_login(world.users.county_admin)
    with django_assert_num_queries(4):
        response = client.get("/tasks/export.xlsx")
    assert len(sheet_rows(response)) == 2 + more
