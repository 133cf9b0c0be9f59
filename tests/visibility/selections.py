"""Visibility rows of selections: the pages under /selections/ and the endpoints under
/api/v1/ (selections, nominations, selection-objections, honour-kinds).

The world: a draft selection; one open for nominations with T1B1's nomination (by its
branch admin, awaiting the township) with an evidence file and T2B1's (by the county
admin); one on notice today with T1B1 and T1 shortlisted and an objection. Seeing follows
queries.py: selections past the draft for anyone with a role (drafts: county admins);
nominations inside the user's subtrees; objections for county admins and inspectors.
Running a selection is the county admins' (403 for others who see it); the township
review is the township admin's; the public notice needs no login."""
from django.core.files.uploadedfile import SimpleUploadedFile

from pacesetter.selections import domain
from pacesetter.selections.enums import SelectionState
from tests.selections.world import IP, kind, make_selection, on_notice

LOGIN = "302 to the login page"
SAVED = "302 after a write"

S = "/selections"
A = "/api/v1"
ALL = (200, 200, 200, 200, 200, 200, 200, 200, LOGIN)
PUBLIC = (200, 200, 200, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (404, 404, 404, 404, 404, 404, 404, 404, 404)
SEEN = (200, 200, 200, 200, 200, 200, 200, 404, LOGIN)
DRAFT = (200, 404, 404, 404, 404, 404, 404, 404, LOGIN)
MANAGE = (200, 403, 403, 403, 403, 403, 403, 404, LOGIN)
ADMIN_ONLY = (200, 403, 403, 403, 403, 403, 403, 403, LOGIN)
NEW = {"campaign": "{campaign}", "kind": "{kind}", "title": "新评选", "nominations_close_on": "2099-12-31",
       "notice_days": "5", "quota_by": "county", "default_quota": "3", "rule_min_grade": "good"}
#                                                                        county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    ("GET",  f"{S}/",                                          None,    ALL),
    ("GET",  f"{S}/?state=notice&q=red",                      None,    ALL),
    ("POST", f"{S}/",                                          {},      (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("GET",  f"{S}/new/",                                      None,    ADMIN_ONLY),
    ("POST", f"{S}/new/",                                      {},      (400,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{S}/new/",                                      NEW,     (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{S}/{{draft}}/",                                None,    DRAFT),
    ("GET",  f"{S}/{{open}}/",                                 None,    SEEN),
    ("GET",  f"{S}/{{open}}/?status=submitted&q=T1B1",           None,    SEEN),
    ("GET",  f"{S}/{{open}}/edit/",                            None,    MANAGE),
    ("POST", f"{S}/{{open}}/edit/",                            {},      (400,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{S}/{{open}}/step/",                            None,    (405,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{S}/{{draft}}/step/",                           {"action": "open"},
                                                                        (SAVED, 404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", f"{S}/{{open}}/step/",                            {"action": "review"},
                                                                        (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{S}/{{notice}}/shortlist/",                     None,    SEEN),
    ("GET",  f"{S}/{{notice}}/poster/",                        None,    MANAGE),
    ("GET",  f"{S}/{{open}}/nominate/",                        None,    (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{S}/{{open}}/nominate/",                        {"organization": "T1", "statement": "党建引领"},
                                                                        (SAVED, SAVED, 400,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{S}/{{notice}}/objections/",                    None,    (200,   403,   403,   403,   200,   403,   403,   404,   LOGIN)),
    ("GET",  f"{S}/objections/{{objection}}/answer/",          None,    (405,   404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{S}/objections/{{objection}}/answer/",          {"outcome": "dismissed", "finding": "查无实据"},
                                                                        (SAVED, 404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("GET",  f"{S}/nominations/{{nom}}/",                      None,    SEEN),
    ("GET",  f"{S}/nominations/{{nom2}}/",                     None,    (200,   404,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("POST", f"{S}/nominations/{{nom}}/review/",               {"decision": "approve", "reason": "事迹突出"},
                                                                        (403,   SAVED, 403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{S}/nominations/{{nom}}/withdraw/",             {},      (SAVED, SAVED, SAVED, 403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{S}/evidence/{{evidence}}/",                    None,    SEEN),
    ("GET",  f"{S}/reviews/",                                  None,    ALL),
    ("GET",  f"{S}/reviews/?q=T1B1",                             None,    ALL),
    ("GET",  f"{S}/kinds/",                                    None,    ALL),
    ("POST", f"{S}/kinds/",                                    {"name": "新荣誉", "nominee": "organization"},
                                                                        (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{S}/kinds/{{kind}}/",                           None,    (405,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{S}/kinds/{{kind}}/",                           {"name": "红旗党支部", "active": "on"},
                                                                        (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    # The public notice: no login
    ("GET",  f"{S}/notice/",                                   None,    PUBLIC),
    ("GET",  f"{S}/notice/{{notice}}/",                        None,    PUBLIC),
    ("GET",  f"{S}/notice/{{open}}/",                          None,    NOT_FOUND),
    ("POST", f"{S}/notice/{{notice}}/",                        {},      (400,   400,   400,   400,   400,   400,   400,   400,   400)),
    ("POST", f"{S}/notice/{{notice}}/",                        {"nomination": "{shortlisted}", "text": "该支部有问题"},
                                                                        (SAVED, SAVED, SAVED, SAVED, SAVED, SAVED, SAVED, SAVED, SAVED)),
    ("GET",  f"{S}/notice/{{notice}}/thanks/",                 None,    PUBLIC),
]

API_LIST = (200, 200, 200, 200, 200, 200, 200, 200, 401)
API_SEEN = (200, 200, 200, 200, 200, 200, 200, 404, 401)
API_MANAGE = (200, 403, 403, 403, 403, 403, 403, 404, 401)
API_ROWS = {
    "selections": ("get", f"{A}/selections/", None, API_LIST),
    "selection draft": ("get", f"{A}/selections/{{draft}}/", None, (200, 404, 404, 404, 404, 404, 404, 404, 401)),
    "selection open": ("get", f"{A}/selections/{{open}}/", None, API_SEEN),
    "selection create": ("post", f"{A}/selections/", {
        "campaign": "{campaign}", "kind": "{kind}", "title": "新评选", "nominations_close_on": "2099-12-31",
        "rules": {"min_grade": "good"}}, (201, 403, 403, 403, 403, 403, 403, 403, 401)),
    "selection open nominations": ("post", f"{A}/selections/{{draft}}/open/", {},
                                   (200, 404, 404, 404, 404, 404, 404, 404, 401)),
    "selection start review": ("post", f"{A}/selections/{{open}}/start-review/", {}, API_MANAGE),
    "selection shortlist": ("post", f"{A}/selections/{{open}}/shortlist/", {},
                            (400, 403, 403, 403, 403, 403, 403, 404, 401)),
    "selection start notice": ("post", f"{A}/selections/{{open}}/start-notice/", {},
                               (400, 403, 403, 403, 403, 403, 403, 404, 401)),
    "selection finalise": ("post", f"{A}/selections/{{notice}}/finalise/", {},
                           (400, 403, 403, 403, 403, 403, 403, 404, 401)),
    "nominations": ("get", f"{A}/nominations/", None, API_LIST),
    "nomination": ("get", f"{A}/nominations/{{nom}}/", None, API_SEEN),
    "nomination of T2B1": ("get", f"{A}/nominations/{{nom2}}/", None, (200, 404, 404, 200, 200, 404, 404, 404, 401)),
    "nomination create": ("post", f"{A}/nominations/", {
        "selection": "{open}", "organization_code": "T1", "statement": "党建引领"},
        (201, 201, 400, 403, 403, 403, 403, 403, 401)),
    "nomination review": ("post", f"{A}/nominations/{{nom}}/review/", {"nomination_decision": "approve", "reason": "好"},
                          (403, 200, 403, 403, 403, 403, 403, 404, 401)),
    "nomination withdraw": ("post", f"{A}/nominations/{{nom}}/withdraw/", {},
                            (200, 200, 200, 403, 403, 403, 403, 404, 401)),
    "selection objections": ("get", f"{A}/selection-objections/", None, API_LIST),
    "selection objection": ("get", f"{A}/selection-objections/{{objection}}/", None,
                            (200, 404, 404, 404, 200, 404, 404, 404, 401)),
    "selection objection answer": ("post", f"{A}/selection-objections/{{objection}}/answer/",
                                   {"upheld": False, "finding": "查无实据"}, (200, 404, 404, 404, 403, 404, 404, 404, 401)),
    "honour kinds": ("get", f"{A}/honour-kinds/", None, API_LIST),
    "honour kind": ("get", f"{A}/honour-kinds/{{kind}}/", None, API_SEEN),
    "honour kind create": ("post", f"{A}/honour-kinds/", {"name": "新荣誉", "given_to": "organization"},
                           (201, 403, 403, 403, 403, 403, 403, 403, 401)),
    "honour kind change": ("patch", f"{A}/honour-kinds/{{kind}}/", {"active": False}, API_MANAGE),
}


def setup(tree) -> dict:
    admin = tree.users.county_admin
    draft = make_selection(tree, state=SelectionState.DRAFT, title="草稿评选")
    selection = make_selection(tree, title="进行中的评选")
    evidence = SimpleUploadedFile("事迹.txt", "先进事迹材料".encode(), content_type="text/plain")
    nom = domain.nominate(selection, by=tree.users.branch_admin, organization=tree.b1, statement="带领群众致富",
                          files=[evidence])
    nom2 = domain.nominate(selection, by=admin, organization=tree.b2, statement="服务群众")
    notice, b1, _t1 = on_notice(tree)
    objection = domain.lodge_objection(b1, client_ip=IP, text_="材料不实")
    return {"draft": draft.pk, "open": selection.pk, "notice": notice.pk, "nom": nom.pk, "nom2": nom2.pk,
            "evidence": nom.evidence.get().pk, "objection": objection.pk, "shortlisted": b1.pk,
            "kind": kind().pk, "campaign": selection.campaign_id}
