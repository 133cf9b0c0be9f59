"""Visibility rows of honours: its pages under /honours/ and its endpoints under /api/v1/honours/.

The world: honours in force of T1B1 (`honour_in`) and of T2B1 (`honour_out`), a revoked
honour of T2 (`revoked`), a final selection of T1B1 (`final`) and a commended one
(`commended`). The roll and the verify pages are public (a revoked honour's verify page
says so; an unknown code is a 404). Every signed-in user sees the honours in force; only
county admins see revoked ones, list them all, export, enter, revoke and commend (403 for
the others). A certificate prints for county admins and the admins of the honoured
organisation.
"""
from pacesetter.honours import domain
from pacesetter.selections.enums import SelectionState
from tests.honours.helpers import final_selection, kind

LOGIN = "302 to the login page"
SAVED = "302 after a write"
H = "/honours"
A = 401


def everyone(status) -> tuple:
    return (status,) * 9


SIGNED_IN = (200, 200, 200, 200, 200, 200, 200, 200, LOGIN)
COUNTY = (200, 403, 403, 403, 403, 403, 403, 403, LOGIN)
COUNTY_WRITES = (SAVED, 403, 403, 403, 403, 403, 403, 403, LOGIN)
POST_ONLY = (405, 405, 405, 405, 405, 405, 405, 405, LOGIN)
NEW_HONOUR = {"kind": "{kind}", "year": "2024", "organization": "T1B1"}

#                                                                                  county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    # The public honour roll and the verify pages
    ("GET",  f"{H}/",                                                   None,      everyone(200)),
    ("GET",  f"{H}/?year=2024&kind={{kind}}&sector=village&township=一号镇&page=2", None, everyone(200)),
    ("GET",  f"{H}/?year=abc&kind=999999",                              None,      everyone(200)),
    ("POST", f"{H}/",                                                   {},        everyone(405)),
    ("GET",  f"{H}/verify/{{token_in}}/",                               None,      everyone(200)),
    ("GET",  f"{H}/verify/{{token_revoked}}/",                          None,      everyone(200)),
    ("GET",  f"{H}/verify/no-such-code/",                               None,      everyone(404)),
    ("POST", f"{H}/verify/{{token_in}}/",                               {},        everyone(405)),
    # The county admins' list, its export and entering by hand
    ("GET",  f"{H}/manage/",                                            None,      COUNTY),
    ("GET",  f"{H}/manage/?state=revoked&q=2024-&year=2024",             None,      COUNTY),
    ("GET",  f"{H}/manage/export.xlsx",                                 None,      COUNTY),
    ("GET",  f"{H}/manage/export.xlsx?state=in_force",                  None,      COUNTY),
    ("POST", f"{H}/manage/export.xlsx",                                 {},        (405,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{H}/manage/add/",                                        None,      COUNTY),
    ("POST", f"{H}/manage/add/",                                        {},        COUNTY),
    ("POST", f"{H}/manage/add/",                                        NEW_HONOUR, COUNTY_WRITES),
    # One's organisations' honours
    ("GET",  f"{H}/mine/",                                              None,      SIGNED_IN),
    ("GET",  f"{H}/mine/?year=2024&page=3",                             None,      SIGNED_IN),
    ("POST", f"{H}/mine/",                                              {},        POST_ONLY),
    # An honour's page, revoking and its certificate
    ("GET",  f"{H}/h/{{honour_in}}/",                                   None,      SIGNED_IN),
    ("GET",  f"{H}/h/{{honour_out}}/",                                  None,      SIGNED_IN),
    ("GET",  f"{H}/h/{{revoked}}/",                                     None,      (200,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", f"{H}/h/{{honour_in}}/",                                   {},        POST_ONLY),
    ("GET",  f"{H}/h/{{honour_in}}/revoke/",                            None,      POST_ONLY),
    ("POST", f"{H}/h/{{honour_in}}/revoke/",                            {"reason": "材料不实"}, COUNTY_WRITES),
    ("POST", f"{H}/h/{{honour_in}}/revoke/",                            {},        (302,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{H}/h/{{revoked}}/revoke/",                              {"reason": "材料不实"},
                                                                                   (302,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("GET",  f"{H}/h/{{honour_in}}/certificate/",                       None,      (200,   200,   200,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{H}/h/{{honour_out}}/certificate/",                      None,      COUNTY),
    ("GET",  f"{H}/h/{{revoked}}/certificate/",                         None,      (200,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", f"{H}/h/{{honour_in}}/certificate/",                       {},        (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    # Commending a final selection and printing its certificates
    ("GET",  f"{H}/commend/{{final}}/",                                 None,      COUNTY),
    ("GET",  f"{H}/commend/{{commended}}/",                             None,      COUNTY),
    ("GET",  f"{H}/commend/{{draft}}/",                                 None,      (404,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{H}/commend/{{final}}/",                                 {"citation": "成绩突出"}, COUNTY_WRITES),
    ("POST", f"{H}/commend/{{commended}}/",                             {},        COUNTY),
    ("GET",  f"{H}/commend/{{commended}}/certificates/",                None,      COUNTY),
    ("GET",  f"{H}/commend/{{final}}/certificates/",                    None,      COUNTY),
    ("POST", f"{H}/commend/{{commended}}/certificates/",                {},        (405,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
]

P = "/api/v1/honours"
API_ROWS = {
    "honour list": ("get", f"{P}/", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "honour list filtered": (
        "get", f"{P}/?year=2024&kind=red_flag_branch&township=一号镇&sector=village&organization=T1B1&revoked=false",
        None, (200, 200, 200, 200, 200, 200, 200, 400, A),
    ),
    "honour in force": ("get", f"{P}/{{honour_in}}/", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "honour revoked": ("get", f"{P}/{{revoked}}/", None, (200, 404, 404, 404, 404, 404, 404, 404, A)),
    "honour create without input": ("post", f"{P}/", None, (400, 403, 403, 403, 403, 403, 403, 403, A)),
    "honour create": (
        "post", f"{P}/", {"kind": "red_flag_branch", "year": 2024, "organization": "T1B1"},
        (201, 403, 403, 403, 403, 403, 403, 403, A),
    ),
    "honour revoke": (
        "post", f"{P}/{{honour_in}}/revoke/", {"reason": "材料不实"}, (200, 403, 403, 403, 403, 403, 403, 403, A)
    ),
    "honour revoke revoked": (
        "post", f"{P}/{{revoked}}/revoke/", {"reason": "材料不实"}, (400, 404, 404, 404, 404, 404, 404, 404, A)
    ),
    "honour commend": ("post", f"{P}/commend/", {"selection": "{final}"}, (201, 403, 403, 403, 403, 403, 403, 403, A)),
    "honour commend not final": (
        "post", f"{P}/commend/", {"selection": "{draft}"}, (400, 403, 403, 403, 403, 403, 403, 403, A)
    ),
}


def setup(tree) -> dict:
    county = tree.users.county_admin
    red_flag = kind()
    honour_in = domain.add_honour(by=county, kind=red_flag, year=2024, organization=tree.b1)
    honour_out = domain.add_honour(by=county, kind=red_flag, year=2024, organization=tree.b2)
    revoked = domain.revoke_honour(domain.add_honour(by=county, kind=red_flag, year=2024, organization=tree.t2),
                                   by=county, reason="材料不实")
    final = final_selection(tree)
    commended = final_selection(tree, nominees=[tree.t1])
    domain.commend(commended, by=county)
    draft = final_selection(tree, state=SelectionState.DRAFT, nominees=[tree.t2])
    return {"kind": red_flag.pk, "honour_in": honour_in.pk, "honour_out": honour_out.pk, "revoked": revoked.pk,
            "token_in": honour_in.verify_token, "token_revoked": revoked.verify_token, "final": final.pk,
            "commended": commended.pk, "draft": draft.pk}
