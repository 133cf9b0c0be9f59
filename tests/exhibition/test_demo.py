"""The exhibition's demo data on the tree fixture."""
import random
from collections import Counter

import pytest
from django.utils import translation

from pacesetter.exhibition import demo
from pacesetter.exhibition.models import Photo, Theme

pytestmark = pytest.mark.django_db


def test_seed_publishes_photos_over_every_organisation_and_leaves_some_to_moderate(tree):
    with translation.override("en"):
        summary = demo.seed(tree.county, rng=random.Random(6))
    states = Counter(Photo.objects.values_list("status", flat=True))
    orgs = set(Photo.objects.values_list("organization__code", flat=True))
    assert (summary, dict(states), orgs, Theme.objects.count()) == (
        "Photo exhibition: 5 themes, 40 published photos, 8 awaiting moderation, 2 rejected.",
        {"approved": 40, "submitted": 8, "rejected": 2},
        {"T1", "T1B1", "T2", "T2B1"},
        5,
    )
