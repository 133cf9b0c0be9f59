import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.doublelead import domain
from pacesetter.doublelead.models import DoubleLeadMember, YearFigures
from tests.factories import MemberFactory

from .world import enterprise, figures, register, rural


def test_register_double_lead_records_member_and_audit_entry(tree):
    holder = register(tree, tree.m1, by=tree.users.org_admin)
    entry = AuditEntry.objects.get(action="doublelead.member.register")
    assert (holder.member, holder.registered_by, holder.active, entry.after["member"]) == (
        tree.m1, tree.users.org_admin, True, "M1")


def test_register_double_lead_refuses_a_member_who_is_not_rural(tree):
    with translation.override("en"), pytest.raises(DomainError) as caught:
        domain.register_double_lead(tree.m1, by=tree.users.county_admin)
    assert (caught.value.messages, DoubleLeadMember.objects.count()) == (
        ["张三 (M1) is not a rural member; only rural members are double-lead members."], 0)


def test_register_double_lead_refuses_a_member_outside_the_admins_subtree(tree):
    rural(tree.m2)
    with pytest.raises(PermissionDeniedError):
        domain.register_double_lead(tree.m2, by=tree.users.org_admin)
    assert DoubleLeadMember.objects.count() == 0


def test_register_double_lead_refuses_an_inspector(tree):
    rural(tree.m1)
    with pytest.raises(PermissionDeniedError):
        domain.register_double_lead(tree.m1, by=tree.users.inspector)


def test_register_double_lead_refuses_a_second_registration(tree):
    register(tree, tree.m1)
    with translation.override("en"), pytest.raises(DomainError) as caught:
        domain.register_double_lead(tree.m1, by=tree.users.county_admin)
    assert caught.value.messages == ["张三 (M1) is already a double-lead member."]


def test_record_figures_refuses_a_second_set_for_the_same_year(tree):
    holder = register(tree, tree.m1)
    figures(tree, holder, year=2024)
    with translation.override("en"), pytest.raises(DomainError) as caught:
        figures(tree, holder, year=2024, income="1")
    assert (caught.value.messages, YearFigures.objects.get().own_income) == (
        ["The figures of 2024 are already recorded; edit them instead."], Decimal("12.50"))


def test_record_figures_refuses_a_negative_income(tree):
    holder = register(tree, tree.m1)
    with translation.override("en"), pytest.raises(DomainError) as caught:
        figures(tree, holder, income="-1")
    assert caught.value.messages == ["Own income is an amount of 10,000 yuan, zero or more."]


def test_record_figures_refuses_a_future_year(tree):
    holder = register(tree, tree.m1)
    with pytest.raises(DomainError) as caught:
        figures(tree, holder, year=datetime.date.today().year + 2)
    assert caught.value.code == "year"


def test_update_figures_changes_the_amounts(tree):
    holder = register(tree, tree.m1)
    done = domain.update_figures(figures(tree, holder), by=tree.users.org_admin, own_income="20",
                                 helped_income_increase="4.5", jobs_created=8)
    done.refresh_from_db()
    assert (done.own_income, done.helped_income_increase, done.jobs_created) == (
        Decimal("20.00"), Decimal("4.50"), 8)


def test_add_enterprise_refuses_an_unknown_kind(tree):
    holder = register(tree, tree.m1)
    with translation.override("en"), pytest.raises(DomainError) as caught:
        enterprise(tree, holder, kind="farm")
    assert caught.value.messages == ["Choose a valid kind."]


def test_add_enterprise_refuses_an_admin_outside_the_subtree(tree):
    holder = register(tree, tree.m2)
    with pytest.raises(PermissionDeniedError):
        domain.add_enterprise(holder, by=tree.users.org_admin, name="农场", kind="family_farm", industry="养殖",
                              founded_year=2020, employees=1)


def test_add_training_refuses_zero_hours(tree):
    holder = register(tree, tree.m1)
    with translation.override("en"), pytest.raises(DomainError) as caught:
        domain.add_training(holder, by=tree.users.county_admin, held_on=datetime.date(2024, 1, 5), title="培训",
                            attendees=10, hours=0)
    assert caught.value.messages == ["A training lasts from 0.5 to 200 hours."]


def test_update_double_lead_deactivates(tree):
    holder = domain.update_double_lead(register(tree, tree.m1), by=tree.users.branch_admin, active=False,
                                       note="外出务工")
    assert (DoubleLeadMember.objects.get(pk=holder.pk).active, holder.note) == (False, "外出务工")


def test_update_double_lead_refuses_the_member_themself(tree):
    member = MemberFactory(organization=tree.b1, is_rural=True, user=tree.users.member)
    holder = domain.register_double_lead(member, by=tree.users.county_admin)
    with pytest.raises(PermissionDeniedError):
        domain.update_double_lead(holder, by=tree.users.member, active=False)
