"""Visibility rows of the campaign-stage pages (/stages/…) and endpoints (/api/v1/campaign-stage…).

The world (tests/stages/world.py): this year's campaign with three stages and tasks A
(manual), B (commitment published, automatic) and C (manual); T1B1 and T2B1 marked A done,
each with an evidence file; a second campaign without stages to copy into.

Where organisations stand follows `stage_organizations_visible_to`: county admins, the
leader and inspectors (on C) see every township and organisation; T1's admin township one;
T1B1's admin their branch; members, affiliate admins and users without a role none (a
township or organisation they do not see is a 404). The dashboard answers everyone signed
in, over their own view. Marking is for the organisation's admins and those above them
(403 for the leader and inspectors who see it); sending back for admins above it only (403
for the branch's own admin); setting up for county admins.
"""
from pacesetter.stages import domain
from tests.stages.world import build, make_campaign
from tests.visibility.accountability_tasks import _photo

LOGIN = "302 to the login page"
SAVED = "302 after a write"

S = "/stages"
ONE = "%E4%B8%80%E5%8F%B7%E9%95%87"  # 一号镇
TWO = "%E4%BA%8C%E5%8F%B7%E9%95%87"  # 二号镇
ALL = (200, 200, 200, 200, 200, 200, 200, 200, LOGIN)
NOT_ALLOWED = (405, 405, 405, 405, 405, 405, 405, 405, LOGIN)
NONE = (404, 404, 404, 404, 404, 404, 404, 404, LOGIN)
SETUP = (200, 403, 403, 403, 403, 403, 403, 403, LOGIN)
SETUP_BAD = (400, 403, 403, 403, 403, 403, 403, 403, LOGIN)
SETUP_SAVED = (SAVED, 403, 403, 403, 403, 403, 403, 403, LOGIN)
T1_VIEW = (200, 200, 200, 200, 200, 404, 404, 404, LOGIN)
T2_VIEW = (200, 404, 404, 200, 200, 404, 404, 404, LOGIN)
DONE = {"done_on": "2026-06-01", "note": "已召开述职会"}
TASK = {"title": "新任务", "check_kind": "manual", "due_on": "2026-03-25"}
#                                                                            county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    # The dashboard and its export: everyone signed in, over their own view
    ("GET",  f"{S}/",                                                  None,  ALL),
    ("GET",  f"{S}/?campaign={{campaign}}&sector=village",             None,  ALL),
    ("GET",  f"{S}/?campaign=999999",                                  None,  NONE),
    ("POST", f"{S}/",                                                  {},    NOT_ALLOWED),
    ("GET",  f"{S}/export.xlsx",                                       None,  ALL),
    ("GET",  f"{S}/export.xlsx?campaign={{campaign}}&sector=village",  None,  ALL),
    # A township's organisations
    ("GET",  f"{S}/township/?campaign={{campaign}}&name={ONE}",        None,  T1_VIEW),
    ("GET",  f"{S}/township/?campaign={{campaign}}&name={TWO}&rag=red", None, T2_VIEW),
    ("GET",  f"{S}/township/?campaign={{campaign}}&name=-",            None,  NONE),
    ("GET",  f"{S}/township/",                                         None,  NONE),
    # An organisation's checklist, marking done (its admins) and sending back (admins above it)
    ("GET",  f"{S}/o/T1B1/?campaign={{campaign}}",                     None,  T1_VIEW),
    ("GET",  f"{S}/o/T2B1/",                                           None,  T2_VIEW),
    ("GET",  f"{S}/o/T1B1/task/{{task_c}}/done/",                      None,  (200,   200,   200,   403,   403,   404,   404,   404,   LOGIN)),
    ("GET",  f"{S}/o/T2B1/task/{{task_c}}/done/",                      None,  (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{S}/o/T1B1/task/{{task_c}}/done/",                      {},    (400,   400,   400,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{S}/o/T1B1/task/{{task_c}}/done/",                      DONE,  (SAVED, SAVED, SAVED, 403,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{S}/o/T1B1/task/{{task_b}}/done/",                      DONE,  (400,   400,   400,   403,   403,   404,   404,   404,   LOGIN)),
    ("GET",  f"{S}/o/T1B1/task/{{task_a}}/send-back/",                 None,  (200,   200,   403,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{S}/o/T1B1/task/{{task_a}}/send-back/",                 {"reason": "缺少会议记录"},
                                                                              (SAVED, SAVED, 403,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{S}/o/T2B1/task/{{task_a}}/send-back/",                 {"reason": "缺少会议记录"},
                                                                              (SAVED, 404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("GET",  f"{S}/evidence/{{evidence1}}/",                           None,  T1_VIEW),
    ("GET",  f"{S}/evidence/{{evidence2}}/",                           None,  T2_VIEW),
    ("POST", f"{S}/evidence/{{evidence1}}/",                           {},    NOT_ALLOWED),
    # Setting up: county admins
    ("GET",  f"{S}/setup/",                                            None,  SETUP),
    ("GET",  f"{S}/setup/{{campaign}}/",                               None,  SETUP),
    ("GET",  f"{S}/setup/999999/",                                     None,  NONE),
    ("GET",  f"{S}/setup/{{campaign}}/stage/new/",                     None,  SETUP),
    ("POST", f"{S}/setup/{{campaign}}/stage/new/",                     {},    SETUP_BAD),
    ("POST", f"{S}/setup/{{empty}}/stage/new/",                        {"kind": "mobilise", "starts_on": "2027-03-01", "ends_on": "2027-03-31"},
                                                                              SETUP_SAVED),
    ("GET",  f"{S}/setup/{{empty}}/copy/",                             None,  SETUP),
    ("POST", f"{S}/setup/{{empty}}/copy/",                             {"source": "{campaign}"}, SETUP_SAVED),
    ("GET",  f"{S}/stage/{{stage}}/edit/",                             None,  SETUP),
    ("POST", f"{S}/stage/{{stage}}/edit/",                             {"starts_on": "2026-03-01", "ends_on": "2026-03-19"},
                                                                              SETUP_BAD),
    ("POST", f"{S}/stage/{{stage}}/edit/",                             {"starts_on": "2026-03-02", "ends_on": "2026-03-30"},
                                                                              SETUP_SAVED),
    ("GET",  f"{S}/stage/{{stage}}/task/new/",                         None,  SETUP),
    ("POST", f"{S}/stage/{{stage}}/task/new/",                         TASK,  SETUP_SAVED),
    ("GET",  f"{S}/task/{{task_a}}/edit/",                             None,  SETUP),
    ("POST", f"{S}/task/{{task_a}}/edit/",                             TASK,  SETUP_SAVED),
    ("GET",  f"{S}/task/{{task_c}}/delete/",                           None,  SETUP),
    ("POST", f"{S}/task/{{task_c}}/delete/",                           {},    SETUP_SAVED),
]


def world(tree) -> dict:
    """Built once per tree: the API tests and this table share it."""
    if not hasattr(tree, "_stages_world"):
        w = build(tree)
        admin = tree.users.county_admin
        done1 = domain.mark_done(w.a, tree.b1, by=admin, done_on=w.a.due_on, file=_photo())
        done2 = domain.mark_done(w.a, tree.b2, by=admin, done_on=w.a.due_on, file=_photo())
        empty = make_campaign(name="2027年创先争优活动", year=2027, status="planned",
                              starts_on=w.campaign.starts_on.replace(year=2027),
                              ends_on=w.campaign.ends_on.replace(year=2027))
        tree._stages_world = {
            "campaign": w.campaign.pk, "empty": empty.pk, "stage": w.a.stage_id, "task_a": w.a.pk,
            "task_b": w.b.pk, "task_c": w.c.pk, "evidence1": done1.evidence.get().pk,
            "evidence2": done2.evidence.get().pk, "completion1": done1.pk, "completion2": done2.pk,
        }
    return dict(tree._stages_world)


def setup(tree) -> dict:
    return world(tree)


API = "/api/v1"
A = 401
API_ALL = (200, 200, 200, 200, 200, 200, 200, 200, A)
API_NONE = (404, 404, 404, 404, 404, 404, 404, 404, A)
API_ROWS = {
    "campaign stage list": ("get", f"{API}/campaign-stages/?campaign={{campaign}}", None, API_ALL),
    "campaign stage": ("get", f"{API}/campaign-stages/{{stage}}/", None, API_ALL),
    "campaign stage missing": ("get", f"{API}/campaign-stages/999999/", None, API_NONE),
    "campaign stage post": ("post", f"{API}/campaign-stages/", {}, (405, 405, 405, 405, 405, 405, 405, 405, A)),
    "campaign stage task list": ("get", f"{API}/campaign-stage-tasks/?stage={{stage}}", None, API_ALL),
    "campaign stage task": ("get", f"{API}/campaign-stage-tasks/{{task_a}}/", None, API_ALL),
    "campaign stage statuses": ("get", f"{API}/campaign-stage-statuses/?campaign={{campaign}}", None, API_ALL),
    "campaign stage statuses other": ("get", f"{API}/campaign-stage-statuses/?campaign=999999", None, API_NONE),
    "campaign stage statuses bad": ("get", f"{API}/campaign-stage-statuses/?sector=moon", None,
                                    (400, 400, 400, 400, 400, 400, 400, 400, A)),
    # Marking done (the organisation's admins and those above; not seen: 404, seen but not theirs: 403)
    "campaign stage task done": ("post", f"{API}/campaign-stage-tasks/{{task_c}}/done/",
                                 {"organization": "T1B1", "note": "已述职"}, (200, 200, 200, 403, 403, 404, 404, 404, A)),
    "campaign stage task done outside": ("post", f"{API}/campaign-stage-tasks/{{task_c}}/done/",
                                         {"organization": "T2B1"}, (200, 404, 404, 403, 403, 404, 404, 404, A)),
    "campaign stage task done automatic": ("post", f"{API}/campaign-stage-tasks/{{task_b}}/done/",
                                           {"organization": "T1B1"}, (400, 400, 400, 403, 403, 404, 404, 404, A)),
    "campaign stage task done no org": ("post", f"{API}/campaign-stage-tasks/{{task_c}}/done/", {},
                                        (400, 400, 400, 400, 400, 400, 400, 400, A)),
    "campaign stage task done missing": ("post", f"{API}/campaign-stage-tasks/999999/done/",
                                         {"organization": "T1B1"}, API_NONE),
    "campaign stage task done get": ("get", f"{API}/campaign-stage-tasks/{{task_c}}/done/", None,
                                     (405, 405, 405, 405, 405, 405, 405, 405, A)),
    # Sending back (admins above the organisation)
    "campaign stage task send back": ("post", f"{API}/campaign-stage-tasks/{{task_a}}/send-back/",
                                      {"organization": "T1B1", "reason": "缺少会议记录"},
                                      (200, 200, 403, 403, 403, 404, 404, 404, A)),
    "campaign stage task send back outside": ("post", f"{API}/campaign-stage-tasks/{{task_a}}/send-back/",
                                              {"organization": "T2B1", "reason": "缺少会议记录"},
                                              (200, 404, 404, 403, 403, 404, 404, 404, A)),
    "campaign stage task send back no reason": ("post", f"{API}/campaign-stage-tasks/{{task_a}}/send-back/",
                                                {"organization": "T1B1"}, (400, 400, 403, 403, 403, 404, 404, 404, A)),
}
