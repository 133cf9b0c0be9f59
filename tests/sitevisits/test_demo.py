import random

from django.utils import translation

from pacesetter.sitevisits import demo
from pacesetter.sitevisits.enums import MeetingState
from pacesetter.sitevisits.models import Meeting, Sheet


def test_demo_seeds_a_published_and_an_open_meeting(tree):
    with translation.override("en"):
        summary = demo.seed(tree.county, rng=random.Random(7))
    published = Meeting.objects.get(state=MeetingState.PUBLISHED)
    assert (sorted(Meeting.objects.values_list("state", flat=True)),
            Sheet.objects.filter(site__meeting=published).count(), published.sites.count(),
            summary.startswith("Observation meetings: one published with 2 sites and 24 sheets")) == (
        ["open", "published"], 24, 2, True)
