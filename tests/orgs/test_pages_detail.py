"""Organisation and member pages, and the forms that change them through the domain functions."""
import re

import pytest
from django.urls import reverse

from pacesetter.core.models import AuditEntry
from pacesetter.orgs import domain
from pacesetter.orgs.enums import OrgStatus
from pacesetter.orgs.models import Member, Organization
from tests.factories import MemberFactory


def org_url(name, code):
    return reverse(f"orgs:{name}", kwargs={"code": code})


def refreshed(obj):
    return type(obj).objects.get(pk=obj.pk)


def parent_of(org):
    org = refreshed(org)
    return Organization.objects.get(path=org.parent_path)


def error_codes(response, field=None):
    """The codes of a form's errors (`None`: the non-field errors) — language-independent."""
    form = response.context["form"]
    return [e.code for e in form.errors.as_data().get(field or "__all__", [])]


# --- Organisation detail ---------------------------------------------------------------------


def test_organization_detail_for_county_admin(tree, client):
    MemberFactory(organization=tree.t1, code="D1")
    client.force_login(tree.users.county_admin)
    ctx = client.get(org_url("organization-detail", "T1")).context
    assert {
        "ancestors": [a.code for a in ctx["org"].ancestor_list],
        "children": [c.code for c in ctx["child_page"].items],
        "members": [m.code for m in ctx["members"]],
        "direct": ctx["direct_member_count"],
        "subtree": ctx["subtree_member_count"],
        "can_edit": ctx["can_edit"],
    } == {"ancestors": ["C"], "children": ["T1B1"], "members": ["D1"], "direct": 1, "subtree": 2, "can_edit": True}


def test_organization_detail_breadcrumbs_stop_at_the_users_root(tree, client):
    client.force_login(tree.users.org_admin)
    assert client.get(org_url("organization-detail", "T1B1")).context["org"].ancestor_list == [tree.t1]


def test_organization_detail_outside_the_subtree_is_404(tree, client):
    client.force_login(tree.users.org_admin)
    assert client.get(org_url("organization-detail", "T2")).status_code == 404


def test_organization_detail_shows_actions_only_to_editors(tree, client):
    url = org_url("organization-detail", "T1B1")
    seen = {}
    for role in ("branch_admin", "member", "inspector"):
        client.force_login(getattr(tree.users, role))
        seen[role] = re.findall(r'id="org-actions"', client.get(url).content.decode()) != []
    assert seen == {"branch_admin": True, "member": False, "inspector": False}


def test_merged_organization_links_to_its_successor(tree, client):
    domain.merge_organization(tree.b1, into=tree.b2, by=None)
    client.force_login(tree.users.county_admin)
    response = client.get(org_url("organization-detail", "T1B1"))
    assert (response.context["org"].status, response.context["merged_into"]) == (OrgStatus.MERGED, tree.b2)


def test_merged_organization_hides_a_successor_outside_the_view(tree, client):
    domain.merge_organization(tree.b1, into=tree.b2, by=None)
    client.force_login(tree.users.org_admin)
    assert client.get(org_url("organization-detail", "T1B1")).context["merged_into"] is None


@pytest.mark.parametrize("n", [1, 3])
def test_organization_detail_query_count_is_constant(tree, client, django_assert_num_queries, n):
    MemberFactory.create_batch(n, organization=tree.t1)
    client.force_login(tree.users.county_admin)
    # session, user, roles, org, ancestors, children, members, member count, subtree member count, the unread badge
    with django_assert_num_queries(10):
        client.get(org_url("organization-detail", "T1"))


# --- Permissions of the action pages ----------------------------------------------------------

ACTIONS = [
    "organization-edit", "organization-move", "organization-merge", "organization-dissolve",
    "organization-create", "member-create",
]


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize(
    "role, code, status",
    [
        ("county_admin", "T1", 200),
        ("org_admin", "T1", 200),
        ("org_admin", "T2", 404),
        ("org_admin", "C", 404),
        ("branch_admin", "T1", 404),
        ("member", "T1B1", 403),
        ("inspector", "T1", 403),
        ("leader", "T1", 403),
        ("nobody", "T1", 404),
    ],
)
def test_action_pages_by_role(tree, client, action, role, code, status):
    client.force_login(getattr(tree.users, role))
    assert client.get(org_url(action, code)).status_code == status


@pytest.mark.parametrize("action", ACTIONS)
def test_action_pages_send_anonymous_users_to_login(tree, client, action):
    response = client.get(org_url(action, "T1"))
    assert (response.status_code, response.url.split("?")[0]) == (302, reverse("login"))


def test_forbidden_post_changes_nothing(tree, client):
    client.force_login(tree.users.member)
    response = client.post(org_url("organization-edit", "T1B1"), {"name": "改名"})
    assert (response.status_code, refreshed(tree.b1).name) == (403, "一号村党支部")


# --- Organisation forms ------------------------------------------------------------------------

ORG_FORM = {"code": "T1B9", "name": "新村党支部", "level": "branch", "sector": "village", "township": "一号镇",
            "secretary": "陈书记", "established": "2020-07-01"}


def test_create_form_adds_a_child_through_the_domain(tree, client):
    client.force_login(tree.users.org_admin)
    response = client.post(org_url("organization-create", "T1"), ORG_FORM)
    org = Organization.objects.get(code="T1B9")
    assert (response.url, parent_of(org), AuditEntry.objects.filter(action="org.create").latest("id").object_repr) == (
        org.get_absolute_url(), tree.t1, "新村党支部",
    )


def test_create_form_reports_a_duplicate_code(tree, client):
    client.force_login(tree.users.org_admin)
    response = client.post(org_url("organization-create", "T1"), {**ORG_FORM, "code": "T2B1"})
    assert (response.status_code, list(response.context["form"].errors)) == (200, ["code"])


def test_edit_form_saves_only_changed_fields(tree, client):
    client.force_login(tree.users.org_admin)
    data = {**ORG_FORM, "code": "T1B1", "name": "一号村党支部（新）", "township": "一号镇", "secretary": "",
            "established": ""}
    client.post(org_url("organization-edit", "T1B1"), data)
    entry = AuditEntry.objects.filter(action="org.update").latest("id")
    assert (refreshed(tree.b1).name, entry.before, entry.after) == (
        "一号村党支部（新）", {"name": "一号村党支部"}, {"name": "一号村党支部（新）"},
    )


def test_move_form_moves_the_subtree(tree, client):
    client.force_login(tree.users.county_admin)
    response = client.post(org_url("organization-move", "T1B1"), {"new_parent": "T2"})
    assert (response.status_code, parent_of(tree.b1)) == (302, tree.t2)


def test_move_form_shows_the_domain_error_for_a_move_under_its_own_child(tree, client):
    client.force_login(tree.users.county_admin)
    response = client.post(org_url("organization-move", "T1"), {"new_parent": "T1B1"})
    assert (response.status_code, error_codes(response), parent_of(tree.t1)) == (
        200, ["cycle"], tree.county,
    )


def test_move_form_shows_the_domain_error_message_on_the_page(tree, client):
    client.force_login(tree.users.county_admin)
    response = client.post(org_url("organization-move", "T1"), {"new_parent": "T1B1"}, HTTP_ACCEPT_LANGUAGE="en")
    errors = re.search(r'<div class="alert alert-danger" role="alert" id="form-errors"><div>(.*?)</div>',
                       response.content.decode()).group(1)
    assert errors == "一号镇党委 cannot be moved under itself or one of its own sub-organisations."


def test_move_form_cannot_target_an_organisation_outside_the_view(tree, client):
    client.force_login(tree.users.org_admin)
    response = client.post(org_url("organization-move", "T1B1"), {"new_parent": "T2"})
    assert (error_codes(response, "new_parent"), parent_of(tree.b1)) == (["unknown_org"], tree.t1)


def test_merge_form_merges_through_the_domain(tree, client):
    client.force_login(tree.users.county_admin)
    client.post(org_url("organization-merge", "T1B1"), {"into": "T2B1", "confirm": "on"})
    assert (refreshed(tree.b1).status, refreshed(tree.m1).organization_id) == (OrgStatus.MERGED, tree.b2.pk)


def test_merge_form_refuses_to_merge_into_its_own_child(tree, client):
    client.force_login(tree.users.county_admin)
    response = client.post(org_url("organization-merge", "T1"), {"into": "T1B1", "confirm": "on"})
    assert (error_codes(response), refreshed(tree.t1).status) == (["cycle"], OrgStatus.ACTIVE)


def test_merge_form_needs_confirmation(tree, client):
    client.force_login(tree.users.county_admin)
    response = client.post(org_url("organization-merge", "T1B1"), {"into": "T2B1"})
    assert (error_codes(response, "confirm"), refreshed(tree.b1).status) == (["required"], OrgStatus.ACTIVE)


def test_dissolve_form_refuses_an_organisation_with_active_children(tree, client):
    client.force_login(tree.users.county_admin)
    response = client.post(org_url("organization-dissolve", "T1"), {"confirm": "on"})
    assert (error_codes(response), refreshed(tree.t1).status) == (["has_children"], OrgStatus.ACTIVE)


def test_dissolve_form_archives_and_moves_the_members(tree, client):
    client.force_login(tree.users.county_admin)
    client.post(org_url("organization-dissolve", "T2B1"), {"confirm": "on", "transfer_members_to": "T1B1"})
    assert (refreshed(tree.b2).status, refreshed(tree.m2).organization_id) == (OrgStatus.DISSOLVED, tree.b1.pk)


def test_archived_organisation_offers_no_structural_actions(tree, client):
    domain.dissolve_organization(tree.b2, by=None)
    client.force_login(tree.users.county_admin)
    html = client.get(org_url("organization-detail", "T2B1")).content.decode()
    assert re.findall(r'href="/orgs/o/T2B1/(\w+)/', html) == ["edit"]


# --- Members ------------------------------------------------------------------------------------

MEMBER_FORM = {"code": "N1", "name": "钱新", "gender": "F", "birth_date": "1990-02-03", "join_date": "2015-07-01",
               "status": "formal", "education": "大学本科", "organization": "T1B1", "position": "",
               "phone": "13912345678"}


def test_member_create_form_adds_a_member(tree, client):
    client.force_login(tree.users.branch_admin)
    response = client.post(org_url("member-create", "T1B1"), MEMBER_FORM)
    member = Member.objects.get(code="N1")
    assert (response.url, member.organization, member.phone) == (org_url("member-detail", "N1"), tree.b1, "13912345678")


def test_member_create_form_rejects_a_bad_phone(tree, client):
    client.force_login(tree.users.branch_admin)
    response = client.post(org_url("member-create", "T1B1"), {**MEMBER_FORM, "phone": "12345"})
    assert (list(response.context["form"].errors), Member.objects.filter(code="N1").count()) == (["phone"], 0)


def test_member_create_form_cannot_place_a_member_outside_the_view(tree, client):
    client.force_login(tree.users.branch_admin)
    response = client.post(org_url("member-create", "T1B1"), {**MEMBER_FORM, "organization": "T2B1"})
    assert error_codes(response, "organization") == ["unknown_org"]


def test_member_create_form_shows_the_domain_refusal_for_a_read_only_target(tree, client):
    client.force_login(tree.users.org_admin)
    domain.dissolve_organization(tree.b1, by=None, transfer_members_to=tree.t1)
    response = client.post(org_url("member-create", "T1"), {**MEMBER_FORM, "organization": "T1B1"})
    assert (error_codes(response), Member.objects.filter(code="N1").count()) == (["archived"], 0)


def test_member_detail_shows_the_phone_masked(tree, client):
    client.force_login(tree.users.county_admin)
    html = client.get(org_url("member-detail", "M1")).content.decode()
    assert (re.findall(r"138\*+1234", html), "13800001234" in html) == (["138****1234"], False)


def test_member_detail_outside_the_view_is_404(tree, client):
    client.force_login(tree.users.org_admin)
    assert client.get(org_url("member-detail", "M2")).status_code == 404


def test_member_edit_transfers_the_member(tree, client):
    client.force_login(tree.users.county_admin)
    data = {**MEMBER_FORM, "code": "M1", "name": "张三", "gender": "M", "organization": "T2B1"}
    response = client.post(org_url("member-edit", "M1"), data)
    assert (response.url, refreshed(tree.m1).organization) == (org_url("member-detail", "M1"), tree.b2)


@pytest.mark.parametrize(
    "role, code, status",
    [("branch_admin", "M1", 200), ("member", "M1", 403), ("inspector", "M1", 403), ("org_admin", "M2", 404)],
)
def test_member_edit_by_role(tree, client, role, code, status):
    client.force_login(getattr(tree.users, role))
    assert client.get(org_url("member-edit", code)).status_code == status
