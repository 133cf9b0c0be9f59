"""/api/v1/notifications/: your own, unread first; marking read. Statuses by role are in
tests/visibility/notifications.py."""
import pytest

from pacesetter.notifications import domain
from pacesetter.notifications.models import Notification

URL = "/api/v1/notifications/"


def tell(user, key, **kwargs):
    [n] = domain.notify([user], key=key, kind="test", title=f"Event {key}", email=False, **kwargs)
    return n


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_constant(tree, login, django_assert_num_queries, n):
    for i in range(n):
        tell(tree.users.member, f"e{i}")
    client = login(tree.users.member)
    # session, user, count, page
    with django_assert_num_queries(4):
        response = client.get(URL)
    assert len(response.json()["results"]) == n


def test_list_holds_only_your_own_unread_first(tree, login):
    first = tell(tree.users.member, "a")
    second = tell(tree.users.member, "b")
    tell(tree.users.county_admin, "c")
    domain.mark_read(second, by=tree.users.member)
    rows = login(tree.users.member).get(URL).json()["results"]
    assert [(r["id"], r["is_read"]) for r in rows] == [(first.pk, False), (second.pk, True)]


def test_list_filters_unread(tree, login):
    first = tell(tree.users.member, "a")
    domain.mark_read(tell(tree.users.member, "b"), by=tree.users.member)
    rows = login(tree.users.member).get(URL, {"state": "unread"}).json()["results"]
    assert [r["id"] for r in rows] == [first.pk]


def test_read_one_gives_every_field(tree, login):
    n = tell(tree.users.member, "a", body="Text", url="/campaigns/")
    row = login(tree.users.member).get(f"{URL}{n.pk}/").json()
    assert row == {
        "id": n.pk, "kind": "test", "key": "a", "title": "Event a", "body": "Text", "url": "/campaigns/",
        "created_at": row["created_at"], "is_read": False, "read_at": None,
    }


def test_mark_read(tree, login):
    n = tell(tree.users.member, "a")
    response = login(tree.users.member).post(f"{URL}{n.pk}/read/")
    assert (response.status_code, response.json()["is_read"], Notification.objects.get().read_at is not None) == (
        200, True, True
    )


def test_mark_someone_elses_read_is_a_404(tree, login):
    n = tell(tree.users.org_admin, "a")
    response = login(tree.users.member).post(f"{URL}{n.pk}/read/")
    assert (response.status_code, Notification.objects.get().read_at) == (404, None)


def test_mark_all_read(tree, login):
    tell(tree.users.member, "a")
    tell(tree.users.member, "b")
    tell(tree.users.org_admin, "c")
    response = login(tree.users.member).post(f"{URL}read-all/")
    assert (response.json(), Notification.objects.filter(read_at__isnull=True).count()) == ({"marked": 2}, 1)


def test_no_create_change_or_delete(tree, login):
    n = tell(tree.users.member, "a")
    client = login(tree.users.member)
    statuses = [
        client.post(URL, {"title": "x"}, format="json").status_code,
        client.patch(f"{URL}{n.pk}/", {"title": "x"}, format="json").status_code,
        client.delete(f"{URL}{n.pk}/").status_code,
    ]
    assert statuses == [405, 405, 405]
