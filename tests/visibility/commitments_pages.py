"""Visibility rows of the commitment pages: the list, the review list, starting a pledge,
a pledge with its buttons, its items and their evidence.

The world, in a campaign of its own: T1B1's pledge published (one item with a photo on
its timeline), T1's submitted (its reviewer is the county), T2B1's a draft (outside the
T1 users' view), M1's a draft (M1's login is the tree's member), and T2's published then
withdrawn to "returned" (its evidence is off the public timeline). A second campaign is
empty, for starting pledges.

Seeing follows `commitments_visible_to`: published pledges for whoever sees the
organisation, work in progress for its admins and those above, the inspector and the
member whose pledge it is. Buttons: owners submit and write items (only while the pledge
is a draft or returned: otherwise back with a message, 302), reviewers approve, return
and judge; evidence on the public timeline is served to anyone, even without login.
"""
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.campaigns.models import Campaign
from pacesetter.commitments import domain
from pacesetter.commitments.enums import Category, CommitmentStatus
from pacesetter.commitments.models import Commitment

LOGIN = "302 to the login page"
SAVED = "302 after a write"

NEW_T1B1 = {"campaign": "{campaign2}", "owner": "organization", "organization": "T1B1"}
NEW_T2B1 = {"campaign": "{campaign2}", "owner": "organization", "organization": "T2B1"}
NEW_OWN = {"campaign": "{campaign2}", "owner": "own"}
ITEM = {"content": "每周走访群众", "target": "全年50户", "deadline": "{deadline}", "category": "service"}
RETURN = {"reason": "目标不可衡量"}
JUDGE = {"judgement": "good", "comment": "按期完成"}
PROGRESS = {"progress": "50", "note": "已走访25户"}
DELIVERED = {"outcome": "delivered", "note": "全部完成"}
REOPEN = {"outcome": "open", "note": "证据不足"}

C = "/commitments"
I = "/commitments/items"
E = "/commitments/evidence"
#                                                                        county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    # Lists
    ("GET",  f"{C}/",                                     None,           (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  f"{C}/?review=on&status=submitted",          None,           (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("POST", f"{C}/",                                     {},             (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("GET",  f"{C}/review/",                              None,           (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  f"{C}/review/?page=2",                       None,           (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    # Starting a pledge: admins for their organisations, a member for themself
    ("GET",  f"{C}/new/",                                 None,           (200,   200,   200,   403,   403,   200,   403,   403,   LOGIN)),
    ("POST", f"{C}/new/",                                 {},             (200,   200,   200,   403,   403,   200,   403,   403,   LOGIN)),
    ("POST", f"{C}/new/",                                 NEW_T1B1,       (SAVED, SAVED, SAVED, 403,   403,   200,   403,   403,   LOGIN)),
    ("POST", f"{C}/new/",                                 NEW_T2B1,       (SAVED, 200,   200,   403,   403,   200,   403,   403,   LOGIN)),
    ("POST", f"{C}/new/",                                 NEW_OWN,        (200,   200,   200,   403,   403,   SAVED, 403,   403,   LOGIN)),
    # A pledge's page
    ("GET",  f"{C}/{{published}}/",                       None,           (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  f"{C}/{{submitted}}/",                       None,           (200,   200,   404,   404,   200,   404,   404,   404,   LOGIN)),
    ("GET",  f"{C}/{{outside}}/",                         None,           (200,   404,   404,   404,   200,   404,   404,   404,   LOGIN)),
    ("GET",  f"{C}/{{own}}/",                             None,           (200,   200,   200,   404,   200,   200,   404,   404,   LOGIN)),
    ("POST", f"{C}/{{published}}/",                       {},             (405,   405,   405,   405,   405,   405,   405,   404,   LOGIN)),
    # Submit: the owners
    ("GET",  f"{C}/{{own}}/submit/",                      None,           (405,   405,   405,   404,   405,   405,   404,   404,   LOGIN)),
    ("POST", f"{C}/{{own}}/submit/",                      {},             (403,   403,   403,   404,   403,   SAVED, 404,   404,   LOGIN)),
    ("POST", f"{C}/{{outside}}/submit/",                  {},             (SAVED, 404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    # Approve, return, judge: the reviewers above
    ("POST", f"{C}/{{submitted}}/approve/",               {},             (SAVED, 403,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{C}/{{published}}/approve/",               {},             (302,   302,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{C}/{{submitted}}/return/",                {},             (302,   403,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{C}/{{submitted}}/return/",                RETURN,         (SAVED, 403,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{C}/{{published}}/judge/",                 {},             (302,   302,   403,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{C}/{{published}}/judge/",                 JUDGE,          (SAVED, SAVED, 403,   403,   403,   403,   403,   404,   LOGIN)),
    # Items: added, changed and removed by the owners while the pledge is a draft
    ("GET",  f"{C}/{{outside}}/items/add/",               None,           (200,   404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("GET",  f"{C}/{{own}}/items/add/?template=0",        None,           (403,   403,   403,   404,   403,   200,   404,   404,   LOGIN)),
    ("POST", f"{C}/{{own}}/items/add/",                   {},             (403,   403,   403,   404,   403,   200,   404,   404,   LOGIN)),
    ("POST", f"{C}/{{own}}/items/add/",                   ITEM,           (403,   403,   403,   404,   403,   SAVED, 404,   404,   LOGIN)),
    ("GET",  f"{C}/{{published}}/items/add/",             None,           (302,   302,   302,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{I}/{{published_item}}/",                  None,           (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  f"{I}/{{outside_item}}/",                    None,           (200,   404,   404,   404,   200,   404,   404,   404,   LOGIN)),
    ("GET",  f"{I}/{{own_item}}/",                        None,           (200,   200,   200,   404,   200,   200,   404,   404,   LOGIN)),
    ("GET",  f"{I}/{{own_item}}/edit/",                   None,           (403,   403,   403,   404,   403,   200,   404,   404,   LOGIN)),
    ("GET",  f"{I}/{{outside_item}}/edit/",               None,           (200,   404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", f"{I}/{{own_item}}/edit/",                   ITEM,           (403,   403,   403,   404,   403,   SAVED, 404,   404,   LOGIN)),
    ("GET",  f"{I}/{{published_item}}/edit/",             None,           (302,   302,   302,   403,   403,   403,   403,   404,   LOGIN)),
    ("GET",  f"{I}/{{own_item}}/remove/",                 None,           (403,   403,   403,   404,   403,   200,   404,   404,   LOGIN)),
    ("POST", f"{I}/{{own_item}}/remove/",                 {},             (403,   403,   403,   404,   403,   SAVED, 404,   404,   LOGIN)),
    ("POST", f"{I}/{{published_item}}/remove/",           {},             (302,   302,   302,   403,   403,   403,   403,   404,   LOGIN)),
    # Delivery: progress and outcomes by the owners and reviewers of a published pledge
    ("GET",  f"{I}/{{published_item}}/progress/",         None,           (405,   405,   405,   405,   405,   405,   405,   404,   LOGIN)),
    ("POST", f"{I}/{{published_item}}/progress/",         {},             (200,   200,   200,   403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{I}/{{published_item}}/progress/",         PROGRESS,       (SAVED, SAVED, SAVED, 403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{I}/{{own_item}}/progress/",               PROGRESS,       (200,   200,   200,   404,   403,   200,   404,   404,   LOGIN)),
    ("POST", f"{I}/{{published_item}}/outcome/",          DELIVERED,      (SAVED, SAVED, SAVED, 403,   403,   403,   403,   404,   LOGIN)),
    ("POST", f"{I}/{{published_item}}/outcome/",          REOPEN,         (302,   302,   302,   403,   403,   403,   403,   404,   LOGIN)),
    # Evidence: public on the public timeline, else for those who see the item
    ("GET",  f"{E}/{{public_evidence}}/",                 None,           (200,   200,   200,   200,   200,   200,   200,   200,   200)),
    ("GET",  f"{E}/{{public_evidence}}/thumbnail/",       None,           (200,   200,   200,   200,   200,   200,   200,   200,   200)),
    ("POST", f"{E}/{{public_evidence}}/",                 {},             (405,   405,   405,   405,   405,   405,   405,   405,   405)),
    ("GET",  f"{E}/{{withdrawn_evidence}}/",              None,           (200,   404,   404,   404,   200,   404,   404,   404,   404)),
    ("GET",  f"{E}/{{withdrawn_evidence}}/thumbnail/",    None,           (200,   404,   404,   404,   200,   404,   404,   404,   404)),
]


def photo_upload() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 30, 40)).save(out, format="JPEG")
    return SimpleUploadedFile("现场.jpg", out.getvalue(), content_type="image/jpeg")


def _item(campaign, content: str) -> dict:
    return {"content": content, "target": "全年12次", "deadline": campaign.ends_on, "category": Category.SERVICE}


def setup(tree) -> dict:
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        name="可见性测试活动", year=today.year, starts_on=today.replace(month=1, day=1),
        ends_on=today.replace(month=12, day=31), status=CampaignStatus.ACTIVE,
    )
    campaign2 = Campaign.objects.create(
        name="可见性测试活动二", year=today.year, starts_on=today.replace(month=1, day=1),
        ends_on=today.replace(month=12, day=31), status=CampaignStatus.PLANNED,
    )
    tree.m1.user = tree.users.member
    tree.m1.save(update_fields=["user"])
    users = tree.users

    published = domain.start_commitment(campaign, by=users.branch_admin, organization=tree.b1)
    published_item = domain.add_item(published, by=users.branch_admin, **_item(campaign, "每月服务群众"))
    domain.submit_commitment(published, by=users.branch_admin)
    domain.approve_commitment(published, by=users.org_admin)
    progress = domain.report_progress(published_item, by=users.branch_admin, progress=20, note="开始",
                                      files=[photo_upload()])

    submitted = domain.start_commitment(campaign, by=users.org_admin, organization=tree.t1)
    domain.add_item(submitted, by=users.org_admin, **_item(campaign, "镇党委承诺"))
    domain.submit_commitment(submitted, by=users.org_admin)

    outside = domain.start_commitment(campaign, by=users.county_admin, organization=tree.b2)
    outside_item = domain.add_item(outside, by=users.county_admin, **_item(campaign, "二号村承诺"))

    own = domain.start_commitment(campaign, by=users.member, member=tree.m1)
    own_item = domain.add_item(own, by=users.member, **_item(campaign, "党员承诺"))

    withdrawn = domain.start_commitment(campaign, by=users.county_admin, organization=tree.t2)
    withdrawn_item = domain.add_item(withdrawn, by=users.county_admin, **_item(campaign, "二号镇承诺"))
    domain.submit_commitment(withdrawn, by=users.county_admin)
    domain.approve_commitment(withdrawn, by=users.county_admin)
    withdrawn_version = domain.report_progress(withdrawn_item, by=users.county_admin, progress=20, note="开始",
                                               files=[photo_upload()])
    Commitment.objects.filter(pk=withdrawn.pk).update(status=CommitmentStatus.RETURNED)

    return {
        "campaign2": campaign2.pk, "deadline": campaign.ends_on.isoformat(),
        "published": published.pk, "submitted": submitted.pk, "outside": outside.pk, "own": own.pk,
        "published_item": published_item.pk, "outside_item": outside_item.pk, "own_item": own_item.pk,
        "public_evidence": progress.evidence.get().pk, "withdrawn_evidence": withdrawn_version.evidence.get().pk,
    }
