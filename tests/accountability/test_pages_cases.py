"""Accountability case pages: the list with its counts and the chart of sanctions, and one
case with its findings, sanctions, response, decision and timeline."""
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pacesetter.accountability import domain


def signed_in(client, user):
    """Logged in, reading the pages in English."""
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def cases(world):
    """c1 on KT-1 (T1), opened by the inspector with two sanctions, responded and closed;
    c2 on KT-2 (T2), opened by the ladder, one sanction; c3 against T1B1 by hand, no task."""
    inspector, tree = world.users.inspector, world.tree
    c1 = domain.open_case(by=inspector, task=world.task1, findings="节点逾期45天")
    domain.add_sanction(c1, by=inspector, kind="criticism", person="王某")
    domain.add_sanction(c1, by=inspector, kind="reminder", points=3)
    domain.respond_case(c1, by=world.users.org_admin, response="已整改")
    domain.close_case(c1, by=inspector, decision="予以通报批评")
    c2 = domain.open_case(by=None, task=world.task2)
    domain.add_sanction(c2, by=inspector, kind="criticism")
    c3 = domain.open_case(by=inspector, organization=tree.b1, findings="台账缺失")
    return c1, c2, c3


def pks(response):
    return [c.pk for c in response.context["page"].object_list]


def test_case_list_shows_the_inspector_every_case_newest_first(client, world, cases):
    c1, c2, c3 = cases
    response = signed_in(client, world.users.inspector).get("/accountability/cases/")
    rows = [(c.pk, c.sanction_count, c.sanction_points) for c in response.context["page"].object_list]
    assert rows == [(c3.pk, 0, 0), (c2.pk, 1, 10), (c1.pk, 2, 13)]


def test_case_list_counts_cases_by_status(client, world, cases):
    response = signed_in(client, world.users.inspector).get("/accountability/cases/")
    assert [(status, n) for status, _label, n in response.context["counts"]] == [
        ("open", 2), ("responded", 0), ("closed", 1)]


def test_case_list_charts_sanctions_by_kind(client, world, cases):
    response = signed_in(client, world.users.inspector).get("/accountability/cases/")
    chart = response.context["chart"]
    html = response.content.decode()
    assert (chart["counts"], chart["points"], 'id="chart-sanctions"' in html, "accountability/cases.js" in html) == (
        [1, 0, 0, 2, 0, 0], [3, 0, 0, 20, 0, 0], True, True)


def test_case_list_without_sanctions_draws_no_chart(client, world):
    html = signed_in(client, world.users.inspector).get("/accountability/cases/").content.decode()
    assert ("data-sanction-chart" in html, "accountability/cases.js" in html) == (False, False)


def test_case_list_shows_a_township_admin_its_subtrees_cases(client, world, cases):
    c1, _c2, c3 = cases
    response = signed_in(client, world.users.org_admin).get("/accountability/cases/")
    assert (pks(response), response.context["chart"]["counts"]) == ([c3.pk, c1.pk], [1, 0, 0, 1, 0, 0])


def test_case_list_shows_the_branch_admin_its_own_units_case(client, world, cases):
    assert pks(signed_in(client, world.users.branch_admin).get("/accountability/cases/")) == [cases[2].pk]


def test_case_list_shows_the_leader_their_tasks_cases(client, world, cases):
    assert pks(signed_in(client, world.users.leader).get("/accountability/cases/")) == [cases[0].pk]


def test_case_list_rows_link_case_and_task(client, world, cases):
    html = signed_in(client, world.users.inspector).get("/accountability/cases/").content.decode()
    table = html[html.index('id="case-table"'):]
    assert (table.count(f'href="/accountability/cases/{cases[0].pk}/"'), table.count('href="/tasks/KT-2/"'),
            table.count("escalation ladder"), table.count("2 · 13 pts")) == (1, 1, 1, 1)


@pytest.mark.parametrize(("query", "expected"), [
    ("status=open", [2, 1]), ("status=closed", [0]), ("source=escalation", [1]), ("unit=T1", [2, 0]),
    ("unit=二号", [1]), ("source=nobody", []),
])
def test_case_list_filters(client, world, cases, query, expected):
    response = signed_in(client, world.users.inspector).get(f"/accountability/cases/?{query}")
    assert pks(response) == [cases[i].pk for i in expected]


@pytest.mark.parametrize("n", [1, 3])
def test_case_list_queries_do_not_grow_with_cases(client, world, n, django_assert_num_queries):
    for _ in range(n):
        case = domain.open_case(by=world.users.inspector, task=world.task1)
        domain.add_sanction(case, by=world.users.inspector, kind="reminder")
    signed_in(client, world.users.org_admin)
    client.get("/accountability/cases/")
    with django_assert_num_queries(9):
        response = client.get("/accountability/cases/")
    assert len(pks(response)) == n


def test_case_page_shows_the_whole_case(client, world, cases):
    c1 = cases[0]
    response = signed_in(client, world.users.leader).get(f"/accountability/cases/{c1.pk}/")
    html = response.content.decode()
    assert ("节点逾期45天" in html, "已整改" in html, "予以通报批评" in html, 'href="/tasks/KT-1/"' in html,
            [(s.kind, s.points, s.person) for s in response.context["sanctions"]],
            response.context["sanction_points"]) == (
        True, True, True, True, [("criticism", 10, "王某"), ("reminder", 3, "")], 13)


def test_case_page_timeline_reads_the_audit_log(client, world, cases):
    c1 = cases[0]
    response = signed_in(client, world.users.inspector).get(f"/accountability/cases/{c1.pk}/")
    assert [(step["what"], step["who"]) for step in response.context["timeline"]] == [
        ("Case opened", "inspector"),
        ("Sanction: public criticism (通报批评), 10 points", "inspector"),
        ("Sanction: reminder (提醒), 3 points", "inspector"),
        ("The unit responded", "township1"),
        ("Case closed", "inspector"),
    ]


def test_case_page_timeline_names_the_ladder(client, world, cases):
    response = signed_in(client, world.users.inspector).get(f"/accountability/cases/{cases[1].pk}/")
    assert response.context["timeline"][0]["who"] == "the escalation ladder"


def test_case_page_reads_the_timeline_in_one_query(client, world, cases):
    signed_in(client, world.users.inspector)
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/accountability/cases/{cases[0].pk}/")
    assert sum('FROM "core_auditentry"' in q["sql"] for q in queries.captured_queries) == 1


def test_closed_case_offers_no_forms(client, world, cases):
    ctx = signed_in(client, world.users.inspector).get(f"/accountability/cases/{cases[0].pk}/").context
    assert [ctx[name] for name in ("findings_form", "sanction_form", "close_form", "response_form")] == [None] * 4


def test_open_case_offers_the_inspector_its_forms(client, world, cases):
    ctx = signed_in(client, world.users.inspector).get(f"/accountability/cases/{cases[2].pk}/").context
    assert ([ctx[name] is not None for name in ("findings_form", "sanction_form", "close_form", "response_form")],
            ctx["findings_form"].initial) == ([True, True, True, False], {"findings": "台账缺失"})


def test_open_case_offers_the_units_admin_the_response(client, world, cases):
    ctx = signed_in(client, world.users.branch_admin).get(f"/accountability/cases/{cases[2].pk}/").context
    assert [ctx[name] is not None for name in ("findings_form", "sanction_form", "close_form", "response_form")] == [
        False, False, False, True]


def test_sanction_form_says_the_default_points(client, world, cases):
    html = signed_in(client, world.users.inspector).get(f"/accountability/cases/{cases[2].pk}/").content.decode()
    assert ("reminder (提醒): 2; order to rectify within a deadline (限期整改): 5; " in html,
            "admonition talk (诫勉谈话): 15;" in html) == (True, True)
