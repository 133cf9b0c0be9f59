"""Activities on the `tree` fixture: for T1B1 one held ten days ago (M1 present, a photo) and
one planned today; for T2B1 the same pair."""
from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.utils import timezone

from pacesetter.activities import domain
from pacesetter.activities.enums import AttendanceStatus
from tests.linkage.world import jpeg

from .conftest import plan


def make_world(tree) -> SimpleNamespace:
    admin = tree.users.county_admin
    past = timezone.localdate() - datetime.timedelta(days=10)
    held = plan(tree.b1, admin, day=past, title="支部党员大会")
    domain.hold_activity(held, by=admin, minutes="会议传达了县委全会精神。", photos=[jpeg()])
    domain.mark_attendance(held, tree.m1, by=admin, status=AttendanceStatus.PRESENT)
    other = plan(tree.b2, admin, day=past, title="二号村党课")
    domain.hold_activity(other, by=admin, minutes="书记讲党课。")
    return SimpleNamespace(held=held, today=plan(tree.b1, admin), other=other,
                           other_today=plan(tree.b2, admin, title="二号村主题党日"), photo=held.photos.get())
