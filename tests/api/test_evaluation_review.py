"""Schemes through the API are read as on the pages: through schemes_visible_to, so a
signed-in user without a role gets an empty list and a 404, not the county's schemes."""
import pytest

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
