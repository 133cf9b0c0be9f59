"""The goal framework's writes: county admins only, each in the audit log under the admin's
action names, refusals leave everything as it was."""
import pytest
from django.utils import translation

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.orgs import goals
from pacesetter.orgs.models import Goal


def actions():
    return list(AuditEntry.objects.filter(action__startswith="goal.").order_by("id").values_list("action", flat=True))


def paths():
    return list(Goal.objects.order_by("path").values_list("code", "depth"))


@pytest.fixture
def frame(tree):
    """G (strategy) → G.1 (task) → G.1.1 (target); G.2 (task)."""
    by = tree.users.county_admin
    root = goals.create_goal(by=by, code="G", name="工业强县", kind="strategy")
    task = goals.create_goal(by=by, parent=root, code="G.1", name="项目建设", kind="task")
    target = goals.create_goal(by=by, parent=task, code="G.1.1", name="新开工项目40个", kind="target")
    other = goals.create_goal(by=by, parent=root, code="G.2", name="招商引资", kind="task")
    return root, task, target, other


def test_create_goal_makes_the_tree_with_audit_entries(frame):
    assert (paths(), actions()) == ([("G", 1), ("G.1", 2), ("G.1.1", 3), ("G.2", 2)], ["goal.create"] * 4)


def test_create_goal_refuses_everyone_but_county_admins(tree):
    with pytest.raises(PermissionDeniedError):
        goals.create_goal(by=tree.users.org_admin, code="G", name="工业强县", kind="strategy")
    assert (Goal.objects.count(), actions()) == (0, [])


def test_create_goal_refuses_a_code_taken(frame, tree):
    with pytest.raises(DomainError) as refused:
        goals.create_goal(by=tree.users.county_admin, code="G.1", name="重复", kind="task")
    assert (list(refused.value.message_dict), Goal.objects.count()) == (["code"], 4)


def test_create_goal_refuses_a_malformed_code(tree):
    with pytest.raises(DomainError) as refused:
        goals.create_goal(by=tree.users.county_admin, code="坏 代码", name="目标", kind="goal")
    assert (list(refused.value.message_dict), Goal.objects.count()) == (["code"], 0)


@pytest.mark.parametrize("code", ["new", "NEW"])
def test_create_goal_refuses_a_code_that_names_a_page(tree, code):
    with pytest.raises(DomainError) as refused, translation.override("en"):
        goals.create_goal(by=tree.users.county_admin, code=code, name="目标", kind="goal")
    assert (refused.value.message_dict, Goal.objects.count()) == (
        {"code": [f"“{code}” names a page; choose another code."]}, 0)


def test_update_goal_refuses_a_code_that_names_a_page(frame, tree):
    with pytest.raises(DomainError) as refused:
        goals.update_goal(frame[1], by=tree.users.county_admin, code="new")
    assert (list(refused.value.message_dict), Goal.objects.get(pk=frame[1].pk).code) == (["code"], "G.1")


def test_create_goal_refuses_a_parent_out_of_force(frame, tree):
    goals.set_goal_active(frame[3], by=tree.users.county_admin, active=False)
    with pytest.raises(DomainError) as refused:
        goals.create_goal(by=tree.users.county_admin, parent=frame[3], code="G.2.1", name="目标", kind="target")
    assert (refused.value.code, Goal.objects.count()) == ("parent_inactive", 4)


def test_update_goal_records_before_and_after(frame, tree):
    goals.update_goal(frame[1], by=tree.users.county_admin, name="重点项目建设", description="扩大有效投资")
    entry = AuditEntry.objects.filter(action="goal.update").get()
    assert (Goal.objects.get(code="G.1").name, entry.before, entry.after) == (
        "重点项目建设", {"name": "项目建设", "description": ""}, {"name": "重点项目建设", "description": "扩大有效投资"})


def test_update_goal_without_a_change_writes_nothing(frame, tree):
    goals.update_goal(frame[1], by=tree.users.county_admin, name="项目建设")
    assert actions() == ["goal.create"] * 4


def test_update_goal_refuses_a_kind_not_listed(frame, tree):
    with pytest.raises(DomainError) as refused:
        goals.update_goal(frame[1], by=tree.users.county_admin, kind="dream")
    assert (list(refused.value.message_dict), Goal.objects.get(code="G.1").kind) == (["kind"], "task")


def test_update_goal_refuses_an_inspector(frame, tree):
    with pytest.raises(PermissionDeniedError):
        goals.update_goal(frame[1], by=tree.users.inspector, name="改名")
    assert Goal.objects.get(code="G.1").name == "项目建设"


def test_move_goal_takes_its_sub_goals_along(frame, tree):
    goals.move_goal(frame[1], by=tree.users.county_admin, parent=frame[3])
    entry = AuditEntry.objects.filter(action="goal.move").get()
    assert (paths(), entry.before["parent"], entry.after["parent"]) == (
        [("G", 1), ("G.2", 2), ("G.1", 3), ("G.1.1", 4)], "G", "G.2")


def test_move_goal_to_the_top(frame, tree):
    goals.move_goal(frame[2], by=tree.users.county_admin, parent=None)
    assert (paths(), AuditEntry.objects.get(action="goal.move").after["parent"]) == (
        [("G", 1), ("G.1", 2), ("G.2", 2), ("G.1.1", 1)], None)


def test_move_goal_under_its_own_sub_goal_is_refused(frame, tree):
    with pytest.raises(DomainError) as refused:
        goals.move_goal(frame[1], by=tree.users.county_admin, parent=frame[2])
    assert (refused.value.code, paths()) == ("parent_cycle", [("G", 1), ("G.1", 2), ("G.1.1", 3), ("G.2", 2)])


def test_move_goal_to_where_it_is_writes_nothing(frame, tree):
    goals.move_goal(frame[1], by=tree.users.county_admin, parent=frame[0])
    assert actions() == ["goal.create"] * 4


def test_set_goal_active_takes_a_goal_out_of_force_alone(frame, tree):
    goals.set_goal_active(frame[1], by=tree.users.county_admin, active=False)
    entry = AuditEntry.objects.filter(action="goal.update").get()
    assert (dict(Goal.objects.values_list("code", "is_active")), entry.after) == (
        {"G": True, "G.1": False, "G.1.1": True, "G.2": True}, {"is_active": False})


def test_set_goal_active_refuses_the_state_it_has(frame, tree):
    with pytest.raises(DomainError) as refused:
        goals.set_goal_active(frame[1], by=tree.users.county_admin, active=True)
    assert (refused.value.code, actions()) == ("active_same", ["goal.create"] * 4)


def test_set_goal_active_refuses_a_leader(frame, tree):
    with pytest.raises(PermissionDeniedError):
        goals.set_goal_active(frame[1], by=tree.users.leader, active=False)
    assert Goal.objects.get(code="G.1").is_active is True
