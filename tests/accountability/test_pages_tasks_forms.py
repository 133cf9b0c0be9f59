"""The key-task forms: each refusal shows its reason on the form and changes nothing; each
success goes through its one domain function. As of 2026-05-10 (see test_pages_tasks.py)."""
import datetime
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max

from pacesetter.accountability.models import KeyTask, Milestone, ProgressReport, ReportEvidence, SignOff
from pacesetter.core.models import AuditEntry

from .test_pages_tasks import _frozen, client  # noqa: F401
from .test_pages_tasks_detail import photo

NEW = {
    "code": "KT-9", "title": "春季植树造林", "kind": "key_work", "description": "", "leader": "",
    "lead_unit": "T1",
    "supporting_units": "T2B1", "goal": "", "budget": "120.5", "planned_start": "2026-03-01",
    "planned_end": "2026-06-30", "report_every_days": "30",
    "m-TOTAL_FORMS": "3", "m-INITIAL_FORMS": "0", "m-MIN_NUM_FORMS": "0", "m-MAX_NUM_FORMS": "30",
    "m-0-title": "整地", "m-0-due_on": "2026-03-31", "m-0-weight": "40",
    "m-1-title": "栽植", "m-1-due_on": "2026-04-30", "m-1-weight": "60",
    "m-2-title": "", "m-2-due_on": "", "m-2-weight": "",
}


def state():
    """What a refused form must leave as it was."""
    return (
        list(KeyTask.objects.order_by("code").values_list("code", "title", "status", "progress", "next_report_due")),
        list(Milestone.objects.order_by("pk").values_list("pk", "title", "due_on", "weight", "done_on")),
        ProgressReport.objects.count(), ReportEvidence.objects.count(), SignOff.objects.count(),
        AuditEntry.objects.aggregate(n=Max("pk"))["n"],
    )


def post(client, user, url, data):
    client.force_login(user)
    return client.post(url, data)


def errors(response) -> list[str]:
    """Every error message on the page: above the form and under its fields."""
    html = response.content.decode()
    found = re.findall(r'<div class="invalid-feedback d-block">(.*?)</div>', html)
    block = re.search(r'id="form-errors">(.*?)</div>\s*\n', html, re.DOTALL)
    if block:
        found = re.findall(r"<div>(.*?)</div>", block.group(1)) + found
    return [unescape(e) for e in found]


def refused(client, user, url, data):
    """(status, errors) of a refused POST; asserts nothing changed."""
    before = state()
    response = post(client, user, url, data)
    assert state() == before
    return response.status_code, errors(response)


# --- New task ------------------------------------------------------------------------------------


def test_new_task_creates_it_with_milestones(client, world):
    response = post(client, world.users.county_admin, "/tasks/new/", NEW | {"leader": world.leader1.pk})
    task = KeyTask.objects.get(code="KT-9")
    assert (response.status_code, response["Location"], task.title, str(task.budget),
            list(task.supporting_units.values_list("code", flat=True)),
            list(task.milestones.values_list("title", "weight"))) == (
        302, "/tasks/KT-9/", "春季植树造林", "120.50", ["T2B1"], [("整地", 40), ("栽植", 60)])


def test_new_task_form_lists_the_leaders(client, world):
    client.force_login(world.users.county_admin)
    html = client.get("/tasks/new/").content.decode()
    select = re.search(r'<select name="leader".*?</select>', html, re.DOTALL).group(0)
    assert re.findall(r'<option value="(\d+)"', select) == [str(world.leader2.pk), str(world.leader1.pk)]


@pytest.mark.parametrize(("change", "message"), [
    ({"m-1-weight": "50"}, "The milestones' weights total 90%; they must total 100%."),
    ({"m-1-due_on": "2026-08-01"},
     "Milestone 2 is due on 2026-08-01, outside the planned dates 2026-03-01 to 2026-06-30."),
    ({"planned_end": "2026-02-01"}, "The planned end (2026-02-01) is before the planned start (2026-03-01)."),
    ({"code": "KT-1"}, "A key task with the code KT-1 already exists."),
    ({"code": "gantt"}, "“gantt” names a page; choose another code."),
    ({"lead_unit": "NOPE"}, "No organisation with the code NOPE in your view."),
    ({"supporting_units": "T2B1, T1"}, "The lead unit 一号镇党委 cannot also be a supporting unit."),
    ({"supporting_units": "T2B1 ZZZ"}, "No organisation with the code ZZZ in your view."),
    ({"title": ""}, "This field is required."),
    ({"m-0-title": "", "m-0-due_on": "", "m-0-weight": "", "m-1-title": "", "m-1-due_on": "", "m-1-weight": ""},
     "Plan at least one milestone."),
])
def test_new_task_refusals(client, world, change, message):
    status, shown = refused(client, world.users.county_admin, "/tasks/new/",
                            NEW | {"leader": world.leader1.pk} | change)
    assert (status, shown) == (200, [message])


def test_new_task_is_for_county_admins(client, world):
    assert refused(client, world.users.org_admin, "/tasks/new/", NEW | {"leader": world.leader1.pk})[0] == 403


# --- Edit and plan -------------------------------------------------------------------------------


def edit_data(world, **change):
    return {"title": "新标题", "kind": "key_project", "description": "说明", "leader": world.leader2.pk,
            "lead_unit": "T1", "supporting_units": "", "goal": "", "budget": "", "planned_start": "2026-01-01",
            "planned_end": "2026-12-31", "report_every_days": "15"} | change


def test_edit_saves_the_particulars(client, world):
    response = post(client, world.users.county_admin, "/tasks/KT-1/edit/", edit_data(world))
    task = KeyTask.objects.get(code="KT-1")
    assert (response.status_code, task.title, task.leader, task.report_every_days,
            list(task.supporting_units.all()), task.next_report_due) == (
        302, "新标题", world.leader2, 15, [], datetime.date(2026, 1, 16))


def test_edit_form_starts_from_the_task(client, world):
    client.force_login(world.users.county_admin)
    html = client.get("/tasks/KT-1/edit/").content.decode()
    assert (re.search(r'name="lead_unit" value="([^"]*)"', html).group(1),
            re.search(r'<textarea name="supporting_units"[^>]*>\s*(.*?)</textarea>', html, re.DOTALL).group(1)) == (
        "T1", "T2B1")


def test_edit_refuses_dates_that_leave_a_milestone_outside(client, world):
    status, shown = refused(client, world.users.county_admin, "/tasks/KT-1/edit/",
                            edit_data(world, planned_end="2026-06-30"))
    assert (status, shown) == (
        200, ["The milestone “Handed over” is due on 2026-12-31, outside the new planned dates."])


def test_edit_is_for_county_admins(client, world):
    assert refused(client, world.users.org_admin, "/tasks/KT-1/edit/", edit_data(world))[0] == 403


def plan_data(world, rows):
    data = {"m-TOTAL_FORMS": str(len(rows)), "m-INITIAL_FORMS": "3", "m-MIN_NUM_FORMS": "0", "m-MAX_NUM_FORMS": "30"}
    for i, row in enumerate(rows):
        data |= {f"m-{i}-{k}": v for k, v in row.items()}
    return data


def current_rows(world):
    return [{"id": str(m.pk), "title": m.title, "due_on": m.due_on.isoformat(), "weight": str(m.weight)}
            for m in world.task1.milestones.order_by("due_on")]


def test_plan_changes_and_removes_milestones(client, world):
    rows = current_rows(world)
    rows[1] |= {"DELETE": "on"}
    rows[2] |= {"weight": "70"}
    response = post(client, world.users.county_admin, "/tasks/KT-1/plan/", plan_data(world, rows))
    assert (response.status_code, list(world.task1.milestones.values_list("title", "weight"))) == (
        302, [("Land cleared", 30), ("Handed over", 70)])


def test_plan_refuses_weights_not_totalling_100(client, world):
    rows = current_rows(world)
    rows[2] |= {"weight": "10"}
    status, shown = refused(client, world.users.county_admin, "/tasks/KT-1/plan/", plan_data(world, rows))
    assert (status, shown) == (200, ["The milestones' weights total 70%; they must total 100%."])


def test_plan_refuses_a_missing_management_form(client, world):
    status, shown = refused(client, world.users.county_admin, "/tasks/KT-1/plan/", {})
    assert (status, len(shown)) == (200, 1)


# --- Progress reports ------------------------------------------------------------------------------


def report_data(world, **change):
    return {"percent_done": "35", "narrative": "完成整地", "reported_on": "2026-05-08",
            "milestones_done": [str(world.task1.milestones.order_by("due_on").first().pk)]} | change


def test_report_with_a_photo(client, world):
    response = post(client, world.users.org_admin, "/tasks/KT-1/report/", report_data(world) | {"files": [photo()]})
    made = ProgressReport.objects.get()
    evidence = made.evidence.get()
    assert (response.status_code, made.percent, made.reported_on, made.organization, evidence.kind,
            evidence.original_name, list(world.task1.milestones.exclude(done_on=None).values_list("title", flat=True)),
            KeyTask.objects.get(code="KT-1").next_report_due) == (
        302, 35, datetime.date(2026, 5, 8), world.tree.t1, "photo", "现场.jpg", ["Land cleared"],
        datetime.date(2026, 6, 7))


def test_report_refuses_a_file_that_is_not_what_it_says(client, world):
    fake = SimpleUploadedFile("现场.jpg", b"MZ\x90\x00 this is a program", content_type="image/jpeg")
    status, shown = refused(client, world.users.org_admin, "/tasks/KT-1/report/",
                            report_data(world) | {"files": [fake]})
    assert (status, shown) == (
        200, ["“现场.jpg” is not a photo (JPEG, PNG or WebP): its content is a Windows program."])


@pytest.mark.parametrize(("change", "message"), [
    ({"percent_done": "120"}, "Ensure this value is less than or equal to 100."),
    ({"narrative": ""}, "This field is required."),
    ({"reported_on": "2026-06-01"}, "A report cannot be dated in the future (2026-06-01)."),
    ({"milestones_done": ["999999"]}, "Select a valid choice. 999999 is not one of the available choices."),
])
def test_report_refusals(client, world, change, message):
    status, shown = refused(client, world.users.org_admin, "/tasks/KT-1/report/", report_data(world, **change))
    assert (status, shown) == (200, [message])


def test_report_refuses_a_date_before_the_last_report(client, world):
    post(client, world.users.org_admin, "/tasks/KT-1/report/", report_data(world, milestones_done=[]))
    status, shown = refused(client, world.users.org_admin, "/tasks/KT-1/report/",
                            report_data(world, milestones_done=[], reported_on="2026-05-01"))
    assert (status, shown) == (
        200, ["A report dated 2026-05-08 already exists; a new report cannot be dated before it."])


def test_report_refuses_more_than_ten_files(client, world):
    files = [photo(f"p{i}.jpg") for i in range(11)]
    status, shown = refused(client, world.users.org_admin, "/tasks/KT-1/report/", report_data(world) | {"files": files})
    assert (status, shown) == (200, ["At most 10 files per report."])


def test_report_form_offers_only_milestones_not_done(client, world):
    post(client, world.users.org_admin, "/tasks/KT-1/report/", report_data(world))
    client.force_login(world.users.org_admin)
    html = client.get("/tasks/KT-1/report/").content.decode()
    assert re.findall(r'<label class="form-check-label" for="id_milestones_done_\d+">(.*?) \(', html) == [
        "Foundations", "Handed over"]


@pytest.mark.parametrize("role", ["leader", "inspector"])
def test_report_is_for_the_lead_units_admins(client, world, role):
    assert refused(client, getattr(world.users, role), "/tasks/KT-1/report/", report_data(world))[0] == 403


# --- State and sign-offs -----------------------------------------------------------------------


def test_status_suspends_the_task(client, world):
    response = post(client, world.users.county_admin, "/tasks/KT-1/status/", {"status": "suspended", "note": "暂停"})
    assert (response.status_code, KeyTask.objects.get(code="KT-1").status) == (302, "suspended")


def test_status_refuses_the_current_state(client, world):
    status, shown = refused(client, world.users.county_admin, "/tasks/KT-1/status/", {"status": "active"})
    assert (status, shown) == (200, ["Select a valid choice. active is not one of the available choices."])


def test_status_is_for_county_admins(client, world):
    assert refused(client, world.users.org_admin, "/tasks/KT-1/status/", {"status": "completed"})[0] == 403


def test_leader_signs_for_the_leader(client, world):
    response = post(client, world.users.leader, "/tasks/KT-1/sign/", {"party": "leader", "note": "同意"})
    assert (response.status_code, list(SignOff.objects.values_list("party", "organization", "note"))) == (
        302, [("leader", None, "同意")])


def test_county_admin_signs_for_a_supporting_unit(client, world):
    response = post(client, world.users.county_admin, "/tasks/KT-1/sign/", {"party": "unit:T2B1"})
    assert (response.status_code, list(SignOff.objects.values_list("party", "organization__code"))) == (
        302, [("supporting_unit", "T2B1")])


def test_sign_offers_only_what_the_user_may_sign(client, world):
    client.force_login(world.users.org_admin)
    html = client.get("/tasks/KT-1/sign/").content.decode()
    assert re.findall(r'name="party" value="([^"]*)"', html) == ["lead_unit"]


def test_sign_refuses_a_party_the_user_may_not_sign(client, world):
    status, shown = refused(client, world.users.org_admin, "/tasks/KT-1/sign/", {"party": "unit:T2B1"})
    assert (status, shown) == (200, ["Select a valid choice. unit:T2B1 is not one of the available choices."])


def test_sign_is_403_once_everything_the_user_may_sign_is_signed(client, world):
    post(client, world.users.leader, "/tasks/KT-1/sign/", {"party": "leader"})
    assert refused(client, world.users.leader, "/tasks/KT-1/sign/", {"party": "leader"})[0] == 403


def test_leader_signs_a_report_with_a_comment(client, world):
    post(client, world.users.org_admin, "/tasks/KT-1/report/", report_data(world))
    made = ProgressReport.objects.get()
    response = post(client, world.users.leader, f"/tasks/reports/{made.pk}/sign/", {"comment": "很好"})
    made.refresh_from_db()
    assert (response.status_code, made.leader_comment, made.leader_signed_at is not None) == (302, "很好", True)


def test_report_sign_refuses_a_second_signature(client, world):
    post(client, world.users.org_admin, "/tasks/KT-1/report/", report_data(world))
    made = ProgressReport.objects.get()
    post(client, world.users.leader, f"/tasks/reports/{made.pk}/sign/", {"comment": "很好"})
    status, shown = refused(client, world.users.leader, f"/tasks/reports/{made.pk}/sign/", {"comment": "再签"})
    assert (status, shown) == (200, ["This report was already signed off."])


def test_report_sign_is_for_the_leader(client, world):
    post(client, world.users.org_admin, "/tasks/KT-1/report/", report_data(world))
    made = ProgressReport.objects.get()
    assert refused(client, world.users.county_admin, f"/tasks/reports/{made.pk}/sign/", {})[0] == 403
