import random

from django.utils import translation

from pacesetter.activities.demo import seed
from pacesetter.activities.enums import ActivityState
from pacesetter.activities.models import Activity, Attendance


def test_seed_gives_a_year_of_activities_to_every_branch(tree):
    with translation.override("en"):
        summary = seed(tree.county, rng=random.Random(7))
    per_branch = {code: Activity.objects.filter(organization__code=code).count() for code in ("T1B1", "T2B1")}
    held = Activity.objects.filter(state=ActivityState.HELD).count()
    assert (summary.startswith(f"Party activities: {sum(per_branch.values())} for 2 branches ({held} held)"),
            min(per_branch.values()) >= 13, Activity.objects.exclude(organization__level="branch").count()) == (
        True, True, 0)


def test_seed_takes_attendance_of_recent_held_activities(tree):
    seed(tree.county, rng=random.Random(7))
    assert set(Attendance.objects.values_list("activity__state", flat=True)) == {ActivityState.HELD}
