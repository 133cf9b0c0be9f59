import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


def pytest_configure(config):
    config.addinivalue_line("markers", "fuzz: schemathesis over the whole API as every role (minutes, not seconds)")


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """Throttle counters live in the cache, which outlives a test's database rollback."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    """An API client asking for English, so messages can be compared exactly."""
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def login(api):
    """`login(user)`: the API client with that user's session (None stays anonymous)."""

    def _login(user):
        if user is not None:
            api.force_login(user)
        return api

    return _login
