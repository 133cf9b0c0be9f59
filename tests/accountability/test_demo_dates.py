"""The key-task demo keeps its mix of schedule states whatever day it is seeded on: early in
the year (its year then starts 240 days back), mid-year and on the last day of the year."""
import datetime
import random
from collections import Counter

import pytest
import time_machine
from django.db import transaction

from pacesetter.accountability.demo import seed_accountability
from pacesetter.accountability.enums import CaseStatus, Schedule
from pacesetter.accountability.models import AccountabilityCase, KeyTask
from pacesetter.accountability.queries import annotate_schedule, schedule_counts
from pacesetter.orgs.demo import seed as demo
from pacesetter.orgs.demo.goals import seed_goals
from pacesetter.orgs.models import Organization

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


@pytest.fixture(scope="module")
def county(django_db_setup, django_db_blocker):
    """The small county's organisations, logins and goals, without key tasks."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo.seed("small", 1)
        seed_goals()
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("day", [datetime.date(2027, 1, 3), datetime.date(2027, 5, 15), datetime.date(2027, 12, 31)])
def test_demo_mix_holds_on(county, db, day):
    with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 9, 0, tzinfo=SHANGHAI), tick=False):
        seed_accountability(Organization.objects.get(depth=1), rng=random.Random("1:accountability"))
    annotated = annotate_schedule(KeyTask.objects.all(), day)
    assert (schedule_counts(annotated), annotated.filter(reporting_late=True).count(),
            Counter(AccountabilityCase.objects.values_list("status", flat=True))) == (
        {Schedule.ON_TRACK: 25, Schedule.BEHIND: 8, Schedule.SERIOUSLY_BEHIND: 4, Schedule.NOT_STARTED: 1,
         Schedule.COMPLETED: 3, Schedule.SUSPENDED: 1},
        4,
        {CaseStatus.CLOSED: 1, CaseStatus.RESPONDED: 1, CaseStatus.OPEN: 2},
    )
