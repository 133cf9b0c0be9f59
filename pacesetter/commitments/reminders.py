"""Reminders of commitment deadlines (`pacesetter send_reminders`, meant for a daily cron).

An open item of a published pledge is "due soon" once its deadline is at most N days
ahead (settings.COMMITMENT_REMIND_DAYS, 7 by default) and "overdue" once it has passed.
Each is told once: the notification's key names the item, the event and the deadline
(`commitments.due:<item>:<deadline>`), and a user holds one notification per key, so a
second run, or two machines running the job at once, tell nobody anything twice. A changed
deadline is a new key, and so a new reminder.

Who is told: a member's pledge, that member's user; an organisation's pledge, the users
with an organisation-admin role on that organisation or, when it has none, on its nearest
ancestor that has one. Campaigns that are closed are left alone.

A run reads the items, the organisation admins and the notifications already sent in three
queries (up to 10,000 items in the window); it writes one INSERT per new event (`notify`
takes one key at a time) and sends the e-mails afterwards over one connection.
"""
from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.campaigns.models import Campaign
from pacesetter.notifications.domain import notify, send_emails
from pacesetter.notifications.models import Notification
from pacesetter.orgs.enums import Role
from pacesetter.orgs.models import RoleAssignment
from pacesetter.orgs.queries import ancestor_paths

from .enums import CommitmentStatus, Outcome
from .models import Commitment, CommitmentItem

DEFAULT_REMIND_DAYS = 7
DUE, OVERDUE = "due", "overdue"
KIND = {DUE: "commitments.due", OVERDUE: "commitments.overdue"}
#: Keys (and notification ids) per query: a county's whole window in one, well inside the
#: databases' limits on query parameters (SQLite 32,766, PostgreSQL 65,535).
BATCH = 10_000


def remind_days() -> int:
    return int(getattr(settings, "COMMITMENT_REMIND_DAYS", DEFAULT_REMIND_DAYS))


@dataclass
class Reminder:
    """One event to tell: an item due soon or overdue, and who should hear of it."""

    item: CommitmentItem
    event: str  # DUE or OVERDUE
    recipients: list = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{KIND[self.event]}:{self.item.pk}:{self.item.deadline.isoformat()}"


@dataclass
class Summary:
    items: int = 0
    due: int = 0
    overdue: int = 0
    without_recipient: int = 0
    notifications: int = 0
    emails: int = 0


def items_to_remind(day: datetime.date, *, days: int, campaign: Campaign | None = None) -> list[CommitmentItem]:
    """Open items of published pledges of campaigns not closed whose deadline is at most
    `days` ahead of `day` or has passed; one query."""
    items = CommitmentItem.objects.filter(
        commitment__status=CommitmentStatus.PUBLISHED, outcome=Outcome.OPEN,
        deadline__lte=day + datetime.timedelta(days=days),
    ).exclude(commitment__campaign__status=CampaignStatus.CLOSED)
    if campaign is not None:
        items = items.filter(commitment__campaign=campaign)
    return list(
        items.select_related("commitment__organization", "commitment__member__user").order_by("deadline", "id")
    )


def recipients(commitments: Iterable[Commitment]) -> dict[int, list]:
    """Commitment id → the active users told about its items. The organisations' admins
    come from one query over all organisation-admin roles (a county's few thousand rows;
    no list of paths, which at a province's scale would pass the databases' limits on
    query parameters); each pledge's organisation and ancestors are read from its path."""
    commitments = list(commitments)
    admins: dict[str, list] = defaultdict(list)
    if any(c.member_id is None for c in commitments):
        rows = (
            RoleAssignment.objects.filter(role=Role.ORG_ADMIN, user__is_active=True)
            .select_related("user", "organization").order_by("user_id")
        )
        for row in rows:
            admins[row.organization.path].append(row.user)
    found = {}
    for c in commitments:
        if c.member_id is not None:
            user = c.member.user
            found[c.pk] = [user] if user is not None and user.is_active else []
            continue
        path = c.organization.path
        nearest = next((p for p in [path, *reversed(ancestor_paths(path))] if admins.get(p)), None)
        found[c.pk] = list({u.pk: u for u in admins[nearest]}.values()) if nearest else []
    return found


def reminders(day: datetime.date, *, days: int, campaign: Campaign | None = None) -> list[Reminder]:
    items = items_to_remind(day, days=days, campaign=campaign)
    told = recipients({item.commitment_id: item.commitment for item in items}.values())
    return [
        Reminder(item, OVERDUE if item.deadline < day else DUE, told[item.commitment_id]) for item in items
    ]


def already_sent(pairs: Sequence[tuple[int, str]]) -> set[tuple[int, str]]:
    """Which of the (user id, key) pairs hold a notification already; a query per BATCH keys."""
    keys = sorted({key for _user, key in pairs})
    sent: set[tuple[int, str]] = set()
    for start in range(0, len(keys), BATCH):
        sent.update(Notification.objects.filter(key__in=keys[start : start + BATCH]).values_list("user_id", "key"))
    return sent


def _texts(reminder: Reminder, day: datetime.date) -> tuple[str, str]:
    """The title and text of a reminder, in the site's language."""
    item = reminder.item
    values = {
        "content": Truncator(item.content).chars(80), "target": item.target, "deadline": item.deadline.isoformat(),
        "owner": item.commitment.owner_name, "progress": item.progress,
    }
    with override(settings.LANGUAGE_CODE):
        if reminder.event == OVERDUE:
            late = (day - item.deadline).days
            title = _("Overdue commitment: %(content)s") % values
            body = ngettext(
                "“%(content)s” (%(owner)s; target: %(target)s) was due on %(deadline)s, %(n)d day ago, and is "
                "%(progress)d%% done. Report its progress or its outcome.",
                "“%(content)s” (%(owner)s; target: %(target)s) was due on %(deadline)s, %(n)d days ago, and is "
                "%(progress)d%% done. Report its progress or its outcome.",
                late,
            ) % {**values, "n": late}
        else:
            left = (item.deadline - day).days
            title = ngettext(
                "Commitment due in %(n)d day: %(content)s", "Commitment due in %(n)d days: %(content)s", left
            ) % {**values, "n": left} if left else _("Commitment due today: %(content)s") % values
            body = _(
                "“%(content)s” (%(owner)s; target: %(target)s) is due on %(deadline)s and is %(progress)d%% done. "
                "Report its progress, or its delivery once done."
            ) % values
    return title, body


def _notify(pending: list[tuple[Reminder, list]], day: datetime.date) -> list[Notification]:
    """The new notifications, all or none: one transaction, e-mails left to the caller."""
    created: list[Notification] = []
    with transaction.atomic():
        for reminder, users in pending:
            title, body = _texts(reminder, day)
            created += notify(
                users, key=reminder.key, kind=KIND[reminder.event], title=title, body=body,
                url=reverse("commitments:item-detail", kwargs={"pk": reminder.item.pk}), email=False,
            )
    return created


def send_reminders(day: datetime.date, *, days: int | None = None, campaign: Campaign | None = None,
                   dry_run: bool = False, email: bool = True) -> Summary:
    """Tell the owners of items due soon or overdue, each event once. With `dry_run`,
    count what would be sent and write nothing."""
    days = remind_days() if days is None else days
    found = reminders(day, days=days, campaign=campaign)
    summary = Summary(
        items=len(found), due=sum(r.event == DUE for r in found), overdue=sum(r.event == OVERDUE for r in found),
        without_recipient=sum(not r.recipients for r in found),
    )
    sent = already_sent([(u.pk, r.key) for r in found for u in r.recipients])
    pending = [(r, [u for u in r.recipients if (u.pk, r.key) not in sent]) for r in found]
    pending = [(r, users) for r, users in pending if users]
    if dry_run:
        summary.notifications = sum(len(users) for _r, users in pending)
        summary.emails = sum(bool(u.email) for _r, users in pending for u in users)
        return summary
    created = _notify(pending, day) if pending else []
    summary.notifications = len(created)
    if email and created:
        ids = [n.pk for n in created]
        summary.emails = sum(send_emails(ids[start : start + BATCH]) for start in range(0, len(ids), BATCH))
    return summary

