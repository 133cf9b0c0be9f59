"""The dashboard page (/commitments/dashboard/) and its .xlsx export.

World: tests/visibility/_commitments_api_world.py (T1B1 in 一号镇 with an overdue, an
on-track and a delivered item; T2B1 in 二号镇 with an overdue item).
"""
import datetime
import io
import json
import re
from html import unescape
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.campaigns.models import Campaign
from pacesetter.commitments.models import CommitmentItem
from pacesetter.orgs.enums import Sector

from ..factories import make_org
from ..visibility._commitments_api_world import fields, make_campaign, pledge, world

URL = "/commitments/dashboard/"
EXPORT = "/commitments/dashboard/export.xlsx"


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def ids(tree):
    return world(tree)


def page(client, user, query=""):
    client.force_login(user)
    return client.get(URL + query)


def table_rows(html: str, table_id: str) -> list[list[str]]:
    """The text of each body row's cells."""
    body = re.search(rf'<table[^>]*id="{table_id}".*?<tbody>(.*?)</tbody>', html, re.DOTALL).group(1)
    return [
        [unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.DOTALL)]
        for tr in re.findall(r"<tr>(.*?)</tr>", body, re.DOTALL)
    ]


def chart(html: str, name: str) -> dict:
    return json.loads(re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', html, re.DOTALL).group(1))


def test_urls_are_named():
    assert (reverse("commitments:dashboard"), reverse("commitments:dashboard-export")) == (URL, EXPORT)


def test_township_table_of_the_county_admin(client, tree, ids):
    html = page(client, tree.users.county_admin).content.decode()
    assert table_rows(html, "township-table") == [
        ["一号镇", "1", "3", "1", "0", "1", "1", "50.0%"],
        ["二号镇", "1", "1", "0", "0", "1", "0", "0.0%"],
    ]


def test_township_admin_sees_only_their_township(client, tree, ids):
    html = page(client, tree.users.org_admin).content.decode()
    assert [r[0] for r in table_rows(html, "township-table")] == ["一号镇"]


def test_sector_table_sums_the_sector(client, tree, ids):
    html = page(client, tree.users.county_admin).content.decode()
    assert table_rows(html, "sector-table") == [["village", "2", "4", "1", "0", "2", "1", "33.3%"]]


def test_kind_table_shows_organisations_and_members(client, tree, ids):
    html = page(client, tree.users.county_admin).content.decode()
    assert [r[:3] for r in table_rows(html, "kind-table")] == [
        ["organisations' pledges", "2", "4"], ["members' pledges", "0", "0"],
    ]


def test_rate_chart_holds_each_townships_percent(client, tree, ids):
    html = page(client, tree.users.county_admin).content.decode()
    assert chart(html, "chart-rate") == {
        "labels": ["一号镇", "二号镇"], "values": [50.0, 0.0], "name": "Fulfilment rate (%)",
    }


def test_status_mix_chart_stacks_the_four_statuses(client, tree, ids):
    html = page(client, tree.users.county_admin).content.decode()
    assert [(s["key"], s["values"]) for s in chart(html, "chart-mix")["series"]] == [
        ("delivered", [1]), ("on_track", [1]), ("overdue", [2]), ("not_delivered", [0]),
    ]


def test_month_chart_counts_todays_delivery(client, tree, ids):
    html = page(client, tree.users.county_admin).content.decode()
    month = f"{timezone.localdate():%Y-%m}"
    assert chart(html, "chart-months") == {
        "labels": [month], "values": [1], "cumulative": [1],
        "names": {"values": "Delivered in the month", "cumulative": "Delivered so far"},
    }


def test_overdue_list_shows_organisation_owner_deadline_and_days(client, tree, ids):
    html = page(client, tree.users.county_admin).content.decode()
    ten_days_ago = timezone.localdate() - datetime.timedelta(days=10)
    first = table_rows(html, "overdue-table")[0]
    assert (first[0], first[1], first[3], first[4], first[5]) == (
        "一号村党支部一号镇", "一号村党支部", f"{ten_days_ago:%Y-%m-%d}", "10", "0%",
    )


def test_overdue_list_sorts_by_progress(client, tree, ids):
    CommitmentItem.objects.filter(pk=ids["item_in"]).update(progress=40)
    html = page(client, tree.users.county_admin, "?sort=progress").content.decode()
    assert [r[5] for r in table_rows(html, "overdue-table")] == ["0%", "40%"]


def test_overdue_list_links_each_item_to_its_pledge(client, tree, ids):
    html = page(client, tree.users.county_admin).content.decode()
    assert re.findall(r'href="(/commitments/\d+/)"', html) == [f"/commitments/{ids['c_in']}/",
                                                               f"/commitments/{ids['c_out']}/"]


def test_township_filter_narrows_every_table(client, tree, ids):
    html = page(client, tree.users.county_admin, "?township=二号镇").content.decode()
    assert ([r[0] for r in table_rows(html, "township-table")], len(table_rows(html, "overdue-table"))) == (
        ["二号镇"], 1,
    )


def test_township_choices_are_those_of_the_users_view(client, tree, ids):
    html = page(client, tree.users.org_admin).content.decode()
    select = re.search(r'<select name="township".*?</select>', html, re.DOTALL).group(0)
    assert re.findall(r'<option value="([^"]*)"', select) == ["", "一号镇"]


def test_defaults_to_the_current_campaign(client, tree, ids):
    make_campaign(name="往年活动", status=CampaignStatus.CLOSED, starts_on=datetime.date(2020, 1, 1),
                  ends_on=datetime.date(2020, 12, 31))
    response = page(client, tree.users.county_admin)
    assert (response.context["campaign"].pk, response.context["totals"].items) == (ids["campaign"], 4)


def test_another_campaign_is_chosen_by_its_id(client, tree, ids):
    other = make_campaign(name="专项活动")
    response = page(client, tree.users.county_admin, f"?campaign={other.pk}")
    assert (response.context["campaign"].pk, response.context["totals"].items) == (other.pk, 0)


def test_unknown_campaign_shows_the_error_and_no_figures(client, tree, ids):
    response = page(client, tree.users.county_admin, "?campaign=999999")
    assert (response.status_code, "totals" in response.context, bool(response.context["filter"].errors)) == (
        200, False, True,
    )


def test_without_any_campaign_the_page_says_so(client, tree):
    html = page(client, tree.users.county_admin).content.decode()
    assert "No campaign yet" in html


def test_user_without_a_role_gets_an_empty_dashboard(client, tree, ids):
    response = page(client, tree.users.nobody)
    assert (response.status_code, response.context["totals"].items, response.context["townships"]) == (200, 0, [])


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={URL}")


def test_page_loads_echarts_and_its_script_from_static_files(client, tree, ids):
    html = page(client, tree.users.county_admin).content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts[-2:] == ["/static/vendor/echarts.min.js", "/static/commitments/dashboard.js"]


def test_page_has_no_inline_script_or_style(client, tree, ids):
    html = page(client, tree.users.county_admin).content.decode()
    inline = re.findall(r"<script(?![^>]*(?:src=|type=\"application/json\"))[^>]*>", html)
    assert (inline, re.findall(r"\sstyle=", html)) == ([], [])


def _overdue(tree, campaign, n):
    """`n` more overdue items in as many new branches of T1."""
    for i in range(n):
        org = make_org(tree.t1, code=f"X{i}", township="一号镇", sector=Sector.VILLAGE)
        pledge(campaign, by=tree.users.org_admin, reviewer=tree.users.org_admin, org=org,
               items=[fields(f"逾期事项{i}", -3)])


@pytest.mark.parametrize("more", [0, 2])
def test_page_query_count_is_constant(client, tree, ids, django_assert_num_queries, more):
    """1 and 3 overdue items (and their organisations) in the county admin's view."""
    CommitmentItem.objects.filter(pk=ids["item_out"]).update(outcome="delivered")
    _overdue(tree, Campaign.objects.get(pk=ids["campaign"]), more)
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(13):
        response = client.get(URL)
    assert len(table_rows(response.content.decode(), "overdue-table")) == 1 + more


def test_overdue_list_is_paginated(client, tree, ids):
    _overdue(tree, Campaign.objects.get(pk=ids["campaign"]), 25)
    html = page(client, tree.users.county_admin, "?page=2").content.decode()
    assert (len(table_rows(html, "overdue-table")), "26–27 of 27" in html) == (2, True)


# --- Export ---------------------------------------------------------------------------


def export(client, user, query=""):
    client.force_login(user)
    return client.get(EXPORT + query)


def sheets(response) -> dict:
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def test_export_is_an_xlsx_named_for_the_campaign(client, tree, ids):
    response = export(client, tree.users.county_admin)
    disposition = unquote(response["Content-Disposition"])
    assert (response["Content-Type"], disposition) == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"attachment; filename*=utf-8''2026年创先争优活动-{timezone.localdate():%Y%m%d}.xlsx",
    )


def test_export_sheets_by_township_by_sector_and_overdue(client, tree, ids):
    assert list(sheets(export(client, tree.users.county_admin))) == ["By township", "By sector", "Overdue items"]


def test_export_township_sheet_has_exact_figures(client, tree, ids):
    rows = sheets(export(client, tree.users.county_admin))["By township"]
    assert rows[1:] == [
        ("一号镇", 1, 3, 1, 0, 1, 1, 2, 0.5),
        ("二号镇", 1, 1, 0, 0, 1, 0, 1, 0.0),
    ]


def test_export_overdue_sheet_lists_every_overdue_item(client, tree, ids):
    rows = sheets(export(client, tree.users.county_admin))["Overdue items"]
    deadline = datetime.datetime.combine(timezone.localdate() - datetime.timedelta(days=10), datetime.time())
    assert (len(rows), rows[1]) == (3, ("一号村党支部", "T1B1", "一号镇", "一号村党支部", "走访困难群众", "每月一次",
                                        deadline, 10, 0))


def test_export_holds_only_the_users_view(client, tree, ids):
    book = sheets(export(client, tree.users.branch_admin))
    assert ([r[0] for r in book["By township"][1:]], [r[1] for r in book["Overdue items"][1:]]) == (
        ["一号镇"], ["T1B1"],
    )


def test_export_applies_the_filters(client, tree, ids):
    book = sheets(export(client, tree.users.county_admin, "?township=二号镇"))
    assert [r[1] for r in book["Overdue items"][1:]] == ["T2B1"]


def test_export_headers_are_translated_strings(client, tree, ids, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    with translation.override("zh-hans"):
        title, first = translation.gettext("By township"), translation.gettext("Township")
    assert sheets(export(client, tree.users.county_admin))[title][0][0] == first


def test_export_of_an_unknown_campaign_is_404(client, tree, ids):
    assert export(client, tree.users.county_admin, "?campaign=999999").status_code == 404


@pytest.mark.parametrize("more", [0, 2])
def test_export_query_count_is_constant(client, tree, ids, django_assert_num_queries, more):
    _overdue(tree, Campaign.objects.get(pk=ids["campaign"]), more)
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(8):
        response = client.get(EXPORT)
    assert len(sheets(response)["Overdue items"]) == 3 + more
