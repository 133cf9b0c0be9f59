"""A meeting's plan and life: created as a draft with its score sheet, sites in visiting
order and observers added, scoring opened on the day, closed, and the results published."""
from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit

from ..enums import MeetingState
from ..models import Criterion, Meeting, Observer, Site
from ..queries import ranking
from .common import forbid_unless_manager, locked, refuse, text

MAX_CRITERIA = 10
MAX_SITES = 30
MAX_OBSERVERS = 200


def _criteria(rows) -> list[tuple[str, int]]:
    cleaned = []
    for name, points in rows:
        name = text(name, field=_("Criterion"), limit=50)
        if isinstance(points, bool) or not isinstance(points, int) or not 1 <= points <= 100:
            refuse(_("A criterion's maximum is a whole number of points from 1 to 100."), "criterion_points")
        cleaned.append((name, points))
    if not cleaned:
        refuse(_("The score sheet needs at least one criterion."), "sheet_empty")
    if len(cleaned) > MAX_CRITERIA:
        refuse(_("The score sheet has at most %(n)d criteria.") % {"n": MAX_CRITERIA}, "sheet_long")
    if len({name for name, _points in cleaned}) != len(cleaned):
        refuse(_("Each criterion of the score sheet needs its own name."), "criterion_duplicate")
    return cleaned


def _draft(meeting: Meeting) -> None:
    if meeting.state != MeetingState.DRAFT:
        refuse(_("Sites and observers are planned while the meeting is a draft."), "state")


@transaction.atomic
def create_meeting(*, by, title: str, held_on: datetime.date, description: str = "", criteria) -> Meeting:
    """A draft meeting with its score sheet, `criteria` as (name, maximum points) in order."""
    forbid_unless_manager(by)
    rows = _criteria(criteria)
    meeting = Meeting.objects.create(
        title=text(title, field=_("Title"), limit=200), held_on=held_on,
        description=text(description, field=_("Description"), limit=4000, required=False), created_by=by,
    )
    Criterion.objects.bulk_create(Criterion(meeting=meeting, position=i, name=name, max_points=points)
                                  for i, (name, points) in enumerate(rows, start=1))
    audit.record("sitevisits.meeting.create", by=by, obj=meeting,
                 after=audit.jsonable({"title": meeting.title, "held_on": held_on, "criteria": rows}))
    return meeting


@transaction.atomic
def add_site(meeting: Meeting, *, by, organization, introduction: str = "", photos_url: str = "") -> Site:
    """The next site in the visiting order."""
    forbid_unless_manager(by)
    meeting = locked(meeting)
    _draft(meeting)
    if meeting.sites.filter(organization=organization).exists():
        refuse(_("%(org)s is already a site of this meeting.") % {"org": organization.name}, "site_duplicate")
    count = meeting.sites.count()
    if count >= MAX_SITES:
        refuse(_("A meeting visits at most %(n)d sites.") % {"n": MAX_SITES}, "sites_many")
    site = Site.objects.create(
        meeting=meeting, position=count + 1, organization=organization,
        introduction=text(introduction, field=_("Introduction"), limit=2000, required=False),
        photos_url=text(photos_url, field=_("Photos link"), limit=300, required=False),
    )
    audit.record("sitevisits.site.add", by=by, obj=site,
                 after={"meeting": meeting.pk, "organization": organization.code, "position": site.position})
    return site


@transaction.atomic
def remove_site(site: Site, *, by) -> None:
    """Take a site off a draft meeting's route; the later sites move up."""
    forbid_unless_manager(by)
    meeting = locked(site.meeting)
    _draft(meeting)
    position = site.position
    audit.record("sitevisits.site.remove", by=by, obj=site, before={"organization": site.organization.code})
    site.delete()
    for later in meeting.sites.filter(position__gt=position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position"])


@transaction.atomic
def link_site_photos(site: Site, *, by, photos_url: str) -> Site:
    """Point a site at its photos (in the photo exhibition or elsewhere) in any state: the
    photos are taken during the visit, after the route was fixed."""
    forbid_unless_manager(by)
    before = site.photos_url
    site.photos_url = text(photos_url, field=_("Photos link"), limit=300, required=False)
    site.save(update_fields=["photos_url"])
    audit.record("sitevisits.site.photos", by=by, obj=site, before={"photos_url": before},
                 after={"photos_url": site.photos_url})
    return site


@transaction.atomic
def add_observers(meeting: Meeting, *, by, people: list[tuple[str, str]]) -> list[Observer]:
    """Observers (name, unit and position) added in the order given; codes come separately."""
    forbid_unless_manager(by)
    meeting = locked(meeting)
    if meeting.state not in (MeetingState.DRAFT, MeetingState.OPEN):
        refuse(_("Observers cannot be added once scoring has closed."), "state")
    rows = [(text(name, field=_("Name"), limit=50), text(unit, field=_("Unit and position"), limit=100,
                                                         required=False)) for name, unit in people]
    if not rows:
        refuse(_("Name at least one observer."), "required")
    start = meeting.observers.aggregate(n=Max("number"))["n"] or 0
    if start + len(rows) > MAX_OBSERVERS:
        refuse(_("A meeting has at most %(n)d observers.") % {"n": MAX_OBSERVERS}, "observers_many")
    observers = Observer.objects.bulk_create(
        Observer(meeting=meeting, number=start + i, name=name, unit=unit) for i, (name, unit) in enumerate(rows, 1)
    )
    audit.record("sitevisits.observers.add", by=by, obj=meeting, after={"observers": rows})
    return observers


@transaction.atomic
def open_scoring(meeting: Meeting, *, by) -> Meeting:
    """Draft → scoring open; the sites, their order and the score sheet are fixed from now on."""
    forbid_unless_manager(by)
    meeting = locked(meeting)
    if meeting.state != MeetingState.DRAFT:
        refuse(_("Only a meeting being planned can open scoring."), "state")
    if not meeting.sites.exists():
        refuse(_("Add at least one site before scoring opens."), "no_sites")
    if not meeting.observers.exists():
        refuse(_("Add at least one observer before scoring opens."), "no_observers")
    return _move(meeting, MeetingState.OPEN, by=by)


@transaction.atomic
def close_scoring(meeting: Meeting, *, by) -> Meeting:
    """Scoring open → closed: no more sheets are taken."""
    forbid_unless_manager(by)
    meeting = locked(meeting)
    if meeting.state != MeetingState.OPEN:
        refuse(_("Only a meeting whose scoring is open can close it."), "state")
    return _move(meeting, MeetingState.CLOSED, by=by)


@transaction.atomic
def publish_results(meeting: Meeting, *, by) -> Meeting:
    """Rank the sites (queries.ranking), write each site's rank, mean and sheet count, and
    publish the results on the public page."""
    forbid_unless_manager(by)
    meeting = locked(meeting)
    if meeting.state != MeetingState.CLOSED:
        refuse(_("Only a meeting whose scoring is closed can publish its results."), "state")
    rows = ranking(meeting)
    if not rows:
        refuse(_("No site has a score sheet; there is nothing to publish."), "no_sheets")
    for row in rows:
        site = row.site
        site.rank, site.mean_total, site.sheet_count = row.rank, row.mean, row.sheets
        site.save(update_fields=["rank", "mean_total", "sheet_count"])
    meeting.published_at = timezone.now()
    meeting = _move(meeting, MeetingState.PUBLISHED, by=by, extra=["published_at"],
                    after={"ranking": [[r.site.organization.code, str(r.mean), r.sheets] for r in rows]})
    return meeting


def _move(meeting: Meeting, state: str, *, by, extra=(), after=None) -> Meeting:
    before = meeting.state
    meeting.state = state
    meeting.save(update_fields=["state", "updated_at", *extra])
    audit.record(f"sitevisits.meeting.{state}", by=by, obj=meeting, before={"state": before},
                 after={"state": state, **(after or {})})
    return meeting
