"""The county goal pages: the tree with what serves each goal, a goal's page, and the county
admins' forms (new, edit, move, in force or not)."""
import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pacesetter.accountability import domain as a_domain
from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.campaigns.models import Campaign
from pacesetter.commitments import domain as c_domain
from pacesetter.core.models import AuditEntry
from pacesetter.orgs import goals
from pacesetter.orgs.models import Goal

D = datetime.date


@pytest.fixture
def frame(tree):
    """G (strategy) → G.1 (target), G.2 (target, out of force)."""
    by = tree.users.county_admin
    root = goals.create_goal(by=by, code="G", name="工业强县", kind="strategy")
    one = goals.create_goal(by=by, parent=root, code="G.1", name="新开工项目40个", kind="target")
    two = goals.create_goal(by=by, parent=root, code="G.2", name="旧目标", kind="target")
    goals.set_goal_active(two, by=by, active=False)
    return root, one, two


def make_task(tree, code, *, lead_unit, goal):
    return a_domain.create_task(
        by=tree.users.county_admin, code=code, title=f"重点项目{code}", kind="key_project", lead_unit=lead_unit,
        leader=tree.leader, goal=goal, milestones=[{"title": "完工", "due_on": D(2026, 12, 31), "weight": 100}],
        planned_start=D(2026, 1, 1), planned_end=D(2026, 12, 31), report_every_days=30,
    )


@pytest.fixture
def campaign(tree):
    today = timezone.localdate()
    return Campaign.objects.create(name="创先争优活动", year=today.year, starts_on=today - datetime.timedelta(days=30),
                                   ends_on=today + datetime.timedelta(days=300), status=CampaignStatus.ACTIVE)


def make_items(tree, campaign, org, goal, n):
    """A published pledge of `org` with `n` items serving `goal` (written and approved by the county admin)."""
    by = tree.users.county_admin
    commitment = c_domain.start_commitment(campaign, by=by, organization=org)
    for i in range(n):
        c_domain.add_item(commitment, by=by, content=f"承诺{org.code}{i}", target="按期完成", category="service",
                          deadline=timezone.localdate() + datetime.timedelta(days=30 + i), goal=goal)
    c_domain.submit_commitment(commitment, by=by)
    c_domain.approve_commitment(commitment, by=by)
    return commitment


@pytest.fixture
def served(tree, frame, campaign):
    """Key tasks: KT-A (T1) on G, KT-B (T1) and KT-C (T2) on G.1. Items: T1B1's two on G.1, T2B1's one on G."""
    root, one, _two = frame
    make_task(tree, "KT-A", lead_unit=tree.t1, goal=root)
    make_task(tree, "KT-B", lead_unit=tree.t1, goal=one)
    make_task(tree, "KT-C", lead_unit=tree.t2, goal=one)
    make_items(tree, campaign, tree.b1, one, 2)
    make_items(tree, campaign, tree.b2, root, 1)
    return frame


def signed_in(client, user):
    """Logged in, reading the pages in English."""
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def tree_rows(response):
    return [(g.code, g.tasks_own, g.tasks_all, g.items_own, g.items_all) for g in response.context["page"].object_list]


# --- The tree ------------------------------------------------------------------------------


def test_tree_counts_what_serves_each_goal_and_its_sub_goals(client, tree, served):
    response = signed_in(client, tree.users.county_admin).get("/goals/")
    assert tree_rows(response) == [("G", 1, 3, 1, 3), ("G.1", 2, 2, 2, 2), ("G.2", 0, 0, 0, 0)]


def test_tree_counts_only_what_the_reader_sees(client, tree, served):
    response = signed_in(client, tree.users.org_admin).get("/goals/")
    assert tree_rows(response) == [("G", 1, 2, 0, 2), ("G.1", 1, 1, 2, 2), ("G.2", 0, 0, 0, 0)]


def test_tree_shows_a_member_no_key_tasks(client, tree, served):
    response = signed_in(client, tree.users.member).get("/goals/")
    assert tree_rows(response) == [("G", 0, 0, 0, 2), ("G.1", 0, 0, 2, 2), ("G.2", 0, 0, 0, 0)]


def test_tree_indents_badges_and_greys_goals_out_of_force(client, tree, frame):
    html = signed_in(client, tree.users.member).get("/goals/").content.decode()
    assert (html.count('class="goal-depth-2"'), html.count('class="goal-depth-2 goal-inactive"'),
            html.count('<span class="badge badge-goal-target">target</span>'), html.count("out of force</span>")) == (
        1, 1, 2, 1)


def test_tree_offers_county_admins_a_new_goal(client, tree, frame):
    admin_html = signed_in(client, tree.users.county_admin).get("/goals/").content.decode()
    client.force_login(tree.users.inspector)
    assert ('id="goal-new-root"' in admin_html, 'id="goal-new-root"' in client.get("/goals/").content.decode()) == (
        True, False)


def test_tree_filters_by_kind_and_state(client, tree, frame):
    response = signed_in(client, tree.users.member).get("/goals/?kind=target&state=active")
    assert [g.code for g in response.context["page"].object_list] == ["G.1"]


def test_tree_filters_by_text(client, tree, frame):
    response = signed_in(client, tree.users.member).get("/goals/?q=旧")
    assert [g.code for g in response.context["page"].object_list] == ["G.2"]


def test_tree_with_an_invalid_filter_is_empty(client, tree, frame):
    response = signed_in(client, tree.users.member).get("/goals/?kind=dream")
    assert (response.status_code, list(response.context["page"].object_list)) == (200, [])


@pytest.mark.parametrize("n", [1, 3])
def test_tree_queries_do_not_grow_with_goals(client, tree, n, django_assert_num_queries):
    root = goals.create_goal(by=tree.users.county_admin, code="G", name="工业强县", kind="strategy")
    for i in range(n - 1):
        goals.create_goal(by=tree.users.county_admin, parent=root, code=f"G.{i}", name=f"目标{i}", kind="goal")
    signed_in(client, tree.users.org_admin)
    client.get("/goals/")  # the session and the user's roles are loaded once
    with django_assert_num_queries(7):
        response = client.get("/goals/")
    assert len(response.context["page"].object_list) == n


# --- A goal's page -------------------------------------------------------------------------


def test_detail_lists_the_tasks_and_items_of_the_goal_and_its_sub_goals(client, tree, served):
    response = signed_in(client, tree.users.county_admin).get("/goals/G/")
    tasks = [(t.code, t.goal.code) for t in response.context["task_page"].object_list]
    items = [(i.content, i.goal.code) for i in response.context["item_page"].object_list]
    assert (tasks, items) == ([("KT-A", "G"), ("KT-B", "G.1"), ("KT-C", "G.1")],
                              [("承诺T1B10", "G.1"), ("承诺T2B10", "G"), ("承诺T1B11", "G.1")])


def test_detail_says_which_goal_each_row_is_tagged_to(client, tree, served):
    html = signed_in(client, tree.users.county_admin).get("/goals/G/").content.decode()
    assert (html.count(">this goal<"), html.count('href="/goals/G.1/">新开工项目40个</a></td>')) == (2, 4)


def test_detail_of_a_sub_goal_leaves_out_its_parents_work(client, tree, served):
    response = signed_in(client, tree.users.county_admin).get("/goals/G.1/")
    assert ([t.code for t in response.context["task_page"].object_list],
            [a.code for a in response.context["ancestors"]]) == (["KT-B", "KT-C"], ["G"])


def test_detail_lists_only_what_the_reader_sees(client, tree, served):
    response = signed_in(client, tree.users.org_admin).get("/goals/G/")
    assert ([t.code for t in response.context["task_page"].object_list],
            [i.content for i in response.context["item_page"].object_list]) == (
        ["KT-A", "KT-B"], ["承诺T1B10", "承诺T1B11"])


def test_detail_shows_the_description_children_and_buttons_to_county_admins(client, tree, frame):
    goals.update_goal(frame[0], by=tree.users.county_admin, description="以工业化为核心")
    html = signed_in(client, tree.users.county_admin).get("/goals/G/").content.decode()
    assert ("以工业化为核心" in html, html.count('href="/goals/G.1/"'), 'id="goal-actions"' in html,
            "Take out of force" in html) == (True, 1, True, True)


def test_detail_hides_the_buttons_from_others(client, tree, frame):
    html = signed_in(client, tree.users.org_admin).get("/goals/G/").content.decode()
    assert 'id="goal-actions"' not in html


def test_detail_of_a_goal_out_of_force_offers_to_put_it_back(client, tree, frame):
    html = signed_in(client, tree.users.county_admin).get("/goals/G.2/").content.decode()
    assert ("Put back in force" in html, "Add a sub-goal" in html) == (True, False)


@pytest.mark.parametrize("n", [1, 3])
def test_detail_queries_do_not_grow_with_what_serves_it(client, tree, frame, campaign, n, django_assert_num_queries):
    for i in range(n):
        make_task(tree, f"KT-{i}", lead_unit=tree.t1, goal=frame[1])
    make_items(tree, campaign, tree.b1, frame[1], n)
    signed_in(client, tree.users.org_admin)
    client.get("/goals/G/")
    with django_assert_num_queries(12):
        response = client.get("/goals/G/")
    assert (len(response.context["task_page"].object_list), len(response.context["item_page"].object_list)) == (n, n)


def test_detail_pages_each_list_on_its_own(client, tree, frame, campaign):
    make_items(tree, campaign, tree.b1, frame[1], 11)
    make_items(tree, campaign, tree.t1, frame[1], 10)
    response = signed_in(client, tree.users.county_admin).get("/goals/G/?items=2")
    assert ([i.content for i in response.context["item_page"].object_list], response.context["task_page"].number) == (
        ["承诺T1B110"], 1)


# --- County admins' forms ------------------------------------------------------------------


def goal_audit():
    return list(AuditEntry.objects.filter(action__startswith="goal.").order_by("id").values_list("action", flat=True))


def test_new_goal_under_a_parent(client, tree, frame):
    response = signed_in(client, tree.users.county_admin).post(
        "/goals/new/?parent=G.1", {"code": "G.1.1", "name": "亿元项目", "kind": "target", "description": ""})
    goal = Goal.objects.get(code="G.1.1")
    assert (response["Location"], Goal.objects.get_parent(goal).code) == ("/goals/G.1.1/", "G.1")


def test_new_goal_form_starts_with_the_parents_kind(client, tree, frame):
    response = signed_in(client, tree.users.county_admin).get("/goals/new/?parent=G.1")
    assert response.context["form"].initial == {"kind": "target"}


def test_new_goal_without_a_parent_is_a_root(client, tree, frame):
    signed_in(client, tree.users.county_admin).post(
        "/goals/new/", {"code": "H", "name": "两大任务", "kind": "task", "description": ""})
    assert Goal.objects.get(code="H").depth == 1


def test_new_goal_with_fields_missing_shows_them_and_saves_nothing(client, tree, frame):
    before = goal_audit()
    response = signed_in(client, tree.users.county_admin).post("/goals/new/?parent=G", {"code": "", "kind": "x"})
    assert (response.status_code, sorted(response.context["form"].errors), goal_audit()) == (
        200, ["code", "kind", "name"], before)


def test_new_goal_with_a_code_taken_shows_the_domain_refusal(client, tree, frame):
    before = goal_audit()
    response = signed_in(client, tree.users.county_admin).post(
            "/goals/new/?parent=G", {"code": "G.1", "name": "重复", "kind": "target"})
    assert (response.context["form"].errors["code"], goal_audit()) == (
        ["County goal with this Code already exists."], before)


def test_new_goal_under_a_goal_out_of_force_is_refused_on_the_form(client, tree, frame):
    response = signed_in(client, tree.users.county_admin).post(
            "/goals/new/?parent=G.2", {"code": "G.2.1", "name": "目标", "kind": "target"})
    assert (response.context["form"].non_field_errors(), Goal.objects.filter(code="G.2.1").exists()) == (
        ["“旧目标” is out of force; put it back in force before adding goals under it."], False)


def test_edit_goal(client, tree, frame):
    response = signed_in(client, tree.users.county_admin).post(
        "/goals/G.1/edit/", {"code": "G.1", "name": "新开工亿元项目40个", "kind": "target", "description": "全年"})
    goal = Goal.objects.get(code="G.1")
    assert (response.status_code, goal.name, goal.description, goal_audit()[-1]) == (
        302, "新开工亿元项目40个", "全年", "goal.update")


def test_edit_goal_form_shows_the_goal(client, tree, frame):
    response = signed_in(client, tree.users.county_admin).get("/goals/G.1/edit/")
    assert response.context["form"].initial == {"code": "G.1", "name": "新开工项目40个", "kind": "target",
                                                "description": ""}


def test_edit_goal_with_a_bad_code_changes_nothing(client, tree, frame):
    before = goal_audit()
    response = signed_in(client, tree.users.county_admin).post(
        "/goals/G.1/edit/", {"code": "坏 代码", "name": "目标", "kind": "target"})
    assert (list(response.context["form"].errors), Goal.objects.get(pk=frame[1].pk).code, goal_audit()) == (
        ["code"], "G.1", before)


def test_move_goal_under_another(client, tree, frame):
    signed_in(client, tree.users.county_admin).post("/goals/G.2/move/", {"parent": frame[1].pk})
    assert Goal.objects.get_parent(Goal.objects.get(code="G.2")).code == "G.1"


def test_move_goal_form_does_not_offer_its_own_subtree(client, tree, frame):
    response = signed_in(client, tree.users.county_admin).get("/goals/G/move/")
    assert list(response.context["form"].fields["parent"].queryset) == []


def test_move_goal_under_itself_is_refused_on_the_form(client, tree, frame):
    before = goal_audit()
    response = signed_in(client, tree.users.county_admin).post("/goals/G/move/", {"parent": frame[1].pk})
    assert (list(response.context["form"].errors), goal_audit()) == (["parent"], before)


def test_take_a_goal_out_of_force(client, tree, frame):
    response = signed_in(client, tree.users.county_admin).post("/goals/G.1/active/", {"active": "0"})
    assert (response["Location"], Goal.objects.get(code="G.1").is_active) == ("/goals/G.1/", False)


def test_putting_a_goal_in_force_twice_says_so(client, tree, frame):
    signed_in(client, tree.users.county_admin)
    before = goal_audit()
    response = client.post("/goals/G.1/active/", {"active": "1"}, follow=True)
    assert ([str(m) for m in response.context["messages"]], goal_audit()) == (["“新开工项目40个” is already in force."], before)


def test_goal_active_without_a_state_says_so(client, tree, frame):
    response = signed_in(client, tree.users.county_admin).post("/goals/G.1/active/", {}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Say whether the goal is to be in force or not."]


def test_goal_pages_read_the_goal_by_code_once(client, tree, frame):
    signed_in(client, tree.users.member)
    client.get("/goals/G.1/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/goals/G.1/")
    assert sum('"orgs_goal"."code" = ' in q["sql"] for q in queries.captured_queries) == 1
