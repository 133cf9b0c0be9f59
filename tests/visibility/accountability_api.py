"""The accountability endpoints of /api/v1/ by role (rows of tests/api/test_visibility.py).

World (`world(tree)`, built once per tree, dates relative to today): key task API-1 led by
T1 with supporting unit T2B1 and leader L1, whose login is the tree's leader; API-2 led by
T2 with leader L-API, who has no login. Each task has a progress report, a supervision
notice and an accountability case with one sanction. Seeing follows `tasks_visible_to` /
`notices_visible_to` / `cases_visible_to`: county admins and inspectors see both, T1's
admin and the leader only API-1 and its records, T1B1's admin neither (T1 lies above it,
T2B1 outside it), members and affiliate admins none. Actions: county admins manage tasks
and the ladder, the lead unit's admins report and answer, the leader signs, inspectors
handle cases; a refused action on a visible object is a 403 before its input is read.
"""
from __future__ import annotations

import datetime

from django.utils import timezone

from pacesetter.accountability import domain
from pacesetter.orgs.enums import GoalKind
from pacesetter.orgs.models import Goal
from tests.factories import LeaderFactory

TODAY = timezone.localdate()


def day(days: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=days)


START, END = day(-100), day(200)
PLAN = [
    {"title": "场地平整", "due_on": day(-40), "weight": 30},
    {"title": "主体施工", "due_on": day(60), "weight": 30},
    {"title": "竣工验收", "due_on": END, "weight": 40},
]


def make_task(tree, *, code, lead_unit, leader, supporting=(), milestones=PLAN, **fields):
    """A task planned from 100 days ago to 200 days ahead, its first milestone 40 days overdue."""
    values = {"title": f"重点任务{code}", "kind": "key_project", "planned_start": START, "planned_end": END,
              "report_every_days": 30, **fields}
    return domain.create_task(by=tree.users.county_admin, code=code, lead_unit=lead_unit, leader=leader,
                              supporting_units=supporting, milestones=milestones, **values)


def world(tree) -> dict:
    """Built once per tree: the API tests and this table share it."""
    if not hasattr(tree, "_accountability_api_world"):
        tree._accountability_api_world = _build(tree)
    return dict(tree._accountability_api_world)


def _build(tree) -> dict:
    users = tree.users
    tree.leader.user = users.leader
    tree.leader.save(update_fields=["user"])
    leader2 = LeaderFactory(organization=tree.county, code="L-API", name="李副县长")
    goal = Goal.objects.add_root(instance=Goal(code="G-API", name="工业强县", kind=GoalKind.STRATEGY))
    task1 = make_task(tree, code="API-1", lead_unit=tree.t1, leader=tree.leader, supporting=[tree.b2], goal=goal)
    task2 = make_task(tree, code="API-2", lead_unit=tree.t2, leader=leader2, kind="key_work")
    report1 = domain.submit_report(task1, by=users.org_admin, percent_done=20, narrative="完成征地",
                                   reported_on=day(-10))
    report2 = domain.submit_report(task2, by=users.county_admin, percent_done=10, narrative="完成立项",
                                   reported_on=day(-80))
    notice1 = domain.issue_notice(task1, by=users.county_admin, text="加快施工进度")
    notice2 = domain.issue_notice(task2, by=users.inspector, text="按期报送进度")
    case1 = domain.open_case(by=users.inspector, task=task1, findings="节点逾期四十天")
    case2 = domain.open_case(by=users.inspector, task=task2, findings="进度严重滞后")
    sanction1 = domain.add_sanction(case1, by=users.inspector, kind="reminder")
    sanction2 = domain.add_sanction(case2, by=users.inspector, kind="criticism")
    return {
        "report1": report1.pk, "report2": report2.pk, "notice1": notice1.pk, "notice2": notice2.pk,
        "case1": case1.pk, "case2": case2.pk, "sanction1": sanction1.pk, "sanction2": sanction2.pk,
    }


def setup(tree) -> dict:
    return world(tree)


API = "/api/v1"
KT = f"{API}/key-tasks"
CASES = f"{API}/accountability-cases"
NOTICES = f"{API}/supervision-notices"
NEW_TASK = {
    "code": "API-9", "title": "招商引资项目", "kind": "key_work", "leader": "L1", "lead_unit": "T1",
    "planned_start": day(0).isoformat(), "planned_end": day(90).isoformat(),
    "milestones": [{"title": "签约", "due_on": day(90).isoformat(), "weight": 100}],
}
PLAN_BODY = {"milestones": [{"title": "全部完工", "due_on": day(100).isoformat(), "weight": 100}]}
LADDER = {"steps": [{"days_late": 10, "action": "reminder"}, {"days_late": 20, "action": "case"}]}
A = 401  # anonymous

# name: (method, url, body, statuses for county_admin, org_admin, branch_admin, leader, inspector,
#        member, affiliate, nobody, anonymous)
API_ROWS = {
    # Key tasks
    "kt list": ("get", f"{KT}/", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "kt list filtered": (
        "get", f"{KT}/?kind=key_project&status=active&schedule=seriously_behind&leader=L1&lead_unit=T1&goal=G-API"
        "&late_reporting=false", None, (200, 200, 400, 200, 200, 400, 400, 400, A),
    ),
    "kt inside": ("get", f"{KT}/API-1/", None, (200, 200, 404, 200, 200, 404, 404, 404, A)),
    "kt outside": ("get", f"{KT}/API-2/", None, (200, 404, 404, 404, 200, 404, 404, 404, A)),
    "kt missing": ("get", f"{KT}/NOPE/", None, (404, 404, 404, 404, 404, 404, 404, 404, A)),
    "kt create": ("post", f"{KT}/", NEW_TASK, (201, 403, 403, 403, 403, 403, 403, 403, A)),
    "kt create without input": ("post", f"{KT}/", {}, (400, 403, 403, 403, 403, 403, 403, 403, A)),
    "kt change inside": ("patch", f"{KT}/API-1/", {"title": "新标题"}, (200, 403, 404, 403, 403, 404, 404, 404, A)),
    "kt change outside": ("patch", f"{KT}/API-2/", {"title": "新标题"}, (200, 404, 404, 404, 403, 404, 404, 404, A)),
    "kt plan inside": ("put", f"{KT}/API-1/milestones/", PLAN_BODY, (200, 403, 404, 403, 403, 404, 404, 404, A)),
    "kt plan outside": ("put", f"{KT}/API-2/milestones/", PLAN_BODY, (200, 404, 404, 404, 403, 404, 404, 404, A)),
    "kt status inside": (
        "post", f"{KT}/API-1/status/", {"status": "suspended"}, (200, 403, 404, 403, 403, 404, 404, 404, A)
    ),
    "kt status outside": (
        "post", f"{KT}/API-2/status/", {"status": "suspended"}, (200, 404, 404, 404, 403, 404, 404, 404, A)
    ),
    "kt reports inside": ("get", f"{KT}/API-1/reports/", None, (200, 200, 404, 200, 200, 404, 404, 404, A)),
    "kt reports outside": ("get", f"{KT}/API-2/reports/", None, (200, 404, 404, 404, 200, 404, 404, 404, A)),
    "kt report without input": (
        "post", f"{KT}/API-1/reports/", None, (400, 400, 404, 403, 403, 404, 404, 404, A)
    ),
    "kt report outside": ("post", f"{KT}/API-2/reports/", None, (400, 404, 404, 404, 403, 404, 404, 404, A)),
    "kt sign-offs inside": ("get", f"{KT}/API-1/sign-offs/", None, (200, 200, 404, 200, 200, 404, 404, 404, A)),
    "kt sign-offs outside": ("get", f"{KT}/API-2/sign-offs/", None, (200, 404, 404, 404, 200, 404, 404, 404, A)),
    "kt sign off as leader": (
        "post", f"{KT}/API-1/sign-offs/", {"party": "leader"}, (403, 403, 404, 201, 403, 404, 404, 404, A)
    ),
    "kt sign off as lead unit": (
        "post", f"{KT}/API-1/sign-offs/", {"party": "lead_unit"}, (201, 201, 404, 403, 403, 404, 404, 404, A)
    ),
    "kt sign off as supporting unit": (
        "post", f"{KT}/API-1/sign-offs/", {"party": "supporting_unit", "organization": "T2B1"},
        (201, 403, 404, 403, 403, 404, 404, 404, A),
    ),
    "kt sign off outside": (
        "post", f"{KT}/API-2/sign-offs/", {"party": "lead_unit"}, (201, 404, 404, 404, 403, 404, 404, 404, A)
    ),
    # Progress reports
    "report inside": ("get", f"{API}/progress-reports/{{report1}}/", None, (200, 200, 404, 200, 200, 404, 404, 404, A)),
    "report outside": (
        "get", f"{API}/progress-reports/{{report2}}/", None, (200, 404, 404, 404, 200, 404, 404, 404, A)
    ),
    "report missing": ("get", f"{API}/progress-reports/999999/", None, (404, 404, 404, 404, 404, 404, 404, 404, A)),
    "report sign inside": (
        "post", f"{API}/progress-reports/{{report1}}/sign/", {}, (403, 403, 404, 200, 403, 404, 404, 404, A)
    ),
    "report sign outside": (
        "post", f"{API}/progress-reports/{{report2}}/sign/", {}, (403, 404, 404, 404, 403, 404, 404, 404, A)
    ),
    # Escalation ladder
    "ladder": ("get", f"{API}/escalation-ladder/", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "ladder replace": ("put", f"{API}/escalation-ladder/", LADDER, (200, 403, 403, 403, 403, 403, 403, 403, A)),
    "ladder replace empty": (
        "put", f"{API}/escalation-ladder/", {"steps": []}, (400, 403, 403, 403, 403, 403, 403, 403, A)
    ),
    # Supervision notices
    "notice list": ("get", f"{NOTICES}/", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "notice list filtered": (
        "get", f"{NOTICES}/?status=issued&task=API-1", None, (200, 200, 400, 200, 200, 400, 400, 400, A)
    ),
    "notice inside": ("get", f"{NOTICES}/{{notice1}}/", None, (200, 200, 404, 200, 200, 404, 404, 404, A)),
    "notice outside": ("get", f"{NOTICES}/{{notice2}}/", None, (200, 404, 404, 404, 200, 404, 404, 404, A)),
    "notice missing": ("get", f"{NOTICES}/999999/", None, (404, 404, 404, 404, 404, 404, 404, 404, A)),
    "notice issue inside": (
        "post", f"{NOTICES}/", {"task": "API-1", "text": "本周内报送进度"}, (201, 403, 403, 403, 201, 403, 403, 403, A)
    ),
    "notice issue outside": (
        "post", f"{NOTICES}/", {"task": "API-2", "text": "本周内报送进度"}, (201, 403, 403, 403, 201, 403, 403, 403, A)
    ),
    "notice answer inside": (
        "post", f"{NOTICES}/{{notice1}}/answer/", {"response": "已加派人手"},
        (200, 200, 404, 403, 403, 404, 404, 404, A),
    ),
    "notice answer outside": (
        "post", f"{NOTICES}/{{notice2}}/answer/", {"response": "已加派人手"},
        (200, 404, 404, 404, 403, 404, 404, 404, A),
    ),
    # Accountability cases and their sanctions
    "case list": ("get", f"{CASES}/", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "case list filtered": ("get", f"{CASES}/?status=open&org=T1", None, (200, 200, 400, 200, 200, 400, 400, 400, A)),
    "case inside": ("get", f"{CASES}/{{case1}}/", None, (200, 200, 404, 200, 200, 404, 404, 404, A)),
    "case outside": ("get", f"{CASES}/{{case2}}/", None, (200, 404, 404, 404, 200, 404, 404, 404, A)),
    "case missing": ("get", f"{CASES}/999999/", None, (404, 404, 404, 404, 404, 404, 404, 404, A)),
    "case open": (
        "post", f"{CASES}/", {"task": "API-1", "findings": "未按期报送"}, (403, 403, 403, 403, 201, 403, 403, 403, A)
    ),
    "case findings inside": (
        "post", f"{CASES}/{{case1}}/findings/", {"findings": "节点逾期"}, (403, 403, 404, 403, 200, 404, 404, 404, A)
    ),
    "case findings outside": (
        "post", f"{CASES}/{{case2}}/findings/", {"findings": "节点逾期"}, (403, 404, 404, 404, 200, 404, 404, 404, A)
    ),
    "case sanction inside": (
        "post", f"{CASES}/{{case1}}/sanctions/", {"kind": "admonition"}, (403, 403, 404, 403, 201, 404, 404, 404, A)
    ),
    "case sanction outside": (
        "post", f"{CASES}/{{case2}}/sanctions/", {"kind": "admonition"}, (403, 404, 404, 404, 201, 404, 404, 404, A)
    ),
    "sanction remove inside": (
        "delete", f"{CASES}/sanctions/{{sanction1}}/", None, (403, 403, 404, 403, 204, 404, 404, 404, A)
    ),
    "sanction remove outside": (
        "delete", f"{CASES}/sanctions/{{sanction2}}/", None, (403, 404, 404, 404, 204, 404, 404, 404, A)
    ),
    "case respond inside": (
        "post", f"{CASES}/{{case1}}/respond/", {"response": "已整改"}, (200, 200, 404, 403, 403, 404, 404, 404, A)
    ),
    "case respond outside": (
        "post", f"{CASES}/{{case2}}/respond/", {"response": "已整改"}, (200, 404, 404, 404, 403, 404, 404, 404, A)
    ),
    "case close inside": (
        "post", f"{CASES}/{{case1}}/close/", {"decision": "予以提醒"}, (403, 403, 404, 403, 200, 404, 404, 404, A)
    ),
    "case close outside": (
        "post", f"{CASES}/{{case2}}/close/", {"decision": "通报批评"}, (403, 404, 404, 404, 200, 404, 404, 404, A)
    ),
}
