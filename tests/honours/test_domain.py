import datetime

import pytest
from django.utils import timezone
from django.utils.translation import override

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.honours import domain
from pacesetter.honours.models import Honour
from pacesetter.notifications.models import Notification
from pacesetter.selections.enums import SelectionState
from tests.factories import make_org

from .helpers import YEAR, final_selection, kind, member_kind

pytestmark = pytest.mark.django_db


def test_commend_gives_one_honour_per_confirmed_nominee(tree):
    selection = final_selection(tree, nominees=[tree.b1, tree.t2])
    honours = domain.commend(selection, by=tree.users.county_admin, commended_on=datetime.date(2026, 3, 1),
                             citation="在创先争优活动中成绩突出")
    selection.refresh_from_db()
    assert selection.state == SelectionState.COMMENDED
    assert [(h.organization_name, h.township, h.sector, h.year, h.citation, h.commended_on) for h in honours] == [
        ("一号村党支部", "一号镇", "village", YEAR, "在创先争优活动中成绩突出", datetime.date(2026, 3, 1)),
        ("二号镇党委", "二号镇", "village", YEAR, "在创先争优活动中成绩突出", datetime.date(2026, 3, 1)),
    ]


def test_commend_numbers_certificates_per_year_and_kind(tree):
    red_flag = kind()
    selection = final_selection(tree, nominees=[tree.b1, tree.t2], honour_kind=red_flag)
    honours = domain.commend(selection, by=tree.users.county_admin)
    prefix = f"{YEAR}-RFB{red_flag.pk}-"
    assert [h.certificate_no for h in honours] == [f"{prefix}0001", f"{prefix}0002"]


def test_certificate_numbers_continue_after_the_highest_and_never_repeat(tree):
    red_flag = kind()
    first = domain.add_honour(by=tree.users.county_admin, kind=red_flag, year=2024, organization=tree.b1)
    second = domain.add_honour(by=tree.users.county_admin, kind=red_flag, year=2024, organization=tree.b2)
    domain.revoke_honour(second, by=tree.users.county_admin, reason="材料不实")
    third = domain.add_honour(by=tree.users.county_admin, kind=red_flag, year=2024, organization=tree.t1)
    other_year = domain.add_honour(by=tree.users.county_admin, kind=red_flag, year=2023, organization=tree.t1)
    prefix = f"RFB{red_flag.pk}"
    assert [first.certificate_no, third.certificate_no, other_year.certificate_no] == [
        f"2024-{prefix}-0001", f"2024-{prefix}-0003", f"2023-{prefix}-0001"]


def test_certificate_numbers_do_not_change_when_the_organisation_is_renamed(tree):
    honour = domain.add_honour(by=tree.users.county_admin, kind=kind(), year=2024, organization=tree.b1)
    tree.b1.name = "一号村新党支部"
    tree.b1.save(update_fields=["name"])
    honour.refresh_from_db()
    assert (honour.certificate_no, honour.organization_name) == (f"2024-RFB{honour.kind_id}-0001", "一号村党支部")


def test_commend_gives_every_honour_its_own_verify_token(tree):
    honours = domain.commend(final_selection(tree, nominees=[tree.b1, tree.t2]), by=tree.users.county_admin)
    assert [len(h.verify_token) >= 22 for h in honours] == [True, True]
    assert honours[0].verify_token != honours[1].verify_token


def test_commend_copies_the_member_of_an_individual_honour(tree):
    honours = domain.commend(final_selection(tree, nominees=[tree.m1], honour_kind=member_kind()),
                             by=tree.users.county_admin)
    assert [(h.member_id, h.member_name, h.organization_id, h.organization_name) for h in honours] == [
        (tree.m1.pk, "张三", tree.b1.pk, "一号村党支部")]


@pytest.mark.parametrize("state", [SelectionState.DRAFT, SelectionState.NOTICE, SelectionState.COMMENDED])
def test_commend_refuses_a_selection_that_is_not_final(tree, state):
    selection = final_selection(tree, state=state)
    with pytest.raises(DomainError) as refused:
        domain.commend(selection, by=tree.users.county_admin)
    assert (refused.value.code, Honour.objects.count()) == ("not_final", 0)


@pytest.mark.parametrize("role", ["org_admin", "branch_admin", "inspector", "leader", "member"])
def test_commend_refuses_anyone_but_a_county_admin(tree, role):
    selection = final_selection(tree)
    with pytest.raises(PermissionDeniedError):
        domain.commend(selection, by=getattr(tree.users, role))
    selection.refresh_from_db()
    assert (selection.state, Honour.objects.count()) == (SelectionState.FINAL, 0)


def test_commend_refuses_a_selection_without_confirmed_nominees(tree):
    selection = final_selection(tree, nominees=[])
    with pytest.raises(DomainError) as refused:
        domain.commend(selection, by=tree.users.county_admin)
    assert refused.value.code == "nothing_confirmed"


def test_commend_refuses_a_date_in_the_future(tree):
    with pytest.raises(DomainError) as refused:
        domain.commend(final_selection(tree), by=tree.users.county_admin,
                       commended_on=timezone.localdate() + datetime.timedelta(days=1))
    assert refused.value.code == "commended_on_future"


def test_commend_writes_one_audit_entry(tree):
    selection = final_selection(tree)
    [honour] = domain.commend(selection, by=tree.users.county_admin)
    entry = AuditEntry.objects.get(action="honours.commend")
    assert (entry.object_id, entry.after["certificates"], entry.after["state"]) == (
        str(selection.pk), [honour.certificate_no], "commended")


def test_commend_tells_the_admins_of_the_nominating_organisation(tree):
    selection = final_selection(tree)
    domain.commend(selection, by=tree.users.county_admin)
    assert list(Notification.objects.values_list("user__username", "kind")) == [("township1", "honours")]


def test_commend_tells_the_nearest_admins_when_the_nominating_organisation_has_none(tree):
    group = make_org(tree.b1, code="T1B1G1", name="一号村第一党小组")
    selection = final_selection(tree)
    selection.nominations.update(nominated_by=group)
    domain.commend(selection, by=tree.users.county_admin)
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["branch1"]


def test_add_honour_refuses_a_member_kind_without_a_member(tree):
    with pytest.raises(DomainError) as refused:
        domain.add_honour(by=tree.users.county_admin, kind=member_kind(), year=2024, organization=tree.b1)
    assert refused.value.code == "member_required"


def test_add_honour_refuses_a_member_of_another_organisation(tree):
    with pytest.raises(DomainError) as refused:
        domain.add_honour(by=tree.users.county_admin, kind=member_kind(), year=2024, organization=tree.b1,
                          member=tree.m2)
    assert refused.value.code == "member_elsewhere"


def test_add_honour_refuses_a_year_to_come(tree):
    with pytest.raises(DomainError) as refused:
        domain.add_honour(by=tree.users.county_admin, kind=kind(), year=timezone.localdate().year + 1,
                          organization=tree.b1)
    assert refused.value.code == "year_invalid"


def test_add_honour_dates_an_earlier_year_on_its_last_day(tree):
    honour = domain.add_honour(by=tree.users.county_admin, kind=kind(), year=2023, organization=tree.b1)
    assert honour.commended_on == datetime.date(2023, 12, 31)


def test_add_honour_is_for_county_admins(tree):
    with pytest.raises(PermissionDeniedError):
        domain.add_honour(by=tree.users.org_admin, kind=kind(), year=2024, organization=tree.b1)


def test_revoke_honour_records_when_and_why(tree):
    honour = domain.add_honour(by=tree.users.county_admin, kind=kind(), year=2024, organization=tree.b1)
    domain.revoke_honour(honour, by=tree.users.county_admin, reason="材料不实")
    honour.refresh_from_db()
    entry = AuditEntry.objects.get(action="honours.revoke")
    assert (honour.revoked_at is not None, honour.revoked_reason, entry.after["revoked_reason"]) == (
        True, "材料不实", "材料不实")


def test_revoke_honour_refuses_one_already_revoked(tree):
    honour = domain.add_honour(by=tree.users.county_admin, kind=kind(), year=2024, organization=tree.b1)
    domain.revoke_honour(honour, by=tree.users.county_admin, reason="材料不实")
    with pytest.raises(DomainError) as refused, override("en"):
        domain.revoke_honour(honour, by=tree.users.county_admin, reason="再次")
    assert refused.value.messages == [f"The honour {honour.certificate_no} is already revoked."]


def test_revoke_honour_needs_a_reason(tree):
    honour = domain.add_honour(by=tree.users.county_admin, kind=kind(), year=2024, organization=tree.b1)
    with pytest.raises(DomainError) as refused:
        domain.revoke_honour(honour, by=tree.users.county_admin, reason="  ")
    assert refused.value.code == "reason_required"
