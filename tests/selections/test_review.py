"""The township and county reviews with reasons, and the ranked shortlist with quotas."""
import datetime

import pytest
from django.db.models import F

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.notifications.models import Notification
from pacesetter.orgs.enums import Role
from pacesetter.selections import domain
from pacesetter.selections.enums import NominationStatus, QuotaBy, SelectionState
from pacesetter.selections.models import NominationReview

from ..factories import make_org, make_user
from .world import approve, make_selection, released_round


def nominate(tree, selection, org, by=None):
    return domain.nominate(selection, by=by or tree.users.county_admin, organization=org, statement="事迹")


def test_branch_nomination_waits_for_the_township(tree):
    nomination = nominate(tree, make_selection(tree), tree.b1)
    assert domain.review_level(nomination) == "township"


def test_unit_below_the_county_skips_the_township(tree):
    nomination = nominate(tree, make_selection(tree), tree.t1)
    assert domain.review_level(nomination) == "county"


def test_township_admin_approves_with_a_reason(tree):
    nomination = nominate(tree, make_selection(tree), tree.b1)
    domain.review_nomination(nomination, by=tree.users.org_admin, decision="approve", reason="材料翔实")
    nomination.refresh_from_db()
    review = NominationReview.objects.get()
    assert (nomination.status, review.level, review.reason, review.by) == (
        NominationStatus.TOWNSHIP_APPROVED, "township", "材料翔实", tree.users.org_admin)


def test_county_cannot_take_the_township_review(tree):
    nomination = nominate(tree, make_selection(tree), tree.b1)
    with pytest.raises(PermissionDeniedError):
        domain.review_nomination(nomination, by=tree.users.county_admin, decision="approve", reason="好")


def test_other_township_cannot_review(tree):
    other = make_user("township2", Role.ORG_ADMIN, tree.t2)
    nomination = nominate(tree, make_selection(tree), tree.b1)
    with pytest.raises(PermissionDeniedError):
        domain.review_nomination(nomination, by=other, decision="approve", reason="好")


def test_review_needs_a_reason(tree):
    nomination = nominate(tree, make_selection(tree), tree.b1)
    with pytest.raises(DomainError) as error:
        domain.review_nomination(nomination, by=tree.users.org_admin, decision="reject", reason="  ")
    assert error.value.code == "required"


def test_township_rejection_ends_it_and_tells_the_nominators(tree, django_capture_on_commit_callbacks):
    nomination = nominate(tree, make_selection(tree), tree.b1, by=tree.users.branch_admin)
    with django_capture_on_commit_callbacks(execute=True):
        domain.review_nomination(nomination, by=tree.users.org_admin, decision="reject", reason="事迹不突出")
    nomination.refresh_from_db()
    assert (nomination.status, domain.review_level(nomination),
            list(Notification.objects.values_list("user__username", "body"))) == (
        NominationStatus.REJECTED, None, [("branch1", "事迹不突出")])


def test_county_approves_after_the_township(tree):
    nomination = approve(tree, nominate(tree, make_selection(tree), tree.b1))
    assert (nomination.status, list(nomination.reviews.values_list("level", "decision"))) == (
        NominationStatus.COUNTY_APPROVED, [("township", "approve"), ("county", "approve")])


def test_ineligible_nomination_cannot_pass_the_county(tree):
    nomination = nominate(tree, make_selection(tree, rules={"min_grade": "good"}), tree.b2)
    admin2 = make_user("township2", Role.ORG_ADMIN, tree.t2)
    domain.review_nomination(nomination, by=admin2, decision="approve", reason="好")
    with pytest.raises(DomainError) as error:
        domain.review_nomination(nomination, by=tree.users.county_admin, decision="approve", reason="好")
    assert (error.value.code, nomination.eligible) == ("ineligible", False)


def test_ineligible_nomination_may_be_rejected_by_the_county(tree):
    selection = make_selection(tree, rules={"min_grade": "good"})
    nomination = nominate(tree, selection, tree.t2)
    nomination.eligible = False
    nomination.save()
    domain.review_nomination(nomination, by=tree.users.county_admin, decision="reject", reason="不符合条件")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.REJECTED


def _pool(tree, **fields):
    """Approved nominations of T1B1 (88), T1 (85), T2 (75), T2B1 (64) and a new T1B2 (88)."""
    t1b2 = make_org(tree.t1, code="T1B2", name="一号镇二村党支部", township="一号镇")
    round_ = released_round(tree, [(tree.b1, None, 88.0, "advanced"), (tree.t1, None, 85.0, "advanced"),
                                   (tree.t2, None, 75.0, "good"), (tree.b2, None, 64.0, "lagging"),
                                   (t1b2, None, 88.0, "advanced")])
    selection = make_selection(tree, round_=round_, **fields)
    noms = {org.code: nominate(tree, selection, org) for org in (tree.b1, tree.t1, tree.t2, tree.b2, t1b2)}
    domain.start_review(selection, by=tree.users.county_admin)
    for nomination in noms.values():
        approve(tree, nomination) if nomination.organization.township != "二号镇" or nomination.organization.depth == 2 \
            else _approve_t2(tree, nomination)
    return selection, noms


def _approve_t2(tree, nomination):
    admin2 = make_user("township2", Role.ORG_ADMIN, tree.t2)
    domain.review_nomination(nomination, by=admin2, decision="approve", reason="好")
    domain.review_nomination(nomination, by=tree.users.county_admin, decision="approve", reason="好")


def _ranked(selection):
    return list(selection.nominations.order_by(F("rank").asc(nulls_last=True), "id").values_list("organization__code", "status", "rank"))


def test_shortlist_ranks_by_score_with_ties_to_the_earlier_nomination(tree):
    selection, _noms = _pool(tree, default_quota=3)
    domain.shortlist(selection, by=tree.users.county_admin)
    assert _ranked(selection) == [
        ("T1B1", "shortlisted", 1), ("T1B2", "shortlisted", 2), ("T1", "shortlisted", 3),
        ("T2", "county_approved", None), ("T2B1", "county_approved", None)]


def test_shortlist_takes_each_townships_quota(tree):
    selection, _noms = _pool(tree, quota_by=QuotaBy.TOWNSHIP, default_quota=1, quotas={"一号镇": 2})
    domain.shortlist(selection, by=tree.users.county_admin)
    assert _ranked(selection) == [
        ("T1B1", "shortlisted", 1), ("T1B2", "shortlisted", 2), ("T2", "shortlisted", 3),
        ("T1", "county_approved", None), ("T2B1", "county_approved", None)]


def test_shortlist_by_sector_gives_unlisted_sectors_the_default(tree):
    selection, _noms = _pool(tree, quota_by=QuotaBy.SECTOR, default_quota=2, quotas={"agency": 0})
    domain.shortlist(selection, by=tree.users.county_admin)
    assert [c for c, status, _r in _ranked(selection) if status == "shortlisted"] == ["T1B1", "T1B2"]


def test_shortlist_keeps_the_score_of_those_left_out(tree):
    selection, noms = _pool(tree, default_quota=1)
    domain.shortlist(selection, by=tree.users.county_admin)
    noms["T2B1"].refresh_from_db()
    assert (str(noms["T2B1"].score), noms["T2B1"].rank) == ("64.000", None)


def test_shortlist_only_under_review(tree):
    selection = make_selection(tree)
    with pytest.raises(DomainError) as error:
        domain.shortlist(selection, by=tree.users.county_admin)
    assert error.value.code == "state"


def test_start_notice_sets_five_working_days(tree):
    selection, _noms = _pool(tree)
    domain.shortlist(selection, by=tree.users.county_admin)
    friday = datetime.date(2030, 1, 4)
    selection = domain.start_notice(selection, by=tree.users.county_admin, starts_on=friday)
    assert (selection.state, selection.notice_starts_on, selection.notice_ends_on) == (
        SelectionState.NOTICE, friday, datetime.date(2030, 1, 10))


@pytest.mark.parametrize(("start", "days", "end"), [
    (datetime.date(2030, 1, 7), 5, datetime.date(2030, 1, 11)),
    (datetime.date(2030, 1, 5), 5, datetime.date(2030, 1, 11)),
    (datetime.date(2030, 1, 11), 1, datetime.date(2030, 1, 11)),
    (datetime.date(2030, 1, 12), 1, datetime.date(2030, 1, 14)),
])
def test_add_working_days(start, days, end):
    assert domain.add_working_days(start, days) == end
