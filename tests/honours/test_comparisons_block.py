"""An organisation's honours on the comparisons' "over time" page and in its API answer."""
import pytest
from django.core.cache import cache

from pacesetter.honours import domain

from .helpers import kind, member_kind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_history_page_lists_the_organisations_honours_with_counts(client, tree):
    county = tree.users.county_admin
    red_flag = domain.add_honour(by=county, kind=kind(), year=2024, organization=tree.b1)
    member = domain.add_honour(by=county, kind=member_kind(), year=2025, organization=tree.b1, member=tree.m1)
    domain.add_honour(by=county, kind=kind(), year=2024, organization=tree.b2)
    domain.revoke_honour(domain.add_honour(by=county, kind=kind(), year=2023, organization=tree.b1), by=county,
                         reason="材料不实")
    client.force_login(tree.users.member)
    honours = client.get("/compare/T1B1/history/").context["honours"]
    assert ([h.pk for h in honours["honours"]], honours["counts"]) == (
        [member.pk, red_flag.pk],
        [{"year": 2025, "kind": "优秀共产党员", "count": 1}, {"year": 2024, "kind": "红旗支部", "count": 1}],
    )


@pytest.mark.parametrize("n", [1, 3])
def test_history_page_honours_take_one_query(client, tree, django_assert_num_queries, n):
    for year in range(2020, 2020 + n):
        domain.add_honour(by=tree.users.county_admin, kind=kind(), year=year, organization=tree.b1)
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(7):
        response = client.get("/compare/T1B1/history/")
    assert len(response.context["honours"]["honours"]) == n


def test_history_api_answer_carries_the_honours(client, tree):
    honour = domain.add_honour(by=tree.users.county_admin, kind=kind(), year=2024, organization=tree.b1)
    client.force_login(tree.users.member)
    body = client.get("/api/v1/comparisons/history/T1B1/").json()
    assert body["honours"] == [{
        "year": 2024, "kind": "红旗支部", "member_name": "", "certificate_no": honour.certificate_no,
        "verify_url": f"http://testserver/honours/verify/{honour.verify_token}/",
    }]
