"""Every write of the photo exhibition: one function each, with its transaction and audit entry."""
from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.uploads import PHOTO, check_upload
from pacesetter.notifications.domain import notify
from pacesetter.orgs.models import Organization

from . import rules as x_rules
from .enums import PhotoStatus
from .models import Photo, Theme

#: Photos per upload form (and per API call): a day's event, not an album.
MAX_PHOTOS = 12


def _refuse(message: str, code: str):
    raise DomainError(message, code=code)


def _forbid(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDeniedError(message, code="forbidden")


def _text(value, *, code: str, field: str, limit: int, required: bool) -> str:
    """Stripped text; refusals are coded `<code>_required` / `<code>_too_long`."""
    text = value.strip() if isinstance(value, str) else ""
    if required and not text:
        _refuse(_("%(field)s is required.") % {"field": field}, f"{code}_required")
    if len(text) > limit:
        _refuse(_("%(field)s is longer than %(limit)d characters.") % {"field": field, "limit": limit},
                f"{code}_too_long")
    return text


# --- Themes -----------------------------------------------------------------------------


def _theme_fields(theme: Theme | None, name, description, position) -> dict:
    name = _text(name, code="name", field=_("Name"), limit=50, required=True)
    taken = Theme.objects.filter(name=name).exclude(pk=getattr(theme, "pk", None)).exists()
    if taken:
        _refuse(_("A theme named “%(name)s” already exists.") % {"name": name}, "name_taken")
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position <= 32767:
        _refuse(_("The position is a whole number from 0 to 32767."), "position_invalid")
    description = _text(description, code="description", field=_("Description"), limit=300, required=False)
    return {"name": name, "description": description, "position": position}


def create_theme(*, by, name: str, description: str = "", position: int = 0, is_active: bool = True) -> Theme:
    _forbid(x_rules.can_manage_themes(by), _("Only county admins define the exhibition's themes."))
    with transaction.atomic():
        theme = Theme.objects.create(**_theme_fields(None, name, description, position), is_active=bool(is_active))
        audit.record("exhibition.theme.create", by=by, obj=theme, after=audit.snapshot(theme))
    return theme


def update_theme(theme: Theme, *, by, name: str, description: str = "", position: int = 0,
                 is_active: bool = True) -> Theme:
    _forbid(x_rules.can_manage_themes(by), _("Only county admins define the exhibition's themes."))
    with transaction.atomic():
        theme = Theme.objects.select_for_update().get(pk=theme.pk)
        before = audit.snapshot(theme)
        for key, value in (_theme_fields(theme, name, description, position) | {"is_active": bool(is_active)}).items():
            setattr(theme, key, value)
        theme.save(update_fields=["name", "description", "position", "is_active"])
        audit.record("exhibition.theme.update", by=by, obj=theme, before=before, after=audit.snapshot(theme))
    return theme


# --- Photos -----------------------------------------------------------------------------


def upload_photos(*, by, organization: Organization, theme: Theme, caption: str, place: str = "",
                  taken_on: datetime.date | None, files: Sequence) -> list[Photo]:
    """An organisation's photos of one occasion (one caption, place and day), awaiting
    moderation. Every file is checked (a photo by its content, at most EVIDENCE_MAX_MB) and
    re-encoded without EXIF before anything is written; one refusal stores none of them."""
    _forbid(x_rules.can_upload_for(by, organization),
            _("Only the organisation's admins upload its photos."))
    caption = _text(caption, code="caption", field=_("Caption"), limit=200, required=True)
    place = _text(place, code="place", field=_("Place"), limit=100, required=False)
    if theme is None:
        _refuse(_("Choose a theme."), "theme_required")
    if not theme.is_active:
        _refuse(_("The theme “%(name)s” takes no more photos.") % {"name": theme.name}, "theme_closed")
    if taken_on is None:
        _refuse(_("The date taken is required."), "taken_on_required")
    if taken_on > timezone.localdate():
        _refuse(_("A photo cannot be taken in the future (%(day)s).") % {"day": taken_on.isoformat()},
                "taken_on_future")
    if not files:
        _refuse(_("Choose at least one photo."), "files_required")
    if len(files) > MAX_PHOTOS:
        _refuse(_("At most %(n)d photos per upload.") % {"n": MAX_PHOTOS}, "files_too_many")
    checked = [check_upload(f, allowed=(PHOTO,)) for f in files]
    stored: list[Photo] = []
    try:
        with transaction.atomic():
            stored = Photo.store(
                checked, organization=organization, theme=theme, caption=caption, place=place, taken_on=taken_on,
                uploaded_by=by if getattr(by, "is_authenticated", False) else None,
            )
            for photo in stored:
                audit.record("exhibition.photo.upload", by=by, obj=photo, after={
                    "organization": organization.code, "theme": theme.name, "caption": caption, "place": place,
                    "taken_on": taken_on, "sha256": photo.sha256})
    except Exception:
        for photo in stored:
            photo.file.delete(save=False)
            if photo.thumbnail:
                photo.thumbnail.delete(save=False)
        raise
    return stored


def _moderate(photo: Photo, *, by, status: str, reason: str, action: str) -> Photo:
    with transaction.atomic():
        photo = Photo.objects.select_for_update().get(pk=photo.pk)
        if photo.status == status:
            _refuse(_("The photo is already %(status)s.") % {"status": photo.get_status_display()}, "already")
        before = {"status": photo.status, "rejection_reason": photo.rejection_reason}
        photo.status, photo.rejection_reason = status, reason
        photo.moderated_by, photo.moderated_at = by, timezone.now()
        photo.save(update_fields=["status", "rejection_reason", "moderated_by", "moderated_at"])
        audit.record(action, by=by, obj=photo, before=before,
                     after={"status": status, "rejection_reason": reason})
        _tell_uploader(photo, by=by)
    return photo


def _tell_uploader(photo: Photo, *, by) -> None:
    """The uploader reads in their notifications that the photo is published or why not."""
    if photo.uploaded_by_id is None or photo.uploaded_by_id == getattr(by, "pk", None):
        return
    if photo.status == PhotoStatus.APPROVED:
        title = _("Your photo “%(caption)s” is published in the exhibition.") % {"caption": photo.caption}
    else:
        title = _("Your photo “%(caption)s” was not published.") % {"caption": photo.caption}
    notify([photo.uploaded_by_id], key=f"exhibition.{photo.status}:{photo.pk}:{photo.moderated_at.timestamp():.0f}",
           kind="exhibition", title=title, body=photo.rejection_reason, url=photo.get_absolute_url())


def approve_photo(photo: Photo, *, by) -> Photo:
    """Publish the photo in the public gallery (also one rejected before, on second thought)."""
    _forbid(x_rules.can_moderate(by), _("Only county admins moderate the exhibition."))
    return _moderate(photo, by=by, status=PhotoStatus.APPROVED, reason="", action="exhibition.photo.approve")


def reject_photo(photo: Photo, *, by, reason: str) -> Photo:
    """Refuse the photo, or take a published one down, saying why: the uploader reads it."""
    _forbid(x_rules.can_moderate(by), _("Only county admins moderate the exhibition."))
    reason = _text(reason, code="reason", field=_("Reason"), limit=500, required=True)
    return _moderate(photo, by=by, status=PhotoStatus.REJECTED, reason=reason, action="exhibition.photo.reject")
