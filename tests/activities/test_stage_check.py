"""The campaign-stage check "a party activity held during the stage"."""
import datetime

from pacesetter.activities import domain
from pacesetter.activities.stage_checks import activity_held
from pacesetter.orgs.models import Organization
from pacesetter.stages import checks
from pacesetter.stages import domain as stages_domain
from pacesetter.stages.enums import StageKind
from tests.stages.world import build

from .conftest import plan

D = datetime.date


def test_activity_held_is_the_first_held_activity_on_or_after_the_stage_began(tree):
    world = build(tree)
    task = stages_domain.create_task(world.stages[StageKind.IMPLEMENT], by=tree.users.county_admin,
                                     title="开展主题党日", check_kind="activity_held", due_on=D(2026, 5, 31))
    by = tree.users.branch_admin
    for day in (D(2026, 3, 20), D(2026, 5, 10), D(2026, 5, 3)):
        domain.hold_activity(plan(tree.b1, by, day=day), by=by, minutes="会议记录")
    plan(tree.b2, tree.users.county_admin, day=D(2026, 4, 10))  # planned, never held
    found = activity_held(world.campaign, task, Organization.objects.values("pk"))
    assert (found, checks.get("activity_held").fn) == ({tree.b1.pk: D(2026, 5, 3)}, activity_held)
