"""Visibility rows of the escalation ladder, supervision notices and accountability cases.

The world: key task VC1 led by T1 (supporting T2B1) under leader L1, whose login is the
tree's leader; VC2 led by T2 under a leader without a login. An inspector issued notice
{n1} on VC1 (to T1) and {n2} on VC2 (to T2), and opened case {c1} on VC1 (findings, sanction
{s1}) and {c2} on VC2 (sanction {s2}).

Who enters: county admins, organisation admins, leaders and inspectors; members, affiliate
admins and users without a role get 403 on every page here. Inside, `notices_visible_to` /
`cases_visible_to` decide (404 outside): the county admin and the inspector see all, T1's
admin those of T1's subtree, the branch admin of T1B1 none (both went to the townships),
the leader those of their own task. The ladder is changed by county admins, notices issued
by county admins and inspectors, cases handled by inspectors, and notices answered and cases
responded to by the unit's admins (the county admin included).
"""
import datetime

from pacesetter.accountability import domain
from tests.factories import LeaderFactory

LOGIN = "302 to the login page"
SAVED = "302 after a write"

D = datetime.date
PLAN = [{"title": "一期", "due_on": D(2026, 6, 30), "weight": 50}, {"title": "二期", "due_on": D(2026, 12, 31), "weight": 50}]

LADDER = {"steps-TOTAL_FORMS": "2", "steps-INITIAL_FORMS": "0", "steps-0-days_late": "10",
          "steps-0-action": "reminder", "steps-1-days_late": "20", "steps-1-action": "case"}
NOTICE = {"task": "VC1", "text": "限期报送整改方案"}
ANSWER = {"response": "已制定整改方案，本月底前完成"}
CASE_T1B1 = {"organization": "T1B1", "findings": "台账缺失"}
FINDINGS = {"findings": "进度滞后两个月"}
SANCTION = {"kind": "criticism", "person": "王某"}
RESPONSE = {"response": "已整改到位"}
DECISION = {"decision": "予以通报批评"}

A = "/accountability"
#                                                                     county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    # The ladder: read by all who take part, changed by county admins
    ("GET",  f"{A}/ladder/",                              None,        (200,   200,   200,   200,   200,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/ladder/",                              {},          (405,   405,   405,   405,   405,   403,   403,   403,   LOGIN)),
    ("GET",  f"{A}/ladder/edit/",                         None,        (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/ladder/edit/",                         {},          (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/ladder/edit/",                         LADDER,      (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    # Notices: the list, one notice, its answer, a new one
    ("GET",  f"{A}/notices/",                             None,        (200,   200,   200,   200,   200,   403,   403,   403,   LOGIN)),
    ("GET",  f"{A}/notices/?status=issued&overdue=on&unit=T1&task=VC1&page=2", None, (200, 200, 200, 200, 200, 403, 403, 403, LOGIN)),
    ("POST", f"{A}/notices/",                             {},          (405,   405,   405,   405,   405,   403,   403,   403,   LOGIN)),
    ("GET",  f"{A}/notices/{{n1}}/",                      None,        (200,   200,   404,   200,   200,   403,   403,   403,   LOGIN)),
    ("GET",  f"{A}/notices/{{n2}}/",                      None,        (200,   404,   404,   404,   200,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/notices/{{n1}}/",                      {},          (405,   405,   404,   405,   405,   403,   403,   403,   LOGIN)),
    ("GET",  f"{A}/notices/{{n1}}/answer/",               None,        (405,   405,   404,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/notices/{{n1}}/answer/",               {},          (200,   200,   404,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/notices/{{n1}}/answer/",               ANSWER,      (SAVED, SAVED, 404,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/notices/{{n2}}/answer/",               ANSWER,      (SAVED, 404,   404,   404,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{A}/notices/new/",                         None,        (200,   403,   403,   403,   200,   403,   403,   403,   LOGIN)),
    ("GET",  f"{A}/notices/new/?task=VC1",                None,        (200,   403,   403,   403,   200,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/notices/new/",                         {},          (200,   403,   403,   403,   200,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/notices/new/",                         NOTICE,      (SAVED, 403,   403,   403,   SAVED, 403,   403,   403,   LOGIN)),
    # Cases: the list, one case, opening one
    ("GET",  f"{A}/cases/",                               None,        (200,   200,   200,   200,   200,   403,   403,   403,   LOGIN)),
    ("GET",  f"{A}/cases/?status=open&source=inspector&unit=T1&page=2", None, (200, 200, 200, 200, 200, 403, 403, 403, LOGIN)),
    ("POST", f"{A}/cases/",                               {},          (405,   405,   405,   405,   405,   403,   403,   403,   LOGIN)),
    ("GET",  f"{A}/cases/{{c1}}/",                        None,        (200,   200,   404,   200,   200,   403,   403,   403,   LOGIN)),
    ("GET",  f"{A}/cases/{{c2}}/",                        None,        (200,   404,   404,   404,   200,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/cases/{{c1}}/",                        {},          (405,   405,   404,   405,   405,   403,   403,   403,   LOGIN)),
    ("GET",  f"{A}/cases/new/",                           None,        (403,   403,   403,   403,   200,   403,   403,   403,   LOGIN)),
    ("GET",  f"{A}/cases/new/?task=VC1",                  None,        (403,   403,   403,   403,   200,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/cases/new/",                           {},          (403,   403,   403,   403,   200,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/cases/new/",                           CASE_T1B1,   (403,   403,   403,   403,   SAVED, 403,   403,   403,   LOGIN)),
    # A case's steps: findings, sanctions and closing by inspectors, the response by the unit
    ("GET",  f"{A}/cases/{{c1}}/findings/",               None,        (403,   403,   404,   403,   405,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/cases/{{c1}}/findings/",               {},          (403,   403,   404,   403,   200,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/cases/{{c1}}/findings/",               FINDINGS,    (403,   403,   404,   403,   SAVED, 403,   403,   403,   LOGIN)),
    ("POST", f"{A}/cases/{{c2}}/findings/",               FINDINGS,    (403,   404,   404,   404,   SAVED, 403,   403,   403,   LOGIN)),
    ("POST", f"{A}/cases/{{c1}}/sanctions/",              {},          (403,   403,   404,   403,   200,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/cases/{{c1}}/sanctions/",              SANCTION,    (403,   403,   404,   403,   SAVED, 403,   403,   403,   LOGIN)),
    ("GET",  f"{A}/cases/sanctions/{{s1}}/remove/",       None,        (403,   403,   404,   403,   405,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/cases/sanctions/{{s1}}/remove/",       {},          (403,   403,   404,   403,   SAVED, 403,   403,   403,   LOGIN)),
    ("POST", f"{A}/cases/sanctions/{{s2}}/remove/",       {},          (403,   404,   404,   404,   SAVED, 403,   403,   403,   LOGIN)),
    ("POST", f"{A}/cases/{{c1}}/respond/",                {},          (200,   200,   404,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/cases/{{c1}}/respond/",                RESPONSE,    (SAVED, SAVED, 404,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/cases/{{c2}}/respond/",                RESPONSE,    (SAVED, 404,   404,   404,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/cases/{{c1}}/close/",                  {},          (403,   403,   404,   403,   200,   403,   403,   403,   LOGIN)),
    ("POST", f"{A}/cases/{{c1}}/close/",                  DECISION,    (403,   403,   404,   403,   SAVED, 403,   403,   403,   LOGIN)),
    ("POST", f"{A}/cases/{{c2}}/close/",                  DECISION,    (403,   404,   404,   404,   200,   403,   403,   403,   LOGIN)),
]


def _task(tree, code, lead_unit, leader, supporting=()):
    return domain.create_task(
        by=tree.users.county_admin, code=code, title=f"重点项目{code}", kind="key_project", lead_unit=lead_unit,
        leader=leader, supporting_units=supporting, milestones=PLAN, planned_start=D(2026, 1, 1),
        planned_end=D(2026, 12, 31), report_every_days=30,
    )


def setup(tree) -> dict:
    tree.leader.user = tree.users.leader
    tree.leader.save(update_fields=["user"])
    inspector = tree.users.inspector
    vc1 = _task(tree, "VC1", tree.t1, tree.leader, supporting=[tree.b2])
    vc2 = _task(tree, "VC2", tree.t2, LeaderFactory(organization=tree.county, code="LVC2", name="赵副县长"))
    n1 = domain.issue_notice(vc1, by=inspector, text="请于一周内说明滞后原因")
    n2 = domain.issue_notice(vc2, by=inspector, text="请于一周内说明滞后原因")
    c1 = domain.open_case(by=inspector, task=vc1, findings="节点逾期")
    c2 = domain.open_case(by=inspector, task=vc2)
    s1 = domain.add_sanction(c1, by=inspector, kind="reminder")
    s2 = domain.add_sanction(c2, by=inspector, kind="reminder")
    return {"n1": n1.pk, "n2": n2.pk, "c1": c1.pk, "c2": c2.pk, "s1": s1.pk, "s2": s2.pk}
