import pytest
from django.core.cache import cache
from django.utils import translation

from .world import build


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Aggregates are cached per count; every test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(tree):
    return build(tree)
