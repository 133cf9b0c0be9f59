"""Codes in URL paths go through the `code` converter: a malformed code is a 404 before any
query (a NUL byte would make PostgreSQL refuse the query with a 500)."""
import pytest


@pytest.mark.parametrize("path", ["/notice/T1B1%00/", "/notice/%00/poster/", "/orgs/o/T1%00/", "/orgs/m/M1%00/"])
def test_malformed_code_in_a_path_is_not_found(tree, client, path):
    client.force_login(tree.users.county_admin)
    assert client.get(path).status_code == 404


def test_well_formed_codes_still_resolve(tree, client):
    client.force_login(tree.users.county_admin)
    assert client.get("/orgs/o/T1B1/").status_code == 200
