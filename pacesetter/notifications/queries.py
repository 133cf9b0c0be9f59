"""Reads of notifications: a user reads their own and nobody else's, whatever their roles."""
from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from .models import Notification


def notifications_visible_to(user) -> QuerySet[Notification]:
    """The user's own notifications; none for anonymous users."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


def unread_count(user) -> int:
    """One COUNT over the inbox index (user, read_at, created_at)."""
    return notifications_visible_to(user).filter(read_at__isnull=True).count()


def unread_first(qs: QuerySet[Notification]) -> QuerySet[Notification]:
    """Unread before read, newest first within each."""
    is_read = Case(When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField())
    return qs.order_by(is_read, "-created_at", "-id")
