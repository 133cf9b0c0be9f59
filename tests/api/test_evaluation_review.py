"""Schemes through the API are read as on the pages: through schemes_visible_to, so a
signed-in user without a role gets an empty list and a 404, not the county's schemes."""
import pytest

from pacesetter.evaluation.models import Round

from ..evaluation.conftest import make_scheme

pytestmark = pytest.mark.django_db

API = "/api/v1/evaluation/schemes/"


def test_a_user_without_a_role_lists_no_schemes(tree, login):
    make_scheme()
    response = login(tree.users.nobody).get(API)
    assert (response.status_code, response.json()["results"]) == (200, [])


def test_a_user_without_a_role_reads_a_scheme_as_missing(tree, login):
    scheme = make_scheme()
    assert login(tree.users.nobody).get(f"{API}{scheme.pk}/").status_code == 404


def test_a_user_with_a_role_lists_the_schemes(tree, login):
    scheme = make_scheme()
    response = login(tree.users.affiliate).get(API)
    assert [row["id"] for row in response.json()["results"]] == [scheme.pk]


def test_a_subject_code_with_a_nul_byte_is_refused_before_the_database(tree, login):
    """PostgreSQL refuses NUL in text: the code field says what is wrong instead of a 500."""
    scheme = make_scheme()
    client = login(tree.users.county_admin)
    response = client.post("/api/v1/evaluation/rounds/", {
        "name": "测评", "kind": "democratic", "scheme": scheme.pk, "opens_at": "2026-12-01T08:00:00+08:00",
        "closes_at": "2026-12-10T08:00:00+08:00", "subject_codes": ["T1B1\x00"],
        "groups": [{"kind": "members", "expected": 5}],
    }, format="json")
    assert (response.status_code, Round.objects.count()) == (400, 0)


def test_a_parent_code_with_a_nul_byte_is_refused(tree, login):
    client = login(tree.users.county_admin)
    response = client.post("/api/v1/organizations/", {
        "code": "N1", "name": "新支部", "level": "branch", "sector": "village", "parent_code": "T1\x00",
    }, format="json")
    assert (response.status_code, response.json()["parent_code"]) == (
        400, ["A code is 1–32 letters, digits, '-', '_' or '.', starting with a letter or digit."]
    )
