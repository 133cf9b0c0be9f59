import datetime

import pytest
from django.utils import timezone

from pacesetter.activities import domain
from pacesetter.activities.enums import ActivityKind


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def plan(org, by, *, day=None, title="主题党日：学习党的二十大精神", kind=ActivityKind.THEMED_DAY, invited=()):
    day = day or timezone.localdate()
    return domain.plan_activity(org, by=by, kind=kind, title=title, starts_at=at(day, 9), ends_at=at(day, 11),
                                place="村党群服务中心", agenda="一、学习\n二、讨论", invited=invited)


@pytest.fixture
def member_login(tree):
    """tree.users.member is the login of 张三 (M1, member of T1B1)."""
    tree.m1.user = tree.users.member
    tree.m1.save(update_fields=["user"])
    return tree.users.member


@pytest.fixture
def today_activity(tree):
    """A planned themed party day of T1B1 today."""
    return plan(tree.b1, tree.users.branch_admin)
