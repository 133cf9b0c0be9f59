import datetime
import io

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from pacesetter.linkage import domain
from pacesetter.linkage.enums import AffiliateKind
from pacesetter.linkage.models import AffiliateHonour, JointActivity
from tests.factories import make_org

from .world import jpeg, make_unit, make_world

DAY = "2026-05-04"


def _units(tree, n):
    for i in range(n):
        org = make_org(tree.t1, code=f"V{i}", township="一号镇")
        unit = make_unit(tree, org, code=f"Y{i}")
        domain.add_honour(unit, by=tree.users.county_admin, year=2025, title="五四红旗团支部", awarded_by="共青团县委")


def _activities(tree, n):
    unit = make_unit(tree, tree.b1, code="Y1")
    for i in range(n):
        domain.record_activity(tree.b1, by=tree.users.county_admin, units=[unit], held_on=datetime.date(2026, 5, i + 1),
                               title=f"活动{i}", photos=[jpeg()])


@pytest.mark.parametrize("n", [1, 3])
def test_unit_list_queries_do_not_grow(client, tree, django_assert_num_queries, n):
    _units(tree, n)
    client.force_login(tree.users.org_admin)
    with django_assert_num_queries(7):
        response = client.get(reverse("linkage:unit-list"))
    assert len(response.context["page"].object_list) == n


@pytest.mark.parametrize("n", [1, 3])
def test_activity_list_queries_do_not_grow(client, tree, django_assert_num_queries, n):
    _activities(tree, n)
    client.force_login(tree.users.affiliate)
    with django_assert_num_queries(7):
        response = client.get(reverse("linkage:activity-list"))
    assert len(response.context["page"].object_list) == n


@pytest.mark.parametrize("n", [1, 3])
def test_coverage_page_queries_do_not_grow(client, tree, django_assert_num_queries, n):
    _units(tree, n)
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(9):
        response = client.get(reverse("linkage:coverage"))
    assert response.context["by_township"][-1].total == 5 + n


def test_unit_list_filters_by_kind(client, tree):
    make_world(tree)
    client.force_login(tree.users.county_admin)
    response = client.get(reverse("linkage:unit-list"), {"kind": AffiliateKind.TRADE_UNION})
    assert [u.code for u in response.context["page"].object_list] == ["U2"]


def test_unit_list_filters_by_township_and_sector(client, tree):
    make_world(tree)
    client.force_login(tree.users.county_admin)
    response = client.get(reverse("linkage:unit-list"), {"township": "一号镇", "sector": "village"})
    assert [u.code for u in response.context["page"].object_list] == ["W1", "Y1"]


def test_affiliate_admin_gets_404_for_another_units_honour(client, tree):
    w = make_world(tree)
    client.force_login(tree.users.affiliate)
    response = client.post(reverse("linkage:honour-edit", args=[w.other_honour.pk]),
                           {"year": "2024", "title": "改", "recipient": "collective", "awarded_by": "县总工会"})
    w.other_honour.refresh_from_db()
    assert (response.status_code, w.other_honour.title) == (404, "模范职工之家")


def test_affiliate_admin_may_not_edit_their_unit_itself(client, tree):
    w = make_world(tree)
    client.force_login(tree.users.affiliate)
    assert client.get(reverse("linkage:unit-edit", args=[w.league.pk])).status_code == 403


def test_honour_form_shows_the_domain_refusal(client, tree):
    w = make_world(tree)
    client.force_login(tree.users.affiliate)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("linkage:honour-new", args=[w.league.pk]),
                           {"year": "2025", "title": "优秀共青团员", "recipient": "individual", "awarded_by": "团县委"})
    assert (response.status_code, response.context["form"].non_field_errors()) == (
        400, ["Name the person who received the honour."])
    assert AffiliateHonour.objects.count() == 2


def test_activity_form_records_photos(client, tree):
    w = make_world(tree)
    client.force_login(tree.users.affiliate)
    response = client.post(reverse("linkage:activity-new", args=[w.league.pk]), {
        "units": [w.league.pk, w.women.pk], "held_on": DAY, "title": "三八节联谊", "participants": "40",
        "photos": [jpeg("a.jpg"), jpeg("b.jpg")]})
    activity = JointActivity.objects.get(title="三八节联谊")
    assert (response.status_code, response["Location"]) == (302, activity.get_absolute_url())
    assert (activity.photos.count(), activity.units.count(), activity.organization) == (2, 2, tree.b1)


def test_activity_form_offers_only_the_units_of_the_party_organisation(client, tree):
    w = make_world(tree)
    client.force_login(tree.users.county_admin)
    response = client.get(reverse("linkage:activity-new", args=[w.league.pk]))
    assert sorted(u.code for u in response.context["form"].fields["units"].queryset) == ["W1", "Y1"]


def test_coverage_export_holds_the_tables_and_each_organisation(client, tree):
    make_world(tree)
    client.force_login(tree.users.county_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("linkage:coverage-export"))
    book = load_workbook(io.BytesIO(response.content))
    orgs = [row for row in book["Organisations"].iter_rows(values_only=True)][1:]
    assert book.sheetnames == ["By sector", "By township", "Organisations"]
    assert orgs == [("C", "测试县委", None, "agency", "no", "no", "no"),
                    ("T1", "一号镇党委", "一号镇", "village", "no", "no", "no"),
                    ("T1B1", "一号村党支部", "一号镇", "village", "yes", "no", "yes"),
                    ("T2", "二号镇党委", "二号镇", "village", "no", "no", "no"),
                    ("T2B1", "二号村党支部", "二号镇", "village", "no", "yes", "no")]


def test_unit_export_lists_the_visible_units(client, tree):
    make_world(tree)
    client.force_login(tree.users.affiliate)
    response = client.get(reverse("linkage:unit-export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))[1:]
    assert [row[0] for row in rows] == ["W1", "Y1"]
