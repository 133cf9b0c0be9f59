"""The commitment endpoints under /api/v1/commitments/: what they show, the actions through
the domain functions, refusals as 400s naming the field, and constant query counts.

World: tests/visibility/_commitments_api_world.py (`c_in` T1B1 published with an overdue,
an on-track and a delivered item; `c_out` T2B1 published; `draft` T1's; `submitted` M1's).
"""
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from pacesetter.campaigns.models import Campaign
from pacesetter.commitments import domain
from pacesetter.commitments.enums import FeedbackStatus
from pacesetter.commitments.models import Commitment, CommitmentItem, Feedback
from pacesetter.orgs.enums import OrgLevel

from ..factories import make_org
from ..visibility._commitments_api_world import fields, pledge, world

API = "/api/v1/commitments"
MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run in DOS mode."


@pytest.fixture
def ids(tree):
    return world(tree)


def day(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def photo(name="现场.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 40)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def owners(results) -> list[tuple]:
    return [(c["org_code"], c["member_code"], c["status"]) for c in results]


# --- Pledges ----------------------------------------------------------------------------


def test_county_admin_lists_every_pledge_in_tree_order(tree, login, ids):
    results = login(tree.users.county_admin).get(f"{API}/").json()["results"]
    assert owners(results) == [
        ("T1", None, "draft"), ("T1B1", None, "published"), ("T1B1", "M1", "submitted"), ("T2B1", None, "published"),
    ]


def test_township_admin_lists_their_subtrees_pledges(tree, login, ids):
    results = login(tree.users.org_admin).get(f"{API}/").json()["results"]
    assert owners(results) == [("T1", None, "draft"), ("T1B1", None, "published"), ("T1B1", "M1", "submitted")]


def test_member_lists_published_pledges_and_their_own(tree, login, ids):
    results = login(tree.users.member).get(f"{API}/").json()["results"]
    assert owners(results) == [("T1B1", None, "published"), ("T1B1", "M1", "submitted")]


def test_leader_lists_only_published_pledges(tree, login, ids):
    results = login(tree.users.leader).get(f"{API}/").json()["results"]
    assert owners(results) == [("T1B1", None, "published"), ("T2B1", None, "published")]


@pytest.mark.parametrize(("query", "expected"), [
    ("status=published", [("T1B1", None, "published"), ("T2B1", None, "published")]),
    ("org=T1B1", [("T1B1", None, "published"), ("T1B1", "M1", "submitted")]),
    ("member=M1", [("T1B1", "M1", "submitted")]),
    ("campaign=999999", None),
])
def test_pledge_filters(tree, login, ids, query, expected):
    response = login(tree.users.county_admin).get(f"{API}/?{query}")
    if expected is None:
        assert (response.status_code, list(response.json())) == (400, ["campaign"])
    else:
        assert owners(response.json()["results"]) == expected


def test_pledge_reads_with_its_items_and_their_status(tree, login, ids):
    data = login(tree.users.leader).get(f"{API}/{ids['c_in']}/").json()
    assert (
        {k: data[k] for k in ("campaign", "org_code", "org_name", "member_code", "owner_name", "status",
                              "superior_review", "url")},
        [(i["content"], i["status"], i["progress"]) for i in data["items"]],
    ) == (
        {"campaign": ids["campaign"], "org_code": "T1B1", "org_name": "一号村党支部", "member_code": None,
         "owner_name": "一号村党支部", "status": "published", "superior_review": None,
         "url": f"http://testserver{API}/{ids['c_in']}/"},
        [("走访困难群众", "overdue", 0), ("开展主题党日", "on_track", 0), ("修缮村级活动场所", "delivered", 100)],
    )


def test_pledge_outside_the_view_answers_like_a_missing_one(tree, login, ids):
    client = login(tree.users.org_admin)
    outside, missing = client.get(f"{API}/{ids['c_out']}/"), client.get(f"{API}/999999/")
    assert (outside.status_code, outside.json()) == (missing.status_code, missing.json()) == (
        404, {"detail": "Not found."}
    )


def test_pledge_from_start_to_publication(tree, login, ids):
    branch = make_org(tree.t1, code="T1B2", name="二号村党支部", level=OrgLevel.BRANCH, township="一号镇")
    client = login(tree.users.org_admin)
    created = client.post(f"{API}/", {"campaign": ids["campaign"], "org_code": "T1B2"}, format="json")
    pk = created.json()["id"]
    added = client.post(f"{API}/{pk}/items/", {"content": "建设党员活动室", "target": "年底投用", "deadline": day(60),
                                             "category": "organisation"}, format="json")
    submitted = client.post(f"{API}/{pk}/submit/", format="json")
    approved = login(tree.users.county_admin).post(f"{API}/{pk}/approve/", format="json")
    assert (created.status_code, created["Location"], added.status_code, submitted.json()["status"],
            approved.json()["status"], Commitment.objects.get(pk=pk).organization) == (
        201, f"http://testserver{API}/{pk}/", 201, "submitted", "published", branch,
    )


def test_starting_an_existing_pledge_answers_200_with_it(tree, login, ids):
    response = login(tree.users.branch_admin).post(f"{API}/", {"campaign": ids["campaign"], "org_code": "T1B1"},
                                                    format="json")
    assert (response.status_code, response.json()["id"]) == (200, ids["c_in"])


def test_starting_needs_an_organisation_or_a_member(tree, login, ids):
    response = login(tree.users.county_admin).post(f"{API}/", {"campaign": ids["campaign"]}, format="json")
    assert (response.status_code, response.json()) == (400, {"non_field_errors": ["Give either org_code or member_code."]})


def test_someone_elses_member_pledge_is_forbidden_with_the_reason(tree, login, ids):
    response = login(tree.users.county_admin).post(f"{API}/", {"campaign": ids["campaign"], "member_code": "M1"},
                                                    format="json")
    assert (response.status_code, response.json()) == (
        403, {"detail": "Only the member themself may write a member's commitment."}
    )


def test_item_outside_the_campaign_is_refused_naming_the_deadline(tree, login, ids):
    response = login(tree.users.org_admin).post(
        f"{API}/{ids['draft']}/items/", {**fields("x", 0), "deadline": "2001-01-01"}, format="json"
    )
    assert (response.status_code, list(response.json())) == (400, ["deadline"])


def test_item_with_an_unknown_goal_is_refused_naming_it(tree, login, ids):
    response = login(tree.users.org_admin).post(
        f"{API}/{ids['draft']}/items/", {**fields("x", 10), "deadline": day(10), "goal": "NOPE"}, format="json"
    )
    assert (response.status_code, response.json()) == (400, {"goal": ["Unknown county goal: NOPE."]})


def test_return_needs_a_reason(tree, login, ids):
    response = login(tree.users.branch_admin).post(f"{API}/{ids['submitted']}/return/", {"reason": "  "},
                                                    format="json")
    assert (response.status_code, response.json()) == (400, {"reason": ["This field may not be blank."]})


def test_return_gives_the_reason_to_the_pledge(tree, login, ids):
    data = login(tree.users.branch_admin).post(f"{API}/{ids['submitted']}/return/", {"reason": "目标不够具体"},
                                                format="json").json()
    assert (data["status"], data["return_reason"]) == ("returned", "目标不够具体")


def test_judgement_is_shown_with_the_pledge(tree, login, ids):
    data = login(tree.users.org_admin).post(f"{API}/{ids['c_in']}/judge/", {"judgement": "good", "comment": "较好"},
                                             format="json").json()
    review = data["superior_review"]
    assert (review["judgement"], review["points"], review["comment"], review["by_org_code"]) == ("good", 80, "较好", "T1")


# --- Items ------------------------------------------------------------------------------


def test_items_filtered_by_status(tree, login, ids):
    results = login(tree.users.county_admin).get(f"{API}/items/?status=overdue").json()["results"]
    assert [(i["content"], i["status"]) for i in results] == [("走访困难群众", "overdue"), ("建设农家书屋", "overdue")]


def test_items_of_one_pledge(tree, login, ids):
    results = login(tree.users.member).get(f"{API}/items/?commitment={ids['c_in']}").json()["results"]
    assert [i["order"] for i in results] == [1, 2, 3]


def test_draft_item_changes_through_patch(tree, login, ids):
    data = login(tree.users.org_admin).patch(f"{API}/items/{ids['item_draft']}/", {"target": "提前完成"},
                                             format="json").json()
    assert data["target"] == "提前完成"


def test_patch_without_a_field_is_refused(tree, login, ids):
    response = login(tree.users.org_admin).patch(f"{API}/items/{ids['item_draft']}/", {}, format="json")
    assert (response.status_code, response.json()) == (400, {"non_field_errors": ["Give at least one field to change."]})


def test_published_item_cannot_be_changed(tree, login, ids):
    response = login(tree.users.branch_admin).patch(f"{API}/items/{ids['item_in']}/", {"target": "改"}, format="json")
    assert (response.status_code, response.json()) == (403, {"detail": "You may not make this change."})


def test_draft_item_is_removed(tree, login, ids):
    response = login(tree.users.org_admin).post(f"{API}/items/{ids['item_draft']}/remove/", format="json")
    assert (response.status_code, CommitmentItem.objects.filter(pk=ids["item_draft"]).exists()) == (204, False)


def test_progress_with_a_photo_appears_first_on_the_timeline(tree, login, ids):
    client = login(tree.users.branch_admin)
    response = client.post(f"{API}/items/{ids['item_in']}/progress/",
                           {"progress": "50", "note": "走访了十户", "files": [photo()]}, format="multipart")
    version = response.json()
    evidence = version["evidence"][0]
    first = client.get(f"{API}/items/{ids['item_in']}/timeline/").json()["results"][0]
    assert (response.status_code, version["kind"], version["snapshot"]["progress"], evidence["kind"],
            evidence["original_name"], evidence["url"], evidence["thumbnail_url"], first) == (
        201, "progress", 50, "photo", "现场.jpg", f"http://testserver/commitments/evidence/{evidence['id']}/",
        f"http://testserver/commitments/evidence/{evidence['id']}/thumbnail/", version,
    )


def test_renamed_program_is_refused_naming_the_files(tree, login, ids):
    bad = SimpleUploadedFile("photo.jpg", MZ, content_type="image/jpeg")
    response = login(tree.users.branch_admin).post(
        f"{API}/items/{ids['item_in']}/progress/", {"progress": "50", "note": "走访", "files": [bad]},
        format="multipart",
    )
    assert (response.status_code, response.json(), CommitmentItem.objects.get(pk=ids["item_in"]).progress) == (
        400, {"files": ["“photo.jpg” is not a photo (JPEG, PNG or WebP): its content is a Windows program."]}, 0,
    )


def test_outcome_delivered_completes_the_item(tree, login, ids):
    client = login(tree.users.branch_admin)
    version = client.post(f"{API}/items/{ids['item_in']}/outcome/", {"outcome": "delivered", "note": "已完成"},
                          format="json").json()
    item = client.get(f"{API}/items/{ids['item_in']}/").json()
    assert (version["kind"], item["status"], item["progress"]) == ("delivered", "delivered", 100)


def test_reopening_is_for_superiors_only(tree, login, ids):
    delivered = CommitmentItem.objects.get(commitment_id=ids["c_in"], order=3)
    response = login(tree.users.branch_admin).post(f"{API}/items/{delivered.pk}/outcome/",
                                                   {"outcome": "open", "note": "重新打开"}, format="json")
    assert (response.status_code, response.json()) == (403, {"detail": "Only a superior organisation's admin may reopen an item."})


def test_closed_item_refuses_another_outcome(tree, login, ids):
    delivered = CommitmentItem.objects.get(commitment_id=ids["c_in"], order=3)
    response = login(tree.users.branch_admin).post(f"{API}/items/{delivered.pk}/outcome/",
                                                   {"outcome": "not_delivered", "note": "x"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["non_field_errors"])


def test_timeline_of_a_drafts_reader_holds_every_version(tree, login, ids):
    results = login(tree.users.county_admin).get(f"{API}/items/{ids['item_in']}/timeline/").json()["results"]
    assert [(v["number"], v["kind"]) for v in results] == [(3, "approved"), (2, "submitted"), (1, "created")]


def test_timeline_of_other_readers_starts_at_publication(tree, login, ids):
    results = login(tree.users.leader).get(f"{API}/items/{ids['item_in']}/timeline/").json()["results"]
    assert [(v["number"], v["kind"]) for v in results] == [(3, "approved")]


# --- Feedback ---------------------------------------------------------------------------


def test_feedback_list_of_a_township_admin_never_shows_the_contact(tree, login, ids):
    Feedback.objects.filter(pk=ids["fb_in"]).update(contact="13800001111")
    results = login(tree.users.org_admin).get(f"{API}/feedback/").json()["results"]
    assert [(f["id"], f["text"], "contact" in f) for f in results] == [(ids["fb_in"], "活动场所还没修好", False)]


def test_feedback_is_shown_after_moderation(tree, login, ids):
    data = login(tree.users.branch_admin).post(f"{API}/feedback/{ids['fb_in']}/moderate/",
                                               {"show": True, "reply": "已安排维修"}, format="json").json()
    assert (data["status"], data["reply"], Feedback.objects.get(pk=ids["fb_in"]).status) == (
        "shown", "已安排维修", FeedbackStatus.SHOWN,
    )


def test_feedback_kept_off_needs_a_reason_naming_it(tree, login, ids):
    response = login(tree.users.branch_admin).post(f"{API}/feedback/{ids['fb_in']}/moderate/", {"show": False},
                                                   format="json")
    assert (response.status_code, response.json()) == (400, {"reason": ["Give the reason for not showing this feedback."]})


# --- Dashboard --------------------------------------------------------------------------


def test_dashboard_figures_of_the_county_admin(tree, login, ids):
    data = login(tree.users.county_admin).get(f"{API}/dashboard/?campaign={ids['campaign']}").json()
    month = timezone.localdate().replace(day=1).isoformat()
    assert (
        data["totals"],
        [(t["key"], t["items"], t["rate"]) for t in data["townships"]],
        [(s["key"], s["rated"]) for s in data["sectors"]],
        [(k["key"], k["pledges"]) for k in data["kinds"]],
        data["months"],
    ) == (
        {"key": "", "label": "All", "pledges": 2, "items": 4, "delivered": 1, "not_delivered": 0, "overdue": 2,
         "on_track": 1, "rated": 3, "rate": pytest.approx(1 / 3)},
        [("一号镇", 3, 0.5), ("二号镇", 1, 0.0)],
        [("village", 3)],
        [("organisation", 2), ("member", 0)],
        [{"month": month, "delivered": 1}],
    )


def test_dashboard_of_a_branch_admin_holds_their_branch(tree, login, ids):
    data = login(tree.users.branch_admin).get(f"{API}/dashboard/?campaign={ids['campaign']}&township=一号镇").json()
    assert (data["totals"]["items"], [t["key"] for t in data["townships"]]) == (3, ["一号镇"])


def test_dashboard_needs_a_campaign(tree, login, ids):
    response = login(tree.users.county_admin).get(f"{API}/dashboard/")
    assert (response.status_code, response.json()) == (400, {"campaign": ["This field is required."]})


def test_overdue_list_most_overdue_first(tree, login, ids):
    results = login(tree.users.county_admin).get(f"{API}/dashboard/overdue/?campaign={ids['campaign']}").json()["results"]
    assert [(r["org_code"], r["days_overdue"], r["url"]) for r in results] == [
        ("T1B1", 10, f"http://testserver{API}/items/{ids['item_in']}/"),
        ("T2B1", 5, f"http://testserver{API}/items/{ids['item_out']}/"),
    ]


# --- Query counts: 1 vs 3 rows under the same count -------------------------------------


def _more_pledges(tree, ids, n):
    """`n` more published pledges, each with an overdue item and a piece of feedback."""
    campaign = Campaign.objects.get(pk=ids["campaign"])
    for i in range(n):
        org = make_org(tree.t2, code=f"Q{i}", township="二号镇")
        c = pledge(campaign, by=tree.users.county_admin, reviewer=tree.users.county_admin, org=org,
                   items=[fields(f"事项{i}", -2)])
        domain.submit_feedback(c, client_ip=f"198.51.100.{i}", text="意见")


@pytest.mark.parametrize(("url", "queries"), [
    (f"{API}/?status=published", 6),
    (f"{API}/items/?status=overdue", 5),
    (f"{API}/feedback/", 5),
    (f"{API}/dashboard/overdue/?campaign={{campaign}}", 6),
])
@pytest.mark.parametrize("more", [0, 2])
def test_list_query_count_is_constant(tree, login, ids, django_assert_num_queries, url, queries, more):
    _more_pledges(tree, ids, more)
    client = login(tree.users.county_admin)
    with django_assert_num_queries(queries):
        response = client.get(url.format(**ids))
    assert response.status_code == 200


@pytest.mark.parametrize("more", [0, 2])
def test_dashboard_query_count_is_constant(tree, login, ids, django_assert_num_queries, more):
    _more_pledges(tree, ids, more)
    client = login(tree.users.county_admin)
    with django_assert_num_queries(8):
        assert client.get(f"{API}/dashboard/?campaign={ids['campaign']}").json()["totals"]["pledges"] == 2 + more


@pytest.mark.parametrize("updates", [1, 3])
def test_timeline_query_count_is_constant(tree, login, ids, django_assert_num_queries, updates):
    client = login(tree.users.branch_admin)
    for n in range(updates):
        client.post(f"{API}/items/{ids['item_in']}/progress/", {"progress": str(10 * (n + 1)), "note": "进展",
                                                                "files": [photo()]}, format="multipart")
    with django_assert_num_queries(7):
        results = client.get(f"{API}/items/{ids['item_in']}/timeline/").json()["results"]
    assert len(results) == 3 + updates
