"""/api/v1/campaign-stages/, /campaign-stage-tasks/ and /campaign-stage-statuses/."""
import pytest
from rest_framework.test import APIClient

from pacesetter.stages import domain
from tests.factories import make_org
from tests.stages.world import D, build


@pytest.fixture
def world(tree):
    w = build(tree)
    domain.mark_done(w.a, tree.b1, by=tree.users.county_admin, done_on=D(2026, 3, 15))
    return w


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_statuses_of_the_branch_admins_organisation(tree, world):
    body = api(tree.users.branch_admin).get(f"/api/v1/campaign-stage-statuses/?campaign={world.campaign.pk}").json()
    assert body["results"] == [{
        "org_code": "T1B1", "org_name": "一号村党支部", "township": "一号镇", "sector": "village",
        "done": 1, "done_late": 0, "open": 0, "overdue": 2, "rating": "red",
        "tasks": [{"task": world.a.pk, "task_status": "done", "done_on": "2026-03-15"},
                  {"task": world.b.pk, "task_status": "overdue", "done_on": None},
                  {"task": world.c.pk, "task_status": "overdue", "done_on": None}],
    }]


def test_statuses_filter_by_township(tree, world):
    body = api(tree.users.county_admin).get(
        f"/api/v1/campaign-stage-statuses/?campaign={world.campaign.pk}&township=二号镇").json()
    assert [row["org_code"] for row in body["results"]] == ["T2", "T2B1"]


def test_stage_list_holds_its_tasks(tree, world):
    body = api(tree.users.member).get(f"/api/v1/campaign-stages/?campaign={world.campaign.pk}").json()
    assert [(s["stage_kind"], [t["title"] for t in s["tasks"]]) for s in body["results"]] == [
        ("mobilise", ["召开动员大会"]), ("implement", ["公开承诺", "年度述职"]), ("summarise", [])]


@pytest.mark.parametrize("extra", [1, 3])
def test_statuses_read_in_constant_queries(tree, world, extra, django_assert_num_queries):
    for i in range(extra):
        make_org(tree.t2, code=f"T2X{i}", name=f"二号镇新支部{i}", township="二号镇")
    client = api(tree.users.county_admin)
    with django_assert_num_queries(7):
        assert client.get(f"/api/v1/campaign-stage-statuses/?campaign={world.campaign.pk}").status_code == 200


@pytest.mark.parametrize("extra", [1, 3])
def test_stage_lists_read_in_constant_queries(tree, world, extra, django_assert_num_queries):
    for _ in range(extra):
        domain.create_task(world.a.stage, by=tree.users.county_admin, title="学习", due_on=D(2026, 3, 30))
    client = api(tree.users.county_admin)
    with django_assert_num_queries(5):
        assert client.get("/api/v1/campaign-stages/").status_code == 200
        assert client.get("/api/v1/campaign-stage-tasks/").status_code == 200


@pytest.mark.parametrize("url", ["/api/v1/campaign-stages/?campaign=", "/api/v1/campaign-stage-tasks/?campaign=",
                                 "/api/v1/campaign-stage-tasks/?stage=", "/api/v1/campaign-stage-statuses/?campaign="])
def test_an_id_too_large_for_the_database_is_refused(tree, url):
    """Found by schemathesis: a 22-digit campaign overflowed the foreign-key lookup (a 500)."""
    response = api(tree.users.county_admin).get(f"{url}4965425204872788049920")
    assert response.status_code == 400
