"""Notifications in the admin: a read-only list for county admins."""
import pytest
from django.urls import reverse

from pacesetter.notifications import domain


@pytest.fixture
def note(tree):
    [n] = domain.notify([tree.users.member], key="a", kind="test", title="通知", email=False)
    return n


def test_county_admin_reads_the_list_and_a_notification(tree, client, note):
    client.force_login(tree.users.county_admin)
    statuses = [
        client.get(reverse("admin:notifications_notification_changelist")).status_code,
        client.get(reverse("admin:notifications_notification_change", args=[note.pk])).status_code,
    ]
    assert statuses == [200, 200]


def test_notifications_are_read_only_in_the_admin(tree, client, note):
    client.force_login(tree.users.county_admin)
    statuses = [
        client.get(reverse("admin:notifications_notification_add")).status_code,
        client.get(reverse("admin:notifications_notification_delete", args=[note.pk])).status_code,
        client.post(reverse("admin:notifications_notification_change", args=[note.pk]), {"title": "x"}).status_code,
    ]
    assert (statuses, type(note).objects.get().title) == ([403, 403, 403], "通知")


def test_staff_org_admin_is_refused(tree, client, note):
    tree.users.org_admin.is_staff = True
    tree.users.org_admin.save(update_fields=["is_staff"])
    client.force_login(tree.users.org_admin)
    assert client.get(reverse("admin:notifications_notification_changelist")).status_code == 403
