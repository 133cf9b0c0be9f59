"""The county goal framework in the admin: a tree for superusers, each save, move and
deletion audited; county admins do not see it (their goal pages come later)."""
import pytest
from django.urls import reverse

from pacesetter.core.models import AuditEntry
from pacesetter.orgs.models import Goal

from ..factories import UserFactory

ROOT = {"code": "G1", "name": "工业强县", "kind": "strategy", "description": "", "is_active": "on",
        "treebeard_position": "first-child", "treebeard_ref_node": ""}


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def goal_actions():
    return list(AuditEntry.objects.filter(action__startswith="goal.").order_by("id").values_list("action", flat=True))


def test_superuser_adds_a_root_and_a_child(superuser_client):
    superuser_client.post(reverse("admin:orgs_goal_add"), ROOT)
    root = Goal.objects.get(code="G1")
    child = {**ROOT, "code": "G1.1", "name": "两大任务", "kind": "task", "treebeard_ref_node": str(root.pk)}
    response = superuser_client.post(reverse("admin:orgs_goal_add"), child)
    assert (response.status_code, Goal.objects.get_parent(Goal.objects.get(code="G1.1")), goal_actions()) == (
        302, root, ["goal.create", "goal.create"]
    )


def test_superuser_changes_a_goal_with_an_audit_entry(superuser_client):
    superuser_client.post(reverse("admin:orgs_goal_add"), ROOT)
    goal = Goal.objects.get()
    superuser_client.post(reverse("admin:orgs_goal_change", args=[goal.pk]), {**ROOT, "name": "工业强县战略"})
    entry = AuditEntry.objects.filter(action="goal.update").get()
    assert (Goal.objects.get().name, entry.before["name"], entry.after["name"]) == ("工业强县战略", "工业强县", "工业强县战略")


def test_superuser_deletes_a_goal_with_an_audit_entry(superuser_client):
    superuser_client.post(reverse("admin:orgs_goal_add"), ROOT)
    goal = Goal.objects.get()
    superuser_client.post(reverse("admin:orgs_goal_delete", args=[goal.pk]), {"post": "yes"})
    assert (Goal.objects.count(), goal_actions()) == (0, ["goal.create", "goal.delete"])


def test_changelist_opens_as_a_tree(superuser_client):
    superuser_client.post(reverse("admin:orgs_goal_add"), ROOT)
    response = superuser_client.get(reverse("admin:orgs_goal_changelist"))
    assert (response.status_code, response.context["treebeard_tree"]) == (200, True)


def test_county_admin_does_not_see_goals(tree, client):
    client.force_login(tree.users.county_admin)
    assert client.get(reverse("admin:orgs_goal_changelist")).status_code == 403


def test_moving_a_goal_is_audited(superuser_client):
    superuser_client.post(reverse("admin:orgs_goal_add"), ROOT)
    superuser_client.post(reverse("admin:orgs_goal_add"), {**ROOT, "code": "G2", "name": "两大任务", "kind": "task"})
    root, other = Goal.objects.get(code="G1"), Goal.objects.get(code="G2")
    response = superuser_client.post("/admin/orgs/goal/move/", {"node": other.pk, "target": root.pk, "relation": "child"})
    entry = AuditEntry.objects.filter(action="goal.move").get()
    assert (response.status_code, Goal.objects.get_parent(Goal.objects.get(code="G2")), entry.object_id) == (
        200, root, str(other.pk)
    )
