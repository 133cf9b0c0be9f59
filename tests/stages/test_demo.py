"""The demo seed on the `tree` fixture."""
import random

from django.utils import translation

from pacesetter.stages import demo
from pacesetter.stages.models import StageTask, TaskCompletion

from .world import make_campaign


def test_seed_builds_stages_tasks_and_markings(tree):
    make_campaign()
    with translation.override("en"):
        summary = demo.seed(tree.county, rng=random.Random(1))
    marked = TaskCompletion.objects.count()
    assert (StageTask.objects.count(), marked > 0, summary) == (11, True, (
        f"Campaign stages: 3 stages and 11 tasks of 2026年创先争优活动; {marked} tasks marked done by "
        f"{TaskCompletion.objects.values('organization').distinct().count()} organisations."))
