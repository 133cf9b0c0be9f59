"""The inbox page, marking read (plain forms and htmx), and the navbar badge. Who may reach
each URL is in tests/visibility/notifications.py."""
import pytest
from django.urls import reverse

from pacesetter.notifications import domain
from pacesetter.notifications.models import Notification

LIST = "/notifications/"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def tell(user, key, **kwargs):
    [n] = domain.notify([user], key=key, kind="test", title=kwargs.pop("title", f"Event {key}"), email=False, **kwargs)
    return n


def titles(response) -> list[str]:
    return [n.title for n in response.context["page"].object_list]


@pytest.mark.parametrize("n", [1, 3])
def test_inbox_query_count_is_constant(tree, client, django_assert_num_queries, n):
    for i in range(n):
        tell(tree.users.member, f"e{i}")
    client.force_login(tree.users.member)
    # session, user, roles, count, page, unread badge
    with django_assert_num_queries(6):
        response = client.get(LIST)
    assert len(titles(response)) == n


def test_inbox_holds_only_the_users_own(tree, client):
    tell(tree.users.member, "mine", title="Mine")
    tell(tree.users.org_admin, "theirs", title="Theirs")
    client.force_login(tree.users.member)
    assert titles(client.get(LIST)) == ["Mine"]


def test_inbox_lists_unread_first_then_newest(tree, client):
    for key in ("a", "b", "c", "d"):
        tell(tree.users.member, key, title=key)
    domain.mark_read(Notification.objects.get(key="d"), by=tree.users.member)
    client.force_login(tree.users.member)
    assert titles(client.get(LIST)) == ["c", "b", "a", "d"]


@pytest.mark.parametrize(("params", "expected"), [
    ({"state": "unread"}, ["b"]),
    ({"state": "read"}, ["a"]),
    ({"q": "B"}, ["b"]),
    ({"state": "bogus"}, []),
])
def test_inbox_filters(tree, client, params, expected):
    tell(tree.users.member, "a", title="a")
    tell(tree.users.member, "b", title="b")
    domain.mark_read(Notification.objects.get(key="a"), by=tree.users.member)
    client.force_login(tree.users.member)
    assert titles(client.get(LIST, params)) == expected


def test_inbox_is_paginated(tree, client):
    for i in range(26):
        tell(tree.users.member, f"e{i:02d}", title=f"e{i:02d}")
    client.force_login(tree.users.member)
    assert titles(client.get(LIST, {"page": "2"})) == ["e00"]


def test_mark_read_goes_back_to_the_list(tree, client):
    n = tell(tree.users.member, "a")
    client.force_login(tree.users.member)
    response = client.post(reverse("notifications:notification-read", args=[n.pk]), {"next": "/notifications/?q=x"})
    assert (response["Location"], Notification.objects.get().read_at is not None) == ("/notifications/?q=x", True)


def test_mark_read_ignores_a_next_off_the_site(tree, client):
    n = tell(tree.users.member, "a")
    client.force_login(tree.users.member)
    response = client.post(reverse("notifications:notification-read", args=[n.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == LIST


def test_open_marks_read_and_follows_the_link(tree, client):
    n = tell(tree.users.member, "a", url="/campaigns/")
    client.force_login(tree.users.member)
    response = client.post(reverse("notifications:notification-read", args=[n.pk]), {"open": "1"})
    assert (response["Location"], Notification.objects.get().read_at is not None) == ("/campaigns/", True)


def test_open_does_not_follow_a_link_off_the_site(tree, client):
    n = tell(tree.users.member, "a", url="https://evil.example/")
    client.force_login(tree.users.member)
    response = client.post(reverse("notifications:notification-read", args=[n.pk]), {"open": "1"})
    assert response["Location"] == LIST


def test_htmx_mark_read_returns_the_row_and_the_badge(tree, client):
    n = tell(tree.users.member, "a")
    tell(tree.users.member, "b")
    client.force_login(tree.users.member)
    response = client.post(
        reverse("notifications:notification-read", args=[n.pk]), HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/notifications/?page=1",
    )
    body = response.content.decode()
    assert (
        f'id="notification-{n.pk}"' in body, "Mark as read" in body, 'hx-swap-oob="true"' in body,
        response.context["unread_notifications"] == 1, 'value="/notifications/?page=1"' in body,
    ) == (True, False, True, True, True)


def test_mark_all_read(tree, client):
    tell(tree.users.member, "a")
    tell(tree.users.member, "b")
    tell(tree.users.org_admin, "c")
    client.force_login(tree.users.member)
    response = client.post(reverse("notifications:notification-read-all"), follow=True)
    assert (
        Notification.objects.filter(read_at__isnull=True).count(), [str(m) for m in response.context["messages"]]
    ) == (1, ["2 notifications marked as read."])


def test_badge_shows_the_unread_count(tree, client):
    tell(tree.users.member, "a")
    tell(tree.users.member, "b")
    client.force_login(tree.users.member)
    body = client.get(reverse("core:home")).content.decode()
    assert '<span id="notification-badge" class="badge rounded-pill text-bg-warning ms-1">2<span' in body


def test_badge_is_hidden_without_unread(tree, client):
    client.force_login(tree.users.member)
    body = client.get(reverse("core:home")).content.decode()
    assert 'class="badge rounded-pill text-bg-warning ms-1 d-none"' in body


def test_anonymous_pages_ask_nothing_for_the_badge(db, client, django_assert_num_queries):
    with django_assert_num_queries(1) as captured:  # only the login page's rate-limit count (core.public_limits)
        client.get(reverse("login"))
    assert "ratebucket" in captured.captured_queries[0]["sql"].lower()
