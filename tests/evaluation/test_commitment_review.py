"""The review of public commitments (评诺) as an evaluation round: the fulfilment rate and the
superior's judgement as record figures, the review round over every pledging organisation,
the default review scheme, and the commitments shown on the review's ballot pages."""
import datetime
import re
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pacesetter.commitments import review as commitments_review
from pacesetter.commitments.enums import Category, CommitmentStatus, Judgement, Outcome
from pacesetter.commitments.models import Commitment, CommitmentItem, SuperiorReview
from pacesetter.commitments.sources import Fulfilment, fulfilment_rates, fulfilment_values, superior_review_values
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import GroupKind, IndicatorSource, RoundKind, SchemeKind, SchemeStatus
from pacesetter.evaluation.models import Round, Scheme, SubjectResult
from pacesetter.evaluation.sources import SubjectRow
from pacesetter.evaluation.tally import tally_round
from pacesetter.orgs.enums import OrgStatus

from .test_record_indicators import cast, make_campaign, make_review_round, make_review_scheme

pytestmark = pytest.mark.django_db

#: Deadlines around today: the review rounds here close tomorrow.
TODAY = timezone.localdate()
PAST, FUTURE = TODAY - datetime.timedelta(days=10), TODAY + datetime.timedelta(days=10)


def pledge(campaign, org, *items, member=None, status=CommitmentStatus.PUBLISHED):
    """A pledge with items given as (outcome, deadline), content 承诺1, 承诺2, …"""
    commitment = Commitment.objects.create(campaign=campaign, organization=org, member=member, status=status)
    CommitmentItem.objects.bulk_create(
        CommitmentItem(commitment=commitment, order=n, content=f"承诺{n}", target=f"目标{n}", deadline=deadline,
                       category=Category.SERVICE, outcome=outcome)
        for n, (outcome, deadline) in enumerate(items, start=1)
    )
    return commitment


def judge(commitment, judgement, tree):
    return SuperiorReview.objects.create(
        commitment=commitment, judgement=judgement, by=tree.users.org_admin, by_organization=tree.t1,
        at=timezone.now(),
    )


@pytest.fixture
def campaign(db):
    return make_campaign()


# --- The fulfilment rate --------------------------------------------------------------------


def test_fulfilment_counts_delivered_among_items_decided_or_due(tree, campaign):
    pledge(campaign, tree.b1, (Outcome.DELIVERED, FUTURE), (Outcome.NOT_DELIVERED, FUTURE), (Outcome.OPEN, PAST),
           (Outcome.OPEN, FUTURE))
    assert fulfilment_rates(campaign, on=TODAY) == {(tree.b1.pk, None): Fulfilment(delivered=1, due=3)}


def test_fulfilment_rate_is_a_percentage():
    assert Fulfilment(delivered=3, due=4).rate == 75.0


def test_fulfilment_rate_is_none_while_nothing_is_due():
    assert Fulfilment(delivered=0, due=0).rate is None


def test_fulfilment_item_due_on_the_day_itself_is_not_yet_due(tree, campaign):
    pledge(campaign, tree.b1, (Outcome.OPEN, TODAY))
    assert fulfilment_rates(campaign, on=TODAY)[(tree.b1.pk, None)].rate is None


@pytest.mark.parametrize("status", [CommitmentStatus.DRAFT, CommitmentStatus.SUBMITTED, CommitmentStatus.RETURNED])
def test_fulfilment_ignores_pledges_not_published(tree, campaign, status):
    pledge(campaign, tree.b1, (Outcome.DELIVERED, PAST), status=status)
    assert fulfilment_rates(campaign, on=TODAY) == {}


def test_fulfilment_ignores_other_campaigns(tree, campaign):
    pledge(make_campaign("另一活动"), tree.b1, (Outcome.DELIVERED, PAST))
    assert fulfilment_rates(campaign, on=TODAY) == {}


def test_fulfilment_keeps_a_member_pledge_apart_from_the_organisation(tree, campaign):
    pledge(campaign, tree.b1, (Outcome.DELIVERED, PAST))
    pledge(campaign, tree.b1, (Outcome.NOT_DELIVERED, PAST), member=tree.m1)
    assert fulfilment_rates(campaign, on=TODAY) == {
        (tree.b1.pk, None): Fulfilment(1, 1), (tree.b1.pk, tree.m1.pk): Fulfilment(0, 1),
    }


def test_fulfilment_filters_by_organisation_or_member(tree, campaign):
    pledge(campaign, tree.b1, (Outcome.DELIVERED, PAST))
    pledge(campaign, tree.b2, (Outcome.DELIVERED, PAST))
    pledge(campaign, tree.b2, (Outcome.DELIVERED, PAST), member=tree.m2)
    rates = fulfilment_rates(campaign, organization_ids=[tree.b1.pk], member_ids=[tree.m2.pk], on=TODAY)
    assert sorted(rates) == [(tree.b1.pk, None), (tree.b2.pk, tree.m2.pk)]


def test_fulfilment_is_one_query(tree, campaign, django_assert_num_queries):
    for org in (tree.b1, tree.b2, tree.t1):
        pledge(campaign, org, (Outcome.DELIVERED, PAST), (Outcome.OPEN, PAST))
    with django_assert_num_queries(1):
        assert len(fulfilment_rates(campaign, on=TODAY)) == 3


# --- Record figures for a round's subjects --------------------------------------------------


@pytest.fixture
def review(tree, campaign):
    return make_review_round(make_review_scheme(), campaign, subjects=[tree.b1, tree.b2])


def _rows(review, *codes):
    return [SubjectRow(review.subjects[c].pk, review.subjects[c].organization_id, None) for c in codes]


def test_fulfilment_figure_of_each_organisation_subject(tree, campaign, review):
    pledge(campaign, tree.b1, (Outcome.DELIVERED, PAST), (Outcome.OPEN, PAST))
    pledge(campaign, tree.b1, (Outcome.NOT_DELIVERED, PAST), member=tree.m1)  # the member's, not B1's
    values = fulfilment_values(review.round, _rows(review, "T1B1", "T2B1"))
    assert values == {review.subjects["T1B1"].pk: 50.0, review.subjects["T2B1"].pk: None}


def test_fulfilment_figure_counts_items_due_before_the_round_closes(tree, campaign, review):
    closes = timezone.localdate(review.round.closes_at)
    pledge(campaign, tree.b1, (Outcome.DELIVERED, PAST), (Outcome.OPEN, closes - datetime.timedelta(days=1)),
           (Outcome.OPEN, closes))
    assert fulfilment_values(review.round, _rows(review, "T1B1")) == {review.subjects["T1B1"].pk: 50.0}


def test_fulfilment_figure_of_a_person_is_the_member_own_pledge(tree, campaign, review_person):
    pledge(campaign, tree.b1, (Outcome.DELIVERED, PAST))
    pledge(campaign, tree.b1, (Outcome.DELIVERED, PAST), (Outcome.NOT_DELIVERED, PAST), (Outcome.OPEN, FUTURE),
           (Outcome.OPEN, FUTURE), member=tree.m1)
    person = review_person
    assert fulfilment_values(person.round, [SubjectRow(person.pk, tree.b1.pk, tree.m1.pk)]) == {person.pk: 50.0}


@pytest.fixture
def review_person(tree, campaign):
    now = timezone.now()
    round_ = domain.create_round(
        scheme=make_review_scheme(name="书记评诺"), kind=RoundKind.COMMITMENT_REVIEW, campaign=campaign, name="书记评诺",
        opens_at=now, closes_at=now + datetime.timedelta(days=1), by=None,
    )
    return domain.add_person_subjects(round_, members=[tree.m1], role_title="支部书记", by=None)[0]


def test_superior_review_figure_is_the_points_of_the_judgement(tree, campaign, review):
    judge(pledge(campaign, tree.b1, (Outcome.DELIVERED, PAST)), Judgement.GOOD, tree)
    pledge(campaign, tree.b2, (Outcome.DELIVERED, PAST))
    values = superior_review_values(review.round, _rows(review, "T1B1", "T2B1"))
    assert values == {review.subjects["T1B1"].pk: 80, review.subjects["T2B1"].pk: None}


def test_superior_review_figure_of_a_person_is_the_judgement_of_the_member_pledge(tree, campaign, review_person):
    judge(pledge(campaign, tree.b1, (Outcome.DELIVERED, PAST)), Judgement.POOR, tree)
    judge(pledge(campaign, tree.b1, (Outcome.DELIVERED, PAST), member=tree.m1), Judgement.EXCELLENT, tree)
    person = review_person
    assert superior_review_values(person.round, [SubjectRow(person.pk, tree.b1.pk, tree.m1.pk)]) == {person.pk: 100}


def test_superior_review_of_a_pledge_not_published_gives_no_figure(tree, campaign, review):
    judge(pledge(campaign, tree.b1, (Outcome.DELIVERED, PAST), status=CommitmentStatus.RETURNED), Judgement.GOOD, tree)
    assert superior_review_values(review.round, _rows(review, "T1B1")) == {review.subjects["T1B1"].pk: None}


# --- The review round and its default scheme ------------------------------------------------


def test_default_review_scheme_is_ready_with_ballot_and_record_indicators(tree):
    scheme = commitments_review.default_review_scheme(by=tree.users.county_admin)
    assert (scheme.name, scheme.kind, scheme.status,
            list(scheme.indicators.order_by("order").values_list("source", "weight")),
            sorted(scheme.groups.values_list("kind", "weight"))) == (
        "Commitment review", SchemeKind.COMMITMENT_REVIEW, SchemeStatus.ACTIVE,
        [("ballot", 30), ("ballot", 20), ("commitment_fulfilment", 30), ("superior_review", 20)],
        [("members", 60), ("public", 40)],
    )


def test_default_review_scheme_is_made_once(tree):
    first = commitments_review.default_review_scheme(by=tree.users.county_admin)
    assert (commitments_review.default_review_scheme(by=tree.users.county_admin), Scheme.objects.count()) == (first, 1)


def test_default_review_scheme_is_the_county_admin_s(tree):
    with pytest.raises(PermissionDeniedError):
        commitments_review.default_review_scheme(by=tree.users.org_admin)


def _review_round(campaign, tree, *, by=None, groups=None):
    scheme = commitments_review.default_review_scheme(by=tree.users.county_admin)
    now = timezone.now()
    return commitments_review.create_review_round(
        campaign, scheme=scheme, name="2026年度评诺", opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=1),
        groups={GroupKind.MEMBERS: 20, GroupKind.PUBLIC: 50} if groups is None else groups,
        by=by or tree.users.county_admin,
    )


def test_review_round_evaluates_every_organisation_with_a_published_pledge(tree, campaign):
    pledge(campaign, tree.b1, (Outcome.OPEN, FUTURE))
    pledge(campaign, tree.b2, (Outcome.OPEN, FUTURE))
    pledge(campaign, tree.t1, (Outcome.OPEN, FUTURE), status=CommitmentStatus.SUBMITTED)
    pledge(campaign, tree.t2, (Outcome.OPEN, FUTURE), member=tree.m2)  # a member's pledge only
    round_ = _review_round(campaign, tree)
    assert sorted(round_.subjects.values_list("organization__code", "member")) == [("T1B1", None), ("T2B1", None)]


def test_review_round_leaves_out_dissolved_organisations(tree, campaign):
    pledge(campaign, tree.b1, (Outcome.OPEN, FUTURE))
    pledge(campaign, tree.b2, (Outcome.OPEN, FUTURE))
    type(tree.b2).objects.filter(pk=tree.b2.pk).update(status=OrgStatus.DISSOLVED)
    assert list(_review_round(campaign, tree).subjects.values_list("organization__code", flat=True)) == ["T1B1"]


def test_review_round_is_a_draft_commitment_review_of_the_campaign(tree, campaign):
    pledge(campaign, tree.b1, (Outcome.OPEN, FUTURE))
    round_ = _review_round(campaign, tree)
    assert (round_.kind, round_.state, round_.campaign, round_.scheme.kind) == (
        RoundKind.COMMITMENT_REVIEW, "draft", campaign, SchemeKind.COMMITMENT_REVIEW
    )


def test_review_round_takes_the_voter_groups_asked_for(tree, campaign):
    pledge(campaign, tree.b1, (Outcome.OPEN, FUTURE))
    round_ = _review_round(campaign, tree)
    assert sorted(round_.round_groups.values_list("voter_group__kind", "expected")) == [
        ("members", 20), ("public", 50)
    ]


def test_review_round_is_audited_with_its_campaign(tree, campaign):
    pledge(campaign, tree.b1, (Outcome.OPEN, FUTURE))
    round_ = _review_round(campaign, tree)
    entry = AuditEntry.objects.get(action="commitments.review.create_round")
    assert (entry.object_id, entry.actor_id, entry.after) == (
        str(round_.pk), tree.users.county_admin.pk,
        {"campaign": campaign.pk, "scheme": round_.scheme_id, "subjects": 1, "groups": {"members": 20, "public": 50}},
    )


def test_review_round_is_the_county_admin_s(tree, campaign):
    pledge(campaign, tree.b1, (Outcome.OPEN, FUTURE))
    commitments_review.default_review_scheme(by=tree.users.county_admin)
    with pytest.raises(PermissionDeniedError):
        _review_round(campaign, tree, by=tree.users.org_admin)


def test_review_round_without_any_published_pledge_is_refused(tree, campaign):
    pledge(campaign, tree.b1, (Outcome.OPEN, FUTURE), status=CommitmentStatus.DRAFT)
    with pytest.raises(DomainError) as caught:
        _review_round(campaign, tree)
    assert (caught.value.message_dict, Round.objects.count()) == (
        {"campaign": ["No organisation has a published commitment in “2026年创先争优活动” yet."]}, 0
    )


def test_review_round_with_a_group_the_scheme_lacks_is_refused_whole(tree, campaign):
    pledge(campaign, tree.b1, (Outcome.OPEN, FUTURE))
    with pytest.raises(DomainError) as caught:
        _review_round(campaign, tree, groups={GroupKind.MEMBERS: 20, GroupKind.OUTSIDE_RATERS: 5})
    assert (caught.value.message_dict, Round.objects.count()) == (
        {"groups": ["The scheme “Commitment review” has no voter group “outside raters”."]}, 0
    )


# --- A whole review, counted ------------------------------------------------------------------


def test_review_round_is_counted_with_fulfilment_and_judgement(tree, campaign):
    """T1B1: 3 of 4 decided-or-due items delivered (75), judged good (80). T2B1: nothing due
    yet (no figure), no judgement. Default scheme: ballot part 30 + 20, records 30 + 20."""
    judge(pledge(campaign, tree.b1, (Outcome.DELIVERED, PAST), (Outcome.DELIVERED, FUTURE), (Outcome.DELIVERED, PAST),
                 (Outcome.NOT_DELIVERED, PAST), (Outcome.OPEN, FUTURE)), Judgement.GOOD, tree)
    pledge(campaign, tree.b2, (Outcome.OPEN, FUTURE))
    round_ = domain.open_round(_review_round(campaign, tree), by=None)
    scheme = round_.scheme
    setup = SimpleNamespace(
        round=round_, subjects={s.organization.code: s for s in round_.subjects.all()},
        groups={g.voter_group.kind: g for g in round_.round_groups.select_related("voter_group")},
        ballot_ids=list(scheme.indicators.filter(source=IndicatorSource.BALLOT).order_by("order")
                        .values_list("id", flat=True)),
    )
    # members: grade4 (100 + 80) / 2 = 90, satisfaction3 (100 + 60) / 2 = 80 → 0.3 × 90 + 0.2 × 80 = 43
    cast(setup, "T1B1", GroupKind.MEMBERS, (0, 0), (1, 1))
    # T2B1 members: good (80), fairly satisfied (60) → 0.3 × 80 + 0.2 × 60 = 36, of 50 → 72
    cast(setup, "T2B1", GroupKind.MEMBERS, (1, 1))
    round_ = domain.close_round(round_, by=None)
    tally = tally_round(round_, by=tree.users.county_admin)
    fulfilment, superior = scheme.indicators.exclude(source=IndicatorSource.BALLOT).order_by("order")
    rows = {r.subject.organization.code: (r.composite, r.record_values)
            for r in SubjectResult.objects.filter(tally=tally).select_related("subject__organization")}
    assert rows == {
        "T1B1": (81.5, {str(fulfilment.pk): 75.0, str(superior.pk): 80.0}),
        "T2B1": (72.0, {str(fulfilment.pk): None, str(superior.pk): None}),
    }


# --- The commitments on the review's ballot pages -------------------------------------------


@pytest.fixture
def ballots(tree, campaign, review):
    pledge(campaign, tree.b1, (Outcome.DELIVERED, PAST), (Outcome.OPEN, PAST), (Outcome.OPEN, FUTURE))
    pledge(campaign, tree.b1, (Outcome.OPEN, FUTURE), member=tree.m1)
    pledge(campaign, tree.b2, (Outcome.OPEN, FUTURE))
    review.tokens = domain.make_tokens(review.round, subject=review.subjects["T1B1"],
                                       group=review.groups[GroupKind.MEMBERS], count=2, by=None)
    return review


@pytest.fixture
def en_client(settings):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_review_ballot_page_shows_the_subject_own_published_items(en_client, ballots):
    response = en_client.get(reverse("ballot:vote", kwargs={"token": ballots.tokens[0]}))
    items = response.context["ballot_extra"]["commitment_items"]
    assert [(i.content, i.target, i.status) for i in items] == [
        ("承诺1", "目标1", "delivered"), ("承诺2", "目标2", "overdue"), ("承诺3", "目标3", "on_track"),
    ]


def _items_text(html: str) -> list[str]:
    section = re.search(r'id="review-commitments".*?</section>', html, re.S).group(0)
    return [" ".join(re.sub(r"<[^>]+>", " ", li).split()) for li in re.findall(r"<li.*?</li>", section, re.S)]


def test_review_ballot_page_lists_each_item_with_target_deadline_and_status(en_client, ballots):
    html = en_client.get(reverse("ballot:vote", kwargs={"token": ballots.tokens[0]})).content.decode()
    assert _items_text(html) == [
        f"承诺1 Target: 目标1 Due by {PAST:%Y-%m-%d} delivered",
        f"承诺2 Target: 目标2 Due by {PAST:%Y-%m-%d} overdue",
        f"承诺3 Target: 目标3 Due by {FUTURE:%Y-%m-%d} on track",
    ]


def test_review_ballot_page_shows_the_items_above_the_questions(en_client, ballots):
    html = en_client.get(reverse("ballot:vote", kwargs={"token": ballots.tokens[0]})).content.decode()
    assert html.index('id="review-commitments"') < html.index("<fieldset")


def test_review_ballot_page_without_a_published_pledge_says_so(en_client, tree, campaign, review):
    token = domain.make_tokens(review.round, subject=review.subjects["T1B1"], group=review.groups[GroupKind.MEMBERS],
                               count=1, by=None)[0]
    html = en_client.get(reverse("ballot:vote", kwargs={"token": token})).content.decode()
    assert html.count("No published commitment of this campaign.") == 1


def test_review_open_survey_shows_the_subject_items(en_client, tree, campaign):
    pledge(campaign, tree.b1, (Outcome.DELIVERED, PAST), (Outcome.OPEN, FUTURE))
    setup = make_review_round(make_review_scheme(), campaign, subjects=[tree.b1], allow_open_channel=True)
    response = en_client.get(reverse("survey:vote", kwargs={"key": setup.subjects["T1B1"].open_key}))
    assert [i.content for i in response.context["ballot_extra"]["commitment_items"]] == ["承诺1", "承诺2"]


def test_ballot_page_of_another_kind_of_round_shows_no_commitments(en_client, live):
    response = en_client.get(reverse("ballot:vote", kwargs={"token": live.tokens[0]}))
    assert (response.context["ballot_extra"], b"review-commitments" in response.content) == (None, False)


def test_review_check_page_shows_no_commitments(en_client, ballots):
    form = {"step": "review", **{f"q{pk}": "0" for pk in ballots.ballot_ids}}
    response = en_client.post(reverse("ballot:vote", kwargs={"token": ballots.tokens[0]}), form)
    assert (response.status_code, b"review-commitments" in response.content) == (200, False)


@pytest.mark.parametrize("items", [1, 3])
def test_review_ballot_page_queries_do_not_grow_with_items(en_client, tree, campaign, review, items,
                                                           django_assert_num_queries):
    pledge(campaign, tree.b1, *[(Outcome.OPEN, FUTURE)] * items)
    token = domain.make_tokens(review.round, subject=review.subjects["T1B1"], group=review.groups[GroupKind.MEMBERS],
                               count=1, by=None)[0]
    url = reverse("ballot:vote", kwargs={"token": token})
    en_client.get(url)
    with django_assert_num_queries(4):
        response = en_client.get(url)
    assert len(response.context["ballot_extra"]["commitment_items"]) == items
