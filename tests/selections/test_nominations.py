"""Nominating (record snapshot, eligibility, duplicates, evidence) and withdrawing."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from pacesetter.accountability.enums import CaseSource, CaseStatus
from pacesetter.accountability.models import AccountabilityCase
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.evaluation.models import SubjectResult
from pacesetter.linkage import domain as linkage_domain
from pacesetter.orgs.enums import MemberStatus
from pacesetter.selections import domain
from pacesetter.selections.eligibility import explain
from pacesetter.selections.enums import NominationStatus, SelectionState

from .world import make_selection, member_kind


def test_nomination_takes_the_record_from_the_round(tree):
    selection = make_selection(tree, rules={"min_grade": "good"})
    nomination = domain.nominate(selection, by=tree.users.branch_admin, organization=tree.b1, statement="事迹")
    record = nomination.record
    assert (record["grade"], record["composite"], record["rank_peer"], record["score"], record["open_cases"],
            record["organization"]["code"], nomination.eligible, nomination.nominated_by) == (
        "advanced", 88.0, 1, 88.0, 0, "T1B1", True, tree.b1)


def test_later_changes_do_not_alter_the_snapshot(tree):
    selection = make_selection(tree, rules={"min_grade": "advanced", "no_open_case": True})
    nomination = domain.nominate(selection, by=tree.users.branch_admin, organization=tree.b1, statement="事迹")
    SubjectResult.objects.filter(subject__organization=tree.b1).update(grade="lagging", composite=10.0)
    AccountabilityCase.objects.create(organization=tree.b1, source=CaseSource.INSPECTOR, status=CaseStatus.OPEN,
                                      opened_at=nomination.created_at)
    nomination.refresh_from_db()
    assert (nomination.record["grade"], nomination.record["open_cases"], nomination.eligible) == ("advanced", 0, True)


def test_an_open_case_at_nomination_makes_it_ineligible_but_kept(tree):
    AccountabilityCase.objects.create(organization=tree.b2, source=CaseSource.INSPECTOR, status=CaseStatus.OPEN,
                                      opened_at="2026-01-01T00:00:00+08:00")
    selection = make_selection(tree, rules={"no_open_case": True})
    nomination = domain.nominate(selection, by=tree.users.county_admin, organization=tree.b2, statement="事迹")
    assert (nomination.eligible, nomination.eligibility, nomination.status) == (
        False, [{"rule": "no_open_case", "threshold": True, "value": 1, "passed": False}], NominationStatus.SUBMITTED)


def test_member_nominee_uses_their_own_composite_and_organisation_grade(tree):
    selection = make_selection(tree, honour=member_kind(), rules={"formal_members_only": True})
    nomination = domain.nominate(selection, by=tree.users.branch_admin, organization=tree.b1, member=tree.m1,
                                 statement="先锋模范")
    assert (nomination.record["grade"], nomination.record["member_composite"], nomination.record["score"],
            nomination.record["member"]["status"], nomination.eligible) == ("advanced", 95.0, 95.0, "formal", True)


def test_probationary_member_is_ineligible(tree):
    tree.m1.status = MemberStatus.PROBATIONARY
    tree.m1.save()
    selection = make_selection(tree, honour=member_kind(), rules={"formal_members_only": True})
    nomination = domain.nominate(selection, by=tree.users.branch_admin, organization=tree.b1, member=tree.m1,
                                 statement="先锋模范")
    assert nomination.eligible is False


def test_individual_honour_needs_a_member(tree):
    selection = make_selection(tree, honour=member_kind())
    with pytest.raises(DomainError) as error:
        domain.nominate(selection, by=tree.users.branch_admin, organization=tree.b1, statement="事迹")
    assert error.value.code == "member_required"


def test_one_nomination_per_nominee(tree):
    selection = make_selection(tree)
    domain.nominate(selection, by=tree.users.branch_admin, organization=tree.b1, statement="事迹")
    with pytest.raises(DomainError) as error:
        domain.nominate(selection, by=tree.users.org_admin, organization=tree.b1, statement="再次")
    assert (error.value.code, selection.nominations.count()) == ("duplicate", 1)


def test_nominating_outside_the_subtree_is_forbidden(tree):
    selection = make_selection(tree)
    with pytest.raises(PermissionDeniedError):
        domain.nominate(selection, by=tree.users.org_admin, organization=tree.b2, statement="事迹")


def test_nominating_needs_open_nominations(tree):
    selection = make_selection(tree, state=SelectionState.DRAFT)
    with pytest.raises(DomainError) as error:
        domain.nominate(selection, by=tree.users.branch_admin, organization=tree.b1, statement="事迹")
    assert error.value.code == "state"


def test_evidence_is_stored_and_audited(tree):
    selection = make_selection(tree)
    upload = SimpleUploadedFile("事迹.txt", "先进事迹材料".encode(), content_type="text/plain")
    nomination = domain.nominate(selection, by=tree.users.branch_admin, organization=tree.b1, statement="事迹",
                                 files=[upload])
    assert ([e.extension for e in nomination.evidence.all()],
            AuditEntry.objects.filter(action="selections.nomination.create").count()) == (["txt"], 1)


def test_withdraw_while_nominating(tree):
    selection = make_selection(tree)
    nomination = domain.nominate(selection, by=tree.users.branch_admin, organization=tree.b1, statement="事迹")
    assert domain.withdraw_nomination(nomination, by=tree.users.branch_admin).status == NominationStatus.WITHDRAWN


def test_withdraw_refused_under_review(tree):
    selection = make_selection(tree)
    nomination = domain.nominate(selection, by=tree.users.branch_admin, organization=tree.b1, statement="事迹")
    domain.start_review(selection, by=tree.users.county_admin)
    with pytest.raises(DomainError) as error:
        domain.withdraw_nomination(nomination, by=tree.users.branch_admin)
    assert error.value.code == "state"


def test_snapshot_carries_affiliate_honours_and_the_double_lead_record(tree):
    from pacesetter.linkage.enums import AffiliateKind
    from tests.doublelead.world import enterprise, register
    from tests.linkage.world import make_unit

    unit = make_unit(tree, tree.b1, code="TY-B1", kind=AffiliateKind.YOUTH_LEAGUE, name="一号村团支部")
    linkage_domain.add_honour(unit, by=tree.users.county_admin, year=timezone.localdate().year,
                              title="五四红旗团支部", awarded_by="共青团测试县委")
    enterprise(tree, register(tree, tree.m1))
    selection = make_selection(tree, honour=member_kind())
    nomination = domain.nominate(selection, by=tree.users.branch_admin, organization=tree.b1, member=tree.m1,
                                 statement="事迹")
    record = nomination.record
    assert ([h["title"] for h in record["affiliate_honours"]],
            [e["name"] for e in record["double_lead"]["enterprises"]]) == (["五四红旗团支部"], ["绿源果蔬专业合作社"])


def _member_with_reviewed_project(tree, rating):
    from pacesetter.vanguard import domain as vanguard_domain
    from pacesetter.vanguard.enums import ProjectState
    from tests.vanguard.world import project

    done = project(tree, tree.b1, tree.m1, state=ProjectState.COMPLETED)
    vanguard_domain.review_project(done, by=tree.users.county_admin, rating=rating, comment="服务群众成效明显")


def test_vanguard_rule_passes_a_member_whose_project_was_reviewed_good(tree):
    _member_with_reviewed_project(tree, "good")
    selection = make_selection(tree, honour=member_kind(), rules={"vanguard_rated": True})
    nomination = domain.nominate(selection, by=tree.users.branch_admin, organization=tree.b1, member=tree.m1,
                                 statement="事迹")
    assert (nomination.eligible, nomination.record["vanguard"]["ratings"]["good"],
            nomination.eligibility[0]["value"]) == (True, 1, 1)


def test_vanguard_rule_fails_a_member_whose_project_was_reviewed_fair(tree):
    _member_with_reviewed_project(tree, "fair")
    selection = make_selection(tree, honour=member_kind(), rules={"vanguard_rated": True})
    nomination = domain.nominate(selection, by=tree.users.branch_admin, organization=tree.b1, member=tree.m1,
                                 statement="事迹")
    with translation.override("en"):
        reason = explain(nomination.eligibility[0])
    assert (nomination.eligible, reason) == (False, "0 vanguard projects reviewed good or better")
