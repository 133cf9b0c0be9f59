"""Reminders of stage tasks (`pacesetter stage_reminders`, meant for a daily cron).

Each organisation with tasks of a campaign under way that are due within N days
(settings.STAGE_REMIND_DAYS, 3 by default) or overdue, and not done, is told once a day:
one notification listing its counts, to the organisation admins of the organisation or,
when it has none, of its nearest ancestor that has one. The key names the campaign, the
organisation and the day (`stages.due:<campaign>:<org>:<day>`), and a user holds one
notification per key, so a second run the same day tells nobody anything twice.
"""
from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.campaigns.models import Campaign
from pacesetter.notifications.domain import notify
from pacesetter.notifications.models import Notification
from pacesetter.orgs.enums import OrgStatus, Role
from pacesetter.orgs.models import Organization, RoleAssignment
from pacesetter.orgs.queries import ancestor_paths

from .enums import TaskStatus
from .links import checklist_url
from .queries import statuses

DEFAULT_REMIND_DAYS = 3
KIND = "stages.due"


def remind_days() -> int:
    return int(getattr(settings, "STAGE_REMIND_DAYS", DEFAULT_REMIND_DAYS))


@dataclass
class Summary:
    organizations: int = 0
    due_soon: int = 0
    overdue: int = 0
    without_recipient: int = 0
    notifications: int = 0


def _admins() -> dict[str, list[int]]:
    """Organisation path → ids of the active users holding an organisation-admin role there."""
    found: dict[str, list[int]] = defaultdict(list)
    rows = RoleAssignment.objects.filter(role=Role.ORG_ADMIN, user__is_active=True).values_list(
        "organization__path", "user_id")
    for path, user_id in rows:
        found[path].append(user_id)
    return found


def _recipients(path: str, admins: dict[str, list[int]]) -> list[int]:
    nearest = next((p for p in [path, *reversed(ancestor_paths(path))] if admins.get(p)), None)
    return sorted(set(admins[nearest])) if nearest else []


def pending(day: datetime.date, *, days: int) -> list[tuple[Campaign, dict, int, int]]:
    """(campaign, organisation row, tasks due soon, tasks overdue) for every organisation
    with something to be told about; the statuses are computed in bulk per campaign."""
    found = []
    orgs = Organization.objects.filter(status=OrgStatus.ACTIVE, depth__gt=1)
    for campaign in Campaign.objects.filter(status=CampaignStatus.ACTIVE).order_by("starts_on", "id"):
        org_rows, tasks, got = statuses(campaign, orgs, day)
        due_by = {task.pk: task.due_on for task in tasks}
        counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for (org_id, task_id), (status, _done_on) in got.items():
            if status == TaskStatus.OVERDUE:
                counts[org_id][1] += 1
            elif status == TaskStatus.OPEN and due_by[task_id] <= day + datetime.timedelta(days=days):
                counts[org_id][0] += 1
        found += [(campaign, org, *counts[org["pk"]]) for org in org_rows if org["pk"] in counts]
    return found


def _texts(campaign, org: dict, due_soon: int, overdue: int, days: int) -> tuple[str, str]:
    with override(settings.LANGUAGE_CODE):
        title = _("Campaign tasks of %(org)s: %(overdue)d overdue, %(soon)d due within %(days)d days") % {
            "org": org["name"], "overdue": overdue, "soon": due_soon, "days": days}
        body = _("%(campaign)s: %(org)s has %(overdue)d overdue tasks and %(soon)d due within %(days)d days. "
                 "Open its checklist to mark what is done.") % {
            "campaign": campaign.name, "org": org["name"], "overdue": overdue, "soon": due_soon, "days": days}
    return title, body


def send_stage_reminders(day: datetime.date, *, days: int | None = None, dry_run: bool = False) -> Summary:
    days = remind_days() if days is None else days
    found = pending(day, days=days)
    admins = _admins()
    summary = Summary(organizations=len(found), due_soon=sum(f[2] for f in found), overdue=sum(f[3] for f in found))
    keys = {f"{KIND}:{campaign.pk}:{org['pk']}:{day.isoformat()}": (campaign, org, soon, late)
            for campaign, org, soon, late in found}
    sent = set(Notification.objects.filter(key__in=list(keys)).values_list("user_id", "key"))
    with transaction.atomic():
        for key, (campaign, org, soon, late) in keys.items():
            users = [u for u in _recipients(org["path"], admins) if (u, key) not in sent]
            if not _recipients(org["path"], admins):
                summary.without_recipient += 1
            if dry_run or not users:
                summary.notifications += len(users) if dry_run else 0
                continue
            title, body = _texts(campaign, org, soon, late, days)
            url = checklist_url(org["code"], campaign.pk)
            summary.notifications += len(notify(users, key=key, kind=KIND, title=title, body=body, url=url))
    return summary
