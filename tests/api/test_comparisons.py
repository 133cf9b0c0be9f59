"""/api/v1/comparisons/: the comparisons against the hand-computed figures of tests/comparisons/world.py."""
import pytest
from django.core.cache import cache

from ..comparisons.world import VILLAGE_BRANCH, _round, build
from ..factories import make_org

API = "/api/v1/comparisons"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Aggregates are cached per count; every test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(tree):
    return build(tree)


def test_history(tree, login, world):
    data = login(tree.users.member).get(f"{API}/history/T1B1/").json()
    assert (data["code"], [(r["round_name"], r["composite"], r["grade"], r["percentile"]) for r in data["rounds"]]) == (
        "T1B1", [("2024年度民主测评", 80.0, "good", 60.0), ("2025年度民主测评", 88.0, "advanced", 75.0)])


def test_history_outside_the_view_is_404(tree, login, world):
    assert login(tree.users.org_admin).get(f"{API}/history/T2B1/").status_code == 404


def test_history_refuses_an_unknown_kind(tree, login, world):
    response = login(tree.users.county_admin).get(f"{API}/history/T1B1/", {"kind": "nonsense"})
    assert (response.status_code, list(response.json())) == (400, ["kind"])


def test_peers(tree, login, world):
    data = login(tree.users.org_admin).get(f"{API}/peers/T1B1/").json()
    assert data == {
        "round": {"id": world.r2025.pk, "name": "2025年度民主测评"},
        "unit": {"code": "T1B1", "name": "一号村党支部", "composite": 88.0, "grade": "advanced", "rank_peer": 1,
                 "peer_size": 4, "rank_county": 1},
        "peer_group": VILLAGE_BRANCH,
        "percentile": 75.0,
        "summary": {"count": 4, "mean": 77.0, "min": 64.0, "q1": 64.0, "median": 72.0, "q3": 84.0, "max": 88.0},
        "bins": [{"low": low, "high": low + 10, "count": count}
                 for low, count in zip(range(0, 100, 10), [0, 0, 0, 0, 0, 0, 1, 1, 2, 0], strict=True)],
        "neighbours": [
            {"code": "T1B1", "name": "一号村党支部", "composite": 88.0, "grade": "advanced", "rank_peer": 1,
             "peer_size": 4, "rank_county": 1},
            {"code": "T1B3", "name": "一号镇三村党支部", "composite": 84.0, "grade": "good", "rank_peer": 2,
             "peer_size": 4, "rank_county": 3},
            {"code": "T1B2", "name": "一号镇二村党支部", "composite": 72.0, "grade": "fair", "rank_peer": 3,
             "peer_size": 4, "rank_county": 5},
        ],
    }


def test_peers_in_an_unreleased_round_is_404(tree, login, world):
    assert login(tree.users.county_admin).get(f"{API}/peers/T1B1/", {"round": world.closed.pk}).status_code == 404


def test_peers_of_an_organisation_not_in_the_round_is_404(tree, login, world):
    assert login(tree.users.county_admin).get(f"{API}/peers/T1/", {"round": world.r2024.pk}).status_code == 404


def test_within(tree, login, world):
    data = login(tree.users.county_admin).get(f"{API}/within/C/", {"level": "branch", "round": world.r2024.pk}).json()
    assert [(u["code"], u["composite"]) for u in data["results"]] == [
        ("T1B3", 90.0), ("T1B1", 80.0), ("T1B2", 70.0), ("T2B2", 70.0), ("T2B1", 60.0)]


def test_within_refuses_an_unknown_level(tree, login, world):
    assert login(tree.users.county_admin).get(f"{API}/within/C/", {"level": "x"}).status_code == 400


def test_outside(tree, login, world):
    data = login(tree.users.branch_admin).get(f"{API}/outside/").json()
    assert data == {
        "round": {"id": world.r2025.pk, "name": "2025年度民主测评"},
        "by": "township",
        "county": {"key": "", "count": 7, "scored": 6, "mean": 78.0, "difference": None, "rank": None,
                   "grades": {"advanced": 2, "good": 2, "fair": 1, "lagging": 1}},
        "count": 2, "next": None, "previous": None,
        "results": [
            {"key": "一号镇", "count": 4, "scored": 4, "mean": 82.25, "difference": 4.25, "rank": 1,
             "grades": {"advanced": 2, "good": 1, "fair": 1, "lagging": 0}},
            {"key": "二号镇", "count": 3, "scored": 2, "mean": None, "difference": None, "rank": None, "grades": None},
        ],
    }


def test_outside_without_a_released_round_is_404(tree, login, world):
    assert login(tree.users.nobody).get(f"{API}/outside/").status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_within_query_count(tree, login, django_assert_num_queries, n):
    from pacesetter.evaluation.models import Scheme
    orgs = [make_org(tree.t1, code=f"T1X{i}", township="一号镇") for i in range(n)]
    _round(Scheme.objects.create(name="测评"), "测评", 2025, "released",
           [(org, None, 80.0 + i, VILLAGE_BRANCH, i + 1, n, i + 1, "good") for i, org in enumerate(orgs)])
    api = login(tree.users.county_admin)
    with django_assert_num_queries(8):  # the cache is empty: ranking and summary (kept for the page), the rows
        data = api.get(f"{API}/within/T1/").json()
    assert data["count"] == n


@pytest.mark.parametrize("n", [1, 3])
def test_outside_query_count(tree, login, django_assert_num_queries, n):
    from pacesetter.evaluation.models import Scheme
    orgs = [make_org(tree.county, code=f"X{i}", township=f"镇{i}") for i in range(n)]
    _round(Scheme.objects.create(name="测评"), "测评", 2025, "released",
           [(org, None, 80.0, VILLAGE_BRANCH, 1, n, 1, "good") for org in orgs])
    api = login(tree.users.county_admin)
    with django_assert_num_queries(5):
        data = api.get(f"{API}/outside/").json()
    assert data["count"] == n
