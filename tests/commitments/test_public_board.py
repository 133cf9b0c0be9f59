"""The county notice board /notice/: published pledges only, summary, filters, search,
campaigns, pagination by organisation, constant query count."""
import pytest
from django.test import Client
from django.urls import reverse

from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.campaigns.models import Campaign
from pacesetter.commitments.enums import CommitmentStatus
from pacesetter.commitments.views import public as public_views
from pacesetter.orgs.enums import Sector
from tests.factories import make_org

from .public_world import item, make_campaign, member_pledge, pledge, published

pytestmark = pytest.mark.django_db

URL = "/notice/"


@pytest.fixture
def client(client, settings):
    """A visitor whose browser asks for English, so texts compare with their source strings."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def campaign(tree):
    return make_campaign()


def board(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def codes(response) -> list[str]:
    return [org.code for org in response.context["page"].object_list]


def contents(entry) -> list[str]:
    """The items shown in full: the organisation's own."""
    return [i.content for p in entry.own for i in p.public_items]


def test_board_url_is_notice():
    assert reverse("notice:board") == URL


def test_board_is_chinese_by_default(tree, campaign):
    published(tree, campaign)
    assert '<html lang="zh-hans">' in Client().get(URL).content.decode()


def test_board_lists_organisations_with_published_pledges_only(tree, campaign, client):
    published(tree, campaign)
    pledge(campaign, by=tree.users.county_admin, org=tree.b2, status=CommitmentStatus.SUBMITTED)
    pledge(campaign, by=tree.users.org_admin, org=tree.t1, status=CommitmentStatus.DRAFT)
    pledge(campaign, by=tree.users.county_admin, reviewer=tree.users.county_admin, org=tree.t2,
           status=CommitmentStatus.RETURNED)
    assert codes(board(client)) == ["T1B1"]


def test_board_shows_the_organisations_items_and_its_members_pledges(tree, campaign, client):
    published(tree, campaign, items=[item("入户走访困难群众")])
    member_pledge(tree, campaign, items=[item("帮扶一户困难家庭")])
    [entry] = board(client).context["entries"]
    assert (contents(entry), [p.member.name for p in entry.members]) == (["入户走访困难群众"], ["张三"])


def test_board_leaves_out_a_members_unpublished_pledge(tree, campaign, client):
    published(tree, campaign, items=[item("入户走访困难群众")])
    member_pledge(tree, campaign, items=[item("帮扶一户困难家庭")], status=CommitmentStatus.SUBMITTED)
    [entry] = board(client).context["entries"]
    assert (contents(entry), entry.members) == (["入户走访困难群众"], [])


def test_board_lists_an_organisation_with_only_members_pledges(tree, campaign, client):
    member_pledge(tree, campaign)
    [entry] = board(client).context["entries"]
    assert (entry.org.code, entry.own, len(entry.members)) == ("T1B1", [], 1)


def test_board_links_a_members_pledge_to_its_place_on_the_organisations_page(tree, campaign, client):
    pledge_ = member_pledge(tree, campaign)
    html = board(client).content.decode()
    assert f'href="/notice/T1B1/?campaign={campaign.pk}#pledge-{pledge_.pk}"' in html


def test_board_without_published_pledges_says_so(tree, client):
    response = board(client)
    assert (response.context["campaign"], "No commitments are published yet" in response.content.decode()) == (
        None, True
    )


def test_board_summary_counts_by_township(tree, campaign, client):
    published(tree, campaign, items=[item(days=-5), item(days=20), item(days=40)])
    published(tree, campaign, org=tree.b2, items=[item(days=-1)])
    summary = board(client).context["summary"]
    rows = [(t.label, t.organizations, t.items, t.delivered, t.overdue) for t in summary.by_township]
    assert rows == [("一号镇", 1, 3, 0, 1), ("二号镇", 1, 1, 0, 1)]


def test_board_summary_counts_by_sector_and_in_total(tree, campaign, client):
    school = make_org(tree.t1, code="S1", sector=Sector.SCHOOL, township="一号镇")
    published(tree, campaign, items=[item(), item()])
    published(tree, campaign, org=school, items=[item()])
    member_pledge(tree, campaign, items=[item()])
    summary = board(client).context["summary"]
    assert (
        [(t.key, t.organizations, t.items) for t in summary.by_sector],
        (summary.total.organizations, summary.total.items),
    ) == ([("school", 1, 1), ("village", 1, 3)], (2, 4))


def test_board_summary_counts_delivered_items(tree, campaign, client):
    from pacesetter.commitments import domain

    commitment = published(tree, campaign, items=[item(), item()])
    domain.record_outcome(commitment.items.first(), by=tree.users.branch_admin, outcome="delivered", note="已完成")
    total = board(client).context["summary"].total
    assert (total.items, total.delivered, total.delivered_percent) == (2, 1, 50)


def test_board_summary_is_one_query(tree, campaign, django_assert_num_queries):
    from pacesetter.commitments.board import summary_rows

    published(tree, campaign)
    published(tree, campaign, org=tree.b2)
    with django_assert_num_queries(1):
        rows = summary_rows(campaign)
    assert len(rows) == 2


def test_board_filters_by_township(tree, campaign, client):
    published(tree, campaign)
    published(tree, campaign, org=tree.b2)
    assert codes(board(client, township="二号镇")) == ["T2B1"]


def test_board_filters_organisations_without_a_township(tree, campaign, client):
    bureau = make_org(tree.county, code="A1", name="县教育局党组", sector=Sector.AGENCY)
    published(tree, campaign)
    published(tree, campaign, org=bureau)
    assert codes(board(client, township="-")) == ["A1"]


def test_board_filters_by_sector(tree, campaign, client):
    school = make_org(tree.t1, code="S1", sector=Sector.SCHOOL, township="一号镇")
    published(tree, campaign)
    published(tree, campaign, org=school)
    assert codes(board(client, sector="school")) == ["S1"]


def test_board_refuses_an_unknown_township_with_a_message(tree, campaign, client):
    published(tree, campaign)
    response = board(client, township="三号镇")
    assert (codes(response), response.context["filter"].errors["township"]) == (
        [], ["Select a valid choice. 三号镇 is not one of the available choices."]
    )


@pytest.mark.parametrize(("text", "expected"), [
    ("师德", ["T1B1"]),  # a word inside the content
    ("每周", ["T2B1"]),  # inside the target
    ("二号村", ["T2B1"]),  # inside the organisation's name
    ("张三", ["T1B1"]),  # a member's name, for the member's pledge
    ("教师　师德", ["T1B1"]),  # two terms, separated by an ideographic space: both must match
    ("师德 每周", []),  # the terms match different organisations: none matches both
    ("ＡＢＣ", ["T2B1"]),  # full-width letters find their half-width, any case
    ("%", []),  # no wildcard
])
def test_board_search(tree, campaign, client, text, expected):
    published(tree, campaign, items=[item("加强教师师德建设", target="全年无违规")])
    published(tree, campaign, org=tree.b2, items=[item("开展abc志愿服务", target="每周一次")])
    member_pledge(tree, campaign, items=[item("带头学习", target="每月一次")])
    assert codes(board(client, q=text)) == expected


def test_board_search_shows_every_item_of_a_matching_organisation(tree, campaign, client):
    published(tree, campaign, items=[item("加强教师师德建设"), item("规范收费")])
    [entry] = board(client, q="师德").context["entries"]
    assert contents(entry) == ["加强教师师德建设", "规范收费"]


def test_board_shows_the_current_campaign_by_default(tree, client):
    old = make_campaign("2025年创先争优活动", started_days_ago=400)
    current = make_campaign()
    published(tree, old)
    published(tree, current, org=tree.b2)
    Campaign.objects.filter(pk=old.pk).update(status=CampaignStatus.CLOSED)
    response = board(client)
    assert (response.context["campaign"], codes(response)) == (current, ["T2B1"])


def test_board_shows_the_campaign_chosen(tree, client):
    old = make_campaign("2025年创先争优活动", started_days_ago=400)
    current = make_campaign()
    published(tree, old)
    published(tree, current, org=tree.b2)
    response = board(client, campaign=old.pk)
    assert (response.context["campaign"], codes(response)) == (old, ["T1B1"])


def test_board_refuses_an_unknown_campaign_with_a_message(tree, campaign, client):
    published(tree, campaign)
    response = board(client, campaign="999999")
    assert (codes(response), response.context["filter"].errors["campaign"]) == (
        [], ["Select a valid choice. 999999 is not one of the available choices."]
    )


def test_board_offers_only_campaigns_with_published_pledges(tree, client):
    current = make_campaign()
    make_campaign("尚无公开承诺的活动")
    published(tree, current)
    assert [label for _value, label in board(client).context["filter"].fields["campaign"].choices] == [current.name]


def test_board_pages_by_organisation(tree, campaign, client, monkeypatch):
    monkeypatch.setattr(public_views, "BOARD_PER_PAGE", 2)
    published(tree, campaign)
    published(tree, campaign, org=tree.b2)
    published(tree, campaign, org=tree.t2)
    assert (codes(board(client)), codes(board(client, page=2))) == (["T1B1", "T2"], ["T2B1"])


def test_board_counts_each_organisations_items(tree, campaign, client):
    published(tree, campaign, items=[item(days=-3), item()])
    member_pledge(tree, campaign, items=[item(days=-3)])
    [entry] = board(client).context["entries"]
    assert (entry.counts.items, entry.counts.delivered, entry.counts.overdue) == (3, 0, 2)


def test_board_shows_members_pledges_as_lines_with_their_counts(tree, campaign, client):
    published(tree, campaign, items=[item("入户走访困难群众")])
    member_pledge(tree, campaign, items=[item("帮扶一户困难家庭", days=-3), item()])
    [entry] = board(client).context["entries"]
    assert (
        [[i.content for i in p.public_items] for p in entry.own],
        [(p.member.name, p.counts.items, p.counts.overdue) for p in entry.members],
    ) == ([["入户走访困难群众"]], [("张三", 2, 1)])


@pytest.mark.parametrize("n", [1, 3])
def test_board_query_count_is_constant(tree, campaign, django_assert_num_queries, n):
    orgs = [tree.b1, tree.b2, tree.t2][:n]
    for org in orgs:
        published(tree, campaign, org=org, items=[item(), item()])
    member_pledge(tree, campaign)
    client = Client()
    # campaigns, the current campaign, the summary, the count, the page's organisations,
    # their own pledges, these pledges' items, their members' pledges with item counts
    with django_assert_num_queries(9):  # +1: the public page's rate-limit count (core.public_limits)
        response = client.get(URL)
    assert len(codes(response)) == n
