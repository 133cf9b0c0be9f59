"""Writes of activities: plan, change, hold (with minutes and photos), add photos to a held
activity, cancel."""
from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.uploads import PHOTO, check_upload
from pacesetter.orgs.models import Member, Organization

from .. import rules as a_rules
from ..enums import ActivityKind, ActivityState
from ..models import Activity, ActivityPhoto
from .common import forbid, refuse, text

FIELDS = ("organization", "kind", "title", "starts_at", "ends_at", "day", "place", "agenda", "state", "minutes",
          "cancel_reason")
#: Photos an activity keeps at most.
MAX_PHOTOS = 12
#: The longest an activity may last.
MAX_LENGTH = datetime.timedelta(days=3)


def _snapshot(activity: Activity) -> dict:
    return {**audit.snapshot(activity, FIELDS), "invited": sorted(m.pk for m in activity.invited.all())}


def _values(organization: Organization, *, kind, title, starts_at, ends_at, place, agenda, invited) -> dict:
    if kind not in ActivityKind.values:
        refuse(_("Choose the kind of activity."), "kind_invalid")
    if not isinstance(starts_at, datetime.datetime) or not isinstance(ends_at, datetime.datetime):
        refuse(_("Give the start and the end of the activity."), "time_required")
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        refuse(_("Give the start and the end of the activity."), "time_required")
    if not starts_at < ends_at <= starts_at + MAX_LENGTH:
        refuse(_("The activity ends after it starts, and within three days."), "time_order")
    invited = list(dict.fromkeys(invited))
    if any(not isinstance(m, Member) for m in invited):
        refuse(_("Only party members can be invited."), "invited_invalid")
    return {"kind": kind, "title": text(title, field=_("Title"), limit=200, required=True),
            "starts_at": starts_at, "ends_at": ends_at, "day": timezone.localdate(starts_at),
            "place": text(place, field=_("Place"), limit=200), "agenda": text(agenda, field=_("Agenda"), limit=4000),
            "invited": invited}


def plan_activity(organization: Organization, *, by, kind: str, title: str, starts_at: datetime.datetime,
                  ends_at: datetime.datetime, place: str = "", agenda: str = "",
                  invited: Iterable[Member] = ()) -> Activity:
    """A planned activity of an active organisation of the actor's subtree."""
    if not isinstance(organization, Organization) or not organization.is_active:
        refuse(_("Activities belong to an active party organisation."), "organization_inactive")
    values = _values(organization, kind=kind, title=title, starts_at=starts_at, ends_at=ends_at, place=place,
                     agenda=agenda, invited=invited)
    forbid(a_rules.can_plan_for(by, organization),
           _("Only county admins and the organisation's admins plan its activities."))
    with transaction.atomic():
        invited = values.pop("invited")
        activity = Activity.objects.create(organization=organization, created_by=by if by and by.pk else None,
                                           **values)
        activity.invited.set(invited)
        audit.record("activities.activity.plan", by=by, obj=activity, after=_snapshot(activity))
    return activity


def _locked(activity: Activity) -> Activity:
    return Activity.objects.select_for_update().select_related("organization").get(pk=activity.pk)


def update_activity(activity: Activity, *, by, kind: str, title: str, starts_at: datetime.datetime,
                    ends_at: datetime.datetime, place: str, agenda: str, invited: Iterable[Member]) -> Activity:
    """Change what was planned; a cancelled activity stays as it was."""
    values = _values(activity.organization, kind=kind, title=title, starts_at=starts_at, ends_at=ends_at,
                     place=place, agenda=agenda, invited=invited)
    forbid(a_rules.can_run_activity(by, activity),
           _("Only county admins and the organisation's admins change its activities."))
    with transaction.atomic():
        activity = _locked(activity)
        if activity.state == ActivityState.CANCELLED:
            refuse(_("A cancelled activity cannot be changed."), "state_cancelled")
        if activity.state == ActivityState.HELD and values["day"] > timezone.localdate():
            refuse(_("A held activity cannot start in the future."), "held_future")
        before = _snapshot(activity)
        invited = values.pop("invited")
        for name, value in values.items():
            setattr(activity, name, value)
        activity.save(update_fields=list(values))
        activity.invited.set(invited)
        audit.record("activities.activity.update", by=by, obj=activity, before=before, after=_snapshot(activity))
    return activity


def _checked(files: Sequence, already: int) -> list:
    if already + len(files) > MAX_PHOTOS:
        refuse(_("An activity keeps at most %(n)d photos.") % {"n": MAX_PHOTOS}, "too_many_photos")
    return [check_upload(f, allowed=(PHOTO,)) for f in files]


def _discard(stored: list[ActivityPhoto]) -> None:
    for photo in stored:
        photo.file.delete(save=False)
        if photo.thumbnail:
            photo.thumbnail.delete(save=False)


def _write_minutes(activity: Activity, *, by, minutes: str, photos: Sequence, action: str,
                   states: tuple[str, ...]) -> Activity:
    minutes = text(minutes, field=_("Minutes"), limit=20_000)
    forbid(a_rules.can_run_activity(by, activity),
           _("Only county admins and the organisation's admins record its activities."))
    stored: list[ActivityPhoto] = []
    try:
        with transaction.atomic():
            activity = _locked(activity)
            if activity.state not in states:
                refuse(_("This activity is %(state)s.") % {"state": activity.get_state_display()}, "state_invalid")
            if activity.day > timezone.localdate():
                refuse(_("An activity cannot be held before its day."), "held_future")
            checked = _checked(photos, activity.photos.count())
            before = _snapshot(activity)
            activity.state, activity.minutes = ActivityState.HELD, minutes
            activity.save(update_fields=["state", "minutes"])
            stored = ActivityPhoto.store(checked, activity=activity)
            audit.record(action, by=by, obj=activity, before=before,
                         after={**_snapshot(activity), "photos_added": [p.sha256 for p in stored]})
    except Exception:
        _discard(stored)
        raise
    return activity


def hold_activity(activity: Activity, *, by, minutes: str = "", photos: Sequence = ()) -> Activity:
    """A planned activity took place (on its day or later), with its minutes and photos so far."""
    return _write_minutes(activity, by=by, minutes=minutes, photos=photos, action="activities.activity.hold",
                          states=(ActivityState.PLANNED,))


def record_minutes(activity: Activity, *, by, minutes: str, photos: Sequence = ()) -> Activity:
    """Write or correct the minutes of a held activity and add photos to it."""
    return _write_minutes(activity, by=by, minutes=minutes, photos=photos, action="activities.activity.minutes",
                          states=(ActivityState.HELD,))


def add_photos(activity: Activity, *, by, photos: Sequence) -> list[ActivityPhoto]:
    """Photos added to a held activity on their own (the API's upload), as the minutes page
    adds them to a held one: checked by content and size, stored re-encoded without EXIF or
    GPS, at most MAX_PHOTOS in all. Nothing is stored when one of them is refused."""
    forbid(a_rules.can_run_activity(by, activity),
           _("Only county admins and the organisation's admins add photos to its activities."))
    if not photos:
        refuse(_("Choose at least one photo."), "photos_required")
    stored: list[ActivityPhoto] = []
    try:
        with transaction.atomic():
            activity = _locked(activity)
            if activity.state != ActivityState.HELD:
                refuse(_("Photos are added to a held activity; this activity is %(state)s.")
                       % {"state": activity.get_state_display()}, "state_invalid")
            checked = _checked(photos, activity.photos.count())
            stored = ActivityPhoto.store(checked, activity=activity)
            audit.record("activities.activity.photos", by=by, obj=activity,
                         after={"photos_added": [p.sha256 for p in stored]})
    except Exception:
        _discard(stored)
        raise
    return stored


def cancel_activity(activity: Activity, *, by, reason: str) -> Activity:
    """A planned activity will not take place; the reason is kept and shown."""
    reason = text(reason, field=_("Reason"), limit=500, required=True)
    forbid(a_rules.can_run_activity(by, activity),
           _("Only county admins and the organisation's admins cancel its activities."))
    with transaction.atomic():
        activity = _locked(activity)
        if activity.state != ActivityState.PLANNED:
            refuse(_("Only a planned activity can be cancelled."), "state_invalid")
        before = _snapshot(activity)
        activity.state, activity.cancel_reason = ActivityState.CANCELLED, reason
        activity.save(update_fields=["state", "cancel_reason"])
        audit.record("activities.activity.cancel", by=by, obj=activity, before=before, after=_snapshot(activity))
    return activity
