"""The page that starts a campaign's commitment review (评诺), and the campaign page's section
listing its reviews. Who may reach the page is in tests/visibility/commitments_review_round.py."""
import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from pacesetter.commitments.enums import CommitmentStatus
from pacesetter.commitments.forms_review import STANDARD_GROUPS
from pacesetter.commitments.review import default_review_scheme
from pacesetter.evaluation import domain as ev_domain
from pacesetter.evaluation.enums import GroupKind, RoundKind, RoundState, Scale, SchemeKind
from pacesetter.evaluation.models import Round, RoundGroup, Scheme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def url(campaign) -> str:
    return reverse("commitments:review-round-new", args=[campaign.pk])


def form_data(**fields) -> dict:
    opens = timezone.localtime().replace(second=0, microsecond=0) + datetime.timedelta(days=1)
    data = {
        "name": "2026年度评诺", "scheme": "", "opens_at": opens.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (opens + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "expected_members": "10", "expected_public": "20",
    }
    return data | fields


def members_only_scheme(name="党员评诺方案", groups=({"kind": GroupKind.MEMBERS, "weight": 100},)) -> Scheme:
    scheme = ev_domain.create_scheme(
        name=name, kind=SchemeKind.COMMITMENT_REVIEW, by=None, groups=list(groups),
        indicators=[{"question": "履诺情况", "scale": Scale.GRADE4, "weight": 100}],
    )
    return ev_domain.activate_scheme(scheme, by=None)


@pytest.fixture
def admin(tree, client):
    client.force_login(tree.users.county_admin)
    return client


@pytest.fixture
def pledged(tree, make_pledge):
    """Published pledges of T1B1, T2 and M1 (a member's: reviewed with T1B1), T1's only submitted."""
    make_pledge(org=tree.b1)
    make_pledge(org=tree.t2)
    make_pledge(org=tree.t1, status=CommitmentStatus.SUBMITTED)
    tree.m1.user = tree.users.member
    tree.m1.save(update_fields=["user"])
    make_pledge(member=tree.m1)


def test_form_offers_the_standard_scheme_and_its_groups(admin, campaign):
    response = admin.get(url(campaign))
    form = response.context["form"]
    assert response.status_code == 200
    assert form.initial["name"] == "2026年创先争优活动: commitment review"
    assert [name for name in form.fields if name.startswith("expected_")] == ["expected_members", "expected_public"]
    assert list(form.fields["scheme"].choices) == [("", "The standard scheme “Commitment review”")]


def test_form_does_not_make_the_standard_scheme(admin, campaign):
    admin.get(url(campaign))
    assert Scheme.objects.count() == 0


def draft_scheme(group=GroupKind.LEADERSHIP) -> Scheme:
    return ev_domain.create_scheme(
        name="草稿评诺", kind=SchemeKind.COMMITMENT_REVIEW, by=None, groups=[{"kind": group, "weight": 100}],
        indicators=[{"question": "履诺情况", "scale": Scale.GRADE4, "weight": 100}],
    )


def test_form_offers_only_active_review_schemes(admin, campaign):
    custom = members_only_scheme()
    draft_scheme()
    form = admin.get(url(campaign)).context["form"]
    assert [value for value, _ in form.fields["scheme"].choices][1:] == [custom.pk]


def test_form_offers_the_groups_of_active_review_schemes(admin, campaign):
    members_only_scheme(groups=[{"kind": GroupKind.SERVICE_USERS, "weight": 100}])
    draft_scheme()
    form = admin.get(url(campaign)).context["form"]
    assert [name for name in form.fields if name.startswith("expected_")] == [
        "expected_members", "expected_public", "expected_service_users"
    ]


def test_standard_groups_are_the_standard_schemes(tree):
    scheme = default_review_scheme(by=tree.users.county_admin)
    assert sorted(scheme.groups.values_list("kind", flat=True)) == sorted(STANDARD_GROUPS)


def test_start_makes_a_draft_review_of_every_organisation_with_a_published_pledge(admin, tree, campaign, pledged):
    response = admin.post(url(campaign), form_data())
    round_ = Round.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("evaluation:round", args=[round_.pk])
    assert (round_.kind, round_.state, round_.campaign, round_.name) == (
        RoundKind.COMMITMENT_REVIEW, RoundState.DRAFT, campaign, "2026年度评诺"
    )
    assert sorted(round_.subjects.values_list("organization__code", flat=True)) == ["T1B1", "T2"]


def test_start_uses_the_standard_scheme_with_the_expected_ballots(admin, campaign, pledged):
    admin.post(url(campaign), form_data())
    round_ = Round.objects.get()
    assert round_.scheme.name == "Commitment review"
    assert dict(RoundGroup.objects.filter(round=round_).values_list("voter_group__kind", "expected")) == {
        "members": 10, "public": 20,
    }


def test_start_says_how_many_organisations_are_reviewed(admin, campaign, pledged):
    response = admin.post(url(campaign), form_data(name="评诺"))
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The review “评诺” was created as a draft with 2 organisations to review."
    ]


def test_start_takes_the_open_survey_box(admin, campaign, pledged):
    admin.post(url(campaign), form_data(allow_open_channel="on"))
    assert Round.objects.get().allow_open_channel is True


def test_start_with_a_chosen_scheme(admin, campaign, pledged):
    custom = members_only_scheme()
    admin.post(url(campaign), form_data(scheme=str(custom.pk), expected_public=""))
    round_ = Round.objects.get()
    assert round_.scheme == custom
    assert list(RoundGroup.objects.filter(round=round_).values_list("voter_group__kind", "expected")) == [
        ("members", 10)
    ]


def test_start_without_published_pledges_names_the_campaign(admin, tree, campaign, make_pledge):
    make_pledge(org=tree.b1, status=CommitmentStatus.SUBMITTED)
    response = admin.post(url(campaign), form_data())
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "No organisation has a published commitment in “2026年创先争优活动” yet."
    ]


def test_refused_start_makes_neither_round_nor_scheme(admin, campaign):
    admin.post(url(campaign), form_data())
    assert (Round.objects.count(), Scheme.objects.count()) == (0, 0)


def test_group_the_scheme_lacks_is_shown_above_the_groups(admin, campaign, pledged):
    custom = members_only_scheme()
    response = admin.post(url(campaign), form_data(scheme=str(custom.pk)))
    assert response.context["form"].group_errors == [
        "The scheme “党员评诺方案” has no voter group “the public”."
    ]
    assert Round.objects.count() == 0


def test_no_group_is_shown_above_the_groups(admin, campaign, pledged):
    response = admin.post(url(campaign), form_data(expected_members="", expected_public=""))
    assert response.context["form"].group_errors == ["Choose at least one voter group."]
    assert Round.objects.count() == 0


def test_closing_before_opening_is_refused(admin, campaign, pledged):
    data = form_data()
    response = admin.post(url(campaign), form_data(closes_at=data["opens_at"]))
    assert response.context["form"].errors == {"closes_at": ["A round must close after it opens."]}
    assert Round.objects.count() == 0


def test_a_date_that_is_no_date_is_refused(admin, campaign, pledged):
    response = admin.post(url(campaign), form_data(opens_at="2026-13-40T25:00"))
    assert response.context["form"].errors == {"opens_at": ["Enter a valid date/time."]}


def test_negative_ballots_are_refused(admin, campaign, pledged):
    response = admin.post(url(campaign), form_data(expected_public="-1"))
    assert response.context["form"].errors == {
        "expected_public": ["Ensure this value is greater than or equal to 0."]
    }


def test_fractional_ballots_are_refused(admin, campaign, pledged):
    response = admin.post(url(campaign), form_data(expected_members="2.5"))
    assert response.context["form"].errors == {"expected_members": ["Enter a whole number."]}


@pytest.mark.parametrize("role", ["org_admin", "inspector", "member"])
def test_only_the_county_admin_starts_a_review(client, tree, campaign, pledged, role):
    client.force_login(getattr(tree.users, role))
    assert client.post(url(campaign), form_data()).status_code == 403
    assert Round.objects.count() == 0


# --- The campaign page's section --------------------------------------------------------------

def review_round(campaign, name, *, days=0):
    opens = timezone.now() + datetime.timedelta(days=days)
    return ev_domain.create_round(
        scheme=default_review_scheme(by=None), kind=RoundKind.COMMITMENT_REVIEW, campaign=campaign, name=name,
        opens_at=opens, closes_at=opens + datetime.timedelta(days=7), by=None,
    )


def detail(client, campaign):
    return client.get(reverse("campaigns:campaign-detail", args=[campaign.pk]))


def test_campaign_page_lists_its_reviews_newest_first(admin, campaign):
    older, newer = review_round(campaign, "上半年评诺"), review_round(campaign, "年度评诺", days=30)
    response = detail(admin, campaign)
    assert response.context["review_rounds"] == [newer, older]
    assert reverse("evaluation:round", args=[newer.pk]) in response.content.decode()


def test_campaign_page_leaves_out_other_campaigns_reviews(admin, campaign):
    other = type(campaign).objects.create(
        name="2025年创先争优活动", year=2025, starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2025, 12, 31)
    )
    review_round(other, "去年评诺")
    assert detail(admin, campaign).context["review_rounds"] == []


def test_campaign_page_offers_the_start_button_to_the_county_admin(admin, campaign):
    assert url(campaign) in detail(admin, campaign).content.decode()


def test_campaign_page_has_no_start_button_for_others(client, tree, campaign):
    client.force_login(tree.users.org_admin)
    assert url(campaign) not in detail(client, campaign).content.decode()


def test_campaign_page_hides_reviews_without_a_subject_in_view(client, tree, campaign):
    round_ = review_round(campaign, "年度评诺")
    ev_domain.add_subjects(round_, organizations=[tree.b2], by=None)
    client.force_login(tree.users.org_admin)
    assert detail(client, campaign).context["review_rounds"] == []


def test_campaign_page_shows_a_limited_number_of_reviews(admin, campaign):
    for n in range(6):
        review_round(campaign, f"评诺{n}", days=n)
    response = detail(admin, campaign)
    assert (len(response.context["review_rounds"]), response.context["more_review_rounds"]) == (5, True)


@pytest.mark.parametrize("n", [1, 3])
def test_campaign_page_query_count_is_constant(admin, campaign, django_assert_num_queries, n):
    for i in range(n):
        review_round(campaign, f"评诺{i}", days=i)
    # session, user, roles, the campaign, its reviews, the unread badge
    with django_assert_num_queries(6):
        response = detail(admin, campaign)
    assert len(response.context["review_rounds"]) == n
