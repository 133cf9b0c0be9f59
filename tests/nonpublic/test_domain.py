import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.core.uploads import check_upload
from pacesetter.nonpublic import domain
from pacesetter.nonpublic.enums import PartyStatus
from pacesetter.nonpublic.models import ChecklistItem, EstablishPlan, StatusPeriod

from .world import code, entity, world

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _refusal(fn, *args, **kwargs):
    with translation.override("en"), pytest.raises(DomainError) as caught:
        fn(*args, **kwargs)
    return caught.value.code, caught.value.messages[0]


def test_register_entity_starts_its_history_and_audit(tree):
    made = entity(tree, 1, registered_on=datetime.date(2025, 2, 1))
    assert list(StatusPeriod.objects.values_list("status", "valid_from", "valid_to")) == [
        ("none", datetime.date(2025, 2, 1), None)]
    assert AuditEntry.objects.filter(action="nonpublic.entity.register", object_id=str(made.pk)).count() == 1


def test_register_entity_refuses_a_taken_credit_code(tree):
    entity(tree, 1)
    assert _refusal(entity, tree, 1, name="另一家")[0] == "credit_code"


def test_register_entity_refuses_a_bad_check_character(tree):
    bad = code(1)[:17] + ("0" if code(1)[17] != "0" else "1")
    assert _refusal(domain.register_entity, by=tree.users.county_admin, kind="enterprise", name="甲", credit_code=bad,
                    industry="C", township=tree.t1, employees=1, party_members=0)[0] == "credit_code"


def test_register_entity_refuses_covering_without_status(tree):
    assert _refusal(entity, tree, 1, covering=tree.b1) == (
        "covering", "An entity without a party organisation has no covering organisation.")


def test_register_entity_requires_covering_when_covered(tree):
    assert _refusal(entity, tree, 1, status=PartyStatus.OWN)[0] == "covering"


def test_register_entity_refuses_a_branch_as_township(tree):
    assert _refusal(entity, tree, 1, township=tree.b1)[0] == "township"


def test_register_entity_refuses_more_party_members_than_employees(tree):
    assert _refusal(entity, tree, 1, employees=2, party_members=3)[0] == "party_members"


def test_org_admin_cannot_register_in_another_township(tree):
    with pytest.raises(DomainError):
        domain.register_entity(by=tree.users.org_admin, kind="enterprise", name="甲", credit_code=code(9),
                               industry="C", township=tree.t2, employees=1, party_members=0)


def test_branch_admin_registers_an_entity_their_branch_covers(tree):
    made = domain.register_entity(by=tree.users.branch_admin, kind="enterprise", name="甲", credit_code=code(9),
                                  industry="C", township=tree.t1, employees=5, party_members=3,
                                  status=PartyStatus.OWN, covering=tree.b1)
    assert made.covering == tree.b1


def test_branch_admin_cannot_register_an_uncovered_entity(tree):
    with pytest.raises(PermissionDeniedError):
        domain.register_entity(by=tree.users.branch_admin, kind="enterprise", name="甲", credit_code=code(9),
                               industry="C", township=tree.t1, employees=5, party_members=0)


def test_inspector_cannot_register(tree):
    with pytest.raises(PermissionDeniedError):
        entity(tree, 1) and domain.register_entity(by=tree.users.inspector, kind="enterprise", name="甲",
                                                   credit_code=code(9), industry="C", township=tree.t1,
                                                   employees=1, party_members=0)


def test_change_status_closes_the_period_and_the_plan(tree):
    made = world(tree)
    domain.change_status(made.e_in, by=tree.users.org_admin, status=PartyStatus.JOINT, covering=tree.b1, on=TODAY())
    made.e_in.refresh_from_db()
    assert (made.e_in.status, made.e_in.covering, made.e_in.instructor, made.e_in.status_since) == (
        "joint", tree.b1, None, TODAY())
    assert list(made.e_in.periods.values_list("status", "valid_to")) == [("none", TODAY()), ("joint", None)]
    assert EstablishPlan.objects.get(pk=made.plan_in.pk).done_on == TODAY()


def test_change_status_refuses_a_day_before_the_current_status(tree):
    made = entity(tree, 1, registered_on=datetime.date(2025, 5, 1))
    assert _refusal(domain.change_status, made, by=tree.users.county_admin, status=PartyStatus.OWN,
                    covering=tree.b1, on=datetime.date(2025, 4, 30))[0] == "date"


def test_change_status_refuses_the_same_status(tree):
    made = entity(tree, 1)
    assert _refusal(domain.change_status, made, by=tree.users.county_admin, status=PartyStatus.NONE,
                    covering=None, on=TODAY())[0] == "unchanged"


def test_change_status_refuses_the_future(tree):
    made = entity(tree, 1)
    assert _refusal(domain.change_status, made, by=tree.users.county_admin, status=PartyStatus.OWN,
                    covering=tree.b1, on=TODAY() + datetime.timedelta(days=1))[0] == "date"


def test_org_admin_cannot_change_an_entity_outside(tree):
    made = world(tree)
    with pytest.raises(PermissionDeniedError):
        domain.change_status(made.e_out, by=tree.users.org_admin, status=PartyStatus.NONE, covering=None, on=TODAY())


def test_update_entity_refuses_an_instructor_for_a_covered_entity(tree):
    made = world(tree)
    e = made.e_out
    assert _refusal(domain.update_entity, e, by=tree.users.county_admin, kind=e.kind, name=e.name,
                    credit_code=e.credit_code, industry=e.industry, township=e.township, employees=e.employees,
                    party_members=e.party_members, instructor=tree.m1)[0] == "instructor"


def test_update_entity_keeps_its_own_credit_code(tree):
    e = entity(tree, 1)
    domain.update_entity(e, by=tree.users.county_admin, kind="social", name="新名", credit_code=e.credit_code.lower(),
                         industry="S", township=tree.t2, employees=12, party_members=2, instructor=tree.m2)
    e.refresh_from_db()
    assert (e.kind, e.name, e.township, e.employees, e.instructor) == ("social", "新名", tree.t2, 12, tree.m2)


def test_create_plan_refuses_a_second_open_plan(tree):
    made = world(tree)
    assert _refusal(domain.create_plan, made.e_in, by=tree.users.county_admin, target_date=TODAY(),
                    instructor=tree.m1, steps="再来")[0] == "open_plan"


def test_create_plan_refuses_a_covered_entity(tree):
    made = world(tree)
    assert _refusal(domain.create_plan, made.e_out, by=tree.users.county_admin, target_date=TODAY(),
                    instructor=tree.m1, steps="x")[0] == "covered"


def test_plan_is_overdue_after_its_target_date(tree):
    made = world(tree)
    assert [made.plan_in.is_overdue(made.plan_in.target_date), made.plan_in.is_overdue(
        made.plan_in.target_date + datetime.timedelta(days=1))] == [False, True]


def test_org_admin_cannot_name_an_instructor_they_do_not_see(tree):
    made = world(tree)
    assert _refusal(domain.update_plan, made.plan_in, by=tree.users.org_admin, target_date=TODAY(),
                    instructor=tree.m2, steps="x")[0] == "instructor"


def test_record_check_replaces_the_previous_check_and_keeps_evidence(tree):
    item = ChecklistItem.objects.order_by("order").first()
    domain.record_check(tree.b1, item, by=tree.users.org_admin, met=False)
    upload = check_upload(SimpleUploadedFile("台账.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"))
    check = domain.record_check(tree.b1, item, by=tree.users.branch_admin, met=True, note="已整改",
                                evidence=[upload])
    assert (check.met, check.note, check.checked_by, [e.original_name for e in check.evidence.all()]) == (
        True, "已整改", tree.users.branch_admin, ["台账.pdf"])
    assert item.checks.count() == 1


def test_record_check_outside_is_refused(tree):
    item = ChecklistItem.objects.order_by("order").first()
    with pytest.raises(PermissionDeniedError):
        domain.record_check(tree.b2, item, by=tree.users.org_admin, met=True)


def test_only_county_admins_add_checklist_items(tree):
    with pytest.raises(PermissionDeniedError):
        domain.add_checklist_item(by=tree.users.org_admin, name="党员亮身份")
    assert domain.add_checklist_item(by=tree.users.county_admin, name="党员亮身份", order=50).order == 50
