"""Writes of notifications: telling users of an event, and their marking what they read.

None of these write an audit entry. The audit log records changes of record (a scheme, a
round, a commitment's approval), and the event a notification reports is audited where it
happened; the notification is a message about it, like an e-mail, and whether its
recipient has read it is their own business, not the county's record. Auditing either
would flood the hash-chained log with rows that prove nothing.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from pacesetter.core.errors import PermissionDeniedError

from .models import Notification

log = logging.getLogger(__name__)

#: Rows per INSERT statement (9 values each, well inside SQLite's and PostgreSQL's limits).
BATCH = 500
_FIELDS = ("user_id", "key", "kind", "title", "body", "url", "created_at")


def notify(
    users: Iterable, *, key: str, kind: str, title: str, body: str = "", url: str = "", email: bool = True
) -> list[Notification]:
    """Tell each of `users` (users or user ids) about one event, once.

    `key` names the event ("commitments.due:<item>:<deadline>"); a user holds at most one
    notification per key (a unique constraint), so calling again, or two processes calling
    at once, creates nothing more. Returns the notifications created by this call. With
    `email`, they are e-mailed after the commit to those users who have an address.
    """
    user_ids = list(dict.fromkeys(getattr(u, "pk", u) for u in users))
    if not user_ids:
        return []
    for name, value, limit in (("key", key, 120), ("kind", kind, 40), ("url", url, 300)):
        if (not value and name != "url") or len(value) > limit:
            raise ValueError(f"notify(): {name} must be 1 to {limit} characters")
    now = timezone.now()
    values = {"key": key, "kind": kind, "title": " ".join(title.split())[:200], "body": body, "url": url}
    created: list[Notification] = []
    with transaction.atomic():
        for start in range(0, len(user_ids), BATCH):
            batch = user_ids[start : start + BATCH]
            for pk, user_id in _insert_new(batch, values, now):
                created.append(Notification(pk=pk, user_id=user_id, created_at=now, **values))
        if email and created:
            ids = [n.pk for n in created]
            transaction.on_commit(lambda: send_emails(ids))
    created.sort(key=lambda n: n.pk)
    return created


def _insert_new(user_ids: list[int], values: dict, now) -> list[tuple[int, int]]:
    """INSERT … ON CONFLICT DO NOTHING RETURNING: the rows this statement created, and only
    those, even when another transaction inserts the same keys at the same moment."""
    qn = connection.ops.quote_name
    table = qn(Notification._meta.db_table)
    columns = ", ".join(qn(Notification._meta.get_field(f.removesuffix("_id")).column) for f in _FIELDS)
    row = "(" + ", ".join(["%s"] * len(_FIELDS)) + ")"
    params = []
    for user_id in user_ids:
        params += [user_id, values["key"], values["kind"], values["title"], values["body"], values["url"], now]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) VALUES {', '.join([row] * len(user_ids))}"  # nosec B608 # table and column names come from model _meta, quoted; every value is a bound parameter
            f" ON CONFLICT ({qn('user_id')}, {qn('key')}) DO NOTHING RETURNING {qn('id')}, {qn('user_id')}",
            params,
        )
        return list(cursor.fetchall())


def send_emails(notification_ids: list[int]) -> int:
    """E-mail the notifications not e-mailed yet to recipients with an address, over one
    connection; mark those sent. A failing mail server is logged, not raised: the in-app
    notification stands, and the request or command that caused it has already committed."""
    pending = list(
        Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
        .filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )
    if not pending:
        return 0
    sent: list[int] = []
    try:
        with mail.get_connection() as connection_:
            for notification in pending:
                message = _message(notification)
                message.connection = connection_
                try:
                    message.send()
                except Exception:  # one bad address must not stop the others
                    log.exception("notification %s: e-mail to user %s failed", notification.pk, notification.user_id)
                else:
                    sent.append(notification.pk)
    except Exception:  # the mail server refused the connection itself
        log.exception("notifications: the mail server could not be reached")
    if sent:
        Notification.objects.filter(pk__in=sent).update(emailed_at=timezone.now())
    return len(sent)


def _message(notification: Notification) -> mail.EmailMessage:
    with override(settings.LANGUAGE_CODE):
        lines = [notification.body] if notification.body else []
        if notification.url:
            link = notification.url if "://" in notification.url else f"{settings.SITE_URL}{notification.url}"
            lines.append(_("Open: %(link)s") % {"link": link})
        lines.append(_("— Pacesetter (创先争优). You can read all your notifications under “Notifications”."))
        subject = f"[{_('Pacesetter')}] {notification.title}"
    return mail.EmailMessage(
        subject=subject,
        body="\n\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.user.email],
    )


def _require_recipient(notification_user_id: int, by) -> None:
    if getattr(by, "pk", None) != notification_user_id:
        raise PermissionDeniedError(_("Only its recipient can mark a notification as read."), code="forbidden")


def mark_read(notification: Notification, *, by) -> Notification:
    """Mark one notification read (no-op when it already is); its recipient only."""
    _require_recipient(notification.user_id, by)
    if notification.read_at is None:
        now = timezone.now()
        with transaction.atomic():
            updated = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        if updated:
            notification.read_at = now
        else:
            notification.refresh_from_db(fields=["read_at"])
    return notification


def mark_all_read(user, *, by) -> int:
    """Mark all of a user's unread notifications read; the user themself only. Returns how many."""
    _require_recipient(user.pk, by)
    with transaction.atomic():
        return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
