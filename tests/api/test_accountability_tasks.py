"""The key-task endpoints: what each role sees, the schedule as of today, filters, the
writes through the domain functions, refusals as 400s naming the field (nothing changed),
and constant query counts.

World: tests/visibility/accountability_api.py (API-1 led by T1 with supporting unit T2B1
and leader L1 = the tree's leader, 20 % reported 10 days ago; API-2 led by T2, 10 % reported
80 days ago; both planned from 100 days ago, their first milestone 40 days overdue).
"""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pacesetter.accountability import domain
from pacesetter.accountability.models import KeyTask, Milestone, ProgressReport, SignOff

from ..visibility.accountability_api import day, make_task, world

KT = "/api/v1/key-tasks"
MZ = (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
      + b"This program cannot be run in DOS mode.")


@pytest.fixture
def ids(tree):
    return world(tree)


def photo(name="现场.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 40)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def codes(response) -> list[str]:
    return [t["code"] for t in response.json()["results"]]


def plan(task_code: str) -> list[tuple]:
    return list(Milestone.objects.filter(task__code=task_code).values_list("title", "due_on", "weight"))


NEW_TASK = {
    "code": "KT-NEW", "title": "春季植树造林", "kind": "key_work", "leader": "L1", "lead_unit": "T1",
    "supporting_units": ["T2", "T2B1"], "goal": "G-API", "budget": "120.50",
    "planned_start": day(0).isoformat(), "planned_end": day(90).isoformat(), "report_every_days": 15,
    "milestones": [{"title": "整地", "due_on": day(30).isoformat(), "weight": 40},
                   {"title": "栽植", "due_on": day(90).isoformat(), "weight": 60}],
}


# --- Who sees what ------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "expected"), [
    ("county_admin", ["API-1", "API-2"]),
    ("inspector", ["API-1", "API-2"]),
    ("org_admin", ["API-1"]),
    ("leader", ["API-1"]),
    ("branch_admin", []),
    ("member", []),
    ("affiliate", []),
    ("nobody", []),
])
def test_task_list_holds_exactly_the_visible_tasks(tree, login, ids, role, expected):
    assert codes(login(getattr(tree.users, role)).get(f"{KT}/")) == expected


def test_task_list_needs_a_login(tree, api, ids):
    assert api.get(f"{KT}/").status_code == 401


def test_invisible_and_missing_tasks_answer_alike(tree, login, ids):
    client = login(tree.users.leader)
    invisible, missing = client.get(f"{KT}/API-2/"), client.get(f"{KT}/NOPE/")
    assert (invisible.status_code, invisible.json()) == (missing.status_code, missing.json())


# --- Schedule and filters -------------------------------------------------------------------


def test_task_rows_carry_their_schedule_as_of_today(tree, login, ids):
    rows = login(tree.users.county_admin).get(f"{KT}/").json()["results"]
    fields = ("code", "progress", "planned", "gap", "overdue_since", "reporting_late", "schedule")
    assert [tuple(row[f] for f in fields) for row in rows] == [
        ("API-1", 20, 30, 10, day(-40).isoformat(), False, "seriously_behind"),
        ("API-2", 10, 30, 20, day(-40).isoformat(), True, "seriously_behind"),
    ]


@pytest.mark.parametrize(("query", "expected"), [
    ("kind=key_work", ["API-2"]),
    ("status=active", ["API-1", "API-2"]),
    ("status=completed", []),
    ("schedule=seriously_behind", ["API-1", "API-2"]),
    ("schedule=on_track", []),
    ("leader=L-API", ["API-2"]),
    ("lead_unit=T1", ["API-1"]),
    ("goal=G-API", ["API-1"]),
    ("late_reporting=true", ["API-2"]),
    ("late_reporting=false", ["API-1"]),
])
def test_task_list_filters(tree, login, ids, query, expected):
    assert codes(login(tree.users.county_admin).get(f"{KT}/?{query}")) == expected


def test_township_admin_filters_by_the_county_leader_of_its_tasks(tree, login, ids):
    """L1 serves in the county, outside T1's view, yet leads a task T1 sees."""
    assert codes(login(tree.users.org_admin).get(f"{KT}/?leader=L1")) == ["API-1"]


@pytest.mark.parametrize(("query", "expected"), [
    ("lead_unit=T2B1", {"lead_unit": ["Unknown organisation: T2B1."]}),
    ("leader=L-API", {"leader": ["No key task you see has the leader L-API."]}),
    ("schedule=late", {"schedule": ['"late" is not a valid choice.']}),
])
def test_task_list_refuses_a_bad_filter_naming_it(tree, login, ids, query, expected):
    response = login(tree.users.org_admin).get(f"{KT}/?{query}")
    assert (response.status_code, response.json()) == (400, expected)


def test_task_detail_shows_milestones_units_and_why_it_is_behind(tree, login, ids):
    data = login(tree.users.leader).get(f"{KT}/API-1/").json()
    assert (
        [m["title"] for m in data["milestones"]], data["supporting_units"], data["goal"], data["schedule_reason"],
    ) == (
        ["场地平整", "主体施工", "竣工验收"],
        [{"code": "T2B1", "name": "二号村党支部"}],
        "G-API",
        ["Planned by today: 30%; reported: 20%.",
         f"A milestone due on {day(-40).isoformat()} is not done: 40 days overdue."],
    )


# --- Create and change -------------------------------------------------------------------


def test_county_admin_creates_a_task_with_its_milestones(tree, login, ids):
    response = login(tree.users.county_admin).post(f"{KT}/", NEW_TASK, format="json")
    task = KeyTask.objects.get(code="KT-NEW")
    assert (
        response.status_code, response["Location"], response.json()["schedule"],
        sorted(task.supporting_units.values_list("code", flat=True)), plan("KT-NEW"),
    ) == (
        201, "http://testserver/api/v1/key-tasks/KT-NEW/", "on_track", ["T2", "T2B1"],
        [("整地", day(30), 40), ("栽植", day(90), 60)],
    )


@pytest.mark.parametrize(("change", "expected"), [
    ({"milestones": [{"title": "整地", "due_on": day(30).isoformat(), "weight": 40}]},
     {"milestones": ["The milestones' weights total 40%; they must total 100%."]}),
    ({"milestones": [{"title": "整地", "due_on": day(120).isoformat(), "weight": 100}]},
     {"milestones": [f"Milestone 1 is due on {day(120).isoformat()}, outside the planned dates "
                     f"{day(0).isoformat()} to {day(90).isoformat()}."]}),
    ({"code": "API-1"}, {"code": ["A key task with the code API-1 already exists."]}),
    ({"leader": "NOPE"}, {"leader": ["Unknown county-level leader: NOPE."]}),
    ({"supporting_units": ["T1"]},
     {"supporting_units": ["The lead unit 一号镇党委 cannot also be a supporting unit."]}),
    ({"planned_end": day(-1).isoformat()},
     {"planned_end": [f"The planned end ({day(-1).isoformat()}) is before the planned start ({day(0).isoformat()})."]}),
    ({"kind": "festival"}, {"kind": ['"festival" is not a valid choice.']}),
])
def test_create_refuses_bad_input_naming_the_field(tree, login, ids, change, expected):
    response = login(tree.users.county_admin).post(f"{KT}/", {**NEW_TASK, **change}, format="json")
    assert (response.status_code, response.json(), KeyTask.objects.count()) == (400, expected, 2)


def test_county_admin_changes_a_tasks_title_and_supporting_units(tree, login, ids):
    response = login(tree.users.county_admin).patch(
        f"{KT}/API-1/", {"title": "工业园区建设", "supporting_units": ["T2"]}, format="json")
    data = response.json()
    assert (response.status_code, data["title"], data["supporting_units"]) == (
        200, "工业园区建设", [{"code": "T2", "name": "二号镇党委"}])


@pytest.mark.parametrize(("change", "expected"), [
    ({}, {"non_field_errors": ["Give at least one field to change."]}),
    ({"planned_start": day(-30).isoformat()},
     {"planned_start": [f"The milestone “场地平整” is due on {day(-40).isoformat()}, outside the new planned dates."]}),
    ({"report_every_days": 0}, {"report_every_days": ["Ensure this value is greater than or equal to 1."]}),
])
def test_change_refuses_bad_input_naming_the_field(tree, login, ids, change, expected):
    response = login(tree.users.county_admin).patch(f"{KT}/API-1/", change, format="json")
    task = KeyTask.objects.get(code="API-1")
    assert (response.status_code, response.json(), task.planned_start, task.report_every_days) == (
        400, expected, day(-100), 30)


def test_county_admin_replaces_the_plan_keeping_a_milestone_by_id(tree, login, ids):
    first = Milestone.objects.filter(task__code="API-1").order_by("due_on").first()
    rows = [{"id": first.pk, "title": "征地拆迁", "due_on": day(-40).isoformat(), "weight": 50},
            {"title": "建成投产", "due_on": day(100).isoformat(), "weight": 50}]
    response = login(tree.users.county_admin).put(f"{KT}/API-1/milestones/", {"milestones": rows}, format="json")
    assert (response.status_code, [m["id"] == first.pk for m in response.json()["milestones"]], plan("API-1")) == (
        200, [True, False], [("征地拆迁", day(-40), 50), ("建成投产", day(100), 50)])


@pytest.mark.parametrize(("rows", "expected"), [
    ([{"id": 999999, "title": "x", "due_on": day(0).isoformat(), "weight": 100}],
     {"milestones": ["Milestone 999999 is not one of this task's."]}),
    ([{"title": "x", "due_on": day(0).isoformat(), "weight": 0}],
     {"milestones": {"0": {"weight": ["Ensure this value is greater than or equal to 1."]}}}),
    ([], {"milestones": ["Ensure this field has at least 1 elements."]}),
])
def test_plan_refuses_bad_rows_and_keeps_the_plan(tree, login, ids, rows, expected):
    before = plan("API-1")
    response = login(tree.users.county_admin).put(f"{KT}/API-1/milestones/", {"milestones": rows}, format="json")
    assert (response.status_code, response.json(), plan("API-1")) == (400, expected, before)


def test_county_admin_suspends_a_task(tree, login, ids):
    response = login(tree.users.county_admin).post(f"{KT}/API-2/status/", {"status": "suspended"}, format="json")
    assert (response.status_code, response.json()["status"], response.json()["schedule"]) == (
        200, "suspended", "suspended")


def test_setting_the_same_status_is_400_under_status(tree, login, ids):
    response = login(tree.users.county_admin).post(f"{KT}/API-2/status/", {"status": "active"}, format="json")
    assert (response.status_code, response.json()) == (400, {"status": ["The task is already in progress."]})


# --- Progress reports -----------------------------------------------------------------------


def test_lead_unit_reports_progress_with_a_photo_and_a_milestone_reached(tree, login, ids):
    first = Milestone.objects.filter(task__code="API-1").order_by("due_on").first()
    response = login(tree.users.org_admin).post(f"{KT}/API-1/reports/", {
        "percent": "40", "narrative": "场地平整完成", "milestones_done": [str(first.pk)], "files": [photo()]},
        format="multipart")
    data, task = response.json(), KeyTask.objects.get(code="API-1")
    evidence = [(e["original_name"], e["url"], e["thumbnail_url"]) for e in data["evidence"]]
    pk = data["evidence"][0]["id"]
    assert (
        response.status_code, data["percent"], data["milestones_done"], evidence, data["reported_by"], task.progress,
        task.next_report_due,
    ) == (
        201, 40, [first.pk],
        [("现场.jpg", f"http://testserver/tasks/evidence/{pk}/", f"http://testserver/tasks/evidence/{pk}/thumbnail/")],
        "township1", 40, day(30),
    )


@pytest.mark.parametrize(("body", "expected"), [
    ({"percent": "101", "narrative": "x"}, {"percent": ["Ensure this value is less than or equal to 100."]}),
    ({"percent": "40", "narrative": "x", "reported_on": day(1).isoformat()},
     {"reported_on": [f"A report cannot be dated in the future ({day(1).isoformat()})."]}),
    ({"percent": "40", "narrative": "x", "reported_on": day(-20).isoformat()},
     {"reported_on": [f"A report dated {day(-10).isoformat()} already exists; a new report cannot be dated "
                      "before it."]}),
    ({"percent": "40", "narrative": "x", "milestones_done": ["999999"]},
     {"milestones_done": ["Milestone 999999 is not one of this task's."]}),
    ({"percent": "40", "narrative": "x", "files": [SimpleUploadedFile("现场.jpg", MZ)]},
     {"files": ["“现场.jpg” is not a photo (JPEG, PNG or WebP): its content is a Windows program."]}),
])
def test_report_refuses_bad_input_naming_the_field(tree, login, ids, body, expected):
    response = login(tree.users.org_admin).post(f"{KT}/API-1/reports/", body, format="multipart")
    assert (response.status_code, response.json(), ProgressReport.objects.count()) == (400, expected, 2)


def test_reports_list_newest_first(tree, login, ids):
    client = login(tree.users.org_admin)
    client.post(f"{KT}/API-1/reports/", {"percent": "30", "narrative": "主体开工"}, format="multipart")
    results = client.get(f"{KT}/API-1/reports/").json()["results"]
    assert [(r["percent"], r["reported_on"]) for r in results] == [(30, day(0).isoformat()), (20, day(-10).isoformat())]


def test_leader_signs_a_report_off_with_a_comment(tree, login, ids):
    response = login(tree.users.leader).post(f"/api/v1/progress-reports/{ids['report1']}/sign/",
                                             {"comment": "加快进度"}, format="json")
    data = response.json()
    signed = data["leader_signed_at"] is not None
    assert (response.status_code, data["leader_comment"], signed) == (200, "加快进度", True)


def test_signing_a_report_twice_is_400(tree, login, ids):
    client = login(tree.users.leader)
    client.post(f"/api/v1/progress-reports/{ids['report1']}/sign/", {}, format="json")
    response = client.post(f"/api/v1/progress-reports/{ids['report1']}/sign/", {}, format="json")
    assert (response.status_code, response.json()) == (
        400, {"non_field_errors": ["This report was already signed off."]})


# --- Sign-offs ------------------------------------------------------------------------------


def test_leader_and_supporting_unit_sign_off_a_task(tree, login, ids):
    login(tree.users.leader).post(f"{KT}/API-1/sign-offs/", {"party": "leader", "note": "同意"}, format="json")
    login(tree.users.county_admin).post(
        f"{KT}/API-1/sign-offs/", {"party": "supporting_unit", "organization": "T2B1"}, format="json")
    results = login(tree.users.org_admin).get(f"{KT}/API-1/sign-offs/").json()["results"]
    assert [(r["party"], r["organization"], r["signed_by"], r["note"]) for r in results] == [
        ("leader", None, "leader1", "同意"), ("supporting_unit", "T2B1", "county", "")]


@pytest.mark.parametrize(("body", "expected"), [
    ({"party": "supporting_unit", "organization": "T1B1"},
     {"organization": ["T1B1 is not a supporting unit of this key task."]}),
    ({"party": "supporting_unit"}, {"organization": ["Name the supporting unit that signs."]}),
    ({"party": "mayor"}, {"party": ['"mayor" is not a valid choice.']}),
])
def test_sign_off_refuses_bad_input_naming_the_field(tree, login, ids, body, expected):
    response = login(tree.users.county_admin).post(f"{KT}/API-1/sign-offs/", body, format="json")
    assert (response.status_code, response.json(), SignOff.objects.count()) == (400, expected, 0)


def test_signing_off_twice_for_the_lead_unit_is_400_under_party(tree, login, ids):
    client = login(tree.users.org_admin)
    client.post(f"{KT}/API-1/sign-offs/", {"party": "lead_unit"}, format="json")
    response = client.post(f"{KT}/API-1/sign-offs/", {"party": "lead_unit"}, format="json")
    assert (response.status_code, response.json()) == (400, {"party": ["This party has already signed off the task."]})


# --- Query counts ---------------------------------------------------------------------------


@pytest.fixture
def tasks(tree):
    """`tasks(n)`: n key tasks, the first with n reports (each a photo and a milestone
    reached) and signed off by n parties."""

    def _make(n):
        tree.leader.user = tree.users.leader
        tree.leader.save(update_fields=["user"])
        plan_rows = [{"title": f"节点{i}", "due_on": day(10 * i), "weight": w} for i, w in ((1, 20), (2, 30), (3, 50))]
        made = [make_task(tree, code=f"Q-{i}", lead_unit=tree.t1, leader=tree.leader, supporting=[tree.t2, tree.b2],
                          milestones=plan_rows) for i in range(n)]
        milestones = list(made[0].milestones.order_by("due_on"))
        for i in range(n):
            domain.submit_report(made[0], by=tree.users.org_admin, percent_done=10 * (i + 1), narrative="进展",
                                 milestones_done=[milestones[i].pk], files=[photo()])
        parties = [("lead_unit", None), ("supporting_unit", tree.t2), ("supporting_unit", tree.b2)]
        for party, org in parties[:n]:
            domain.sign_off_task(made[0], by=tree.users.county_admin, party=party, organization=org)
        return made

    return _make


@pytest.mark.parametrize(("url", "queries"), [
    (f"{KT}/", 5),
    (f"{KT}/Q-0/reports/", 8),
    (f"{KT}/Q-0/sign-offs/", 6),
])
@pytest.mark.parametrize("n", [1, 3])
def test_task_list_query_count_is_constant(tree, login, tasks, django_assert_num_queries, url, queries, n):
    tasks(n)
    client = login(tree.users.county_admin)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.json()["count"] == n
