import datetime
import json
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from pacesetter.core import views as core_views
from pacesetter.orgs import domain
from pacesetter.orgs.enums import Gender, MemberStatus, OrgLevel, Sector
from pacesetter.orgs.queries import dashboard
from tests.factories import MemberFactory


def _stat(response, element_id: str) -> str:
    return re.search(rf'id="{element_id}">([^<]*)<', response.content.decode()).group(1)


def _chart(response, element_id: str) -> dict:
    body = response.content.decode()
    return json.loads(re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', body).group(1))


def test_home_requires_login(client, db):
    response = client.get(reverse("core:home"))
    assert (response.status_code, response.url) == (302, f"{reverse('login')}?next=/")


def test_home_shows_county_figures_to_county_admin(tree, client):
    client.force_login(tree.users.county_admin)
    response = client.get(reverse("core:home"))
    assert [_stat(response, i) for i in ("stat-orgs", "stat-branches", "stat-members", "stat-probationary")] == [
        "5", "2", "2", "0",
    ]


def test_home_figures_are_scoped_to_the_users_subtree(tree, client):
    client.force_login(tree.users.org_admin)
    response = client.get(reverse("core:home"))
    assert (response.context["org_total"], response.context["member_total"]) == (2, 1)


def test_home_sector_chart_data_counts_active_organisations(tree, client):
    client.force_login(tree.users.county_admin)
    data = _chart(client.get(reverse("core:home")), "chart-sectors")
    assert dict(zip(data["labels"], data["values"])) == {
        str(label): {Sector.AGENCY: 1, Sector.VILLAGE: 4}.get(key, 0) for key, label in Sector.choices
    }


def test_home_sector_chart_links_to_the_filtered_list(tree, client):
    client.force_login(tree.users.county_admin)
    data = _chart(client.get(reverse("core:home")), "chart-sectors")
    assert data["urls"][0] == f"{reverse('orgs:organization-list')}?sector=agency&status=active"


def test_home_leaves_out_archived_organisations_but_keeps_their_members(tree, client):
    domain.dissolve_organization(tree.b2, by=None)
    client.force_login(tree.users.county_admin)
    response = client.get(reverse("core:home"))
    assert (response.context["org_total"], response.context["member_total"]) == (4, 2)


def test_home_recent_changes_stay_inside_the_view(tree, client):
    client.force_login(tree.users.org_admin)
    response = client.get(reverse("core:home"))
    assert (
        [o.code for o in response.context["recent_organizations"]],
        [m.code for m in response.context["recent_members"]],
    ) == (["T1B1", "T1"], ["M1"])


@pytest.mark.parametrize("scan", [2, 3, 200])
def test_recent_changes_are_the_newest_of_the_view_however_far_the_first_look_reaches(tree, monkeypatch, scan):
    """recent_changes looks among the `scan` newest rows of the whole table first and falls back to
    sorting the view: the answer is the same either way (T2's members are changed last, so T1's
    admin finds none of hers among the newest two and must fall back)."""
    from pacesetter.orgs import queries

    for code in ("A", "B", "C"):
        MemberFactory(organization=tree.b1, code=f"M1{code}")
    for code in ("D", "E"):
        MemberFactory(organization=tree.b2, code=f"M2{code}")
    monkeypatch.setattr(queries, "RECENT_SCAN", scan)
    seen = {role: queries.recent_changes(getattr(tree.users, role), limit=3)
            for role in ("county_admin", "org_admin")}
    assert {role: [m.code for m in got["recent_members"]] for role, got in seen.items()} == {
        "county_admin": ["M2E", "M2D", "M1C"], "org_admin": ["M1C", "M1B", "M1A"],
    }
    assert [o.code for o in seen["org_admin"]["recent_organizations"]] == ["T1B1", "T1"]


def test_home_for_user_without_role_shows_zeroes(tree, client):
    client.force_login(tree.users.nobody)
    response = client.get(reverse("core:home"))
    assert (response.status_code, response.context["org_total"], response.context["member_total"]) == (200, 0, 0)


def test_dashboard_groups_members_by_type_gender_age_and_join_decade(tree):
    today = datetime.date(2025, 6, 30)
    MemberFactory(organization=tree.b1, gender=Gender.FEMALE, status=MemberStatus.PROBATIONARY,
                  birth_date=datetime.date(1996, 7, 1), join_date=datetime.date(2019, 1, 1), is_rural=True)
    MemberFactory(organization=tree.b1, birth_date=datetime.date(1965, 6, 30), join_date=None)
    MemberFactory(organization=tree.b1, birth_date=None, join_date=datetime.date(1999, 12, 31))
    figures = dashboard(tree.users.org_admin, today=today)
    assert {
        "status": figures["members_by_status"],
        "gender": figures["members_by_gender"],
        "age": figures["members_by_age_band"],
        "join": figures["members_by_join_decade"],
        "rural": figures["rural_members"],
    } == {
        "status": {MemberStatus.FORMAL: 3, MemberStatus.PROBATIONARY: 1},
        "gender": {Gender.MALE: 3, Gender.FEMALE: 1},
        # M1 (1980-01-01) is 45; born 1996-07-01 is 28; born 1965-06-30 turns 60 today.
        "age": {"under_30": 1, "30_39": 0, "40_49": 1, "50_59": 0, "60_over": 1, "unknown": 1},
        # Decades start at the first with a member; empty ones after it stay (a gap is a fact).
        "join": {1990: 1, 2000: 1, 2010: 1, 2020: 0, None: 1},
        "rural": 1,
    }


def test_dashboard_counts_organisations_by_level(tree):
    figures = dashboard(tree.users.county_admin)
    assert figures["orgs_by_level"] == {OrgLevel.COMMITTEE: 3, OrgLevel.BRANCH: 2}


@pytest.mark.parametrize("extra", [0, 2])
def test_home_query_count_is_constant(tree, client, django_assert_num_queries, extra):
    for _ in range(extra):
        MemberFactory(organization=tree.b1)
    client.force_login(tree.users.county_admin)
    # session, user, roles, organisation groups, member counts, recent organisations and recent members (the
    # newest ids of the table, then the visible ones among them: two each), the unread badge
    with django_assert_num_queries(10):
        client.get(reverse("core:home"))


def test_home_switches_to_english_after_set_language(tree, client):
    client.force_login(tree.users.county_admin)
    before = client.get(reverse("core:home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    after = client.get(reverse("core:home")).content.decode()
    nav = re.compile(r'<a class="nav-link active" href="/" aria-current="page">([^<]*)</a>')
    lang = re.compile(r'<html lang="([^"]*)">')
    assert [(lang.search(page).group(1), nav.search(page).group(1)) for page in (before, after)] == [
        ("zh-hans", "首页"),
        ("en", "Home"),
    ]


@pytest.fixture
def slow_figures(monkeypatch):
    """Every count counts as slow, so the home page caches it; the cache is emptied afterwards."""
    monkeypatch.setattr(core_views, "SLOW_FIGURES_SECONDS", -1)
    cache.clear()
    yield
    cache.clear()


def test_home_caches_slow_figures_and_says_when_they_were_counted(tree, client, django_assert_num_queries,
                                                                   slow_figures):
    client.force_login(tree.users.county_admin)
    first = client.get(reverse("core:home"))
    MemberFactory(organization=tree.b1)
    # session, user, roles, recent organisations and members (two each), the unread badge: the counts come
    # from the cache
    with django_assert_num_queries(8):
        second = client.get(reverse("core:home"))
    assert (
        first.context["figures_counted_at"],
        second.context["figures_counted_at"] is not None,
        second.context["member_total"],
        len(second.context["recent_members"]),
    ) == (None, True, 2, 3)


def test_home_cache_is_per_scope(tree, client, slow_figures):
    client.force_login(tree.users.county_admin)
    client.get(reverse("core:home"))
    client.force_login(tree.users.org_admin)
    assert client.get(reverse("core:home")).context["member_total"] == 1
