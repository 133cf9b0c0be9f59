import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from pacesetter.vanguard.enums import ProjectState, Rating
from pacesetter.vanguard.models import Project, Review
from tests.factories import MemberFactory

from .world import photo, project, world


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client
    return login


def test_create_page_makes_a_project_with_its_owners(tree, as_user):
    MemberFactory(organization=tree.b1, code="M7")
    response = as_user(tree.users.org_admin).post("/vanguard/new/", {
        "organization": "T1B1", "kind": "zone", "title": "党员责任区·村道保洁", "lead": "M1", "co_owners": "M7, M1",
        "goals": "村道常年干净", "starts_on": "2025-03-01", "ends_on": "2025-12-31"})
    made = Project.objects.get()
    assert (response.status_code, response["Location"], made.lead.code,
            list(made.co_owners.values_list("code", flat=True))) == (302, f"/vanguard/{made.pk}/", "M1", ["M7"])


def test_create_page_names_a_lead_outside_the_organisation(tree, as_user):
    with translation.override("en"):
        response = as_user(tree.users.county_admin).post("/vanguard/new/", {
            "organization": "T1B1", "kind": "zone", "title": "责任区", "lead": "M2", "goals": "目标",
            "starts_on": "2025-03-01", "ends_on": "2025-12-31"}, HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.context["form"].errors["lead"]) == (
        400, ["李四 (M2) is not a member of 一号村党支部 or an organisation under it."])


def test_create_page_refuses_a_member_code_outside_the_view(tree, as_user):
    with translation.override("en"):
        response = as_user(tree.users.org_admin).post("/vanguard/new/", {
            "organization": "T1B1", "kind": "zone", "title": "责任区", "lead": "M2", "goals": "目标",
            "starts_on": "2025-03-01", "ends_on": "2025-12-31"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["lead"] == ["No member with the code M2 in your view."]


def test_detail_shows_progress_chart_data_and_results(tree, as_user):
    made = world(tree)
    response = as_user(tree.users.member).get(f"/vanguard/{made.in_.pk}/")
    assert (response.context["chart"]["percent"], [str(line.amount) for line in response.context["results"]],
            response.context["can_progress"], response.context["can_edit"]) == ([20], ["12.00"], True, False)


def test_member_logs_progress_on_their_project(tree, as_user):
    made = world(tree)
    response = as_user(tree.users.member).post(f"/vanguard/{made.in_.pk}/progress/", {
        "date": "2025-06-01", "percent": "60", "text": "服务窗口零投诉"})
    assert (response.status_code, list(made.in_.progress.values_list("percent", flat=True))) == (302, [20, 60])


def test_evidence_page_uploads_a_photo(tree, as_user):
    made = world(tree)
    response = as_user(tree.users.branch_admin).post(f"/vanguard/{made.in_.pk}/evidence/", {"files": [photo("二.jpg")]})
    assert (response.status_code, list(made.in_.evidence.values_list("original_name", flat=True))) == (
        302, ["现场.jpg", "二.jpg"])


def test_evidence_file_is_served_to_the_owner(tree, as_user):
    made = world(tree)
    response = as_user(tree.users.member).get(f"/vanguard/{made.in_.pk}/evidence/{made.evidence_in.pk}/")
    assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")


def test_review_page_rates_a_completed_project(tree, as_user):
    made = world(tree)
    response = as_user(tree.users.org_admin).post(f"/vanguard/{made.done_in.pk}/review/", {
        "rating": "excellent", "comment": "群众满意"})
    assert (response.status_code, Review.objects.get().rating) == (302, Rating.EXCELLENT)


def test_state_page_offers_only_the_next_states(tree, as_user):
    made = world(tree)
    response = as_user(tree.users.org_admin).get(f"/vanguard/{made.in_.pk}/state/")
    assert [c[0] for c in response.context["form"].fields["state"].choices] == ["completed", "abandoned"]


def test_mine_lists_the_members_own_projects(tree, as_user):
    made = world(tree)
    project(tree, tree.b1, MemberFactory(organization=tree.b1), title="别人的项目")
    response = as_user(tree.users.member).get("/vanguard/mine/")
    assert sorted(p.pk for p in response.context["page"].object_list) == sorted([made.in_.pk, made.done_in.pk])


def test_list_filters_by_kind_and_state(tree, as_user):
    made = world(tree)
    response = as_user(tree.users.county_admin).get("/vanguard/?kind=breakthrough&state=running")
    assert [p.pk for p in response.context["page"].object_list] == [made.out.pk]


def test_list_filters_by_organisation_subtree(tree, as_user):
    made = world(tree)
    response = as_user(tree.users.county_admin).get("/vanguard/?org=T2")
    assert [p.pk for p in response.context["page"].object_list] == [made.out.pk]


@pytest.mark.parametrize("count", [1, 3])
def test_list_queries_do_not_grow_with_rows(tree, as_user, django_assert_num_queries, count):
    client = as_user(tree.users.county_admin)
    for n in range(count):
        project(tree, tree.b1, tree.m1, title=f"项目{n}", state=ProjectState.RUNNING)
    client.get("/vanguard/")
    with django_assert_num_queries(8):
        response = client.get("/vanguard/")
    assert len(response.context["page"].object_list) == count


def test_dashboard_export_has_a_row_per_township(tree, as_user):
    world(tree)
    response = as_user(tree.users.county_admin).get("/vanguard/dashboard/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["一号镇", "二号镇"]


def test_dashboard_page_draws_from_the_visible_projects(tree, as_user):
    world(tree)
    response = as_user(tree.users.org_admin).get("/vanguard/dashboard/")
    assert (response.context["township_chart"]["labels"], response.context["board"].total) == (["一号镇"], 2)
