"""Key tasks on the `tree` fixture, for every accountability test.

`world.task1`: lead unit T1 (township admin and branch admin below it see it), supporting
unit B2, responsible leader L1 whose login is tree.users.leader; planned 2026-01-01 to
2026-12-31, milestones due 03-31 (30 %), 06-30 (30 %), 12-31 (40 %), reports monthly.
`world.task2`: lead unit T2, leader L2 without a login; same plan.
Both are created through the domain as the county admin.
"""
import datetime
from types import SimpleNamespace

import pytest

from pacesetter.accountability import domain
from tests.factories import LeaderFactory

D = datetime.date
PLAN = [
    {"title": "Land cleared", "due_on": D(2026, 3, 31), "weight": 30},
    {"title": "Foundations", "due_on": D(2026, 6, 30), "weight": 30},
    {"title": "Handed over", "due_on": D(2026, 12, 31), "weight": 40},
]


def make_task(tree, *, code, lead_unit, leader, supporting=(), milestones=PLAN, **fields):
    values = {"title": f"Key task {code}", "kind": "key_project", "planned_start": D(2026, 1, 1),
              "planned_end": D(2026, 12, 31), "report_every_days": 30, **fields}
    return domain.create_task(by=tree.users.county_admin, code=code, lead_unit=lead_unit, leader=leader,
                              supporting_units=supporting, milestones=milestones, **values)


@pytest.fixture
def world(tree):
    tree.leader.user = tree.users.leader
    tree.leader.save(update_fields=["user"])
    leader2 = LeaderFactory(organization=tree.county, code="L2", name="李副县长")
    task1 = make_task(tree, code="KT-1", lead_unit=tree.t1, leader=tree.leader, supporting=[tree.b2])
    task2 = make_task(tree, code="KT-2", lead_unit=tree.t2, leader=leader2)
    return SimpleNamespace(tree=tree, users=tree.users, leader1=tree.leader, leader2=leader2, task1=task1,
                           task2=task2)
