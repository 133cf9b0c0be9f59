"""notify() creates each (user, event) notification once and e-mails the new ones after the
commit; mark_read / mark_all_read are the recipient's own."""
import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import translation

from pacesetter.core.errors import PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.notifications import domain
from pacesetter.notifications.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """E-mails are written in the site's language: English here, so texts compare exactly."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def tell(users, key="commitments.due:1:2026-05-01", **kwargs):
    fields = {"kind": "commitments.due", "title": "A commitment is due soon", "body": "Due on 1 May.",
              "url": "/commitments/1/", **kwargs}
    return domain.notify(users, key=key, **fields)


def test_notify_creates_one_notification_per_user():
    users = UserFactory.create_batch(3)
    created = tell(users)
    assert sorted(n.user_id for n in created) == sorted(u.pk for u in users)


def test_notify_returns_saved_notifications_with_their_fields():
    user = UserFactory()
    [created] = tell([user])
    stored = Notification.objects.get()
    assert (created.pk, created.key, created.title, created.created_at, created.read_at) == (
        stored.pk, stored.key, stored.title, stored.created_at, None
    )


def test_notify_twice_creates_nothing_the_second_time():
    users = UserFactory.create_batch(2)
    tell(users)
    assert (tell(users), Notification.objects.count()) == ([], 2)


def test_notify_returns_only_the_new_ones_when_some_exist():
    first, second = UserFactory.create_batch(2)
    tell([first])
    assert [n.user_id for n in tell([first, second])] == [second.pk]


def test_notify_counts_a_user_named_twice_once():
    user = UserFactory()
    assert len(tell([user, user.pk])) == 1


def test_notify_with_another_key_notifies_again():
    user = UserFactory()
    tell([user])
    assert len(tell([user], key="commitments.due:1:2026-06-01")) == 1


def test_notify_accepts_user_ids():
    user = UserFactory()
    assert [n.user_id for n in tell([user.pk])] == [user.pk]


def test_notify_nobody_does_nothing():
    assert tell([]) == []


def test_notify_hundreds_of_users_in_few_queries(django_assert_num_queries):
    users = UserFactory.create_batch(600)
    # savepoint, two INSERT … RETURNING batches (500 + 100), release
    with django_assert_num_queries(4):
        created = tell(users, email=False)
    assert len(created) == 600


def test_notify_writes_no_audit_entry():
    tell([UserFactory()])
    assert AuditEntry.objects.count() == 0


def test_notify_folds_the_title_onto_one_line():
    [created] = tell([UserFactory()], title="Due\nsoon")
    assert created.title == "Due soon"


@pytest.mark.parametrize("bad", [{"key": ""}, {"key": "k" * 121}, {"kind": ""}, {"url": "/" + "x" * 300}])
def test_notify_refuses_fields_that_do_not_fit(bad):
    with pytest.raises(ValueError):
        tell([UserFactory()], **bad)


# --- E-mail -------------------------------------------------------------------------------


def test_new_notifications_are_emailed_after_commit(django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://pacesetter.example.org"
    user = UserFactory(email="zhang@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        tell([user])
    [message] = mail.outbox
    assert (message.to, message.subject, message.body.split("\n\n")[:2]) == (
        ["zhang@example.org"],
        "[Pacesetter] A commitment is due soon",
        ["Due on 1 May.", "Open: https://pacesetter.example.org/commitments/1/"],
    )


def test_emailed_notifications_are_marked(django_capture_on_commit_callbacks):
    user = UserFactory(email="zhang@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        tell([user])
    assert Notification.objects.get().emailed_at is not None


def test_no_email_before_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tell([UserFactory(email="zhang@example.org")])
    assert (len(callbacks), mail.outbox) == (1, [])


def test_users_without_an_address_get_no_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tell([UserFactory(email=""), UserFactory(email="li@example.org")])
    assert [m.to for m in mail.outbox] == [["li@example.org"]]


def test_inactive_users_get_no_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tell([UserFactory(email="old@example.org", is_active=False)])
    assert mail.outbox == []


def test_email_false_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tell([UserFactory(email="zhang@example.org")], email=False)
    assert (mail.outbox, Notification.objects.get().emailed_at) == ([], None)


def test_a_repeated_event_is_not_emailed_again(django_capture_on_commit_callbacks):
    user = UserFactory(email="zhang@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        tell([user])
        tell([user])
    assert len(mail.outbox) == 1


def test_a_failing_mail_server_leaves_the_notification_unmarked(django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    with django_capture_on_commit_callbacks(execute=True):
        created = tell([UserFactory(email="zhang@example.org")])
    assert (len(created), Notification.objects.get().emailed_at) == (1, None)


def test_link_without_site_url_is_the_path(settings):
    settings.SITE_URL = ""
    [created] = tell([UserFactory(email="zhang@example.org")])
    assert (domain.send_emails([created.pk]), mail.outbox[0].body.split("\n\n")[1]) == (1, "Open: /commitments/1/")


# --- Marking read ---------------------------------------------------------------------------


def test_mark_read_sets_read_at():
    user = UserFactory()
    [n] = tell([user])
    assert domain.mark_read(n, by=user).read_at is not None


def test_mark_read_keeps_the_first_reading_time():
    user = UserFactory()
    [n] = tell([user])
    first = domain.mark_read(n, by=user).read_at
    assert domain.mark_read(Notification.objects.get(), by=user).read_at == first


def test_mark_read_by_someone_else_is_refused():
    user, other = UserFactory.create_batch(2)
    [n] = tell([user])
    with pytest.raises(PermissionDeniedError):
        domain.mark_read(n, by=other)
    assert Notification.objects.get().read_at is None


def test_mark_all_read_marks_only_the_users_own():
    user, other = UserFactory.create_batch(2)
    tell([user, other])
    tell([user], key="other-event")
    assert (domain.mark_all_read(user, by=user), Notification.objects.filter(read_at__isnull=True).count()) == (2, 1)


def test_mark_all_read_for_someone_else_is_refused():
    user, other = UserFactory.create_batch(2)
    tell([user])
    with pytest.raises(PermissionDeniedError):
        domain.mark_all_read(user, by=other)


def test_marks_write_no_audit_entry():
    user = UserFactory()
    [n] = tell([user])
    domain.mark_read(n, by=user)
    domain.mark_all_read(user, by=user)
    assert AuditEntry.objects.count() == 0


# --- Concurrency ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers; PostgreSQL lets them race")
def test_concurrent_notify_creates_each_notification_once():
    """Two daily jobs at once: between them every user is told once, and each call returns
    exactly the notifications it created."""
    users = UserFactory.create_batch(50)
    barrier = threading.Barrier(2)
    returned = []

    def job():
        try:
            barrier.wait()
            returned.append([n.user_id for n in tell(users, email=False)])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=job) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (sorted(returned[0] + returned[1]), Notification.objects.count()) == (sorted(u.pk for u in users), 50)
