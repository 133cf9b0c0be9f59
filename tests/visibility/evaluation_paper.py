"""Visibility rows of the paper ballot pages: county admins and inspectors see them, county
admins write; a second county admin (not a role of the table) entered the pending counts."""
from pacesetter.evaluation import domain
from pacesetter.evaluation.models import RoundGroup, RoundSubject
from pacesetter.orgs.enums import Role
from tests.factories import make_user

from . import _evaluation_world

LOGIN = "302 to the login page"
SAVED = "302 after a write"
CONFIRM = {"action": "confirm"}
REJECT = {"action": "reject", "reason": "计票有误"}
NO_REASON = {"action": "reject"}
# Two paper ballots of the members: both 优秀 and 满意 (question 1 has four options, question 2 three).
COUNT = {"subject": "{open_in}", "group": "{open_group}", "ballots": "2",
         "c1_0": "2", "c1_1": "0", "c1_2": "0", "c1_3": "0", "c2_0": "2", "c2_1": "0", "c2_2": "0"}
CHOOSE = "?subject={open_in}&group={open_group}"

#                                                                                   county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    ("GET",  "/evaluation/rounds/{open}/paper/",                         None,      (200,   403,   403,   403,   200,   403,   403,   404,   LOGIN)),
    ("GET",  "/evaluation/rounds/{draft}/paper/",                        None,      (200,   403,   403,   403,   200,   403,   403,   404,   LOGIN)),
    ("GET",  "/evaluation/rounds/{open}/paper/" + CHOOSE,                None,      (200,   403,   403,   403,   200,   403,   403,   404,   LOGIN)),
    ("POST", "/evaluation/rounds/{open}/paper/",                         {},        (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/evaluation/rounds/{open}/paper/",                         COUNT,     (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  "/evaluation/rounds/{open}/paper/{paper_in}/",              None,      (200,   403,   403,   403,   200,   403,   403,   404,   LOGIN)),
    ("GET",  "/evaluation/rounds/{open}/paper/{paper_out}/",             None,      (200,   403,   403,   403,   200,   403,   403,   404,   LOGIN)),
    ("GET",  "/evaluation/rounds/{closed}/paper/{paper_in}/",            None,      (404,   403,   403,   403,   404,   403,   403,   404,   LOGIN)),
    ("POST", "/evaluation/rounds/{open}/paper/{paper_in}/",              CONFIRM,   (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/evaluation/rounds/{open}/paper/{paper_in}/",              REJECT,    (SAVED, 403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/evaluation/rounds/{open}/paper/{paper_in}/",              NO_REASON, (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/evaluation/rounds/{open}/paper/{paper_own}/",             CONFIRM,   (200,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", "/evaluation/rounds/{open}/paper/{paper_in}/",              {},        (400,   403,   403,   403,   403,   403,   403,   404,   LOGIN)),
]


def setup(tree) -> dict:
    """The evaluation world with pending paper counts in the open round: one per subject
    entered by a second county admin, and one entered by the table's county admin."""
    values = _evaluation_world.world(tree)
    second = make_user("county_paper", Role.COUNTY_ADMIN, tree.county, is_staff=True)
    group = RoundGroup.objects.filter(round_id=values["open"]).order_by("pk").first()
    indicators = list(group.round.scheme.indicators.order_by("order"))
    counts = {indicators[0].pk: [1, 1, 0, 0], indicators[1].pk: [2, 0, 0]}

    def enter(subject_pk, by):
        return domain.enter_paper_count(
            group.round, subject=RoundSubject.objects.get(pk=subject_pk), group=group, counts=counts, by=by
        ).pk

    return values | {
        "open_group": group.pk,
        "paper_in": enter(values["open_in"], second),
        "paper_out": enter(values["open_out"], second),
        "paper_own": enter(values["open_in"], tree.users.county_admin),
    }
