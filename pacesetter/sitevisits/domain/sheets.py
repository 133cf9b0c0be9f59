"""The observer's score sheet, through the site's QR code and their personal code; no login.

One sheet per observer per site: the database's unique constraint decides, so two phones
sending the same observer's sheet at once cannot both be counted. A sheet is final when
sent (no edits): the ranking must not move while observers walk to the next site.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pacesetter.core import audit, ratelimit

from ..enums import MeetingState
from ..models import Criterion, Observer, ObserverCode, Score, Sheet, Site
from .codes import code_hash, normalise, well_formed
from .common import refuse, text


def sheets_per_hour() -> int:
    """Sheet-form posts from one address per hour: a venue's wifi carries a whole meeting."""
    return settings.SITEVISIT_POSTS_PER_HOUR


@dataclass(frozen=True)
class Ticket:
    """Who is scoring where, once their code has been checked."""

    site: Site
    observer: Observer
    criteria: list[Criterion]


def _limit(client_ip: str) -> None:
    if not ratelimit.take("sitevisits.sheet", client_ip or "unknown", limit=sheets_per_hour(), window_seconds=3600):
        refuse(_("Too many attempts from this network. Wait a while and try again."), "rate_limited")


def check_code(site: Site, raw_code: str, *, client_ip: str) -> Ticket:
    """The observer the code belongs to, if they may score `site` now; DomainError otherwise.
    Each check counts against the address's hourly limit, wrong codes included."""
    _limit(client_ip)
    return _check(site, raw_code)


def _check(site: Site, raw_code: str) -> Ticket:
    code = normalise(raw_code)
    if not well_formed(code):
        refuse(_("This observer code is not valid. Check that it was typed completely."), "unknown_code")
    row = ObserverCode.objects.select_related("observer").filter(key_hash=code_hash(code)).first()
    if row is None:
        refuse(_("This observer code is not valid. Check that it was typed completely."), "unknown_code")
    if row.revoked_at is not None:
        refuse(_("This observer code was replaced by a new one and can no longer be used."), "revoked_code")
    if row.observer.meeting_id != site.meeting_id:
        refuse(_("This observer code belongs to another meeting."), "other_meeting")
    state = site.meeting.state
    if state == MeetingState.DRAFT:
        refuse(_("Scoring for this meeting has not started yet."), "not_open")
    if state != MeetingState.OPEN:
        refuse(_("Scoring for this meeting is closed; no more sheets are taken."), "closed")
    if Sheet.objects.filter(site=site, observer=row.observer).exists():
        refuse(_("You have already scored this site; each observer sends one sheet per site."), "already_scored")
    return Ticket(site, row.observer, list(site.meeting.criteria.order_by("position")))


def _points(criteria: list[Criterion], points: Mapping[int, object]) -> list[tuple[Criterion, int]]:
    checked = []
    for criterion in criteria:
        value = points.get(criterion.pk)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= criterion.max_points:
            refuse(_("Give %(name)s a whole number of points from 0 to %(max)d.")
                   % {"name": criterion.name, "max": criterion.max_points}, "points")
        checked.append((criterion, value))
    if set(points) - {c.pk for c in criteria}:
        refuse(_("The sheet names a criterion this meeting does not have."), "points")
    return checked


def submit_sheet(site: Site, *, code: str, points: Mapping[int, object], comment: str = "",
                 client_ip: str) -> Sheet:
    """Score `site` as the observer whose code this is: every criterion within its maximum.
    The attempt is counted before the transaction, so a refusal cannot roll the count back."""
    _limit(client_ip)
    return _write(site, code, points, comment)


@transaction.atomic
def _write(site: Site, code: str, points: Mapping[int, object], comment: str) -> Sheet:
    ticket = _check(site, code)
    # The meeting's state is read again under its row lock: closing waits for the sheet or wins.
    if type(site.meeting).objects.select_for_update().values_list("state", flat=True).get(
            pk=site.meeting_id) != MeetingState.OPEN:
        refuse(_("Scoring for this meeting is closed; no more sheets are taken."), "closed")
    checked = _points(ticket.criteria, points)
    comment = text(comment, field=_("Comment"), limit=1000, required=False)
    try:
        with transaction.atomic():
            sheet = Sheet.objects.create(site=site, observer=ticket.observer, total=sum(p for _c, p in checked),
                                         comment=comment)
    except IntegrityError:
        refuse(_("You have already scored this site; each observer sends one sheet per site."), "already_scored")
    Score.objects.bulk_create(Score(sheet=sheet, criterion=c, points=p) for c, p in checked)
    audit.record("sitevisits.sheet.submit", by=ticket.observer, obj=sheet,
                 after={"site": site.pk, "observer": ticket.observer.number, "total": sheet.total,
                        "points": [p for _c, p in checked]})
    return sheet
