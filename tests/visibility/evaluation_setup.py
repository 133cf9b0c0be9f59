"""Visibility rows of the setup pages: schemes, rounds, subjects, voter groups, state buttons, tokens.

Schemes are county-wide rules: anyone with a role reads them, a user without one finds
none (404). A round is seen by whoever sees one of its subjects; besides the world's
rounds over both branches there is a draft round over T2B1 alone, outside the T1 users'
view. Setup is the county admin's: others who see the round get 403.

The token form's POST answers with the tokens themselves (a sheet or a CSV, shown this
once), so a write is answered with 200 and not with a redirect: TOKENS_MADE.
"""
import datetime

from django.utils import timezone

from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import GroupKind, RoundKind
from pacesetter.evaluation.models import Round, RoundGroup, Scheme

from ._evaluation_world import world

LOGIN = "302 to the login page"
SAVED = "302 after a write"
TOKENS_MADE = "200, but the database changed"

NEW_SCHEME = {
    "name": "新方案", "sector": "",
    "indicators-TOTAL_FORMS": "1", "indicators-INITIAL_FORMS": "0",
    "indicators-0-question": "服务群众", "indicators-0-scale": "grade4", "indicators-0-points": "", "indicators-0-weight": "100",
    "groups-TOTAL_FORMS": "1", "groups-INITIAL_FORMS": "0", "groups-0-kind": "members", "groups-0-weight": "100",
}
ROUND_SETTINGS = {
    "name": "新测评", "opens_at": "2030-01-01T08:00", "closes_at": "2030-01-08T08:00", "min_n": "5",
    "dissatisfied_flag_share": "0.333", "advanced_min": "90", "good_min": "80", "fair_min": "60",
    "advanced_top_share": "0.2", "lagging_bottom_share": "0.1", "flag_caps_at": "fair",
}
NEW_ROUND = {**ROUND_SETTINGS, "kind": "democratic", "scheme": "{scheme}"}
ADD_T1B1 = {"action": "organizations", "organizations-codes": "T1B1"}
CONFIRM = {"confirm": "on"}
TOKENS_CSV = {"subject": "", "group": "{open_group}", "count": "2", "output": "csv", "batch": "b1"}

E = "/evaluation"
R = "/evaluation/rounds"
S = "/evaluation/schemes"
#                                                                                  county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    # Lists
    ("GET",  f"{E}/",                                             None,             (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  f"{E}/?state=open&kind=democratic",                  None,             (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("POST", f"{E}/",                                             {},               (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("GET",  f"{S}/",                                             None,             (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  f"{S}/?status=draft",                                None,             (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    # Schemes
    ("GET",  f"{S}/new/",                                         None,             (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{S}/new/",                                         {},               (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{S}/new/",                                         NEW_SCHEME,       (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{S}/{{scheme}}/",                                  None,             (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  f"{S}/{{draft_scheme}}/",                            None,             (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("POST", f"{S}/{{scheme}}/",                                  {},               (405,   405,   405,   405,   405,   405,   405,   404,   LOGIN)),
    ("GET",  f"{S}/{{draft_scheme}}/edit/",                       None,             (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{S}/{{draft_scheme}}/edit/",                       {},               (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{S}/{{draft_scheme}}/edit/",                       NEW_SCHEME,       (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{S}/{{scheme}}/edit/",                             NEW_SCHEME,       (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{S}/{{draft_scheme}}/activate/",                   None,             (405,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{S}/{{draft_scheme}}/activate/",                   {},               (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{S}/{{scheme}}/activate/",                         {},               (302,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    # A round: create, see, change its settings
    ("GET",  f"{R}/new/",                                         None,             (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{R}/new/",                                         {},               (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{R}/new/",                                         NEW_ROUND,        (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{R}/{{draft}}/",                                   None,             (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  f"{R}/{{open}}/",                                    None,             (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  f"{R}/{{released}}/?page=2",                         None,             (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  f"{R}/{{t2_round}}/",                                None,             (200,   404,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("POST", f"{R}/{{draft}}/",                                   {},               (405,   405,   405,   405,   405,   405,   405,   404,   LOGIN)),
    ("GET",  f"{R}/{{draft}}/edit/",                              None,             (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{R}/{{t2_round}}/edit/",                           None,             (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{R}/{{draft}}/edit/",                              {},               (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{R}/{{draft}}/edit/",                              ROUND_SETTINGS,   (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{R}/{{open}}/edit/",                               ROUND_SETTINGS,   (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    # Subjects and voter groups of a draft round
    ("GET",  f"{R}/{{draft}}/subjects/",                          None,             (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{R}/{{t2_round}}/subjects/",                       None,             (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{R}/{{draft}}/subjects/",                          {},               (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{R}/{{t2_round}}/subjects/",                       ADD_T1B1,         (SAVED, 404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{R}/{{draft}}/subjects/",                          {"action": "remove", "subject": "{draft_in}"},
                                                                                    (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{R}/{{open}}/subjects/",                           {"action": "remove", "subject": "{open_in}"},
                                                                                    (302,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{R}/{{draft}}/groups/",                            None,             (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{R}/{{draft}}/groups/",                            {},               (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{R}/{{draft}}/groups/",                            {"action": "save", "voter_group": "{public}", "expected": "3"},
                                                                                    (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{R}/{{draft}}/groups/",                            {"action": "remove", "group": "{draft_group}"},
                                                                                    (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{R}/{{open}}/groups/",                             {"action": "save", "voter_group": "{public}", "expected": "3"},
                                                                                    (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    # The state buttons (close and release want the confirmation box ticked)
    ("GET",  f"{R}/{{draft}}/open/",                              None,             (405,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{R}/{{draft}}/open/",                              {},               (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{R}/{{open}}/open/",                               {},               (302,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{R}/{{open}}/close/",                              None,             (405,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{R}/{{open}}/close/",                              {},               (302,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{R}/{{open}}/close/",                              CONFIRM,          (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{R}/{{closed}}/release/",                          None,             (405,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{R}/{{closed}}/release/",                          {},               (302,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{R}/{{closed}}/release/",                          CONFIRM,          (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{R}/{{draft}}/release/",                           CONFIRM,          (302,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    # Tokens: the form, and its answer with the tokens
    ("GET",  f"{R}/{{open}}/tokens/",                             None,             (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{R}/{{t2_round}}/tokens/",                         None,             (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{R}/{{open}}/tokens/",                             {},               (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{R}/{{open}}/tokens/",                             TOKENS_CSV,       (TOKENS_MADE, 403, 403, 403,  403,   403,   403,   404,   LOGIN)),
]


def setup(tree) -> dict:
    values = world(tree)
    scheme = Scheme.objects.get(pk=values["scheme"])
    now = timezone.now()
    t2_round = domain.create_round(
        scheme=scheme, kind=RoundKind.SATISFACTION, name="T2 round", opens_at=now, closes_at=now + datetime.timedelta(days=7),
        by=None,
    )
    domain.add_subjects(t2_round, organizations=[tree.b2], by=None)
    groups = {r.pk: RoundGroup.objects.filter(round_id=r.pk).order_by("id") for r in Round.objects.all()}
    return values | {
        "t2_round": t2_round.pk,
        "public": scheme.groups.get(kind=GroupKind.PUBLIC).pk,
        "draft_group": groups[values["draft"]].first().pk,
        "open_group": groups[values["open"]].first().pk,
    }
