"""An organisation's public page, an item's timeline and the QR poster: published pledges
only (anything else is missing, 404), constant query counts."""
import re

import pytest
from django.test import Client
from django.urls import reverse

from pacesetter.commitments import domain
from pacesetter.commitments.enums import CommitmentStatus, FeedbackStatus, VersionKind
from pacesetter.commitments.models import Evidence, Feedback

from .public_world import item, make_campaign, member_pledge, photo, pledge, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def campaign(tree):
    return make_campaign()


def org_url(code="T1B1"):
    return reverse("notice:organization", kwargs={"code": code})


def item_url(pk):
    return reverse("notice:item", kwargs={"pk": pk})


def poster_url(code="T1B1"):
    return reverse("notice:poster", kwargs={"code": code})


def test_public_urls():
    assert (org_url(), item_url(7), poster_url()) == ("/notice/T1B1/", "/notice/item/7/", "/notice/T1B1/poster/")


# --- The organisation's page -----------------------------------------------------------


def test_organisation_page_shows_its_pledge_and_its_members(tree, campaign, client):
    published(tree, campaign, items=[item("入户走访困难群众")])
    member_pledge(tree, campaign, items=[item("帮扶一户困难家庭")])
    pledges = Client().get(org_url()).context["pledges"]
    assert [[i.content for i in p.public_items] for p in pledges] == [["入户走访困难群众"], ["帮扶一户困难家庭"]]


def test_organisation_page_leaves_out_a_members_unpublished_pledge(tree, campaign, client):
    published(tree, campaign, items=[item("入户走访困难群众")])
    member_pledge(tree, campaign, items=[item("帮扶一户困难家庭")], status=CommitmentStatus.RETURNED)
    assert [p.member_id for p in client.get(org_url()).context["pledges"]] == [None]


def test_organisation_page_shows_items_with_their_delivery_status(tree, campaign, client):
    commitment = published(tree, campaign, items=[item(days=-2), item(days=10), item(days=20)])
    first = commitment.items.order_by("order").first()
    domain.report_progress(commitment.items.order_by("order")[1], by=tree.users.branch_admin, progress=40,
                           note="已走访十户")
    domain.record_outcome(first, by=tree.users.branch_admin, outcome="delivered", note="已完成")
    [pledge_] = client.get(org_url()).context["pledges"]
    assert [(i.delivery, i.progress) for i in pledge_.public_items] == [
        ("delivered", 100), ("on_track", 40), ("on_track", 0)
    ]


def test_organisation_page_of_a_member_only_pledge_is_public(tree, campaign, client):
    member_pledge(tree, campaign)
    assert client.get(org_url()).status_code == 200


@pytest.mark.parametrize("status", [CommitmentStatus.DRAFT, CommitmentStatus.SUBMITTED, CommitmentStatus.RETURNED])
def test_organisation_page_of_an_unpublished_pledge_is_missing(tree, campaign, client, status):
    pledge(campaign, by=tree.users.branch_admin, reviewer=tree.users.org_admin, org=tree.b1, status=status)
    assert client.get(org_url()).status_code == 404


def test_organisation_page_of_an_unknown_code_is_missing(tree, client):
    assert client.get(org_url("NOPE9")).status_code == 404


def test_organisation_page_is_missing_for_signed_in_admins_too(tree, campaign, client):
    pledge(campaign, by=tree.users.branch_admin, org=tree.b1, status=CommitmentStatus.SUBMITTED)
    client.force_login(tree.users.county_admin)
    assert client.get(org_url()).status_code == 404


def test_organisation_page_shows_only_feedback_let_through(tree, campaign, client):
    commitment = published(tree, campaign)
    shown, _held, refused = (
        domain.submit_feedback(commitment, client_ip="10.0.0.1", text=text) for text in ("很好", "待审", "广告")
    )
    domain.moderate_feedback(shown, by=tree.users.branch_admin, show=True, reply="谢谢监督")
    domain.moderate_feedback(refused, by=tree.users.branch_admin, show=False, reason="广告")
    page = client.get(org_url()).context["feedback_page"]
    assert [(f.text, f.reply) for f in page.object_list] == [("很好", "谢谢监督")]


def test_organisation_page_shows_the_campaign_chosen(tree, client):
    old = make_campaign("2025年创先争优活动", started_days_ago=400)
    current = make_campaign()
    published(tree, old, items=[item("去年的承诺")])
    published(tree, current, items=[item("今年的承诺")])
    default, chosen = client.get(org_url()), client.get(org_url(), {"campaign": old.pk})
    assert (
        [i.content for i in default.context["pledges"][0].public_items],
        [i.content for i in chosen.context["pledges"][0].public_items],
    ) == (["今年的承诺"], ["去年的承诺"])


def test_organisation_page_links_its_poster(tree, campaign, client):
    published(tree, campaign)
    assert f'href="{poster_url()}"' in client.get(org_url()).content.decode()


@pytest.mark.parametrize("n", [1, 3])
def test_organisation_page_query_count_is_constant(tree, campaign, django_assert_num_queries, n):
    from tests.factories import MemberFactory, UserFactory

    commitment = published(tree, campaign, items=[item(), item()])
    for i in range(n):
        member = MemberFactory(organization=tree.b1, user=UserFactory())
        member_pledge(tree, campaign, member=member, items=[item(), item()])
        feedback = domain.submit_feedback(commitment, client_ip=f"10.0.0.{i}", text=f"意见{i}")
        domain.moderate_feedback(feedback, by=tree.users.branch_admin, show=True)
    # organisation, its campaigns, the current campaign, pledges, items, feedback count, feedback
    with django_assert_num_queries(8):  # +1: the public page's rate-limit count (core.public_limits)
        response = Client().get(org_url())
    assert (len(response.context["pledges"]), len(response.context["feedback_page"].object_list)) == (n + 1, n)


# --- The item's page -------------------------------------------------------------------


def test_item_page_shows_the_timeline_since_publication(tree, campaign, client):
    commitment = published(tree, campaign)
    entry = commitment.items.get()
    domain.report_progress(entry, by=tree.users.branch_admin, progress=50, note="完成一半")
    timeline = client.get(item_url(entry.pk)).context["timeline_page"].object_list
    assert [(v.kind, v.note) for v in timeline] == [(VersionKind.PROGRESS, "完成一半"), (VersionKind.APPROVED, "")]


def test_item_page_links_evidence_thumbnails_to_the_files(tree, campaign, client):
    commitment = published(tree, campaign)
    entry = commitment.items.get()
    domain.report_progress(entry, by=tree.users.branch_admin, progress=50, note="现场照片", files=[photo()])
    evidence = Evidence.objects.get()
    html = client.get(item_url(entry.pk)).content.decode()
    link = re.search(r'<a href="([^"]+)"><img class="notice-thumb" src="([^"]+)" alt="([^"]+)"', html)
    assert link.groups() == (
        reverse("commitments:evidence-file", kwargs={"pk": evidence.pk}),
        reverse("commitments:evidence-thumbnail", kwargs={"pk": evidence.pk}),
        "现场.jpg",
    )


def test_item_page_shows_feedback_on_the_item_only(tree, campaign, client):
    commitment = published(tree, campaign, items=[item(), item()])
    first, second = commitment.items.order_by("order")
    for target, text in ((first, "关于第一项"), (second, "关于第二项"), (None, "关于整体")):
        feedback = domain.submit_feedback(commitment, client_ip="10.0.0.1", text=text, item=target)
        domain.moderate_feedback(feedback, by=tree.users.branch_admin, show=True)
    page = client.get(item_url(first.pk)).context["feedback_page"]
    assert [f.text for f in page.object_list] == ["关于第一项"]


@pytest.mark.parametrize("status", [CommitmentStatus.DRAFT, CommitmentStatus.SUBMITTED, CommitmentStatus.RETURNED])
def test_item_page_of_an_unpublished_pledge_is_missing(tree, campaign, client, status):
    commitment = pledge(campaign, by=tree.users.branch_admin, reviewer=tree.users.org_admin, org=tree.b1,
                        status=status)
    assert client.get(item_url(commitment.items.get().pk)).status_code == 404


def test_item_page_of_an_unknown_item_is_missing(tree, client):
    assert client.get(item_url(999999)).status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_item_page_query_count_is_constant(tree, campaign, django_assert_num_queries, n):
    commitment = published(tree, campaign)
    entry = commitment.items.get()
    for i in range(n):
        domain.report_progress(entry, by=tree.users.branch_admin, progress=10 * (i + 1), note=f"进展{i}",
                               files=[photo()])
        feedback = domain.submit_feedback(commitment, client_ip=f"10.0.0.{i}", text=f"意见{i}", item=entry)
        domain.moderate_feedback(feedback, by=tree.users.branch_admin, show=True)
    # item, versions count, versions, their evidence, feedback count, feedback
    with django_assert_num_queries(7):  # +1: the public page's rate-limit count (core.public_limits)
        response = Client().get(item_url(entry.pk))
    assert (len(response.context["timeline_page"].object_list), len(response.context["feedback_page"].object_list)) == (
        n + 1, n
    )


# --- The poster ------------------------------------------------------------------------


def test_poster_points_to_the_organisations_page(tree, campaign, client):
    published(tree, campaign)
    response = client.get(poster_url())
    html = response.content.decode()
    assert (response.context["url"], html.count('class="poster-qr"'), '<h1 class="poster-subject">一号村党支部</h1>' in html) == (
        "http://testserver/notice/T1B1/", 1, True
    )


def test_poster_of_an_unpublished_organisation_is_missing(tree, campaign, client):
    pledge(campaign, by=tree.users.branch_admin, org=tree.b1, status=CommitmentStatus.SUBMITTED)
    assert client.get(poster_url()).status_code == 404


def test_pages_do_not_show_feedback_awaiting_moderation(tree, campaign, client):
    commitment = published(tree, campaign)
    domain.submit_feedback(commitment, client_ip="10.0.0.1", text="尚未审核的意见", item=commitment.items.get())
    html = client.get(org_url()).content.decode() + client.get(item_url(commitment.items.get().pk)).content.decode()
    assert ("尚未审核的意见" in html, Feedback.objects.get().status) == (False, FeedbackStatus.PENDING)
