import datetime

import pytest
from django.utils import translation
from openpyxl import load_workbook

from pacesetter.pairing.domain import create_pairing, run_recommendations
from pacesetter.pairing.enums import PairingKind, RowDecision, RunState
from pacesetter.pairing.models import Pairing, RecommendationRun


@pytest.mark.parametrize("n", [1, 3])
def test_run_list_queries_do_not_grow(client, tree, world, n, django_assert_num_queries):
    for _i in range(n):
        run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(8):
        response = client.get("/pairings/recommendations/")
    assert len(response.context["page"].object_list) == n


@pytest.mark.parametrize("k", [1, 2])
def test_run_detail_queries_do_not_grow(client, tree, world, k, django_assert_num_queries):
    run = run_recommendations(world.r2024, k=k, by=tree.users.county_admin)
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(7):
        response = client.get(f"/pairings/recommendations/{run.pk}/")
    assert len(response.context["rows"]) == 2 * k


def test_running_from_the_page_stores_a_run(client, tree, world):
    client.force_login(tree.users.county_admin)
    response = client.post("/pairings/recommendations/", {"round": world.r2024.pk, "capacity": "2"})
    run = RecommendationRun.objects.get()
    assert (response.status_code, response["Location"], run.rows.count()) == (
        302, f"/pairings/recommendations/{run.pk}/", 4)


def test_review_shows_reasons_in_english(client, tree, world):
    run = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    client.force_login(tree.users.county_admin)
    with translation.override("en"):
        response = client.get(f"/pairings/recommendations/{run.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    row = next(r for r in response.context["rows"] if r.helped == tree.b1)
    assert row.explained == ["score gap 40.0", "same township (一号镇)", "complementary sectors",
                             "urban-rural pairing", "not paired last year"]


def test_accept_swap_and_create_through_the_pages(client, tree, world):
    run = run_recommendations(world.r2024, k=3, by=tree.users.county_admin)
    row = run.rows.get(helped=tree.b1)
    client.force_login(tree.users.county_admin)
    client.post(f"/pairings/recommendations/{run.pk}/rows/{row.pk}/", {"helper": str(world.ag.pk)})
    other = run.rows.get(helped=tree.b2)
    client.post(f"/pairings/recommendations/{run.pk}/rows/{other.pk}/", {"decision": "rejected"})
    response = client.post(f"/pairings/recommendations/{run.pk}/create/")
    run.refresh_from_db()
    pairing = Pairing.objects.get()
    assert (response.status_code, run.state, [str(p) for p in pairing.parties.order_by("side")],
            run.rows.get(pk=other.pk).decision) == (
        302, RunState.DONE, [str(tree.b1), str(world.ag)], RowDecision.REJECTED)


def _helped(tree, world):
    for helper, unit in ((world.ag, tree.b1), (world.sc, tree.b2)):
        create_pairing(kind=PairingKind.URBAN_RURAL, goals="x", starts_on=datetime.date(2024, 6, 1),
                       helpers=[helper], helped=[unit], by=tree.users.county_admin)


def test_effect_page_shows_the_summary(client, tree, world):
    _helped(tree, world)
    client.force_login(tree.users.county_admin)
    response = client.get("/pairings/effect/")
    result = response.context["result"]
    assert (result.helped_summary.mean, result.control_summary.mean, response.context["chart"]["groups"][0]["n"]) == (
        8.5, 0.5, 2)


def test_effect_for_a_branch_admin_counts_only_their_pairings(client, tree, world):
    _helped(tree, world)
    client.force_login(tree.users.branch_admin)
    response = client.get("/pairings/effect/")
    assert [u.code for u in response.context["result"].helped] == ["T1B1"]


def test_effect_export_lists_units(client, tree, world, tmp_path):
    _helped(tree, world)
    client.force_login(tree.users.county_admin)
    response = client.get("/pairings/effect/export/")
    path = tmp_path / "effect.xlsx"
    path.write_bytes(response.content)
    rows = list(load_workbook(path, read_only=True).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[5]) for r in rows] == [("T1B1", 12.0), ("T2B1", 5.0), ("V3", 2.0), ("V4", -1.0)]


def test_effect_export_names_only_visible_comparison_units(client, tree, world, tmp_path):
    _helped(tree, world)
    client.force_login(tree.users.org_admin)
    response = client.get("/pairings/effect/export/")
    path = tmp_path / "effect.xlsx"
    path.write_bytes(response.content)
    rows = list(load_workbook(path, read_only=True).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == ["T1B1", "T2B1", "V3"]
