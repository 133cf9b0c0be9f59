"""The dashboard's stage filter (only that stage's tasks counted) and the grouped summary
the page reads, which must agree with the per-organisation tallies of the export."""
import io

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from pacesetter.stages import dashboard, domain, queries
from pacesetter.stages.dashboard import FIELDS

from ..factories import make_org
from .world import D, build, publish


@pytest.fixture
def world(tree):
    w = build(tree)
    domain.mark_done(w.a, tree.b1, by=tree.users.county_admin, done_on=D(2026, 3, 15))
    return w


def client_for(user) -> Client:
    """Signed in, reading English (the test client's requests follow the language cookie,
    not translation.override)."""
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def figures(tally):
    return tuple(getattr(tally, name) for name in FIELDS)


def page(tree, world, query=""):
    with translation.override("en"):
        response = client_for(tree.users.county_admin).get(f"/stages/?campaign={world.campaign.pk}{query}")
    assert response.status_code == 200
    return response.context


def test_stage_filter_counts_only_the_implement_tasks(tree, world):
    ctx = page(tree, world, "&stage=implement")
    # B (all four organisations) and C (village: all four here), none done, all long overdue
    assert [(label, figures(t)) for label, _param, t in ctx["townships"]] == [
        ("一号镇", (0, 0, 0, 4, 4, 2)), ("二号镇", (0, 0, 0, 4, 4, 2))]
    assert figures(ctx["board"].county) == (0, 0, 0, 8, 8, 4)
    assert [(stage.kind, figures(t)) for stage, _current, t in ctx["stages"]] == [
        ("mobilise", (0, 0, 0, 0, 0, 0)), ("implement", (0, 0, 0, 8, 8, 0)), ("summarise", (0, 0, 0, 0, 0, 0))]


def test_stage_filter_counts_only_the_mobilise_task(tree, world):
    ctx = page(tree, world, "&stage=mobilise")
    assert [(label, figures(t), t.share, t.rag) for label, _param, t in ctx["townships"]] == [
        ("一号镇", (1, 0, 0, 1, 1, 2), 50, "red"), ("二号镇", (0, 0, 0, 2, 2, 2), 0, "red")]
    assert (figures(ctx["board"].county), ctx["board"].county.share) == ((1, 0, 0, 3, 3, 4), 25)
    assert ctx["query_string"] == "campaign=%d&stage=mobilise" % world.campaign.pk


def test_without_a_stage_every_task_counts(tree, world):
    assert figures(page(tree, world)["board"].county) == (1, 0, 0, 11, 11, 4)


def test_unknown_stage_shows_nothing(tree, world):
    assert figures(page(tree, world, "&stage=moon")["board"].county) == (0, 0, 0, 0, 0, 0)


def test_export_follows_the_stage_filter(tree, world):
    with translation.override("en"):
        response = client_for(tree.users.county_admin).get(
            f"/stages/export.xlsx?campaign={world.campaign.pk}&stage=mobilise")
    sheet = load_workbook(io.BytesIO(response.content))["Townships"]
    assert [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        ["一号镇", 2, 1, 0, 0, 1, 1, 50, "red"],
        ["二号镇", 2, 0, 0, 0, 2, 2, 0, "red"],
        ["Total", 4, 1, 0, 0, 3, 3, 25, "red"],
    ]


@pytest.mark.parametrize("stage_kind", ["", "mobilise", "implement", "summarise"])
@pytest.mark.parametrize("today", [D(2026, 3, 25), D(2026, 5, 10), D(2026, 7, 20), D(2026, 12, 1)])
def test_summary_agrees_with_the_per_organisation_tallies(tree, world, stage_kind, today):
    """Done on time and late, manual and automatic, tasks of one sector, a county-level unit
    without a township: the grouped counts equal the sums of the organisations' own."""
    admin = tree.users.county_admin
    school = make_org(tree.t1, code="S1", name="一中党支部", sector="school", township="一号镇")
    unit = make_org(tree.county, code="X1", name="县直机关党委", level="committee", sector="agency", township="")
    domain.mark_done(world.a, tree.b2, by=admin, done_on=D(2026, 3, 25))  # late
    domain.mark_done(world.a, school, by=admin, done_on=D(2026, 3, 1))
    domain.mark_done(world.c, tree.b1, by=admin, done_on=D(2026, 6, 1))
    domain.mark_done(world.c, tree.t2, by=admin, done_on=D(2026, 7, 2))  # late
    domain.mark_done(world.c, tree.b2, by=admin, done_on=D(2026, 6, 2))
    domain.send_back(world.c, tree.b2, by=admin, reason="缺少记录")
    publish(world.campaign, tree.b1, D(2026, 4, 2))
    publish(world.campaign, unit, D(2026, 5, 3))  # late
    orgs = queries.stage_organizations_visible_to(admin)
    full = dashboard.build(world.campaign, orgs, today, stage_kind)
    fast = dashboard.summary(world.campaign, orgs, today, stage_kind)
    assert figures(fast.county) == figures(full.county)
    assert {k: figures(t) for k, t in fast.townships.items()} == {k: figures(t) for k, t in full.townships.items()}
    assert list(fast.townships) == list(full.townships)
    assert {k: figures(t) for k, t in fast.sectors.items()} == {k: figures(t) for k, t in full.sectors.items()}
    assert list(fast.sectors) == list(full.sectors)
    assert {k: figures(t) for k, t in fast.stages.items()} == {k: figures(t) for k, t in full.stages.items()}
    assert full.county.organizations == 6


def test_summary_of_the_filtered_stage_matches_hand_counts(tree, world):
    """On 10 May: A (due 20 March) done by T1B1 only, B (due 30 April, automatic) published
    by T2B1 on 2 May (late), C (due 30 June) open for all four."""
    publish(world.campaign, tree.b2, D(2026, 5, 2))
    board = dashboard.summary(world.campaign, queries.stage_organizations_visible_to(tree.users.county_admin),
                              D(2026, 5, 10), "implement")
    assert figures(board.county) == (0, 1, 4, 3, 0, 4)
    assert {k: figures(t) for k, t in board.townships.items()} == {
        "一号镇": (0, 0, 2, 2, 0, 2), "二号镇": (0, 1, 2, 1, 0, 2)}
    assert board.county.rag == "red" and board.county.share == 25


def test_township_drill_down_follows_the_stage(tree, world):
    response = client_for(tree.users.county_admin).get(
        f"/stages/township/?campaign={world.campaign.pk}&name=%E4%B8%80%E5%8F%B7%E9%95%87&stage=mobilise")
    rows = [(org["code"], figures(t)) for org, _sector, t in response.context["page"].object_list]
    assert rows == [("T1", (0, 0, 0, 1, 1, 1)), ("T1B1", (1, 0, 0, 0, 0, 1))]
    assert figures(response.context["total"]) == (1, 0, 0, 1, 1, 2)


def test_dashboard_links_townships_with_the_stage(tree, world):
    response = client_for(tree.users.county_admin).get(f"/stages/?campaign={world.campaign.pk}&stage=implement")
    assert "name=%E4%B8%80%E5%8F%B7%E9%95%87&amp;stage=implement" in response.content.decode()


def test_api_statuses_of_one_stage(tree, world):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(tree.users.branch_admin)
    body = client.get(f"/api/v1/campaign-stage-statuses/?campaign={world.campaign.pk}&stage_kind=mobilise").json()
    assert [(r["org_code"], r["done"], r["overdue"], r["rating"], [t["task"] for t in r["tasks"]])
            for r in body["results"]] == [("T1B1", 1, 0, "green", [world.a.pk])]
    bad = client.get("/api/v1/campaign-stage-statuses/?stage_kind=moon")
    assert bad.status_code == 400 and list(bad.json()) == ["stage_kind"]
