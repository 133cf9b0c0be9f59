import pytest
from django.utils import translation

from .world import build


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def world(tree):
    return build(tree)
