from pacesetter.accountability.models import KeyTask


def test_world_tasks_have_their_plan(world):
    assert list(KeyTask.objects.values_list("code", flat=True)) == ["KT-1", "KT-2"]
    assert [m.weight for m in world.task1.milestones.all()] == [30, 30, 40]
    assert list(world.task1.supporting_units.all()) == [world.tree.b2]
    assert world.task1.next_report_due.isoformat() == "2026-01-31"
