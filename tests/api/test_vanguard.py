import datetime

import pytest
from rest_framework.test import APIClient

from pacesetter.vanguard import domain
from pacesetter.vanguard.enums import ProjectState
from pacesetter.vanguard.models import Project, Review
from tests.factories import MemberFactory
from tests.vanguard.world import project, world

API = "/api/v1"
NEW = {"organization": "T1B1", "vanguard_kind": "brand", "title": "党员品牌工程·红色课堂", "lead": "M1",
       "co_owners": [], "goals": "每月一次红色课堂", "starts_on": "2025-03-01", "ends_on": "2025-12-31"}


@pytest.fixture
def api():
    def login(user):
        client = APIClient()
        client.force_authenticate(user)
        return client
    return login


def test_create_makes_a_planned_project(tree, api):
    response = api(tree.users.org_admin).post(f"{API}/vanguard-projects/", NEW, format="json")
    assert (response.status_code, response.json()["vanguard_state"], response.json()["lead"]) == (201, "planned", "M1")


def test_create_names_the_lead_outside_the_organisation(tree, api):
    response = api(tree.users.county_admin).post(f"{API}/vanguard-projects/", {**NEW, "lead": "M2"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["lead"])


def test_create_names_an_end_before_the_start(tree, api):
    response = api(tree.users.county_admin).post(f"{API}/vanguard-projects/", {**NEW, "ends_on": "2025-01-01"},
                                                 format="json")
    assert (response.status_code, list(response.json())) == (400, ["ends_on"])


def test_patch_keeps_the_fields_not_sent(tree, api):
    made = world(tree)
    other = MemberFactory(organization=tree.b1, code="M6")
    response = api(tree.users.org_admin).patch(f"{API}/vanguard-projects/{made.in_.pk}/", {"co_owners": ["M6"]},
                                               format="json")
    row = Project.objects.get(pk=made.in_.pk)
    assert (response.status_code, row.title, row.lead.code, list(row.co_owners.all())) == (
        200, "党员先锋岗·窗口服务零投诉", "M1", [other])


def test_state_refusal_is_filed_under_vanguard_state(tree, api):
    made = world(tree)
    response = api(tree.users.county_admin).post(f"{API}/vanguard-projects/{made.done_in.pk}/state/",
                                                 {"vanguard_state": "running"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["vanguard_state"])


def test_owner_logs_progress(tree, api):
    made = world(tree)
    response = api(tree.users.member).post(f"{API}/vanguard-progress/", {
        "project": made.in_.pk, "date": "2025-06-01", "percent": 70, "text": "群众点赞"}, format="json")
    assert (response.status_code, list(made.in_.progress.values_list("percent", flat=True))) == (201, [20, 70])


def test_progress_going_back_is_refused_under_percent(tree, api):
    made = world(tree)
    response = api(tree.users.member).post(f"{API}/vanguard-progress/", {
        "project": made.in_.pk, "date": "2025-06-01", "percent": 5, "text": "x"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["percent"])


def test_result_refusal_names_the_amount(tree, api):
    made = world(tree)
    response = api(tree.users.org_admin).post(f"{API}/vanguard-results/", {
        "project": made.in_.pk, "vanguard_measure": "people_served", "amount": "1.5"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["amount"])


def test_review_of_a_running_project_is_refused_under_vanguard_rating(tree, api):
    made = world(tree)
    response = api(tree.users.org_admin).post(f"{API}/vanguard-reviews/", {
        "project": made.in_.pk, "vanguard_rating": "good"}, format="json")
    assert (response.status_code, list(response.json()), Review.objects.count()) == (400, ["vanguard_rating"], 0)


def test_project_reads_with_its_review(tree, api):
    made = world(tree)
    api(tree.users.org_admin).post(f"{API}/vanguard-reviews/", {"project": made.done_in.pk, "vanguard_rating": "good",
                                                                "comment": "好"}, format="json")
    body = api(tree.users.member).get(f"{API}/vanguard-projects/{made.done_in.pk}/").json()
    assert (body["review"]["vanguard_rating"], body["review"]["comment"]) == ("good", "好")


def test_mine_filter_keeps_the_members_projects(tree, api):
    made = world(tree)
    body = api(tree.users.member).get(f"{API}/vanguard-projects/?mine=true").json()
    assert sorted(p["id"] for p in body["results"]) == sorted([made.in_.pk, made.done_in.pk])


@pytest.mark.parametrize("count", [1, 3])
def test_project_list_queries_do_not_grow_with_rows(tree, api, django_assert_num_queries, count):
    client = api(tree.users.county_admin)
    for n in range(count):
        made = project(tree, tree.b1, tree.m1, title=f"项目{n}", state=ProjectState.COMPLETED,
                       co_owners=[MemberFactory(organization=tree.b1)])
        Review.objects.create(project=made, rating="good", reviewed_on=made.starts_on, reviewed_by=tree.users.org_admin)
    with django_assert_num_queries(5):
        response = client.get(f"{API}/vanguard-projects/")
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_progress_list_queries_do_not_grow_with_rows(tree, api, django_assert_num_queries, count):
    made = project(tree, tree.b1, tree.m1, state=ProjectState.RUNNING)
    for n in range(count):
        domain.log_progress(made, by=tree.users.county_admin, date=datetime.date(2025, 4, 1 + n), text="x", percent=n)
    client = api(tree.users.county_admin)
    with django_assert_num_queries(2):
        response = client.get(f"{API}/vanguard-progress/")
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_result_list_queries_do_not_grow_with_rows(tree, api, django_assert_num_queries, count):
    made = project(tree, tree.b1, tree.m1, state=ProjectState.RUNNING)
    for n in range(count):
        domain.add_result(made, by=tree.users.county_admin, measure="problems_solved", amount=n + 1)
    client = api(tree.users.org_admin)
    with django_assert_num_queries(3):
        response = client.get(f"{API}/vanguard-results/")
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_review_list_queries_do_not_grow_with_rows(tree, api, django_assert_num_queries, count):
    for n in range(count):
        made = project(tree, tree.b1, tree.m1, title=f"项目{n}", state=ProjectState.COMPLETED)
        domain.review_project(made, by=tree.users.org_admin, rating="excellent")
    client = api(tree.users.inspector)
    with django_assert_num_queries(3):
        response = client.get(f"{API}/vanguard-reviews/")
    assert len(response.json()["results"]) == count
