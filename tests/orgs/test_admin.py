"""The Django admin: county admins only, scoped by visibility, every write through a domain function."""
import pytest
from django.urls import reverse

from pacesetter.api.domain import create_personal_token
from pacesetter.api.models import PersonalToken
from pacesetter.core.models import AuditEntry
from pacesetter.orgs.enums import OrgLevel, OrgStatus, Role, Sector
from pacesetter.orgs.models import Member, Organization, RoleAssignment

from ..factories import make_org

CHANGELISTS = [
    "admin:orgs_organization_changelist",
    "admin:orgs_member_changelist",
    "admin:orgs_leader_changelist",
    "admin:orgs_roleassignment_changelist",
    "admin:core_auditentry_changelist",
    "admin:api_personaltoken_changelist",
]


def staff(user):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def last_audit():
    return AuditEntry.objects.order_by("-id").first()


@pytest.fixture
def admin_client(tree, client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # messages compared exactly
    client.force_login(tree.users.county_admin)
    return client


@pytest.mark.parametrize("name", CHANGELISTS)
def test_county_admin_opens_every_changelist(admin_client, name):
    assert admin_client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", CHANGELISTS)
def test_staff_org_admin_is_refused_every_changelist(tree, client, name):
    client.force_login(staff(tree.users.org_admin))
    assert client.get(reverse(name)).status_code == 403


def test_staff_org_admin_sees_an_empty_admin_index(tree, client):
    client.force_login(staff(tree.users.org_admin))
    response = client.get(reverse("admin:index"))
    assert (response.status_code, response.context["app_list"]) == (200, [])


def test_staff_inspector_reads_the_audit_log_only(tree, client):
    client.force_login(staff(tree.users.inspector))
    statuses = [client.get(reverse(name)).status_code for name in CHANGELISTS]
    assert statuses == [403, 403, 403, 403, 200, 403]


def test_changelist_holds_only_visible_organizations(tree, admin_client):
    make_org(code="X", name="邻县县委", level=OrgLevel.COMMITTEE, sector=Sector.AGENCY)
    response = admin_client.get(reverse("admin:orgs_organization_changelist"))
    assert [o.code for o in response.context["cl"].result_list] == ["C", "T1", "T1B1", "T2", "T2B1"]


def test_invisible_organization_change_page_is_missing(tree, admin_client):
    other = make_org(code="X", name="邻县县委", level=OrgLevel.COMMITTEE, sector=Sector.AGENCY)
    response = admin_client.get(reverse("admin:orgs_organization_change", args=[other.pk]))
    assert (response.status_code, response["Location"]) == (302, reverse("admin:index"))


def test_changing_an_organization_goes_through_the_domain(tree, admin_client):
    data = {"code": "T1B1", "name": "一号村党支部", "level": "branch", "sector": "village", "township": "一号镇",
            "secretary": "赵六", "established": ""}
    response = admin_client.post(reverse("admin:orgs_organization_change", args=[tree.b1.pk]), data)
    entry = last_audit()
    assert (response.status_code, entry.action, entry.actor_name, entry.after) == (
        302, "org.update", "county", {"secretary": "赵六"}
    )


def test_adding_an_organization_goes_through_the_domain(tree, admin_client):
    data = {"parent_code": "T1", "code": "T1B2", "name": "二村党支部", "level": "branch", "sector": "village",
            "township": "", "secretary": "", "established": ""}
    response = admin_client.post(reverse("admin:orgs_organization_add"), data)
    org = Organization.objects.get(code="T1B2")
    assert (response.status_code, org.depth, last_audit().action) == (302, 3, "org.create")


def test_adding_under_an_unknown_parent_is_a_form_error(tree, admin_client):
    make_org(code="X", name="邻县县委", level=OrgLevel.COMMITTEE, sector=Sector.AGENCY)
    data = {"parent_code": "X", "code": "X1", "name": "x", "level": "branch", "sector": "village"}
    response = admin_client.post(reverse("admin:orgs_organization_add"), data)
    assert (response.status_code, response.context["adminform"].form.errors["parent_code"]) == (
        200, ["Unknown organisation: X."]
    )


def test_tree_fields_are_read_only(tree, admin_client):
    response = admin_client.get(reverse("admin:orgs_organization_change", args=[tree.b1.pk]))
    assert sorted(response.context["adminform"].form.fields) == sorted(
        ["code", "name", "level", "sector", "township", "secretary", "established"]
    )


def test_organizations_cannot_be_deleted(tree, admin_client):
    response = admin_client.get(reverse("admin:orgs_organization_delete", args=[tree.b1.pk]))
    assert (response.status_code, Organization.objects.filter(pk=tree.b1.pk).count()) == (403, 1)


def test_bulk_delete_is_not_offered(tree, admin_client):
    response = admin_client.get(reverse("admin:orgs_organization_changelist"))
    assert [name for name, _ in response.context["action_form"].fields["action"].choices] == ["", "dissolve"]


def test_dissolve_action_archives_through_the_domain(tree, admin_client):
    admin_client.post(
        reverse("admin:orgs_organization_changelist"), {"action": "dissolve", "_selected_action": [tree.b1.pk]}
    )
    assert (Organization.objects.get(pk=tree.b1.pk).status, last_audit().action) == (OrgStatus.DISSOLVED, "org.dissolve")


def test_adding_a_member_goes_through_the_domain(tree, admin_client):
    data = {"code": "M9", "name": "新党员", "gender": "F", "status": "formal", "organization": tree.b1.pk,
            "birth_date": "", "join_date": "", "education": "", "position": "", "phone": ""}
    response = admin_client.post(reverse("admin:orgs_member_add"), data)
    member = Member.objects.get(code="M9")
    assert (response.status_code, last_audit().action, last_audit().object_id) == (302, "member.create", str(member.pk))


def test_member_cannot_be_placed_in_an_archived_organization(tree, admin_client):
    Organization.objects.filter(pk=tree.b2.pk).update(status=OrgStatus.DISSOLVED)
    data = {"code": "M9", "name": "新党员", "gender": "F", "status": "formal", "organization": tree.b2.pk}
    response = admin_client.post(reverse("admin:orgs_member_add"), data)
    assert (response.status_code, list(response.context["adminform"].form.errors)) == (200, ["organization"])


def test_assigning_and_revoking_roles_go_through_the_domain(tree, admin_client):
    admin_client.post(
        reverse("admin:orgs_roleassignment_add"),
        {"user": tree.users.nobody.pk, "role": Role.ORG_ADMIN, "organization": tree.t2.pk},
    )
    assignment = RoleAssignment.objects.get(user=tree.users.nobody)
    admin_client.post(reverse("admin:orgs_roleassignment_delete", args=[assignment.pk]), {"post": "yes"})
    actions = list(AuditEntry.objects.filter(action__startswith="role.").order_by("id").values_list("action", flat=True))
    assert (actions, RoleAssignment.objects.filter(user=tree.users.nobody).count()) == (["role.assign", "role.revoke"], 0)


def test_audit_log_is_read_only(tree, admin_client):
    entry = last_audit()
    response = admin_client.post(reverse("admin:core_auditentry_change", args=[entry.pk]), {"action": "forged"})
    assert (response.status_code, AuditEntry.objects.get(pk=entry.pk).action) == (403, entry.action)


def test_token_page_never_shows_the_hash(tree, admin_client):
    token, _ = create_personal_token(tree.users.org_admin, name="script", days=30, by=None)
    response = admin_client.get(reverse("admin:api_personaltoken_change", args=[token.pk]))
    assert (response.status_code, token.key_hash in response.content.decode()) == (200, False)


def test_revoking_tokens_from_the_admin_is_audited(tree, admin_client):
    token, _ = create_personal_token(tree.users.org_admin, name="script", days=30, by=None)
    admin_client.post(
        reverse("admin:api_personaltoken_changelist"), {"action": "revoke", "_selected_action": [token.pk]}
    )
    assert (PersonalToken.objects.get(pk=token.pk).revoked, last_audit().action, last_audit().actor_name) == (
        True, "api_token.revoke", "county"
    )
