import pytest
from django.core.exceptions import ValidationError

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.linkage.enums import AffiliateKind
from pacesetter.orgs import domain
from pacesetter.orgs.enums import OrgLevel, OrgStatus, Role, Sector
from pacesetter.orgs.models import Member, Organization
from pacesetter.orgs.validators import mask_phone

from ..factories import MemberFactory, make_org


def refreshed(org):
    return Organization.objects.get(pk=org.pk)


def test_create_child_assigns_path_and_audits(tree):
    org = domain.create_organization(
        parent=tree.t1, by=tree.users.org_admin, code="T1B2", name="二村党支部",
        level=OrgLevel.BRANCH, sector=Sector.VILLAGE,
    )
    assert (org.depth, org.path.startswith(tree.t1.path), refreshed(tree.t1).numchild) == (3, True, 2)
    assert AuditEntry.objects.filter(action="org.create", object_id=str(org.pk)).count() == 1


def test_create_rejects_duplicate_code(tree):
    with pytest.raises(ValidationError) as exc:
        domain.create_organization(parent=tree.t1, by=None, code="T1B1", name="x", level="branch", sector="village")
    assert list(exc.value.message_dict) == ["code"]


def test_org_admin_cannot_create_outside_subtree(tree):
    with pytest.raises(PermissionDeniedError):
        domain.create_organization(parent=tree.t2, by=tree.users.org_admin, code="X1", name="x",
                                   level="branch", sector="village")
    assert Organization.objects.filter(code="X1").count() == 0


def test_member_role_cannot_edit_own_branch(tree):
    with pytest.raises(PermissionDeniedError):
        domain.update_organization(tree.b1, by=tree.users.member, name="改名")


def test_move_subtree_keeps_members_and_paths(tree):
    extra = MemberFactory(organization=tree.b1, code="M9")
    moved = domain.move_organization(tree.b1, new_parent=tree.t2, by=tree.users.county_admin)
    assert moved.path.startswith(tree.t2.path)
    assert sorted(Member.objects.filter(organization=moved).values_list("code", flat=True)) == ["M1", extra.code]
    assert (refreshed(tree.t1).numchild, refreshed(tree.t2).numchild) == (0, 2)
    assert Organization.objects.find_problems() == ([], [], [], [], [])


def test_move_under_own_descendant_is_refused(tree):
    with pytest.raises(DomainError) as exc:
        domain.move_organization(tree.t1, new_parent=tree.b1, by=tree.users.county_admin)
    assert exc.value.code == "cycle"
    assert refreshed(tree.t1).path == tree.t1.path


def test_merge_moves_members_and_children_and_archives(tree):
    sub = make_org(tree.t1, code="T1B1X", name="一号村第二支部")
    merged = domain.merge_organization(tree.t1, into=tree.t2, by=tree.users.county_admin)
    assert (merged.status, merged.merged_into_id) == (OrgStatus.MERGED, tree.t2.pk)
    assert sorted(o.code for o in Organization.objects.get_children(refreshed(tree.t2))) == ["T1B1", "T1B1X", "T2B1"]
    assert refreshed(sub).path.startswith(tree.t2.path)
    assert Organization.objects.filter(pk=tree.t1.pk).exists()
    assert Organization.objects.find_problems() == ([], [], [], [], [])


def test_dissolve_refuses_with_active_children(tree):
    with pytest.raises(DomainError) as exc:
        domain.dissolve_organization(tree.t1, by=tree.users.county_admin)
    assert exc.value.code == "has_children"


def test_dissolve_archives_and_keeps_members(tree):
    org = domain.dissolve_organization(tree.b1, by=tree.users.county_admin)
    assert (org.status, Member.objects.get(code="M1").organization_id) == (OrgStatus.DISSOLVED, tree.b1.pk)


def test_dissolve_can_transfer_members(tree):
    domain.dissolve_organization(tree.b1, by=tree.users.county_admin, transfer_members_to=tree.b2)
    assert Member.objects.get(code="M1").organization_id == tree.b2.pk


def test_nothing_added_to_archived_org(tree):
    domain.dissolve_organization(tree.b1, by=tree.users.county_admin)
    with pytest.raises(DomainError) as exc:
        domain.create_member(by=tree.users.county_admin, organization=refreshed(tree.b1), code="M77",
                             name="王五", gender="M")
    assert exc.value.code == "archived"


def test_update_member_unchanged_writes_no_audit(tree):
    before = AuditEntry.objects.count()
    domain.update_member(tree.m1, by=tree.users.county_admin, name=tree.m1.name)
    assert AuditEntry.objects.count() == before


def test_member_phone_validated(tree):
    with pytest.raises(ValidationError) as exc:
        domain.update_member(tree.m1, by=tree.users.county_admin, phone="12345")
    assert list(exc.value.message_dict) == ["phone"]


def test_transfer_member_outside_subtree_refused_for_org_admin(tree):
    with pytest.raises(PermissionDeniedError):
        domain.transfer_member(tree.m1, to=tree.b2, by=tree.users.org_admin)


def test_assign_role_by_county_admin_only(tree):
    with pytest.raises(PermissionDeniedError):
        domain.assign_role(tree.users.nobody, role=Role.ORG_ADMIN, organization=tree.b1, by=tree.users.org_admin)
    assignment = domain.assign_role(tree.users.nobody, role=Role.ORG_ADMIN, organization=tree.b1,
                                    by=tree.users.county_admin)
    assert (assignment.role, assignment.organization_id) == (Role.ORG_ADMIN, tree.b1.pk)


def test_assign_affiliate_admin_of_one_kind_is_audited(tree):
    assignment = domain.assign_role(tree.users.nobody, role=Role.AFFILIATE_ADMIN, organization=tree.b1,
                                    affiliate_kind=AffiliateKind.TRADE_UNION, by=tree.users.county_admin)
    entry = AuditEntry.objects.get(action="role.assign", object_id=str(assignment.pk))
    assert (assignment.affiliate_kind, entry.after["affiliate_kind"]) == (AffiliateKind.TRADE_UNION, AffiliateKind.TRADE_UNION)


def test_assign_role_refuses_a_kind_on_another_role(tree):
    with pytest.raises(DomainError) as caught:
        domain.assign_role(tree.users.nobody, role=Role.ORG_ADMIN, organization=tree.b1,
                           affiliate_kind=AffiliateKind.TRADE_UNION, by=tree.users.county_admin)
    assert caught.value.code == "affiliate_kind"


def test_assign_role_refuses_moving_an_affiliate_admin_to_another_kind(tree):
    domain.assign_role(tree.users.nobody, role=Role.AFFILIATE_ADMIN, organization=tree.b1,
                       affiliate_kind=AffiliateKind.TRADE_UNION, by=tree.users.county_admin)
    with pytest.raises(DomainError) as caught:
        domain.assign_role(tree.users.nobody, role=Role.AFFILIATE_ADMIN, organization=tree.b1,
                           by=tree.users.county_admin)
    assert caught.value.code == "affiliate_kind"


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("13812345678", "138****5678"), ("0791-8888888", "079*****8888"), ("", "")],
)
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked
