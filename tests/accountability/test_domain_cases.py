"""Writes of the ladder, supervision notices and accountability cases: who may, what is
refused, and that every step is in the audit log."""
import datetime

import pytest
from django.utils import translation

from pacesetter.accountability import domain
from pacesetter.accountability.enums import CaseStatus, Sanction
from pacesetter.accountability.models import CaseSanction, EscalationStep
from pacesetter.core.audit import Break, verify_chain
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refusal(call, error=DomainError) -> str:
    with pytest.raises(error) as caught:
        call()
    return " ".join(caught.value.messages)


def ladder():
    return list(EscalationStep.objects.filter(is_active=True).values_list("days_late", "action"))


def test_default_ladder_is_the_measures(db):
    assert ladder() == [(7, "reminder"), (15, "supervision"), (30, "case")]


@pytest.mark.parametrize("rows, message", [
    ([], "The ladder needs at least one step."),
    ([{"days_late": 0, "action": "reminder"}], "Step 1: days late is a whole number from 1 to 365."),
    ([{"days_late": 5, "action": "fine"}], "Step 1: choose one of the listed actions."),
    ([{"days_late": 5, "action": "reminder"}, {"days_late": 5, "action": "case"}],
     "Two steps have the same number of days late (5)."),
])
def test_bad_ladders_change_nothing(world, rows, message):
    assert refusal(lambda: domain.set_ladder(rows, by=world.users.county_admin)) == message
    assert ladder() == [(7, "reminder"), (15, "supervision"), (30, "case")]


def test_new_ladder_keeps_unchanged_steps_and_retires_the_rest(world):
    seven = EscalationStep.objects.get(days_late=7)
    domain.set_ladder([{"days_late": 20, "action": "case"}, {"days_late": 7, "action": "reminder"}],
                      by=world.users.county_admin)
    assert ladder() == [(7, "reminder"), (20, "case")]
    assert EscalationStep.objects.get(days_late=7, is_active=True).pk == seven.pk
    assert EscalationStep.objects.filter(is_active=False).count() == 2


def test_only_county_admins_set_the_ladder(world):
    with pytest.raises(PermissionDeniedError):
        domain.set_ladder([{"days_late": 3, "action": "reminder"}], by=world.users.inspector)


def test_notice_by_an_inspector_answered_by_the_unit(world):
    notice = domain.issue_notice(world.task1, by=world.users.inspector, text="请于一周内报送整改情况")
    with pytest.raises(PermissionDeniedError):
        domain.answer_notice(notice, by=world.users.branch_admin, response="x")
    notice = domain.answer_notice(notice, by=world.users.org_admin, response="已组织专班推进")
    assert (notice.status, notice.response, notice.number.endswith(f"-{notice.pk:04d}")) == (
        "answered", "已组织专班推进", True)
    assert refusal(lambda: domain.answer_notice(notice, by=world.users.org_admin, response="again")) == (
        "This notice was already answered.")


@pytest.mark.parametrize("role", ["org_admin", "leader", "member"])
def test_only_county_admins_and_inspectors_issue_notices(world, role):
    with pytest.raises(PermissionDeniedError):
        domain.issue_notice(world.task1, by=getattr(world.users, role), text="x")


def test_notice_answer_date_cannot_be_past(world):
    past = datetime.date(2020, 1, 1)
    assert refusal(lambda: domain.issue_notice(world.task1, by=world.users.inspector, text="x", respond_by=past)) == (
        "The answer date must be today or later.")


def test_case_from_findings_to_close(world):
    i = world.users.inspector
    case = domain.open_case(by=i, task=world.task1)
    assert case.organization == world.tree.t1
    assert refusal(lambda: domain.close_case(case, by=i, decision="结案")) == (
        "Record the findings before closing the case.")
    domain.record_findings(case, by=i, findings="项目开工滞后45天")
    domain.add_sanction(case, by=i, kind=Sanction.PUBLIC_CRITICISM, person="张三")
    wrong = domain.add_sanction(case, by=i, kind=Sanction.REMINDER)
    domain.remove_sanction(wrong, by=i)
    domain.respond_case(case, by=world.users.org_admin, response="已整改")
    case = domain.close_case(case, by=i, decision="通报批评")
    assert (case.status, list(case.sanctions.values_list("kind", "points"))) == (
        CaseStatus.CLOSED, [("criticism", 10)])
    assert list(AuditEntry.objects.filter(object_type="accountability.accountabilitycase").order_by("id")
                .values_list("action", flat=True)) == [
        "accountability.case.open", "accountability.case.findings", "accountability.case.sanction",
        "accountability.case.sanction", "accountability.case.sanction_removed", "accountability.case.respond",
        "accountability.case.close"]
    assert not [step for step in verify_chain() if isinstance(step, Break)]


def test_a_closed_case_changes_no_more(world):
    i = world.users.inspector
    case = domain.open_case(by=i, organization=world.tree.t2, findings="迟缓")
    sanction = domain.add_sanction(case, by=i, kind=Sanction.REMINDER)
    domain.close_case(case, by=i, decision="提醒")
    closed = "The case is closed; nothing in it changes any more."
    assert [refusal(call) for call in (
        lambda: domain.add_sanction(case, by=i, kind=Sanction.REMINDER),
        lambda: domain.remove_sanction(sanction, by=i),
        lambda: domain.record_findings(case, by=i, findings="y"),
        lambda: domain.close_case(case, by=i, decision="z"),
    )] == [closed] * 4
    assert CaseSanction.objects.count() == 1


@pytest.mark.parametrize("kwargs, message", [
    ({"kind": "fine"}, "Choose one of the listed sanctions."),
    ({"kind": Sanction.REMINDER, "points": 101}, "A deduction is a whole number of points from 0 to 100."),
    ({"kind": Sanction.REMINDER, "imposed_on": datetime.date(2099, 1, 1)},
     "A sanction cannot be dated in the future."),
])
def test_bad_sanctions_are_refused(world, kwargs, message):
    case = domain.open_case(by=world.users.inspector, organization=world.tree.t1)
    assert refusal(lambda: domain.add_sanction(case, by=world.users.inspector, **kwargs)) == message
    assert CaseSanction.objects.count() == 0


@pytest.mark.parametrize("role", ["county_admin", "org_admin", "leader"])
def test_only_inspectors_handle_cases(world, role):
    with pytest.raises(PermissionDeniedError):
        domain.open_case(by=getattr(world.users, role), organization=world.tree.t1)


def test_only_the_units_admins_respond(world):
    case = domain.open_case(by=world.users.inspector, organization=world.tree.t1)
    with pytest.raises(PermissionDeniedError):
        domain.respond_case(case, by=world.users.branch_admin, response="x")
