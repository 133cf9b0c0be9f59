"""Writes of joint activities (联建活动) with their photos."""
from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.uploads import PHOTO, check_upload
from pacesetter.orgs.models import Organization

from .. import rules as l_rules
from ..models import ActivityPhoto, AffiliateUnit, JointActivity
from .common import count, forbid, optional_text, past_date, refuse, required_text

#: Photos taken with one save of an activity, and an activity's photos in all.
MAX_PHOTOS = 9


def _values(organization: Organization, *, units: Iterable[AffiliateUnit], held_on, title, description,
            participants) -> dict:
    units = list(dict.fromkeys(units))
    if not units:
        refuse(_("Choose at least one affiliate unit."), "units_required")
    outside = [u for u in units if not u.organization.path.startswith(organization.path)]
    if outside:
        refuse(_("%(unit)s is not linked to %(org)s or an organisation under it.")
               % {"unit": outside[0].name, "org": organization.name}, "unit_outside")
    return {"units": units, "held_on": past_date(held_on, field=_("Held on")),
            "title": required_text(title, field=_("Title"), limit=200),
            "description": optional_text(description, field=_("Description"), limit=4000),
            "participants": count(participants, field=_("Participants"), limit=100_000)}


def _store(activity: JointActivity, checked) -> list[ActivityPhoto]:
    return ActivityPhoto.store(checked, activity=activity)


def _discard(stored: list[ActivityPhoto]) -> None:
    for photo in stored:
        photo.file.delete(save=False)
        if photo.thumbnail:
            photo.thumbnail.delete(save=False)


def _checked(files: Sequence, already: int = 0) -> list:
    if already + len(files) > MAX_PHOTOS:
        refuse(_("An activity keeps at most %(n)d photos.") % {"n": MAX_PHOTOS}, "too_many_photos")
    return [check_upload(f, allowed=(PHOTO,)) for f in files]


def _snapshot(activity: JointActivity, units: list[AffiliateUnit]) -> dict:
    return {**audit.snapshot(activity, ("organization", "held_on", "title", "description", "participants")),
            "units": sorted(u.pk for u in units)}


def record_activity(organization: Organization, *, by, units: Iterable[AffiliateUnit], held_on: datetime.date,
                    title: str, description: str = "", participants: int = 0,
                    photos: Sequence = ()) -> JointActivity:
    """A party organisation's activity with one or more of the affiliates linked to it or
    below it. Photos are checked (photos only, by content and size) before anything is written."""
    values = _values(organization, units=units, held_on=held_on, title=title, description=description,
                     participants=participants)
    forbid(l_rules.can_record_for(by, organization) and all(l_rules.can_record_for_unit(by, u)
                                                            for u in values["units"]),
           _("Only the admins of the organisation and its affiliates record joint activities."))
    checked = _checked(photos)
    stored: list[ActivityPhoto] = []
    try:
        with transaction.atomic():
            units = values.pop("units")
            activity = JointActivity.objects.create(organization=organization, **values)
            activity.units.set(units)
            stored = _store(activity, checked)
            audit.record("linkage.activity.record", by=by, obj=activity,
                         after={**_snapshot(activity, units), "photos": [p.sha256 for p in stored]})
    except Exception:
        _discard(stored)
        raise
    return activity


def update_activity(activity: JointActivity, *, by, units: Iterable[AffiliateUnit], held_on: datetime.date,
                    title: str, description: str, participants: int, photos: Sequence = ()) -> JointActivity:
    """Change an activity and add photos to it (the organisation stays)."""
    values = _values(activity.organization, units=units, held_on=held_on, title=title, description=description,
                     participants=participants)
    forbid(l_rules.can_edit_activity(by, activity) and all(l_rules.can_record_for_unit(by, u)
                                                           for u in values["units"]),
           _("Only the admins of the organisation and its affiliates edit joint activities."))
    stored: list[ActivityPhoto] = []
    try:
        with transaction.atomic():
            activity = JointActivity.objects.select_for_update().select_related("organization").get(pk=activity.pk)
            checked = _checked(photos, already=activity.photos.count())
            before = _snapshot(activity, list(activity.units.all()))
            units = values.pop("units")
            for name, value in values.items():
                setattr(activity, name, value)
            activity.save(update_fields=list(values))
            activity.units.set(units)
            stored = _store(activity, checked)
            audit.record("linkage.activity.update", by=by, obj=activity, before=before,
                         after={**_snapshot(activity, units), "photos_added": [p.sha256 for p in stored]})
    except Exception:
        _discard(stored)
        raise
    return activity


def add_photos(activity: JointActivity, *, by, photos: Sequence) -> list[ActivityPhoto]:
    """Photos added to an activity on their own (the API's upload): checked by content and
    size, stored re-encoded without EXIF or GPS, at most MAX_PHOTOS in all."""
    forbid(l_rules.can_edit_activity(by, activity),
           _("Only the admins of the organisation and its affiliates add photos to joint activities."))
    if not photos:
        refuse(_("Choose at least one photo."), "photos_required")
    stored: list[ActivityPhoto] = []
    try:
        with transaction.atomic():
            activity = JointActivity.objects.select_for_update().get(pk=activity.pk)
            checked = _checked(photos, already=activity.photos.count())
            stored = _store(activity, checked)
            audit.record("linkage.activity.photos", by=by, obj=activity,
                         after={"photos_added": [p.sha256 for p in stored]})
    except Exception:
        _discard(stored)
        raise
    return stored
