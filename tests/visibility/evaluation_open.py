"""Visibility rows of the open survey (/s/<key>, public: the same answer for every role) and
of its poster (those who manage rounds or may edit the subject's organisation)."""
import datetime

from django.utils import timezone

from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import RoundKind

from . import _evaluation_world

LOGIN = "302 to the login page"
NOT_FOUND, GONE, FORBIDDEN = (404,) * 9, (410,) * 9, (403,) * 9
REVIEW = {"step": "review"}  # no answers: the ballot again, with its errors
ROBOT = {"step": "cast", "website": "http://spam.example"}  # the honeypot filled: thanks, nothing written

#                                                                                   county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    # The open survey: public, refusals by the round's state and channel
    ("GET",  "/s/{open_key_in}",                                         None,     (200,) * 9),
    ("GET",  "/s/{open_key_out}",                                        None,     (200,) * 9),
    ("GET",  "/s/{draft_key_in}",                                        None,     FORBIDDEN),
    ("GET",  "/s/{closed_key_in}",                                       None,     GONE),
    ("GET",  "/s/{released_key_in}",                                     None,     GONE),
    ("GET",  "/s/{no_open_key}",                                         None,     FORBIDDEN),
    ("GET",  "/s/AAAAAAAAAAAAAAAA",                                      None,     NOT_FOUND),
    ("POST", "/s/{open_key_in}",                                         REVIEW,   (400,) * 9),
    ("POST", "/s/{open_key_in}",                                         ROBOT,    (303,) * 9),
    ("POST", "/s/{closed_key_in}",                                       ROBOT,    GONE),
    ("POST", "/s/AAAAAAAAAAAAAAAA",                                      REVIEW,   NOT_FOUND),
    ("GET",  "/s/thanks/",                                               None,     (200,) * 9),
    ("POST", "/s/thanks/",                                               {},       (405,) * 9),
    # The poster
    ("GET",  "/evaluation/rounds/{open}/subjects/{open_in}/poster/",     None,     (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  "/evaluation/rounds/{open}/subjects/{open_out}/poster/",    None,     (200,   404,   404,   403,   403,   404,   404,   404,   LOGIN)),
    ("GET",  "/evaluation/rounds/{draft}/subjects/{draft_in}/poster/",   None,     (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  "/evaluation/rounds/{open}/subjects/{closed_in}/poster/",   None,     (404,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("GET",  "/evaluation/rounds/{no_open}/subjects/{no_open_in}/poster/", None,   (404,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", "/evaluation/rounds/{open}/subjects/{open_in}/poster/",     {},       (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
]


def setup(tree) -> dict:
    """The evaluation world, plus an open round that forbids the open channel."""
    values = _evaluation_world.world(tree)
    scheme = domain.activate_scheme(
        domain.create_scheme(name="不收公开票", sector="village", indicators=_evaluation_world.INDICATORS,
                             groups=_evaluation_world.GROUPS, by=None),
        by=None,
    )
    now = timezone.now()
    round_ = domain.create_round(
        scheme=scheme, kind=RoundKind.DEMOCRATIC, name="no open round", opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=7), allow_open_channel=False, by=None,
    )
    subject = domain.add_subjects(round_, organizations=[tree.b1], by=None)[0]
    for group in scheme.groups.all():
        domain.add_group(round_, voter_group=group, expected=5, by=None)
    domain.open_round(round_, by=None)
    return values | {"no_open": round_.pk, "no_open_in": subject.pk, "no_open_key": subject.open_key}
