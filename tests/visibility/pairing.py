"""Visibility rows of pairings: the pages under /pairings/.

The world (tests/pairing/world.py units): an urban-rural pairing of the agency branch AG
(under the county) helping T1B1 ("inside" for the township-one users), and one of the
school SC (under T1) helping T2B1, and a fixed-point liaison of the leader L1 (tied to the
`leader` user) with T2B1 — outside the township-one branch. Seeing follows
`pairings_visible_to`: county admins and inspectors all; the township-one admin every
pairing with a party in T1 (both, since SC lies in T1); the branch admin the first; the
leader the liaison; members, affiliates and nobody none (404). Logging help is for county
admins and admins of a helper's organisation (403 for the others who see it). A visit's
photo follows its pairing. A recommendation run (over a closed round, made directly) is seen
by county admins and inspectors only; reviewing it is for county admins (403 for inspectors).
"""
import base64
import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from pacesetter.evaluation.enums import RoundKind, RoundState
from pacesetter.evaluation.models import Round, Scheme
from pacesetter.pairing.domain import create_pairing
from pacesetter.pairing.enums import PairingKind
from pacesetter.pairing.models import (
    HelpLog,
    HelpPhoto,
    RecommendationRow,
    RecommendationRun,
)
from tests.pairing import world as pairing_world

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")
LOGIN = "302 to the login page"
SAVED = "302 after a write"

P = "/pairings"
NEW = {"kind": "urban_rural", "helper_organizations": "AG", "helped_organizations": "V3", "goals": "帮扶",
       "starts_on": "2025-03-01"}
REPLACE = {"on": "2025-01-01", "reason": "调整", "helper_organizations": "SC", "goals": "帮扶"}
LOG = {"date": "2025-01-10", "activity": "走访", "people": "3", "money": "0", "goods": ""}
#                                                            county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    ("GET",  f"{P}/",                              None,     (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  f"{P}/?kind=urban_rural&township=%E4%B8%80%E5%8F%B7%E9%95%87", None, (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  f"{P}/{{ag_b1}}/",                    None,     (200,   200,   200,   404,   200,   404,   404,   404,   LOGIN)),
    # New, edit, end, replace: county admins (a visible pairing is 403 for the others)
    ("GET",  f"{P}/new/",                          None,     (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{P}/new/",                          NEW,      (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{P}/new/",                          {},       (400,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{P}/{{ag_b1}}/edit/",               None,     (200,   403,   403,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{P}/{{ag_b1}}/edit/",               {"goals": "新目标", "ends_on": ""},
                                                             (SAVED, 403,   403,   404,   403,   404,   404,   404,   LOGIN)),
    ("GET",  f"{P}/{{ag_b1}}/end/",                None,     (200,   403,   403,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{P}/{{ag_b1}}/end/",                {"on": "2025-01-01", "reason": "期满"},
                                                             (SAVED, 403,   403,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{P}/{{liaison}}/end/",              {"on": "2025-01-01", "reason": "期满"},
                                                             (SAVED, 404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("GET",  f"{P}/{{ag_b1}}/replace/",            None,     (200,   403,   403,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{P}/{{ag_b1}}/replace/",            REPLACE,  (SAVED, 403,   403,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{P}/{{ag_b1}}/replace/",            {},       (400,   403,   403,   404,   403,   404,   404,   404,   LOGIN)),
    ("GET",  f"{P}/{{sc_b2}}/",                    None,     (200,   200,   404,   404,   200,   404,   404,   404,   LOGIN)),
    ("GET",  f"{P}/{{liaison}}/",                  None,     (200,   404,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("POST", f"{P}/{{ag_b1}}/",                    LOG,      (SAVED, 403,   403,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{P}/{{sc_b2}}/",                    LOG,      (SAVED, SAVED, 404,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{P}/{{sc_b2}}/",                    {},       (400,   400,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("GET",  f"{P}/{{ag_b1}}/photos/{{photo}}/",   None,     (200,   200,   200,   404,   200,   404,   404,   404,   LOGIN)),
    ("GET",  f"{P}/{{sc_b2}}/photos/{{photo}}/",   None,     (404,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    # Recommendations: county admins run and review them, inspectors read them
    ("GET",  f"{P}/recommendations/",              None,     (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("POST", f"{P}/recommendations/",              {"round": "{round}", "capacity": "2"},
                                                             (400,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{P}/recommendations/{{run}}/",      None,     (200,   404,   404,   404,   200,   404,   404,   404,   LOGIN)),
    ("POST", f"{P}/recommendations/{{run}}/rows/{{row}}/", {"decision": "accepted"},
                                                             (SAVED, 404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{P}/recommendations/{{run}}/create/", {},     (302,   404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    # Effect: over the pairings each user sees (no second released round here: the empty state)
    ("GET",  f"{P}/effect/",                       None,     (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  f"{P}/effect/export/",                None,     (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
]

A = "/api/v1/pairings"
R = "/api/v1/pairing-recommendations"
NEW_API = {"pairing_kind": "urban_rural", "goals": "帮扶", "starts_on": "2025-03-01",
           "helpers": [{"party_type": "organization", "code": "AG"}],
           "helped": [{"party_type": "organization", "code": "V3"}]}
API_ROWS = {
    "pairings": ("get", f"{A}/", None, (200, 200, 200, 200, 200, 200, 200, 200, 401)),
    "pairings filtered": ("get", f"{A}/?pairing_kind=urban_rural&pairing_state=active", None,
                          (200, 200, 200, 200, 200, 200, 200, 200, 401)),
    "pairing inside": ("get", f"{A}/{{ag_b1}}/", None, (200, 200, 200, 404, 200, 404, 404, 404, 401)),
    "pairing of the leader": ("get", f"{A}/{{liaison}}/", None, (200, 404, 404, 200, 200, 404, 404, 404, 401)),
    "pairing create": ("post", f"{A}/", NEW_API, (201, 403, 403, 403, 403, 403, 403, 403, 401)),
    "pairing change": ("patch", f"{A}/{{ag_b1}}/", {"goals": "新目标"}, (200, 403, 403, 404, 403, 404, 404, 404, 401)),
    "pairing end": ("post", f"{A}/{{ag_b1}}/end/", {"on": "2025-01-01", "reason": "期满"},
                    (200, 403, 403, 404, 403, 404, 404, 404, 401)),
    "pairing replace": ("post", f"{A}/{{ag_b1}}/replace/", {"on": "2025-01-01", "reason": "调整", "helpers": [
        {"party_type": "organization", "code": "SC"}]}, (201, 403, 403, 404, 403, 404, 404, 404, 401)),
    "pairing logs": ("get", f"{A}/{{ag_b1}}/logs/", None, (200, 200, 200, 404, 200, 404, 404, 404, 401)),
    "pairing log help": ("post", f"{A}/{{sc_b2}}/logs/", {"date": "2025-01-10", "activity": "走访"},
                         (201, 201, 404, 404, 403, 404, 404, 404, 401)),
    "pairing log photos": ("post", f"{A}/{{ag_b1}}/logs/{{log}}/photos/", None,
                           (400, 403, 403, 404, 403, 404, 404, 404, 401)),
    "recommendation runs": ("get", f"{R}/", None, (200, 200, 200, 200, 200, 200, 200, 200, 401)),
    "recommendation run": ("get", f"{R}/{{run}}/", None, (200, 404, 404, 404, 200, 404, 404, 404, 401)),
    "recommendation run start": ("post", f"{R}/", {"round": "{round}", "k": "2"},
                                 (400, 403, 403, 403, 403, 403, 403, 403, 401)),
    "recommendation decide": ("post", f"{R}/{{run}}/rows/{{row}}/decide/", {"row_decision": "accepted"},
                              (200, 404, 404, 404, 403, 404, 404, 404, 401)),
    "recommendation create pairings": ("post", f"{R}/{{run}}/create/", {},
                                       (400, 404, 404, 404, 403, 404, 404, 404, 401)),
    "pairing effect": ("get", "/api/v1/pairing-effect/", None, (200, 200, 200, 200, 200, 200, 200, 200, 401)),
}


def setup(tree) -> dict:
    w = pairing_world.build_units(tree)
    admin, june = tree.users.county_admin, datetime.date(2024, 6, 1)
    ag_b1 = create_pairing(kind=PairingKind.URBAN_RURAL, goals="帮扶", starts_on=june, helpers=[w.ag],
                           helped=[tree.b1], by=admin)
    sc_b2 = create_pairing(kind=PairingKind.URBAN_RURAL, goals="帮扶", starts_on=june, helpers=[w.sc],
                           helped=[tree.b2], by=admin)
    tree.leader.user = tree.users.leader
    tree.leader.save(update_fields=["user"])
    liaison = create_pairing(kind=PairingKind.FIXED_POINT_LIAISON, goals="联系", starts_on=june,
                             helpers=[tree.leader], helped=[tree.b2], by=admin)
    log = HelpLog.objects.create(pairing=ag_b1, date=june, activity="走访", logged_by=admin)
    photo = HelpPhoto(log=log, kind="photo", original_name="a.png", extension="png", content_type="image/png",
                      size=len(PNG), sha256="0" * 64)
    photo.file.save("a.png", ContentFile(PNG), save=False)
    photo.save()
    scheme = Scheme.objects.create(name="帮带测评", sector="village")
    opens = timezone.make_aware(datetime.datetime(2024, 3, 1, 9))
    round_ = Round.objects.create(name="帮带测试轮次", kind=RoundKind.DEMOCRATIC, scheme=scheme,
                                  state=RoundState.CLOSED, opens_at=opens, closes_at=opens + datetime.timedelta(days=7))
    run = RecommendationRun.objects.create(round=round_, capacity=2, helpers=1, helped=1, created_by=admin)
    row = RecommendationRow.objects.create(run=run, helper=w.ag, helped=tree.b1, helper_score=95, helped_score=50,
                                           cost=75, reasons=[{"code": "gap", "value": 45}])
    return {"ag_b1": ag_b1.pk, "sc_b2": sc_b2.pk, "liaison": liaison.pk, "photo": photo.pk, "round": round_.pk,
            "run": run.pk, "row": row.pk, "log": log.pk}
