import pytest

from pacesetter.core.models import AuditEntry
from pacesetter.orgs.enums import OrgLevel, OrgStatus, Role, Sector
from pacesetter.orgs.models import Member, Organization

from ..factories import MemberFactory, make_org, make_user

NEW = {"code": "T1B2", "name": "二村党支部", "level": "branch", "sector": "village", "parent_code": "T1"}


def codes(response):
    return [o["code"] for o in response.json()["results"]]


def last_audit():
    return AuditEntry.objects.order_by("-id").first()


def test_detail_shows_the_documented_fields(tree, login):
    data = login(tree.users.county_admin).get("/api/v1/organizations/T1B1/").json()
    assert data == {
        "code": "T1B1",
        "name": "一号村党支部",
        "parent_code": "T1",
        "level": "branch",
        "sector": "village",
        "township": "一号镇",
        "secretary": "",
        "established": None,
        "status": "active",
        "depth": 3,
        "numchild": 0,
        "url": "http://testserver/api/v1/organizations/T1B1/",
    }


def test_parent_outside_the_view_reads_as_null(tree, login):
    data = login(tree.users.org_admin).get("/api/v1/organizations/T1/").json()
    assert data["parent_code"] is None


def test_list_is_paginated(tree, login):
    data = login(tree.users.county_admin).get("/api/v1/organizations/", {"page_size": 2}).json()
    assert (data["count"], len(data["results"]), data["next"]) == (
        5, 2, "http://testserver/api/v1/organizations/?page=2&page_size=2"
    )


def test_page_past_the_end_is_404(tree, login):
    assert login(tree.users.county_admin).get("/api/v1/organizations/", {"page": 9}).status_code == 404


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"parent": "C"}, ["T1", "T2"]),
        ({"subtree": "T2"}, ["T2", "T2B1"]),
        ({"level": "committee"}, ["C", "T1", "T2"]),
        ({"sector": "agency"}, ["C"]),
        ({"township": "二号镇"}, ["T2", "T2B1"]),
        ({"q": "T1"}, ["T1", "T1B1"]),
        ({"q": "二号"}, ["T2", "T2B1"]),
        ({"status": "dissolved"}, []),
        ({"sector": ""}, ["C", "T1", "T1B1", "T2", "T2B1"]),
    ],
)
def test_list_filters(tree, login, params, expected):
    assert codes(login(tree.users.county_admin).get("/api/v1/organizations/", params)) == expected


def test_filter_by_organization_outside_the_view_is_unknown(tree, login):
    response = login(tree.users.org_admin).get("/api/v1/organizations/", {"subtree": "T2"})
    assert (response.status_code, response.json()) == (400, {"subtree": ["Unknown organisation: T2."]})


def test_filter_with_a_bad_choice_is_400(tree, login):
    response = login(tree.users.county_admin).get("/api/v1/organizations/", {"level": "galaxy"})
    assert (response.status_code, list(response.json())) == (400, ["level"])


def test_create_goes_through_the_domain_and_is_audited(tree, login):
    response = login(tree.users.org_admin).post("/api/v1/organizations/", NEW, format="json")
    org = Organization.objects.get(code="T1B2")
    assert (response.status_code, response.json()["parent_code"], response["Location"]) == (
        201, "T1", "http://testserver/api/v1/organizations/T1B2/"
    )
    assert (org.depth, last_audit().action, last_audit().actor_name, last_audit().object_id) == (
        3, "org.create", "township1", str(org.pk)
    )


def test_create_without_parent_names_the_field(tree, login):
    body = {k: v for k, v in NEW.items() if k != "parent_code"}
    response = login(tree.users.county_admin).post("/api/v1/organizations/", body, format="json")
    assert (response.status_code, response.json()) == (400, {"parent_code": ["This field is required."]})


def test_create_with_a_duplicate_code_names_the_field(tree, login):
    response = login(tree.users.county_admin).post("/api/v1/organizations/", {**NEW, "code": "T1B1"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["code"])


def test_create_with_a_bad_level_names_the_field(tree, login):
    response = login(tree.users.county_admin).post("/api/v1/organizations/", {**NEW, "level": "x"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["level"])


def test_create_top_level_needs_a_superuser(tree, login):
    response = login(tree.users.county_admin).post("/api/v1/organizations/", {**NEW, "parent_code": None}, format="json")
    assert (response.status_code, Organization.objects.filter(code="T1B2").count()) == (403, 0)


def test_create_under_an_archived_parent_is_400(tree, login):
    client = login(tree.users.county_admin)
    client.post("/api/v1/organizations/T1B1/dissolve/", {}, format="json")
    response = client.post("/api/v1/organizations/", {**NEW, "parent_code": "T1B1"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["non_field_errors"])


def test_bad_input_writes_nothing(tree, login):
    before = AuditEntry.objects.count()
    login(tree.users.county_admin).post("/api/v1/organizations/", {**NEW, "established": "soon"}, format="json")
    assert (Organization.objects.filter(code="T1B2").count(), AuditEntry.objects.count()) == (0, before)


def test_update_changes_the_fields_and_is_audited(tree, login):
    response = login(tree.users.branch_admin).patch("/api/v1/organizations/T1B1/", {"secretary": "赵六"}, format="json")
    entry = last_audit()
    assert (response.status_code, response.json()["secretary"]) == (200, "赵六")
    assert (entry.action, entry.before, entry.after) == ("org.update", {"secretary": ""}, {"secretary": "赵六"})


def test_update_cannot_change_the_parent(tree, login):
    response = login(tree.users.county_admin).patch("/api/v1/organizations/T1B1/", {"parent_code": "T2"}, format="json")
    assert (response.status_code, response.json()) == (
        400, {"parent_code": ["Use the move action to change the parent."]}
    )


def test_read_only_fields_are_ignored_on_update(tree, login):
    login(tree.users.county_admin).patch("/api/v1/organizations/T1B1/", {"status": "dissolved", "depth": 1}, format="json")
    org = Organization.objects.get(code="T1B1")
    assert (org.status, org.depth) == (OrgStatus.ACTIVE, 3)


@pytest.mark.parametrize("method", ["put", "delete"])
def test_no_put_or_delete(tree, login, method):
    response = getattr(login(tree.users.county_admin), method)("/api/v1/organizations/T1B1/", {}, format="json")
    assert (response.status_code, Organization.objects.filter(code="T1B1").count()) == (405, 1)


def test_move_reparents_the_subtree_and_is_audited(tree, login):
    response = login(tree.users.county_admin).post("/api/v1/organizations/T1B1/move/", {"parent_code": "T2"}, format="json")
    assert (response.status_code, response.json()["parent_code"], last_audit().action) == (200, "T2", "org.move")


def test_move_into_own_descendant_is_400_naming_the_field(tree, login):
    response = login(tree.users.county_admin).post("/api/v1/organizations/T1/move/", {"parent_code": "T1B1"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["parent_code"])
    assert Organization.objects.get(code="T1").path == tree.t1.path


def test_move_without_a_parent_names_the_field(tree, login):
    response = login(tree.users.county_admin).post("/api/v1/organizations/T1B1/move/", {}, format="json")
    assert (response.status_code, response.json()) == (400, {"parent_code": ["This field is required."]})


def test_merge_moves_members_and_archives(tree, login):
    response = login(tree.users.county_admin).post("/api/v1/organizations/T2B1/merge/", {"into_code": "T1B1"}, format="json")
    assert (response.status_code, response.json()["status"], Member.objects.get(code="M2").organization_id) == (
        200, "merged", tree.b1.pk
    )


def test_merge_into_itself_names_the_field(tree, login):
    response = login(tree.users.county_admin).post("/api/v1/organizations/T1/merge/", {"into_code": "T1"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["into_code"])


def test_dissolve_archives_and_keeps_members(tree, login):
    response = login(tree.users.county_admin).post("/api/v1/organizations/T1B1/dissolve/", {}, format="json")
    assert (response.status_code, response.json()["status"], Member.objects.get(code="M1").organization_id) == (
        200, "dissolved", tree.b1.pk
    )


def test_dissolve_with_transfer_moves_members(tree, login):
    client = login(tree.users.county_admin)
    client.post("/api/v1/organizations/T2B1/dissolve/", {"transfer_members_to": "T1B1"}, format="json")
    assert Member.objects.get(code="M2").organization_id == tree.b1.pk


def test_dissolve_with_active_children_is_400(tree, login):
    response = login(tree.users.county_admin).post("/api/v1/organizations/T1/dissolve/", {}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["non_field_errors"])


def test_session_writes_need_the_csrf_token(tree):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(tree.users.county_admin)
    response = client.patch("/api/v1/organizations/T1B1/", {"secretary": "赵六"}, format="json")
    assert (response.status_code, Organization.objects.get(code="T1B1").secretary) == (403, "")


def test_list_is_throttled(tree, login, monkeypatch):
    from rest_framework.throttling import UserRateThrottle

    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "2/min", "anon": "2/min"})
    client = login(tree.users.county_admin)
    statuses = [client.get("/api/v1/organizations/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


@pytest.fixture
def small_county(db):
    """A root with a county admin on it; `grow()` adds two branches."""
    root = make_org(code="R", name="县委", level=OrgLevel.COMMITTEE, sector=Sector.AGENCY)
    user = make_user("admin", Role.COUNTY_ADMIN, root)

    def grow():
        for code in ("RB1", "RB2"):
            org = make_org(root, code=code)
            MemberFactory(organization=org)

    return root, user, grow


@pytest.mark.parametrize("grown", [False, True], ids=["1 item", "3 items"])
def test_organization_list_query_count(small_county, login, django_assert_num_queries, grown):
    root, user, grow = small_county
    if grown:
        grow()
    client = login(user)
    with django_assert_num_queries(5):
        response = client.get("/api/v1/organizations/")
    assert response.json()["count"] == (3 if grown else 1)
