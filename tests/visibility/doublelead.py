"""Visibility rows of double-lead members (/double-lead/ and /api/v1/double-lead-…), on the
world of tests/doublelead/world.py: dl_in is M1 (T1B1, the `member` user's own record) with
one part of each kind, dl_out is M2 (T2B1) with an enterprise.

Seeing: county admins and inspectors (on the county) all, T1's admins dl_in, the member
their own record; leaders, affiliates and nobody none. Changing: county and organisation
admins over the member's organisation; inspectors and the member read only (403)."""
from tests.doublelead.world import world

LOGIN = "302 to the login page"
SAVED = "302 after a write"
A = 401

#                        county org    branch leader insp   member affil  nobody anon
SIGNED_IN = (200,) * 8 + (LOGIN,)
REGISTERS = (200, 200, 200, 403, 403, 403, 403, 403, LOGIN)
REGISTER_EMPTY = (400, 400, 400, 403, 403, 403, 403, 403, LOGIN)
SEE_IN = (200, 200, 200, 404, 200, 200, 404, 404, LOGIN)
SEE_OUT = (200, 404, 404, 404, 200, 404, 404, 404, LOGIN)
EDIT_IN = (200, 200, 200, 404, 403, 403, 404, 404, LOGIN)
EDIT_OUT = (200, 404, 404, 404, 403, 404, 404, 404, LOGIN)
EMPTY_IN = (400, 400, 400, 404, 403, 403, 404, 404, LOGIN)
SAVE_IN = (SAVED, SAVED, SAVED, 404, 403, 403, 404, 404, LOGIN)

PAGE_ROWS = [
    ("GET",  "/double-lead/",                                 None, SIGNED_IN),
    ("GET",  "/double-lead/?active=yes&q=M1&industry=x",   None, SIGNED_IN),
    ("POST", "/double-lead/",                                 {},   (405,) * 8 + (LOGIN,)),
    ("GET",  "/double-lead/export.xlsx",                      None, SIGNED_IN),
    ("GET",  "/double-lead/register/",                        None, REGISTERS),
    ("POST", "/double-lead/register/",                        {},   REGISTER_EMPTY),
    ("GET",  "/double-lead/statistics/",                      None, SIGNED_IN),
    ("GET",  "/double-lead/statistics/export.xlsx",           None, SIGNED_IN),
    ("GET",  "/double-lead/{dl_in}/",                         None, SEE_IN),
    ("GET",  "/double-lead/{dl_out}/",                        None, SEE_OUT),
    ("GET",  "/double-lead/{dl_in}/edit/",                    None, EDIT_IN),
    ("GET",  "/double-lead/{dl_out}/edit/",                   None, EDIT_OUT),
    ("POST", "/double-lead/{dl_in}/edit/",                    {"active": "on", "note": "致富带头人"}, SAVE_IN),
    ("GET",  "/double-lead/{dl_in}/enterprise/new/",          None, EDIT_IN),
    ("POST", "/double-lead/{dl_in}/enterprise/new/",          {},   EMPTY_IN),
    ("GET",  "/double-lead/enterprise/{enterprise_in}/edit/", None, EDIT_IN),
    ("GET",  "/double-lead/enterprise/{enterprise_out}/edit/", None, EDIT_OUT),
    ("POST", "/double-lead/enterprise/{enterprise_in}/edit/", {},   EMPTY_IN),
    ("GET",  "/double-lead/{dl_in}/household/new/",           None, EDIT_IN),
    ("POST", "/double-lead/{dl_in}/household/new/",           {},   EMPTY_IN),
    ("GET",  "/double-lead/household/{household_in}/edit/",   None, EDIT_IN),
    ("POST", "/double-lead/household/{household_in}/edit/",   {},   EMPTY_IN),
    ("GET",  "/double-lead/{dl_in}/figures/new/",             None, EDIT_IN),
    ("POST", "/double-lead/{dl_in}/figures/new/",             {},   EMPTY_IN),
    ("POST", "/double-lead/{dl_in}/figures/new/",             {"year": "2024", "own_income": "1", "helped_income_increase": "1",
                                                               "jobs_created": "1"}, EMPTY_IN),
    ("GET",  "/double-lead/figures/{figures_in}/edit/",       None, EDIT_IN),
    ("POST", "/double-lead/figures/{figures_in}/edit/",       {"own_income": "1", "helped_income_increase": "2",
                                                               "jobs_created": "3"}, SAVE_IN),
    ("GET",  "/double-lead/{dl_in}/training/new/",            None, EDIT_IN),
    ("POST", "/double-lead/{dl_in}/training/new/",            {},   EMPTY_IN),
    ("GET",  "/double-lead/training/{training_in}/edit/",     None, EDIT_IN),
    ("POST", "/double-lead/training/{training_in}/edit/",     {},   EMPTY_IN),
]


def setup(tree) -> dict:
    made = world(tree)
    return {name: str(obj.pk) for name, obj in vars(made).items()}


API = "/api/v1"
API_SEE_IN = (200, 200, 200, 404, 200, 200, 404, 404, A)
API_SEE_OUT = (200, 404, 404, 404, 200, 404, 404, 404, A)
API_LIST = (200,) * 8 + (A,)
API_CHANGE_IN = (200, 200, 200, 404, 403, 403, 404, 404, A)
API_CHANGE_OUT = (200, 404, 404, 404, 403, 404, 404, 404, A)
API_CREATE_EMPTY = (400, 400, 400, 403, 403, 403, 403, 403, A)
ENTERPRISE = {"holder": "{dl_in}", "name": "新合作社", "enterprise_kind": "cooperative", "industry": "茶叶",
              "founded_year": 2020, "employees": 3}
ENTERPRISE_OUT = {**ENTERPRISE, "holder": "{dl_out}"}

API_ROWS = {
    "double-lead member list": ("get", f"{API}/double-lead-members/", None, API_LIST),
    "double-lead member list filtered": ("get", f"{API}/double-lead-members/?active=true&q=M1&industry=x",
                                         None, API_LIST),
    "double-lead member inside": ("get", f"{API}/double-lead-members/{{dl_in}}/", None, API_SEE_IN),
    "double-lead member outside": ("get", f"{API}/double-lead-members/{{dl_out}}/", None, API_SEE_OUT),
    "double-lead register empty": ("post", f"{API}/double-lead-members/", {}, API_CREATE_EMPTY),
    "double-lead register registered": ("post", f"{API}/double-lead-members/", {"member_code": "M1"},
                                        (400, 400, 400, 403, 403, 403, 403, 403, A)),
    "double-lead change inside": ("patch", f"{API}/double-lead-members/{{dl_in}}/", {"active": False},
                                  API_CHANGE_IN),
    "double-lead change outside": ("patch", f"{API}/double-lead-members/{{dl_out}}/", {"active": False},
                                   API_CHANGE_OUT),
    "double-lead enterprise list": ("get", f"{API}/double-lead-enterprises/?holder={{dl_in}}", None, API_LIST),
    "double-lead enterprise inside": ("get", f"{API}/double-lead-enterprises/{{enterprise_in}}/", None, API_SEE_IN),
    "double-lead enterprise outside": ("get", f"{API}/double-lead-enterprises/{{enterprise_out}}/", None,
                                       API_SEE_OUT),
    "double-lead enterprise add": ("post", f"{API}/double-lead-enterprises/", ENTERPRISE,
                                   (201, 201, 201, 403, 403, 403, 403, 403, A)),
    "double-lead enterprise add outside": ("post", f"{API}/double-lead-enterprises/", ENTERPRISE_OUT,
                                           (201, 400, 400, 403, 403, 403, 403, 403, A)),
    "double-lead enterprise change": ("patch", f"{API}/double-lead-enterprises/{{enterprise_in}}/",
                                      {"employees": 20}, API_CHANGE_IN),
    "double-lead household list": ("get", f"{API}/double-lead-households/", None, API_LIST),
    "double-lead household inside": ("get", f"{API}/double-lead-households/{{household_in}}/", None, API_SEE_IN),
    "double-lead household add empty": ("post", f"{API}/double-lead-households/", {}, API_CREATE_EMPTY),
    "double-lead household change": ("patch", f"{API}/double-lead-households/{{household_in}}/",
                                     {"help_kind": "sales"}, API_CHANGE_IN),
    "double-lead figures list": ("get", f"{API}/double-lead-figures/", None, API_LIST),
    "double-lead figures inside": ("get", f"{API}/double-lead-figures/{{figures_in}}/", None, API_SEE_IN),
    "double-lead figures same year": ("post", f"{API}/double-lead-figures/",
                                      {"holder": "{dl_in}", "year": 2024, "own_income": "1.00",
                                       "helped_income_increase": "1.00", "jobs_created": 1},
                                      (400, 400, 400, 403, 403, 403, 403, 403, A)),
    "double-lead figures change": ("patch", f"{API}/double-lead-figures/{{figures_in}}/", {"jobs_created": 9},
                                   API_CHANGE_IN),
    "double-lead training list": ("get", f"{API}/double-lead-trainings/", None, API_LIST),
    "double-lead training inside": ("get", f"{API}/double-lead-trainings/{{training_in}}/", None, API_SEE_IN),
    "double-lead training add empty": ("post", f"{API}/double-lead-trainings/", {}, API_CREATE_EMPTY),
    "double-lead training change": ("patch", f"{API}/double-lead-trainings/{{training_in}}/", {"attendees": 40},
                                    API_CHANGE_IN),
    "double-lead statistics": ("get", f"{API}/double-lead-statistics/", None, API_LIST),
}
