"""Visibility rows of the public notice board (/notice/: the same answer for every role,
anonymous included; anything unpublished is missing) and of the staff's feedback moderation
(/commitments/feedback/: the feedback of organisations one may edit; inspectors read it
all and moderate none)."""
from pacesetter.commitments import domain
from pacesetter.commitments.enums import CommitmentStatus
from tests.commitments.public_world import make_campaign, pledge, published

LOGIN = "302 to the login page"
SAVED = "302 after a write"


def everyone(status) -> tuple:
    return (status,) * 9


FEEDBACK = {"about": "c{pledge_in}", "kind": "feedback", "text": "服务很好"}
ITEM_FEEDBACK = {"kind": "objection", "text": "没有做到"}
ROBOT = {"about": "c{pledge_in}", "kind": "feedback", "text": "广告", "homepage": "http://spam.example"}
SHOW = {"action": "show", "reply": "感谢监督"}

#                                                                                   county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    # The county board
    ("GET",  "/notice/",                                    None,                  everyone(200)),
    ("GET",  "/notice/?township=一号镇&q=村",                None,                  everyone(200)),
    ("POST", "/notice/",                                    {},                    everyone(405)),
    # An organisation's page, its feedback form and its poster
    ("GET",  "/notice/T1B1/",                               None,                  everyone(200)),
    ("GET",  "/notice/T2B1/",                               None,                  everyone(200)),
    ("GET",  "/notice/T1/",                                 None,                  everyone(404)),
    ("GET",  "/notice/NOPE9/",                              None,                  everyone(404)),
    ("POST", "/notice/T1B1/",                               FEEDBACK,              everyone(SAVED)),
    ("POST", "/notice/T1B1/",                               ROBOT,                 everyone(302)),
    ("POST", "/notice/T1B1/",                               {},                    everyone(400)),
    ("POST", "/notice/T1/",                                 FEEDBACK,              everyone(404)),
    ("GET",  "/notice/T1B1/poster/",                        None,                  everyone(200)),
    ("GET",  "/notice/T1/poster/",                          None,                  everyone(404)),
    ("POST", "/notice/T1B1/poster/",                        {},                    everyone(405)),
    # An item's timeline and its feedback form
    ("GET",  "/notice/item/{item_in}/",                     None,                  everyone(200)),
    ("GET",  "/notice/item/{item_out}/",                    None,                  everyone(200)),
    ("GET",  "/notice/item/{item_unpublished}/",            None,                  everyone(404)),
    ("POST", "/notice/item/{item_in}/",                     ITEM_FEEDBACK,         everyone(SAVED)),
    ("POST", "/notice/item/{item_unpublished}/",            ITEM_FEEDBACK,         everyone(404)),
    # Staff moderation
    ("GET",  "/commitments/feedback/",                      None,                  (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  "/commitments/feedback/?status=pending&org=T1", None,                 (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("POST", "/commitments/feedback/",                      {},                    (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("GET",  "/commitments/feedback/{feedback_in}/moderate/",  None,               (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("POST", "/commitments/feedback/{feedback_in}/moderate/",  SHOW,               (SAVED, SAVED, SAVED, 404,   403,   404,   404,   404,   LOGIN)),
    ("POST", "/commitments/feedback/{feedback_out}/moderate/", SHOW,               (SAVED, 404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", "/commitments/feedback/{feedback_in}/moderate/",  {"action": "reject"}, (400, 400,   400,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", "/commitments/feedback/999999/moderate/",      SHOW,                  (404,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
]


def setup(tree) -> dict:
    """Published pledges of T1B1 and T2B1 with a pending feedback each; T1's pledge awaits review."""
    campaign = make_campaign()
    inside, outside = published(tree, campaign), published(tree, campaign, org=tree.b2)
    waiting = pledge(campaign, by=tree.users.org_admin, org=tree.t1, status=CommitmentStatus.SUBMITTED)
    return {
        "pledge_in": inside.pk,
        "item_in": inside.items.get().pk,
        "item_out": outside.items.get().pk,
        "item_unpublished": waiting.items.get().pk,
        "feedback_in": domain.submit_feedback(inside, client_ip="10.0.0.1", text="一号村的意见").pk,
        "feedback_out": domain.submit_feedback(outside, client_ip="10.0.0.1", text="二号村的意见").pk,
    }
