"""Visibility rows of the key-task pages (/tasks/…): the dashboards, the timeline, the export,
a task's page, its forms and its reports' evidence.

The world: TPV-1 led by T1 with T2B1 supporting, responsible leader L1 (the tree's leader
login); TPV-2 led by T2, leader TPVL2 without a login. TPV-1 has a progress report by T1's
admin with a photo, not yet signed by the leader.

Seeing follows `tasks_visible_to`: county admins and inspectors see both; the township-one
admin sees TPV-1 (its lead unit is in their subtree); the branch admin of T1B1 sees neither
(T1 is above their branch, T2B1 is elsewhere); the leader sees TPV-1, their own; members,
affiliate admins and users without a role see none (404). The dashboards answer everyone
logged in, over their own view. Changing a task is for county admins (403 for the others
who see it); reporting for the lead unit's admins; signing for the leader and each unit's
admins; signing a report for the leader alone.
"""
import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pacesetter.accountability import domain
from tests.factories import LeaderFactory

LOGIN = "302 to the login page"
SAVED = "302 after a write"

PLAN = {
    "m-TOTAL_FORMS": "1", "m-INITIAL_FORMS": "0", "m-MIN_NUM_FORMS": "0", "m-MAX_NUM_FORMS": "30",
    "m-0-title": "完工", "m-0-due_on": "2026-12-31", "m-0-weight": "100",
}
NEW = {"code": "TPV-9", "title": "新任务", "kind": "key_work", "leader": "{leader2}", "lead_unit": "T1",
       "planned_start": "2026-01-01", "planned_end": "2026-12-31", "report_every_days": "30"} | PLAN
EDIT = {"title": "改名", "kind": "key_project", "leader": "{leader1}", "lead_unit": "T1", "supporting_units": "T2B1",
        "planned_start": "2026-01-01", "planned_end": "2026-12-31", "report_every_days": "30"}
REPORT = {"percent_done": "50", "narrative": "进展顺利"}

T = "/tasks"
ALL = (200, 200, 200, 200, 200, 200, 200, 200, LOGIN)
NOT_ALLOWED = (405, 405, 405, 405, 405, 405, 405, 405, LOGIN)
#                                                                  county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    # Dashboards, timeline and export: everyone logged in, over their own view
    ("GET",  f"{T}/",                                        None,    ALL),
    ("GET",  f"{T}/?schedule=behind&late=late&sort=worst",   None,    ALL),
    ("GET",  f"{T}/?lead_unit=T2B1",                         None,    ALL),
    ("POST", f"{T}/",                                        {},      NOT_ALLOWED),
    ("GET",  f"{T}/mine/",                                   None,    ALL),
    ("GET",  f"{T}/unit/T1B1/",                              None,    (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  f"{T}/unit/T2B1/",                              None,    (200,   404,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("GET",  f"{T}/gantt/",                                  None,    ALL),
    ("GET",  f"{T}/gantt/?kind=key_project&page=2",          None,    ALL),
    ("GET",  f"{T}/export.xlsx",                             None,    ALL),
    ("GET",  f"{T}/export.xlsx?schedule=seriously_behind",   None,    ALL),
    ("POST", f"{T}/export.xlsx",                             {},      NOT_ALLOWED),
    # Creating a task: county admins
    ("GET",  f"{T}/new/",                                    None,    (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{T}/new/",                                    {},      (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{T}/new/",                                    NEW,     (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    # A task's page
    ("GET",  f"{T}/TPV-1/",                                  None,    (200,   200,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("GET",  f"{T}/TPV-2/",                                  None,    (200,   404,   404,   404,   200,   404,   404,   404,   LOGIN)),
    ("POST", f"{T}/TPV-1/",                                  {},      (405,   405,   404,   405,   405,   404,   404,   404,   LOGIN)),
    # Edit, plan, state: county admins among those who see the task
    ("GET",  f"{T}/TPV-1/edit/",                             None,    (200,   403,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("GET",  f"{T}/TPV-2/edit/",                             None,    (200,   404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{T}/TPV-1/edit/",                             {},      (200,   403,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{T}/TPV-1/edit/",                             EDIT,    (SAVED, 403,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("GET",  f"{T}/TPV-1/plan/",                             None,    (200,   403,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{T}/TPV-2/plan/",                             {},      (200,   404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{T}/TPV-2/plan/",                             PLAN,    (SAVED, 404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("GET",  f"{T}/TPV-1/status/",                           None,    (200,   403,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{T}/TPV-2/status/",                           {"status": "suspended"},
                                                                      (SAVED, 404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    # Progress reports: the lead unit's admins
    ("GET",  f"{T}/TPV-1/report/",                           None,    (200,   200,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("GET",  f"{T}/TPV-2/report/",                           None,    (200,   404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{T}/TPV-1/report/",                           {},      (200,   200,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{T}/TPV-1/report/",                           REPORT,  (SAVED, SAVED, 404,   403,   403,   404,   404,   404,   LOGIN)),
    # Sign-offs: the leader and each unit's admins
    ("GET",  f"{T}/TPV-1/sign/",                             None,    (200,   200,   404,   200,   403,   404,   404,   404,   LOGIN)),
    ("GET",  f"{T}/TPV-2/sign/",                             None,    (200,   404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{T}/TPV-1/sign/",                             {"party": "lead_unit"},
                                                                      (SAVED, SAVED, 404,   200,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{T}/TPV-1/sign/",                             {"party": "leader"},
                                                                      (200,   200,   404,   SAVED, 403,   404,   404,   404,   LOGIN)),
    ("GET",  f"{T}/reports/{{report}}/sign/",                None,    (403,   403,   404,   200,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{T}/reports/{{report}}/sign/",                {"comment": "同意"},
                                                                      (403,   403,   404,   SAVED, 403,   404,   404,   404,   LOGIN)),
    # Evidence of the reports: whoever sees the task
    ("GET",  f"{T}/evidence/{{evidence}}/",                  None,    (200,   200,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("GET",  f"{T}/evidence/{{evidence}}/thumbnail/",        None,    (200,   200,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("POST", f"{T}/evidence/{{evidence}}/",                  {},      NOT_ALLOWED),
]


def _photo() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (20, 120, 40)).save(out, format="JPEG")
    return SimpleUploadedFile("现场.jpg", out.getvalue(), content_type="image/jpeg")


def _task(tree, code, *, lead_unit, leader, supporting=()):
    return domain.create_task(
        by=tree.users.county_admin, code=code, title=f"可见性任务{code}", kind="key_project", leader=leader,
        lead_unit=lead_unit, supporting_units=supporting, planned_start=datetime.date(2026, 1, 1),
        planned_end=datetime.date(2026, 12, 31), report_every_days=30,
        milestones=[{"title": "完工", "due_on": datetime.date(2026, 12, 31), "weight": 100}],
    )


def setup(tree) -> dict:
    tree.leader.user = tree.users.leader
    tree.leader.save(update_fields=["user"])
    leader2 = LeaderFactory(organization=tree.county, code="TPVL2", name="可见性副县长")
    task1 = _task(tree, "TPV-1", lead_unit=tree.t1, leader=tree.leader, supporting=[tree.b2])
    _task(tree, "TPV-2", lead_unit=tree.t2, leader=leader2)
    report = domain.submit_report(task1, by=tree.users.org_admin, percent_done=10, narrative="开工",
                                  files=[_photo()])
    return {"leader1": tree.leader.pk, "leader2": leader2.pk, "report": report.pk,
            "evidence": report.evidence.get().pk}
