import pytest

from pacesetter.core.models import AuditEntry
from pacesetter.orgs.enums import OrgLevel, Role, Sector
from pacesetter.orgs.models import Leader

from ..factories import LeaderFactory, make_org, make_user

NEW = {"code": "L9", "name": "新领导", "title": "副县长", "org_code": "C", "phone": "13912345678"}


def test_detail_shows_the_documented_fields(tree, login):
    tree.leader.phone = "13800005678"
    tree.leader.save(update_fields=["phone"])
    data = login(tree.users.county_admin).get("/api/v1/leaders/L1/").json()
    assert data == {
        "code": "L1",
        "name": "王县长",
        "title": "副县长",
        "org_code": "C",
        "org_name": "测试县委",
        "phone": "13800005678",
        "url": "http://testserver/api/v1/leaders/L1/",
    }


def test_phone_is_masked_for_those_who_may_not_edit(tree, login):
    tree.leader.phone = "13800005678"
    tree.leader.save(update_fields=["phone"])
    assert login(tree.users.inspector).get("/api/v1/leaders/L1/").json()["phone"] == "138****5678"


def test_list_filters_by_text(tree, login):
    LeaderFactory(organization=tree.county, code="L2", name="赵书记", title="县委书记")
    client = login(tree.users.county_admin)
    results = [client.get("/api/v1/leaders/", {"q": q}).json()["results"] for q in ("书记", "l1")]
    assert [[r["code"] for r in found] for found in results] == [["L2"], ["L1"]]


def test_create_goes_through_the_domain_and_is_audited(tree, login):
    response = login(tree.users.county_admin).post("/api/v1/leaders/", NEW, format="json")
    entry = AuditEntry.objects.order_by("-id").first()
    assert (response.status_code, entry.action, entry.object_id) == (
        201, "leader.create", str(Leader.objects.get(code="L9").pk)
    )


def test_create_with_bad_phone_names_the_field(tree, login):
    response = login(tree.users.county_admin).post("/api/v1/leaders/", {**NEW, "phone": "abc"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["phone"])


def test_update_is_audited(tree, login):
    response = login(tree.users.county_admin).patch("/api/v1/leaders/L1/", {"title": "县长"}, format="json")
    entry = AuditEntry.objects.order_by("-id").first()
    assert (response.status_code, entry.action, entry.after) == (200, "leader.update", {"title": "县长"})


@pytest.fixture
def small_county(db):
    root = make_org(code="R", name="县委", level=OrgLevel.COMMITTEE, sector=Sector.AGENCY)
    user = make_user("admin", Role.COUNTY_ADMIN, root)
    LeaderFactory(organization=root)

    def grow():
        LeaderFactory(organization=root)
        LeaderFactory(organization=make_org(root, code="RB1"))

    return user, grow


@pytest.mark.parametrize("grown", [False, True], ids=["1 item", "3 items"])
def test_leader_list_query_count(small_county, login, django_assert_num_queries, grown):
    user, grow = small_county
    if grown:
        grow()
    client = login(user)
    with django_assert_num_queries(5):
        response = client.get("/api/v1/leaders/")
    assert response.json()["count"] == (3 if grown else 1)
