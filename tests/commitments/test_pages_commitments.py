"""Pledge pages: the list with its filters and counts, starting a pledge, one pledge with
the buttons its reader may press, submitting, reviewing (approve, return), judging, and
the review list with its htmx approval."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.campaigns.models import Campaign
from pacesetter.commitments import domain
from pacesetter.commitments.enums import CommitmentStatus, Judgement, Outcome
from pacesetter.commitments.models import Commitment, SuperiorReview
from tests.factories import make_org

DRAFT, SUBMITTED, RETURNED, PUBLISHED = (CommitmentStatus.DRAFT, CommitmentStatus.SUBMITTED,
                                         CommitmentStatus.RETURNED, CommitmentStatus.PUBLISHED)
LIST = reverse("commitments:commitment-list")
REVIEW = reverse("commitments:review-list")
NEW = reverse("commitments:commitment-new")


@pytest.fixture
def client(client, settings):
    """Pages in English, so messages compare with their source strings."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def as_user(client, user):
    client.force_login(user)
    return client


def owners(response) -> list[str]:
    return [c.owner_name for c in response.context["page"].object_list]


def status(commitment) -> str:
    return Commitment.objects.get(pk=commitment.pk).status


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def url(name, commitment) -> str:
    return reverse(f"commitments:{name}", kwargs={"pk": commitment.pk})


# --- The list ---------------------------------------------------------------------------


@pytest.fixture
def pledges(tree, make_pledge, m1):
    """T1B1 published (one item delivered, one overdue), T2B1 submitted, T1 draft, M1's draft."""
    b1 = make_pledge(items=3)
    first, second, _third = b1.items.order_by("order")
    domain.record_outcome(first, by=tree.users.branch_admin, outcome=Outcome.DELIVERED, note="已完成")
    second.__class__.objects.filter(pk=second.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=1))
    return {
        "b1": b1,
        "b2": make_pledge(org=tree.b2, status=SUBMITTED),
        "t1": make_pledge(org=tree.t1, status=DRAFT),
        "m1": make_pledge(member=m1, status=DRAFT),
    }


def test_list_of_the_county_admin_shows_every_pledge(tree, client, pledges):
    response = as_user(client, tree.users.county_admin).get(LIST)
    assert owners(response) == ["一号镇党委", "一号村党支部", "张三", "二号村党支部"]


def test_list_of_a_branch_admin_shows_its_own_subtree(tree, client, pledges):
    assert owners(as_user(client, tree.users.branch_admin).get(LIST)) == ["一号村党支部", "张三"]


def test_list_of_the_member_shows_the_published_and_their_own(tree, client, pledges):
    assert owners(as_user(client, tree.users.member).get(LIST)) == ["一号村党支部", "张三"]


def test_list_of_the_leader_shows_published_pledges_only(tree, client, pledges):
    assert owners(as_user(client, tree.users.leader).get(LIST)) == ["一号村党支部"]


def test_list_counts_items_and_delivery_per_pledge(tree, client, pledges):
    response = as_user(client, tree.users.county_admin).get(LIST, {"q": "T1B1"})
    row = response.context["page"].object_list[0]
    assert (row.item_count, row.delivered_count, row.overdue_count, row.not_delivered_count) == (3, 1, 1, 0)


@pytest.mark.parametrize("params, expected", [
    ({"status": "draft"}, ["一号镇党委", "张三"]),
    ({"status": "submitted"}, ["二号村党支部"]),
    ({"owner": "member"}, ["张三"]),
    ({"owner": "organization"}, ["一号镇党委", "一号村党支部", "二号村党支部"]),
    ({"township": "二号镇"}, ["二号村党支部"]),
    ({"q": "一号"}, ["一号镇党委", "一号村党支部", "张三"]),
    ({"q": "M1"}, ["张三"]),
    ({"sector": "agency"}, []),
    ({"status": "nonsense"}, []),
])
def test_list_filters(tree, client, pledges, params, expected):
    assert owners(as_user(client, tree.users.county_admin).get(LIST, params)) == expected


def test_list_filters_by_campaign(tree, client, pledges):
    other = Campaign.objects.create(name="专项活动", year=2026, starts_on=datetime.date(2026, 1, 1),
                                    ends_on=datetime.date(2026, 12, 31), status=CampaignStatus.PLANNED)
    response = as_user(client, tree.users.county_admin).get(LIST, {"campaign": other.pk})
    assert owners(response) == []


def test_awaiting_my_review_filter(tree, client, pledges):
    domain.submit_commitment(pledges["m1"], by=tree.users.member)
    response = as_user(client, tree.users.org_admin).get(LIST, {"review": "on"})
    assert owners(response) == ["张三"]


def test_list_query_count_does_not_grow_with_the_pledges(tree, client, make_pledge, django_assert_num_queries):
    """One pledge, then three: the same queries (session, user, roles, campaigns, count, keys,
    rows with their counts, the navbar's unread notifications)."""
    as_user(client, tree.users.county_admin)
    make_pledge(items=2)
    with django_assert_num_queries(8):
        assert len(client.get(LIST).context["page"].object_list) == 1
    make_pledge(org=tree.b2, items=3)
    make_pledge(org=tree.t2, status=DRAFT)
    with django_assert_num_queries(8):
        assert len(client.get(LIST).context["page"].object_list) == 3


def test_list_is_paginated(tree, client, make_pledge, campaign):
    for n in range(26):
        make_pledge(org=make_org(tree.t2, code=f"P{n:02d}"), items=1, status=DRAFT)
    response = as_user(client, tree.users.county_admin).get(LIST, {"page": 2})
    assert (len(response.context["page"].object_list), response.context["page"].paginator.count) == (1, 26)


# --- Starting a pledge ----------------------------------------------------------------------


def test_new_pledge_defaults_to_the_campaign_under_way(tree, client, campaign):
    Campaign.objects.create(name="明年活动", year=2030, starts_on=datetime.date(2030, 1, 1),
                            ends_on=datetime.date(2030, 12, 31), status=CampaignStatus.PLANNED)
    form = as_user(client, tree.users.branch_admin).get(NEW).context["form"]
    assert (form.initial["campaign"], form.initial["organization"]) == (campaign, "T1B1")


def test_an_org_admin_starts_a_pledge_of_an_organisation_below(tree, client, campaign):
    response = as_user(client, tree.users.org_admin).post(
        NEW, {"campaign": campaign.pk, "owner": "organization", "organization": "T1B1"})
    commitment = Commitment.objects.get()
    assert (response.status_code, response["Location"], commitment.organization, commitment.status) == (
        302, commitment.get_absolute_url(), tree.b1, DRAFT)


def test_an_org_admin_cannot_start_a_pledge_outside_their_subtree(tree, client, campaign):
    response = as_user(client, tree.users.org_admin).post(
        NEW, {"campaign": campaign.pk, "owner": "organization", "organization": "T2B1"})
    assert (response.status_code, response.context["form"].errors["organization"], Commitment.objects.count()) == (
        200, ["No organisation with the code T2B1 among those you administer."], 0)


def test_starting_an_existing_pledge_opens_it(tree, client, make_pledge, campaign):
    existing = make_pledge(status=DRAFT)
    response = as_user(client, tree.users.branch_admin).post(
        NEW, {"campaign": campaign.pk, "owner": "organization", "organization": "T1B1"})
    assert (response["Location"], Commitment.objects.count()) == (existing.get_absolute_url(), 1)


def test_a_member_starts_their_own_pledge(tree, client, campaign, m1):
    as_user(client, tree.users.member)
    choices = [value for value, _label in client.get(NEW).context["form"].fields["owner"].choices]
    client.post(NEW, {"campaign": campaign.pk, "owner": "own"})
    commitment = Commitment.objects.get()
    assert (choices, commitment.member, commitment.organization) == (["own"], m1, tree.b1)


def test_a_closed_campaign_is_not_offered(tree, client, campaign):
    closed = Campaign.objects.create(name="往年活动", year=2020, starts_on=datetime.date(2020, 1, 1),
                                     ends_on=datetime.date(2020, 12, 31), status=CampaignStatus.CLOSED)
    response = as_user(client, tree.users.branch_admin).post(
        NEW, {"campaign": closed.pk, "owner": "organization", "organization": "T1B1"})
    assert (list(response.context["form"].fields["campaign"].queryset), Commitment.objects.count()) == ([campaign], 0)


@pytest.mark.parametrize("role", ["leader", "inspector", "affiliate", "nobody"])
def test_users_who_administer_nothing_and_are_no_member_cannot_start_one(tree, client, role):
    assert as_user(client, getattr(tree.users, role)).get(NEW).status_code == 403


# --- One pledge and its buttons ----------------------------------------------------------------


def buttons(response) -> dict:
    ctx = response.context
    return {name: ctx[name] for name in ("can_edit", "can_submit", "can_review", "can_judge", "can_report")}


def test_the_owner_of_a_draft_may_edit_and_submit(tree, client, make_pledge):
    response = as_user(client, tree.users.branch_admin).get(url("commitment-detail", make_pledge(status=DRAFT)))
    assert buttons(response) == {"can_edit": True, "can_submit": True, "can_review": False, "can_judge": False,
                                 "can_report": False}


def test_the_reviewer_of_a_submitted_pledge_may_review(tree, client, make_pledge):
    response = as_user(client, tree.users.org_admin).get(url("commitment-detail", make_pledge(status=SUBMITTED)))
    assert buttons(response) == {"can_edit": False, "can_submit": False, "can_review": True, "can_judge": False,
                                 "can_report": False}


def test_the_inspector_reads_a_draft_without_buttons(tree, client, make_pledge):
    response = as_user(client, tree.users.inspector).get(url("commitment-detail", make_pledge(status=DRAFT)))
    assert (response.status_code, set(buttons(response).values())) == (200, {False})


def test_another_branch_gets_404_for_a_draft(tree, client, make_pledge):
    response = as_user(client, tree.users.branch_admin).get(url("commitment-detail", make_pledge(org=tree.b2,
                                                                                                 status=DRAFT)))
    assert response.status_code == 404


def test_the_page_shows_the_return_reason(tree, client, make_pledge):
    response = as_user(client, tree.users.branch_admin).get(url("commitment-detail", make_pledge(
        status=RETURNED, reason="请写明完成时限")))
    assert "请写明完成时限" in response.content.decode()


def test_the_page_shows_the_status_history(tree, client, make_pledge):
    commitment = make_pledge(status=RETURNED, reason="再具体些")
    domain.submit_commitment(commitment, by=tree.users.branch_admin)
    domain.approve_commitment(commitment, by=tree.users.org_admin)
    history = as_user(client, tree.users.branch_admin).get(url("commitment-detail", commitment)).context["history"]
    assert [(e["kind"], e["actor_name"], e["note"]) for e in history] == [
        ("submitted", "branch1", ""), ("returned", "township1", "再具体些"), ("submitted", "branch1", ""),
        ("approved", "township1", ""),
    ]


def test_a_published_pledge_links_to_its_public_page(tree, client, make_pledge):
    response = as_user(client, tree.users.branch_admin).get(url("commitment-detail", make_pledge()))
    assert 'id="public-link" href="/notice/T1B1/"' in response.content.decode()


# --- The buttons -------------------------------------------------------------------------


def test_submit_through_the_page(tree, client, make_pledge):
    commitment = make_pledge(status=DRAFT)
    response = as_user(client, tree.users.branch_admin).post(url("commitment-submit", commitment), follow=True)
    assert (status(commitment), messages_of(response)) == (SUBMITTED, ["The commitment was submitted for review."])


def test_submitting_an_empty_draft_says_why(tree, client, make_pledge):
    commitment = make_pledge(status=DRAFT, items=[])
    response = as_user(client, tree.users.branch_admin).post(url("commitment-submit", commitment), follow=True)
    assert (status(commitment), messages_of(response)) == (
        DRAFT, ["Add at least one item before submitting the commitment."])


def test_a_reviewer_cannot_submit(tree, client, make_pledge):
    commitment = make_pledge(org=tree.b2, status=DRAFT)
    response = as_user(client, tree.users.inspector).post(url("commitment-submit", commitment))
    assert (response.status_code, status(commitment)) == (403, DRAFT)


def test_approve_through_the_page(tree, client, make_pledge):
    commitment = make_pledge(status=SUBMITTED)
    response = as_user(client, tree.users.org_admin).post(url("commitment-approve", commitment))
    assert (response["Location"], status(commitment)) == (commitment.get_absolute_url(), PUBLISHED)


def test_the_branch_cannot_approve_its_own_pledge_through_the_page(tree, client, make_pledge):
    commitment = make_pledge(status=SUBMITTED)
    response = as_user(client, tree.users.branch_admin).post(url("commitment-approve", commitment))
    assert (response.status_code, status(commitment)) == (403, SUBMITTED)


def test_return_through_the_page_keeps_the_reason(tree, client, make_pledge):
    commitment = make_pledge(status=SUBMITTED)
    as_user(client, tree.users.org_admin).post(url("commitment-return", commitment), {"reason": "目标不可衡量"})
    refreshed = Commitment.objects.get(pk=commitment.pk)
    assert (refreshed.status, refreshed.return_reason) == (RETURNED, "目标不可衡量")


def test_return_without_a_reason_says_why(tree, client, make_pledge):
    commitment = make_pledge(status=SUBMITTED)
    response = as_user(client, tree.users.org_admin).post(url("commitment-return", commitment), {"reason": ""},
                                                          follow=True)
    assert (status(commitment), messages_of(response)) == (
        SUBMITTED, ["Give the reason for returning the commitment, so its authors know what to change."])


def test_get_on_a_button_is_not_allowed(tree, client, make_pledge):
    assert as_user(client, tree.users.org_admin).get(url("commitment-approve", make_pledge())).status_code == 405


# --- 评诺: the superior's judgement ----------------------------------------------------------------


def test_the_superior_judges_a_published_pledge(tree, client, make_pledge):
    commitment = make_pledge()
    as_user(client, tree.users.org_admin).post(url("commitment-judge", commitment),
                                               {"judgement": Judgement.GOOD, "comment": "按期完成"})
    review = SuperiorReview.objects.get(commitment=commitment)
    assert (review.judgement, review.comment, review.by_organization) == ("good", "按期完成", tree.t1)


def test_the_page_shows_the_current_judgement(tree, client, make_pledge):
    commitment = make_pledge()
    domain.review_delivery(commitment, by=tree.users.org_admin, judgement=Judgement.EXCELLENT, comment="好")
    response = as_user(client, tree.users.member).get(url("commitment-detail", commitment))
    ctx = response.context
    assert (ctx["review"].judgement, ctx["can_judge"], ctx["judgement_form"].initial) == (
        "excellent", False, {"judgement": "excellent", "comment": "好"})


def test_the_pledging_branch_cannot_judge_itself(tree, client, make_pledge):
    commitment = make_pledge()
    response = as_user(client, tree.users.branch_admin).post(url("commitment-judge", commitment),
                                                             {"judgement": Judgement.EXCELLENT})
    assert (response.status_code, SuperiorReview.objects.count()) == (403, 0)


def test_a_judgement_outside_the_list_says_why(tree, client, make_pledge):
    commitment = make_pledge()
    response = as_user(client, tree.users.org_admin).post(url("commitment-judge", commitment),
                                                          {"judgement": "perfect"}, follow=True)
    assert (messages_of(response), SuperiorReview.objects.count()) == (["Choose one of the listed judgements."], 0)


# --- Awaiting my review ---------------------------------------------------------------------


def test_review_list_shows_what_the_user_reviews_oldest_first(tree, client, make_pledge, m1):
    first = make_pledge(member=m1, status=SUBMITTED)
    make_pledge(status=SUBMITTED)
    make_pledge(org=tree.b2, status=SUBMITTED)
    Commitment.objects.filter(pk=first.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=2))
    assert owners(as_user(client, tree.users.org_admin).get(REVIEW)) == ["张三", "一号村党支部"]


def test_review_list_leaves_out_the_users_own_organisation(tree, client, make_pledge, m1):
    make_pledge(status=SUBMITTED)
    make_pledge(member=m1, status=SUBMITTED)
    assert owners(as_user(client, tree.users.branch_admin).get(REVIEW)) == ["张三"]


def test_review_list_query_count_does_not_grow(tree, client, make_pledge, m1, django_assert_num_queries):
    as_user(client, tree.users.county_admin)
    make_pledge(status=SUBMITTED)
    with django_assert_num_queries(7):
        assert len(client.get(REVIEW).context["page"].object_list) == 1
    make_pledge(org=tree.b2, status=SUBMITTED)
    make_pledge(member=m1, status=SUBMITTED)
    with django_assert_num_queries(7):
        assert len(client.get(REVIEW).context["page"].object_list) == 3


def test_approve_from_the_review_list_with_htmx_swaps_the_row(tree, client, make_pledge):
    commitment = make_pledge(status=SUBMITTED)
    response = as_user(client, tree.users.org_admin).post(url("commitment-approve", commitment),
                                                          HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert (status(commitment), html.lstrip().startswith(f'<tr id="review-{commitment.pk}">'),
            "commitment-status-published" in html) == (PUBLISHED, True, True)


def test_approve_from_the_review_list_without_scripts_returns_to_it(tree, client, make_pledge):
    commitment = make_pledge(status=SUBMITTED)
    response = as_user(client, tree.users.org_admin).post(url("commitment-approve", commitment), {"next": REVIEW})
    assert (response["Location"], status(commitment)) == (REVIEW, PUBLISHED)


def test_a_next_outside_the_site_is_ignored(tree, client, make_pledge):
    commitment = make_pledge(status=SUBMITTED)
    response = as_user(client, tree.users.org_admin).post(url("commitment-approve", commitment),
                                                          {"next": "https://evil.example/"})
    assert response["Location"] == commitment.get_absolute_url()
