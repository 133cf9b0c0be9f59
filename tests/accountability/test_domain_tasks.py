"""Writes of key tasks: bad input is refused with a message naming the field or row, and
nothing changes; permissions are the domain's own."""
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from pacesetter.accountability import domain
from pacesetter.accountability.enums import KeyTaskStatus, SignOffParty
from pacesetter.accountability.models import KeyTask, Milestone, ProgressReport, SignOff
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry

from .conftest import PLAN, make_task

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refusal(call, error=DomainError) -> str:
    with pytest.raises(error) as caught:
        call()
    return " ".join(caught.value.messages)


def jpeg(name="site.jpg") -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buf, "JPEG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


@pytest.mark.parametrize("change, message", [
    ({"milestones": PLAN[:2]}, "The milestones' weights total 60%; they must total 100%."),
    ({"milestones": []}, "Plan at least one milestone."),
    ({"milestones": [{**PLAN[0], "due_on": D(2027, 1, 5), "weight": 100}]},
     "Milestone 1 is due on 2027-01-05, outside the planned dates 2026-01-01 to 2026-12-31."),
    ({"milestones": [{**PLAN[0], "title": " ", "weight": 100}]}, "Milestone 1: title is required."),
    ({"planned_end": D(2025, 12, 1)}, "The planned end (2025-12-01) is before the planned start (2026-01-01)."),
    ({"code": "KT 9"}, "A code is 1–32 letters, digits, '-', '_' or '.', starting with a letter or digit."),
    ({"code": "KT-1"}, "A key task with the code KT-1 already exists."),
    ({"code": "Gantt"}, "“Gantt” names a page; choose another code."),
    ({"code": "mine"}, "“mine” names a page; choose another code."),
    ({"budget": "many"}, "The budget is a number of 10,000 yuan."),
    ({"budget": -5}, "The budget is a number of 10,000 yuan, not negative."),
    ({"report_every_days": 0}, "Report every 1 to 366 days."),
    ({"kind": "party"}, "Choose one of the listed kinds of key task."),
])
def test_create_task_refuses_bad_input_and_writes_nothing(world, change, message):
    before = (KeyTask.objects.count(), Milestone.objects.count(), AuditEntry.objects.count())
    fields = {"code": "KT-9", **change}
    assert refusal(lambda: make_task(world.tree, lead_unit=world.tree.t1, leader=world.leader1, **fields)) == message
    assert (KeyTask.objects.count(), Milestone.objects.count(), AuditEntry.objects.count()) == before


def test_lead_unit_cannot_also_support(world):
    message = refusal(lambda: make_task(world.tree, code="KT-9", lead_unit=world.tree.t1, leader=world.leader1,
                                        supporting=[world.tree.t1]))
    assert message == f"The lead unit {world.tree.t1.name} cannot also be a supporting unit."


@pytest.mark.parametrize("role", ["org_admin", "leader", "inspector", "member"])
def test_only_county_admins_create_tasks(world, role):
    with pytest.raises(PermissionDeniedError):
        domain.create_task(by=getattr(world.users, role), code="KT-9", title="x", lead_unit=world.tree.t1,
                           leader=world.leader1, planned_start=D(2026, 1, 1), planned_end=D(2026, 12, 31),
                           milestones=PLAN)


def test_update_task_audits_before_and_after(world):
    domain.update_task(world.task1, by=world.users.county_admin, title="春季植树造林", supporting_units=[])
    entry = AuditEntry.objects.filter(action="accountability.task.update").get()
    assert (entry.before["title"], entry.after["title"], entry.before["supporting_units"],
            entry.after["supporting_units"]) == ("Key task KT-1", "春季植树造林", [world.tree.b2.pk], [])


def test_shortening_the_dates_past_a_milestone_is_refused(world):
    message = refusal(lambda: domain.update_task(world.task1, by=world.users.county_admin, planned_end=D(2026, 9, 30)))
    assert message == "The milestone “Handed over” is due on 2026-12-31, outside the new planned dates."
    world.task1.refresh_from_db()
    assert world.task1.planned_end == D(2026, 12, 31)


def test_plan_keeps_done_milestones_and_replaces_the_rest(world):
    first = world.task1.milestones.get(title="Land cleared")
    domain.submit_report(world.task1, by=world.users.org_admin, percent_done=30, narrative="完成", reported_on=D(2026, 3, 30),
                         milestones_done=[first.pk])
    rows = [{"id": first.pk, "title": "Land cleared", "due_on": D(2026, 3, 31), "weight": 50},
            {"title": "Opened", "due_on": D(2026, 10, 1), "weight": 50}]
    domain.plan_milestones(world.task1, rows, by=world.users.county_admin)
    assert list(world.task1.milestones.values_list("title", "weight", "done_on")) == [
        ("Land cleared", 50, D(2026, 3, 30)), ("Opened", 50, None)]


def test_plan_cannot_drop_a_done_milestone(world):
    first = world.task1.milestones.get(title="Land cleared")
    domain.submit_report(world.task1, by=world.users.org_admin, percent_done=30, narrative="完成", reported_on=D(2026, 3, 30),
                         milestones_done=[first.pk])
    rows = [{"title": "All", "due_on": D(2026, 10, 1), "weight": 100}]
    assert refusal(lambda: domain.plan_milestones(world.task1, rows, by=world.users.county_admin)) == (
        "The milestone “Land cleared” is done and stays in the plan.")


def test_report_with_a_photo_updates_the_task(world):
    first = world.task1.milestones.get(title="Land cleared")
    report = domain.submit_report(world.task1, by=world.users.org_admin, percent_done=35, narrative="土地平整完成",
                                  reported_on=D(2026, 4, 2), milestones_done=[first.pk], files=[jpeg()])
    world.task1.refresh_from_db()
    first.refresh_from_db()
    assert (world.task1.progress, world.task1.last_report_on, world.task1.next_report_due) == (
        35, D(2026, 4, 2), D(2026, 5, 2))
    assert (first.done_on, first.done_in_id, report.evidence.get().kind) == (D(2026, 4, 2), report.pk, "photo")


@pytest.mark.parametrize("kwargs, message", [
    ({"percent_done": 101}, "Progress is a whole percentage from 0 to 100."),
    ({"narrative": "  "}, "What was done is required."),
    ({"reported_on": D(2099, 1, 1)}, "A report cannot be dated in the future (2099-01-01)."),
    ({"milestones_done": [999999]}, "Milestone 999999 is not one of this task's."),
    ({"files": [SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not a photo")]}, None),
])
def test_bad_reports_change_nothing(world, kwargs, message):
    args = {"percent_done": 10, "narrative": "进展", "reported_on": D(2026, 2, 1), **kwargs}
    text = refusal(lambda: domain.submit_report(world.task1, by=world.users.org_admin, **args))
    if message is not None:
        assert text == message
    world.task1.refresh_from_db()
    assert (ProgressReport.objects.count(), world.task1.progress, world.task1.last_report_on) == (0, 0, None)


def test_report_dated_before_the_last_one_is_refused(world):
    domain.submit_report(world.task1, by=world.users.org_admin, percent_done=10, narrative="一", reported_on=D(2026, 3, 1))
    assert refusal(lambda: domain.submit_report(world.task1, by=world.users.org_admin, percent_done=12, narrative="二",
                                                reported_on=D(2026, 2, 1))) == (
        "A report dated 2026-03-01 already exists; a new report cannot be dated before it.")


@pytest.mark.parametrize("role", ["branch_admin", "leader", "inspector", "member"])
def test_only_the_lead_units_admins_report(world, role):
    with pytest.raises(PermissionDeniedError):
        domain.submit_report(world.task1, by=getattr(world.users, role), percent_done=5, narrative="x")


def test_no_reports_on_a_suspended_task(world):
    domain.set_task_status(world.task1, by=world.users.county_admin, status=KeyTaskStatus.SUSPENDED)
    assert refusal(lambda: domain.submit_report(world.task1, by=world.users.org_admin, percent_done=5,
                                                narrative="x")) == (
        "The task is suspended; reports are taken only while it is in progress.")


def test_leader_signs_report_once(world):
    report = domain.submit_report(world.task1, by=world.users.org_admin, percent_done=5, narrative="x")
    with pytest.raises(PermissionDeniedError):
        domain.sign_report(report, by=world.users.county_admin)
    domain.sign_report(report, by=world.users.leader, comment="加快进度")
    assert refusal(lambda: domain.sign_report(report, by=world.users.leader)) == "This report was already signed off."


def test_sign_offs_by_each_party_once(world):
    t = world.task1
    domain.sign_off_task(t, by=world.users.leader, party=SignOffParty.LEADER)
    domain.sign_off_task(t, by=world.users.org_admin, party=SignOffParty.LEAD_UNIT)
    with pytest.raises(PermissionDeniedError):
        domain.sign_off_task(t, by=world.users.org_admin, party=SignOffParty.SUPPORTING_UNIT, organization=world.tree.b2)
    assert refusal(lambda: domain.sign_off_task(t, by=world.users.county_admin, party=SignOffParty.SUPPORTING_UNIT,
                                                organization=world.tree.b1)) == (
        "That unit is not one of the task's supporting units.")
    domain.sign_off_task(t, by=world.users.county_admin, party=SignOffParty.SUPPORTING_UNIT, organization=world.tree.b2)
    assert refusal(lambda: domain.sign_off_task(t, by=world.users.leader, party=SignOffParty.LEADER)) == (
        "This party has already signed off the task.")
    assert sorted(SignOff.objects.values_list("party", flat=True)) == ["lead_unit", "leader", "supporting_unit"]
