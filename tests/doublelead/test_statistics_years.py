"""Statistics by year: counts as at the end of a year, the trend per township, the page's and
the export's year, the API's ?year=. Hand-made figures:

member  township  registered   enterprise (founded)      households (since)   figures                    trainings
A (M1)  一号镇     2023-05-01   cooperative 2018, farm 2024   2022, 2024         2023: 10.00, 2024: 12.00   2024: 30 people, 3.5 h
B       一号镇     2024-03-01   cooperative 2018              —                  2024: 7.00                 —
C (M2)  二号镇     2024-03-01   company 2018                  2023               2024: 20.00                2023: 20 people, 2 h
"""
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook
from rest_framework.test import APIClient

from pacesetter.doublelead import charts, domain
from pacesetter.doublelead.enums import HelpKind
from pacesetter.doublelead.models import DoubleLeadMember
from pacesetter.doublelead.queries import statistics
from tests.factories import MemberFactory

from .world import enterprise, figures, rural, training


def _register(tree, member, on):
    rural(member)
    return domain.register_double_lead(member, by=tree.users.county_admin, registered_on=on)


def _household(tree, holder, since, head):
    domain.add_household(holder, by=tree.users.county_admin, head_name=head, village="一号村", since_year=since,
                         help_kind=HelpKind.JOBS)


@pytest.fixture
def made(tree):
    a = _register(tree, tree.m1, datetime.date(2023, 5, 1))
    b = _register(tree, MemberFactory(organization=tree.b1), datetime.date(2024, 3, 1))
    c = _register(tree, tree.m2, datetime.date(2024, 3, 1))
    enterprise(tree, a), enterprise(tree, b), enterprise(tree, c, name="二号公司", kind="company")
    domain.add_enterprise(a, by=tree.users.county_admin, name="新家庭农场", kind="family_farm", industry="养殖",
                          founded_year=2024, employees=3)
    _household(tree, a, 2022, "王一"), _household(tree, a, 2024, "王二"), _household(tree, c, 2023, "李一")
    figures(tree, a, year=2023, income="10.00", increase="2.00", jobs=4)
    figures(tree, a, year=2024, income="12.00", increase="3.00", jobs=5)
    figures(tree, b, year=2024, income="7.00", increase="1.50", jobs=2)
    figures(tree, c, year=2024, income="20.00", increase="6.00", jobs=9)
    training(tree, a)
    domain.add_training(c, by=tree.users.county_admin, held_on=datetime.date(2023, 11, 2), title="电商培训",
                        attendees=20, hours=Decimal("2.0"))


def _counts(stats):
    return [(r.township, r.members, r.enterprises, r.households, r.figures and r.figures.own_income)
            for r in stats.rows]


def test_statistics_as_of_a_year_counts_what_existed_at_its_end(made):
    stats = statistics(DoubleLeadMember.objects.all()).as_of(2023)
    assert (stats.year, _counts(stats)) == (2023, [
        ("一号镇", 1, {"cooperative": 2}, 1, Decimal("10.00")), ("二号镇", 0, {"company": 1}, 1, None)])


def test_statistics_as_of_the_latest_year_counts_everything(made):
    stats = statistics(DoubleLeadMember.objects.all()).as_of(2024)
    assert _counts(stats) == [
        ("一号镇", 2, {"cooperative": 2, "family_farm": 1}, 2, Decimal("19.00")),
        ("二号镇", 1, {"company": 1}, 1, Decimal("20.00"))]


def test_statistics_households_by_year_are_cumulative(made):
    one = statistics(DoubleLeadMember.objects.all()).rows[0]
    assert [one.households_by(y) for y in (2021, 2022, 2023, 2024)] == [0, 1, 1, 2]


def test_statistics_count_the_trainings_of_the_year_shown(made):
    stats = statistics(DoubleLeadMember.objects.all())
    every = [row.trainings for row in stats.rows]
    in_2023 = [row.trainings for row in stats.as_of(2023).rows]
    assert (every, in_2023) == ([(1, 30, Decimal("3.5")), (1, 20, Decimal("2.0"))],
                                [(0, 0, Decimal(0)), (1, 20, Decimal("2.0"))])


def test_trend_chart_gives_households_and_income_per_township_and_year(made):
    with translation.override("en"):
        chart = charts.trend_chart(statistics(DoubleLeadMember.objects.all()))
    assert (chart["labels"], chart["townships"]) == (["2023", "2024"], [
        {"name": "一号镇", "households": [1, 2], "income": [10.0, 19.0]},
        {"name": "二号镇", "households": [1, 1], "income": [None, 20.0]},
    ])


@pytest.fixture
def admin_client(client, tree):
    client.force_login(tree.users.county_admin)
    return client


def test_statistics_page_shows_the_latest_year_with_figures_by_default(made, admin_client):
    response = admin_client.get("/double-lead/statistics/")
    assert (response.context["year"], [row.members for row, _k, _t in response.context["rows"]]) == (2024, [2, 1])


def test_statistics_page_shows_the_year_asked_for(made, admin_client):
    response = admin_client.get("/double-lead/statistics/?year=2023")
    rows = response.context["rows"]
    assert (response.context["year"], [(row.members, totals and totals.own_income) for row, _k, totals in rows]) == (
        2023, [(1, 10), (0, None)])


def test_statistics_page_says_a_year_without_figures_is_not_one_and_shows_the_latest(made, admin_client):
    with translation.override("en"):
        response = admin_client.get("/double-lead/statistics/?year=1990", HTTP_ACCEPT_LANGUAGE="en")
    form = response.context["filter"]
    assert (response.status_code, response.context["year"], list(form.errors)) == (200, 2024, ["year"])


def test_statistics_page_links_the_export_of_the_year_shown(made, admin_client):
    response = admin_client.get("/double-lead/statistics/?year=2023")
    assert b'href="/double-lead/statistics/export.xlsx?year=2023"' in response.content


def test_statistics_export_of_a_year_has_its_counts_and_figures(made, admin_client):
    with translation.override("en"):
        response = admin_client.get("/double-lead/statistics/export.xlsx?year=2023", HTTP_ACCEPT_LANGUAGE="en")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [(r[0], r[1], r[-7], r[-5], r[-3], r[-1]) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert (sheet.title, rows, response["Content-Disposition"].startswith(
        'attachment; filename="double-lead-statistics-2023-')) == (
        "By township, 2023", [("一号镇", 1, 1, 0, 10, 4), ("二号镇", 0, 1, 20, None, None)], True)


@pytest.fixture
def api(tree):
    client = APIClient()
    client.force_authenticate(tree.users.county_admin)
    return client


def test_statistics_endpoint_defaults_to_the_latest_year_with_figures(made, api):
    body = api.get("/api/v1/double-lead-statistics/").json()
    assert (body["year"], [t["members"] for t in body["townships"]]) == (2024, [2, 1])


def test_statistics_endpoint_takes_a_year(made, api):
    body = api.get("/api/v1/double-lead-statistics/?year=2023").json()
    one = body["townships"][0]
    assert (body["year"], one["members"], one["households"], one["households_by_year"], one["trainings_by_year"]) == (
        2023, 1, 1, [{"year": 2023, "households": 1}, {"year": 2024, "households": 2}],
        [{"year": 2024, "trainings": 1, "attendees": 30, "hours": "3.5"}])


@pytest.mark.parametrize("year", ["abc", "1900", "3000"])
def test_statistics_endpoint_refuses_a_bad_year(made, api, year):
    response = api.get(f"/api/v1/double-lead-statistics/?year={year}")
    assert (response.status_code, list(response.json())) == (400, ["year"])
