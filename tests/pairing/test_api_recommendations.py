import pytest
from django.utils import translation

from pacesetter.pairing.domain import decide_row, run_recommendations
from pacesetter.pairing.models import Pairing, RecommendationRun

R = "/api/v1/pairing-recommendations"


@pytest.fixture
def admin(client, tree):
    client.force_login(tree.users.county_admin)
    return client


def _post(client, url, data):
    with translation.override("en"):
        return client.post(url, data, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")


def test_run_lists_rows_with_reasons(admin, world):
    response = _post(admin, f"{R}/", {"round": world.r2024.pk, "k": 2})
    body = response.json()
    assert (response.status_code, body["run_state"], sorted(r["helped"] for r in body["rows"]),
            {r["row_decision"] for r in body["rows"]}, all(r["reasons"] for r in body["rows"])) == (
        201, "review", ["T1B1", "T2B1", "V3", "V4"], {"pending"}, True)


def test_run_of_an_unreleased_round_is_refused_under_round(admin, tree, world):
    world.r2024.state = "closed"
    world.r2024.save(update_fields=["state"])
    response = _post(admin, f"{R}/", {"round": world.r2024.pk, "k": 2})
    assert (response.status_code, response.json(), RecommendationRun.objects.count()) == (
        400, {"round": ["Choose a released round you see."]}, 0)


def test_run_with_k_out_of_range_is_refused_under_k(admin, world):
    response = _post(admin, f"{R}/", {"round": world.r2024.pk, "k": 11})
    assert (response.status_code, list(response.json())) == (400, ["k"])


def test_inspector_reads_runs_but_may_not_start_one(client, tree, world):
    run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    client.force_login(tree.users.inspector)
    assert (client.get(f"{R}/").json()["count"], _post(client, f"{R}/", {"round": world.r2024.pk}).status_code) \
        == (1, 403)


@pytest.mark.parametrize("n", [1, 3])
def test_run_list_queries_do_not_grow(admin, tree, world, n, django_assert_num_queries):
    for _ in range(n):
        run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    with django_assert_num_queries(5):
        response = admin.get(f"{R}/")
    assert response.json()["count"] == n


def test_decide_accepts_a_row(admin, tree, world):
    run = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    row = run.rows.first()
    response = _post(admin, f"{R}/{run.pk}/rows/{row.pk}/decide/", {"row_decision": "accepted"})
    assert (response.status_code, response.json()["row_decision"]) == (200, "accepted")


def test_swap_to_another_candidate(admin, tree, world):
    run = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    row = run.rows.get(helped=tree.b1)
    other = "SC" if row.helper_id == world.ag.pk else "AG"
    decide_row(run.rows.exclude(pk=row.pk).filter(helper__code=other).first(), decision="rejected",
               by=tree.users.county_admin)
    response = _post(admin, f"{R}/{run.pk}/rows/{row.pk}/decide/", {"helper": other})
    assert (response.status_code, response.json()["helper"], response.json()["row_decision"]) == (
        200, other, "accepted")


def test_swap_to_a_unit_that_is_no_candidate_is_refused(admin, tree, world):
    run = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    row = run.rows.get(helped=tree.b1)
    response = _post(admin, f"{R}/{run.pk}/rows/{row.pk}/decide/", {"helper": "T2B1"})
    assert (response.status_code, response.json()) == (
        400, {"helper": ["This helper is not a candidate for this unit."]})


def test_decide_needs_one_of_decision_or_helper(admin, tree, world):
    run = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    response = _post(admin, f"{R}/{run.pk}/rows/{run.rows.first().pk}/decide/", {})
    assert response.status_code == 400


def test_create_makes_the_accepted_pairings(admin, tree, world):
    run = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    row = run.rows.get(helped=tree.b1)
    decide_row(row, decision="accepted", by=tree.users.county_admin)
    response = _post(admin, f"{R}/{run.pk}/create/", {"starts_on": "2025-04-01"})
    run.refresh_from_db()
    assert (response.status_code, [p["starts_on"] for p in response.json()], run.state, Pairing.objects.count()) == (
        201, ["2025-04-01"], "done", 1)


def test_create_without_accepted_rows_is_refused(admin, tree, world):
    run = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    response = _post(admin, f"{R}/{run.pk}/create/", {})
    assert (response.status_code, response.json()) == (
        400, {"non_field_errors": ["Accept at least one recommendation first."]})


def test_effect_between_two_rounds(admin, world, pairing):
    body = admin.get(f"/api/v1/pairing-effect/?earlier={world.r2024.pk}&later={world.r2025.pk}").json()
    assert ([u["code"] for u in body["helped"]], body["helped_summary"]["mean"], body["control_summary"]["n"]) == (
        ["T1B1"], 12.0, 3)


def test_effect_refuses_rounds_in_the_wrong_order(admin, world):
    response = admin.get(f"/api/v1/pairing-effect/?earlier={world.r2025.pk}&later={world.r2024.pk}")
    assert (response.status_code, list(response.json())) == (400, ["later"])
