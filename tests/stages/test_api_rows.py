"""The stage rows of the API visibility table (tests/visibility/stages.py API_ROWS), walked
here on their own as tests/api/test_visibility.py walks every module's: one role over one
world, each request in a savepoint that is rolled back."""
import pytest
from django.core.cache import cache
from django.db import transaction
from rest_framework.test import APIClient

from tests import visibility
from tests.api.test_visibility import ROLES
from tests.visibility import stages


@pytest.mark.parametrize("role", ROLES)
def test_stage_api_rows(tree, role):
    values = stages.setup(tree)
    user = None if role == "anonymous" else getattr(tree.users, role)
    column = ROLES.index(role)
    expected, actual = [], []
    for name, (method, url, body, statuses) in stages.API_ROWS.items():
        url, body = visibility.fill(url, values), visibility.fill(body, values)
        cache.clear()
        with transaction.atomic():
            client = APIClient()
            if user is not None:
                client.force_login(user)
            call = getattr(client, method)
            response = call(url, body, format="json") if body is not None else call(url)
            transaction.set_rollback(True)
        expected.append((name, statuses[column]))
        actual.append((name, response.status_code))
    assert actual == expected
