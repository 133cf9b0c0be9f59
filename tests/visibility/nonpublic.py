"""Visibility rows of the non-public coverage registry (/non-public/ and /api/v1/nonpublic-…),
on the world of tests/nonpublic/world.py: e_in in township T1 without a party organisation
(with plan_in), e_out in T2 covered by T2B1, e_joint in T2 covered by T1B1 (whose checklist
has evidence_in).

Seeing: county admins, leaders and inspectors (on the county) all; T1's admin e_in and
e_joint; T1B1's admin e_joint (through the covering organisation); members, affiliates and
nobody none. Changing: county and organisation admins over the township or the covering
organisation; leaders and inspectors read only (403)."""
from tests.nonpublic.world import evidence, world

LOGIN = "302 to the login page"
SAVED = "302 after a write"
A = 401

#                      county org    branch leader insp   member affil  nobody anon
SIGNED_IN = (200,) * 8 + (LOGIN,)
REGISTERS = (200, 200, 200, 403, 403, 403, 403, 403, LOGIN)
REGISTER_EMPTY = (400, 400, 400, 403, 403, 403, 403, 403, LOGIN)
SEE_IN = (200, 200, 404, 200, 200, 404, 404, 404, LOGIN)
SEE_OUT = (200, 404, 404, 200, 200, 404, 404, 404, LOGIN)
SEE_JOINT = (200, 200, 200, 200, 200, 404, 404, 404, LOGIN)
EDIT_IN = (200, 200, 404, 403, 403, 404, 404, 404, LOGIN)
EDIT_OUT = (200, 404, 404, 403, 403, 404, 404, 404, LOGIN)
EDIT_JOINT = (200, 200, 200, 403, 403, 404, 404, 404, LOGIN)
EMPTY_IN = (400, 400, 404, 403, 403, 404, 404, 404, LOGIN)
EMPTY_JOINT = (400, 400, 400, 403, 403, 404, 404, 404, LOGIN)
SAVE_IN = (SAVED, SAVED, 404, 403, 403, 404, 404, 404, LOGIN)
SAVE_JOINT = (SAVED, SAVED, SAVED, 403, 403, 404, 404, 404, LOGIN)
COUNTY_ONLY_EMPTY = (400, 403, 403, 403, 403, 403, 403, 403, LOGIN)
NO_GET = (405,) * 8 + (LOGIN,)

PAGE_ROWS = [
    ("GET",  "/non-public/",                                  None, SIGNED_IN),
    ("GET",  "/non-public/?kind=social&industry=S&status=none&plan=overdue&q=x", None, SIGNED_IN),
    ("GET",  "/non-public/?township=999999",                  None, SIGNED_IN),
    ("POST", "/non-public/",                                  {},   NO_GET),
    ("GET",  "/non-public/export.xlsx",                       None, SIGNED_IN),
    ("GET",  "/non-public/new/",                              None, REGISTERS),
    ("POST", "/non-public/new/",                              {},   REGISTER_EMPTY),
    ("GET",  "/non-public/import/",                           None, REGISTERS),
    ("POST", "/non-public/import/",                           {},   REGISTER_EMPTY),
    ("GET",  "/non-public/import/template.xlsx",              None, REGISTERS),
    ("GET",  "/non-public/coverage/",                         None, SIGNED_IN),
    ("GET",  "/non-public/coverage/export.xlsx",              None, SIGNED_IN),
    ("GET",  "/non-public/{e_in}/",                           None, SEE_IN),
    ("GET",  "/non-public/{e_out}/",                          None, SEE_OUT),
    ("GET",  "/non-public/{e_joint}/",                        None, SEE_JOINT),
    ("GET",  "/non-public/{e_in}/edit/",                      None, EDIT_IN),
    ("GET",  "/non-public/{e_out}/edit/",                     None, EDIT_OUT),
    ("GET",  "/non-public/{e_joint}/edit/",                   None, EDIT_JOINT),
    ("POST", "/non-public/{e_in}/edit/",                      {},   EMPTY_IN),
    ("GET",  "/non-public/{e_in}/status/",                    None, EDIT_IN),
    ("POST", "/non-public/{e_in}/status/",                    {},   EMPTY_IN),
    ("POST", "/non-public/{e_joint}/status/",                 {"status": "own", "covering": "T1B1", "on": "{today}"},
     SAVE_JOINT),
    ("GET",  "/non-public/{e_in}/plan/",                      None, EDIT_IN),
    ("POST", "/non-public/{e_in}/plan/",                      {},   EMPTY_IN),
    ("GET",  "/non-public/plans/",                            None, SIGNED_IN),
    ("GET",  "/non-public/plans/?overdue=1",                  None, SIGNED_IN),
    ("GET",  "/non-public/plans/{plan_in}/edit/",             None, EDIT_IN),
    ("POST", "/non-public/plans/{plan_in}/edit/",             {"target_date": "2030-01-01", "instructor": "M1",
                                                               "steps": "上门宣讲"}, SAVE_IN),
    ("GET",  "/non-public/checklist/",                        None, SIGNED_IN),
    ("POST", "/non-public/checklist/items/",                  {},   COUNTY_ONLY_EMPTY),
    ("GET",  "/non-public/checklist/{b1}/",                   None, SEE_JOINT),
    ("GET",  "/non-public/checklist/{b2}/",                   None, SEE_OUT),
    ("POST", "/non-public/checklist/{b1}/{item}/",            {"i{item}-met": "on"}, SAVE_JOINT),
    ("POST", "/non-public/checklist/{b2}/{item}/",            {"i{item}-met": "on"},
     (SAVED, 404, 404, 403, 403, 404, 404, 404, LOGIN)),
    ("GET",  "/non-public/evidence/{evidence_in}/",           None, SEE_JOINT),
    ("GET",  "/non-public/evidence/{evidence_in}/thumb/",     None, (404, 404, 404, 404, 404, 404, 404, 404, LOGIN)),
]


def setup(tree) -> dict:
    from django.utils import timezone

    made = world(tree)
    values = {name: str(obj.pk) for name, obj in vars(made).items()}
    proof = evidence(tree, made)
    values.update(b1=str(tree.b1.pk), b2=str(tree.b2.pk), evidence_in=str(proof.pk), check_in=str(proof.check_row_id),
                  today=timezone.localdate().isoformat())
    return values


API = "/api/v1"
API_LIST = (200,) * 8 + (A,)
API_SEE_IN = (200, 200, 404, 200, 200, 404, 404, 404, A)
API_SEE_OUT = (200, 404, 404, 200, 200, 404, 404, 404, A)
API_SEE_JOINT = (200, 200, 200, 200, 200, 404, 404, 404, A)
API_CHANGE_IN = (200, 200, 404, 403, 403, 404, 404, 404, A)
API_CHANGE_OUT = (200, 404, 404, 403, 403, 404, 404, 404, A)
API_CREATE_EMPTY = (400, 400, 400, 403, 403, 403, 403, 403, A)
NEW_ENTITY = {"entity_kind": "enterprise", "name": "新企业", "credit_code": "91341122MA0000009L", "industry_section": "C",
              "township": "T1", "employees": 8, "party_members": 3, "party_status": "own", "covering": "T1B1"}

API_ROWS = {
    "nonpublic entity list": ("get", f"{API}/nonpublic-entities/", None, API_LIST),
    "nonpublic entity list filtered": ("get", (f"{API}/nonpublic-entities/?entity_kind=social&party_status=none"
                                              f"&industry_section=S&township=T1&q=x"), None, API_LIST),
    "nonpublic entity inside": ("get", f"{API}/nonpublic-entities/{{e_in}}/", None, API_SEE_IN),
    "nonpublic entity outside": ("get", f"{API}/nonpublic-entities/{{e_out}}/", None, API_SEE_OUT),
    "nonpublic entity joint": ("get", f"{API}/nonpublic-entities/{{e_joint}}/", None, API_SEE_JOINT),
    "nonpublic register empty": ("post", f"{API}/nonpublic-entities/", {}, API_CREATE_EMPTY),
    "nonpublic register": ("post", f"{API}/nonpublic-entities/", NEW_ENTITY,
                           (201, 201, 201, 403, 403, 403, 403, 403, A)),
    "nonpublic change inside": ("patch", f"{API}/nonpublic-entities/{{e_in}}/", {"employees": 60}, API_CHANGE_IN),
    "nonpublic change outside": ("patch", f"{API}/nonpublic-entities/{{e_out}}/", {"employees": 60}, API_CHANGE_OUT),
    "nonpublic status inside": ("post", f"{API}/nonpublic-entities/{{e_in}}/status/",
                                {"party_status": "joint", "covering": "T1B1", "on": "{today}"}, API_CHANGE_IN),
    "nonpublic plan list": ("get", f"{API}/nonpublic-plans/", None, API_LIST),
    "nonpublic plan inside": ("get", f"{API}/nonpublic-plans/{{plan_in}}/", None, API_SEE_IN),
    "nonpublic plan add empty": ("post", f"{API}/nonpublic-plans/", {}, API_CREATE_EMPTY),
    "nonpublic plan change": ("patch", f"{API}/nonpublic-plans/{{plan_in}}/", {"steps": "召开座谈会"}, API_CHANGE_IN),
    "nonpublic check list": ("get", f"{API}/nonpublic-checks/", None, API_LIST),
    "nonpublic check inside": ("get", f"{API}/nonpublic-checks/{{check_in}}/", None,
                               (200, 200, 200, 200, 200, 404, 404, 404, A)),
    "nonpublic check add": ("post", f"{API}/nonpublic-checks/", {"organization": "T1B1", "item": "{item}", "met": False},
                            (201, 201, 201, 403, 403, 403, 403, 403, A)),
    "nonpublic check evidence": ("get", f"{API}/nonpublic-checks/{{check_in}}/evidence/", None,
                                 (200, 200, 200, 200, 200, 404, 404, 404, A)),
    # Evidence is multipart form data: a JSON body reaches 415 only where the upload is allowed.
    "nonpublic check evidence as json": ("post", f"{API}/nonpublic-checks/{{check_in}}/evidence/", {},
                                         (415, 415, 415, 403, 403, 404, 404, 404, A)),
    "nonpublic coverage": ("get", f"{API}/nonpublic-coverage/", None, API_LIST),
}
