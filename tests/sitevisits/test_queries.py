"""Query counts of the list pages and endpoints: the same with one item as with three."""
import pytest

from pacesetter.sitevisits import domain

from .world import make_meeting, open_meeting, score

SITES = ("b1", "b2", "t1")
PEOPLE = (("王建国", "县委副书记"), ("李明", "一号镇党委书记"), ("赵六", "二号镇党委书记"))


def meetings(tree, n):
    for i in range(n):
        make_meeting(tree, title=f"观摩会{i}")


def scored(tree, n, *, publish=False):
    """One meeting of n sites and n observers, each observer scoring each site."""
    meeting, codes = open_meeting(tree, sites=SITES[:n], observers=PEOPLE[:n])
    for position in range(1, n + 1):
        for code in codes:
            score(meeting, position, code, 10, 10, 10, 10)
    if publish:
        domain.close_scoring(meeting, by=tree.users.county_admin)
        domain.publish_results(meeting, by=tree.users.county_admin)
    return meeting


@pytest.fixture
def admin(client, tree):
    client.force_login(tree.users.county_admin)
    return client


@pytest.mark.parametrize("n", [1, 3])
def test_meeting_list_queries(admin, tree, n, django_assert_num_queries):
    meetings(tree, n)
    with django_assert_num_queries(QUERIES["list"]):
        assert admin.get("/observation/").status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_meeting_page_queries(admin, tree, n, django_assert_num_queries):
    meeting = scored(tree, n)
    with django_assert_num_queries(QUERIES["detail"]):
        assert admin.get(f"/observation/{meeting.pk}/").status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_observer_list_queries(admin, tree, n, django_assert_num_queries):
    meeting = scored(tree, n)
    with django_assert_num_queries(QUERIES["observers"]):
        assert admin.get(f"/observation/{meeting.pk}/observers/").status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_live_ranking_queries(admin, tree, n, django_assert_num_queries):
    meeting = scored(tree, n)
    with django_assert_num_queries(QUERIES["ranking"]):
        assert admin.get(f"/observation/{meeting.pk}/ranking/").status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_public_results_queries(client, tree, n, django_assert_num_queries):
    meeting = scored(tree, n, publish=True)
    with django_assert_num_queries(QUERIES["results"]):
        assert client.get(f"/observation/results/{meeting.pk}/").status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_public_results_list_queries(client, tree, n, django_assert_num_queries):
    for _i in range(n):
        scored(tree, 1, publish=True)
    with django_assert_num_queries(QUERIES["results-list"]):
        assert client.get("/observation/results/").status_code == 200


@pytest.mark.parametrize("url, key", [
    ("/api/v1/site-visits/meetings/", "api-meetings"),
    ("/api/v1/site-visits/sites/", "api-sites"),
    ("/api/v1/site-visits/observers/", "api-observers"),
])
@pytest.mark.parametrize("n", [1, 3])
def test_api_list_queries(admin, tree, n, url, key, django_assert_num_queries):
    meetings(tree, n)
    scored(tree, n)
    with django_assert_num_queries(QUERIES[key]):
        assert admin.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_api_results_queries(admin, tree, n, django_assert_num_queries):
    meeting = scored(tree, n)
    with django_assert_num_queries(QUERIES["api-results"]):
        assert admin.get(f"/api/v1/site-visits/meetings/{meeting.pk}/results/").status_code == 200


# The public results pages count one more query: their rate limit (core.public_limits).
QUERIES = {"list": 7, "detail": 8, "observers": 9, "ranking": 10, "results": 3, "results-list": 4,
           "api-meetings": 6, "api-sites": 5, "api-observers": 5, "api-results": 9}
