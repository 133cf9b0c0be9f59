import pytest

from pacesetter.core.models import AuditEntry
from pacesetter.orgs.enums import OrgLevel, Role, Sector
from pacesetter.orgs.models import Member

from ..factories import MemberFactory, make_org, make_user

NEW = {"code": "M9", "name": "新党员", "gender": "F", "status": "probationary", "org_code": "T1B1", "phone": "13912345678"}


def codes(response):
    return [m["code"] for m in response.json()["results"]]


def test_detail_shows_the_documented_fields(tree, login):
    data = login(tree.users.county_admin).get("/api/v1/members/M1/").json()
    assert data == {
        "code": "M1",
        "name": "张三",
        "gender": "M",
        "birth_date": "1980-01-01",
        "join_date": "2005-07-01",
        "status": "formal",
        "education": "大学本科",
        "org_code": "T1B1",
        "org_name": "一号村党支部",
        "position": "",
        "is_rural": False,
        "phone": "13800001234",
        "url": "http://testserver/api/v1/members/M1/",
    }


@pytest.mark.parametrize(
    ("role", "phone"),
    [
        ("county_admin", "13800001234"),
        ("org_admin", "13800001234"),
        ("branch_admin", "13800001234"),
        ("inspector", "138****1234"),
        ("leader", "138****1234"),
        ("member", "138****1234"),
        ("affiliate", "138****1234"),
    ],
)
def test_phone_is_masked_for_those_who_may_not_edit(tree, login, role, phone):
    client = login(getattr(tree.users, role))
    assert (client.get("/api/v1/members/M1/").json()["phone"], client.get("/api/v1/members/").json()["results"][0]["phone"]) == (phone, phone)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"org": "T1"}, ["M1"]),
        ({"org": "C"}, ["M1", "M2", "M3"]),
        ({"status": "probationary"}, ["M3"]),
        ({"gender": "F"}, ["M3"]),
        ({"rural": "true"}, ["M3"]),
        ({"rural": "false"}, ["M1", "M2"]),
        ({"q": "李"}, ["M2"]),
        ({"q": "m3"}, ["M3"]),
    ],
)
def test_list_filters(tree, login, params, expected):
    MemberFactory(organization=tree.t2, code="M3", name="王五", gender="F", status="probationary", is_rural=True)
    assert codes(login(tree.users.county_admin).get("/api/v1/members/", params)) == expected


def test_filter_by_organization_outside_the_view_is_unknown(tree, login):
    response = login(tree.users.org_admin).get("/api/v1/members/", {"org": "T2"})
    assert (response.status_code, response.json()) == (400, {"org": ["Unknown organisation: T2."]})


def test_create_goes_through_the_domain_and_is_audited(tree, login):
    response = login(tree.users.branch_admin).post("/api/v1/members/", NEW, format="json")
    member = Member.objects.get(code="M9")
    entry = AuditEntry.objects.order_by("-id").first()
    assert (response.status_code, response.json()["phone"], member.organization_id) == (201, "13912345678", tree.b1.pk)
    assert (entry.action, entry.actor_name, entry.object_id) == ("member.create", "branch1", str(member.pk))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"phone": "12345"}, "phone"),
        ({"gender": "X"}, "gender"),
        ({"birth_date": "1980-13-01"}, "birth_date"),
        ({"code": "M1"}, "code"),
        ({"code": "has space"}, "code"),
        ({"org_code": ""}, "org_code"),
        ({"name": "x" * 51}, "name"),
    ],
)
def test_create_with_bad_input_names_the_field(tree, login, change, field):
    response = login(tree.users.county_admin).post("/api/v1/members/", {**NEW, **change}, format="json")
    assert (response.status_code, list(response.json()), Member.objects.filter(code="M9").count()) == (400, [field], 0)


def test_create_into_an_archived_organization_is_400(tree, login):
    client = login(tree.users.county_admin)
    client.post("/api/v1/organizations/T1B1/dissolve/", {}, format="json")
    response = client.post("/api/v1/members/", NEW, format="json")
    assert (response.status_code, list(response.json())) == (400, ["non_field_errors"])


def test_update_transfers_the_member_and_is_audited(tree, login):
    response = login(tree.users.org_admin).patch("/api/v1/members/M1/", {"org_code": "T1"}, format="json")
    entry = AuditEntry.objects.order_by("-id").first()
    assert (response.status_code, response.json()["org_code"]) == (200, "T1")
    assert (entry.action, entry.before, entry.after) == (
        "member.update", {"organization_id": tree.b1.pk}, {"organization_id": tree.t1.pk}
    )


def test_transfer_outside_the_view_is_unknown(tree, login):
    response = login(tree.users.org_admin).patch("/api/v1/members/M1/", {"org_code": "T2B1"}, format="json")
    assert (response.status_code, response.json()) == (400, {"org_code": ["Unknown organisation: T2B1."]})
    assert Member.objects.get(code="M1").organization_id == tree.b1.pk


@pytest.fixture
def small_county(db):
    root = make_org(code="R", name="县委", level=OrgLevel.COMMITTEE, sector=Sector.AGENCY)
    user = make_user("admin", Role.COUNTY_ADMIN, root)
    MemberFactory(organization=root)

    def grow():
        for code in ("RB1", "RB2"):
            MemberFactory(organization=make_org(root, code=code))

    return user, grow


@pytest.mark.parametrize("grown", [False, True], ids=["1 item", "3 items"])
def test_member_list_query_count(small_county, login, django_assert_num_queries, grown):
    user, grow = small_county
    if grown:
        grow()
    client = login(user)
    with django_assert_num_queries(5):
        response = client.get("/api/v1/members/")
    assert response.json()["count"] == (3 if grown else 1)
