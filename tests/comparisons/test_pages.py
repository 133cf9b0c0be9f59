"""The comparison pages: what they show, their exports, their query counts."""
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from pacesetter.core.xlsx import XLSX_TYPE

from ..factories import make_org
from .world import VILLAGE_BRANCH, _round

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    """Pages in English, so labels compare exactly."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def county_client(client, tree):
    client.force_login(tree.users.county_admin)
    return client


def sheet_rows(response) -> list[tuple]:
    assert response["Content-Type"] == XLSX_TYPE
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def test_landing_lists_the_users_roots(client, tree, world):
    client.force_login(tree.users.org_admin)
    response = client.get("/compare/")
    assert [org.code for org in response.context["page"].object_list] == ["T1"]


def test_landing_finds_visible_organisations_only(client, tree, world):
    client.force_login(tree.users.org_admin)
    response = client.get("/compare/", {"q": "二村"})
    assert [org.code for org in response.context["page"].object_list] == ["T1B2"]


def test_history_page_rows_and_chart(county_client, tree, world):
    response = county_client.get("/compare/T1B1/history/")
    assert [(r["round_name"], r["composite"]) for r in response.context["rows"]] == [
        ("2024年度民主测评", 80.0), ("2025年度民主测评", 88.0)]
    assert response.context["chart"]["percentile"] == [60.0, 75.0]


def test_history_export(county_client, tree, world):
    rows = sheet_rows(county_client.get("/compare/T1B1/history/export.xlsx"))
    assert [row[:7] for row in rows[1:]] == [
        ("2024年度民主测评", rows[1][1], 80, "good", 2, 5, 60),
        ("2025年度民主测评", rows[2][1], 88, "advanced", 1, 4, 75),
    ]


def test_peers_page_defaults_to_the_newest_round(county_client, tree, world):
    response = county_client.get("/compare/T1B1/peers/")
    assert (response.context["round"], response.context["chart"]["marked"]) == (world.r2025, 8)


def test_peers_page_of_another_round(county_client, tree, world):
    response = county_client.get("/compare/T1B1/peers/", {"round": world.r2024.pk})
    assert response.context["position"].percentile == 60.0


def test_peers_page_refuses_an_unreleased_round(county_client, tree, world):
    response = county_client.get("/compare/T1B1/peers/", {"round": world.closed.pk})
    assert (response.status_code, response.context["position"]) == (200, None)


def test_peers_export(county_client, tree, world):
    rows = sheet_rows(county_client.get("/compare/T1B1/peers/export.xlsx"))
    assert rows[5:8] == [("Rank in peer group", 1), ("Ranked in peer group", 4), ("Percentile in peer group", 75)]


def test_peers_export_without_a_result_is_404(county_client, tree, world):
    assert county_client.get("/compare/T1B1/peers/export.xlsx", {"round": world.closed.pk}).status_code == 404


def test_within_page_lists_children_with_summary(county_client, tree, world):
    response = county_client.get("/compare/T1/within/")
    assert [r.subject.organization.code for r in response.context["page"].object_list] == ["T1B1", "T1B3", "T1B2"]
    assert response.context["summary"]["count"] == 3


def test_within_export(county_client, tree, world):
    rows = sheet_rows(county_client.get("/compare/C/within/export.xlsx", {"level": "branch"}))
    assert [row[1:4] for row in rows[1:]] == [
        ("一号村党支部", "T1B1", 88), ("一号镇三村党支部", "T1B3", 84), ("一号镇二村党支部", "T1B2", 72),
        ("二号村党支部", "T2B1", 64), ("二号镇二村党支部", "T2B2", None),
    ]


def test_outside_page_marks_the_focus(county_client, tree, world):
    response = county_client.get("/compare/outside/", {"focus": "一号镇"})
    assert response.context["chart"]["labels"] == ["一号镇"]
    assert response.context["chart"]["focus"] == [True]


def test_outside_page_by_sector_labels(county_client, tree, world):
    response = county_client.get("/compare/outside/", {"by": "sector", "round": world.r2024.pk})
    assert [g.label for g in response.context["page"].object_list] == ["village"]


def test_outside_export(county_client, tree, world):
    rows = sheet_rows(county_client.get("/compare/outside/export.xlsx"))
    assert rows[1:] == [
        (1, "一号镇", 4, 4, 82.25, 4.25, 2, 1, 1, 0),
        (None, "二号镇", 3, 2),  # withheld figures are empty cells, which the reader leaves off
        (None, "County", 7, 6, 78, None, 2, 2, 1, 1),
    ]


def test_report_page_holds_trend_position_and_history(county_client, tree, world):
    response = county_client.get("/compare/T1B1/report/")
    assert (len(response.context["rows"]), response.context["position"].percentile) == (2, 75.0)
    assert b"comparisons/report.css" in response.content


def test_invalid_filter_shows_nothing(county_client, tree, world):
    response = county_client.get("/compare/T1/within/", {"level": "nonsense"})
    assert response.context["round"] is None


def _more_branches(tree, n):
    orgs = [make_org(tree.t1, code=f"T1X{i}", township="一号镇") for i in range(n)]
    return orgs


@pytest.mark.parametrize("n", [1, 3])
def test_within_query_count(county_client, tree, django_assert_num_queries, n):
    from pacesetter.evaluation.models import Scheme
    scheme = Scheme.objects.create(name="测评")
    orgs = _more_branches(tree, n)
    _round(scheme, "测评", 2025, "released",
           [(org, None, 80.0 + i, VILLAGE_BRANCH, i + 1, n, i + 1, "good") for i, org in enumerate(orgs)])
    with django_assert_num_queries(9):  # the cache is empty: ranking, summary, the page's rows
        response = county_client.get("/compare/T1/within/")
    assert len(response.context["page"].object_list) == n


@pytest.mark.parametrize("n", [1, 3])
def test_history_query_count(county_client, tree, django_assert_num_queries, n):
    from pacesetter.evaluation.models import Scheme
    scheme = Scheme.objects.create(name="测评")
    for year in range(2020, 2020 + n):
        _round(scheme, f"{year}测评", year, "released", [(tree.b1, None, 80.0, VILLAGE_BRANCH, 1, 1, 1, "good")])
    with django_assert_num_queries(7):  # the last: the organisation's honours
        response = county_client.get("/compare/T1B1/history/")
    assert len(response.context["rows"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_outside_query_count(county_client, tree, django_assert_num_queries, n):
    from pacesetter.evaluation.models import Scheme
    scheme = Scheme.objects.create(name="测评")
    orgs = [make_org(tree.county, code=f"X{i}", township=f"镇{i}") for i in range(n)]
    _round(scheme, "测评", 2025, "released",
           [(org, None, 80.0, VILLAGE_BRANCH, 1, n, 1, "good") for org in orgs])
    with django_assert_num_queries(6):
        response = county_client.get("/compare/outside/")
    assert len(response.context["page"].object_list) == n


@pytest.mark.parametrize("n", [1, 3])
def test_peers_query_count(county_client, tree, django_assert_num_queries, n):
    from pacesetter.evaluation.models import Scheme
    scheme = Scheme.objects.create(name="测评")
    orgs = [tree.b1, *_more_branches(tree, n + 2)]
    _round(scheme, "测评", 2025, "released",
           [(org, None, 80.0 - i, VILLAGE_BRANCH, i + 1, len(orgs), i + 1, "good") for i, org in enumerate(orgs)])
    with django_assert_num_queries(10):  # the cache is empty: distribution, ranks around, neighbours
        response = county_client.get("/compare/T1B1/peers/")
    assert len(response.context["position"].neighbours) == n + 3


@pytest.mark.parametrize("n", [1, 3])
def test_landing_query_count(county_client, tree, django_assert_num_queries, n):
    for i in range(n):
        make_org(tree.t2, code=f"S{i}", name=f"搜索{i}村党支部", township="二号镇")
    with django_assert_num_queries(7):
        response = county_client.get("/compare/", {"q": "搜索"})
    assert len(response.context["page"].object_list) == n


def test_landing_links_carry_the_round_chosen(county_client, tree, world):
    response = county_client.get("/compare/", {"q": "T1B1", "round": world.r2024.pk})
    assert f'href="/compare/T1B1/peers/?round={world.r2024.pk}"'.encode() in response.content
