"""What of the exhibition each user sees.

Published photos are public: anyone, logged in or not, sees them and their files. A photo
awaiting moderation or rejected is seen by whoever uploaded it, by the admins of its
organisation's subtree and by county admins (who moderate)."""
from __future__ import annotations

from django.db.models import Q, QuerySet

from pacesetter.orgs.queries import editable_paths, paths_q
from pacesetter.orgs.rules import is_county_admin

from .enums import PhotoStatus
from .models import Photo, Theme


def _managed_q(user) -> Q | None:
    """The photos `user` answers for (uploaded, or of organisations they may edit); None: all."""
    if is_county_admin(user):
        return None
    paths = editable_paths(user)
    if paths is None:
        return None
    return Q(uploaded_by=user) | paths_q(paths, "organization__path")


def photos_visible_to(user) -> QuerySet[Photo]:
    photos = Photo.objects.all()
    if not getattr(user, "is_authenticated", False):
        return photos.filter(status=PhotoStatus.APPROVED)
    managed = _managed_q(user)
    return photos if managed is None else photos.filter(Q(status=PhotoStatus.APPROVED) | managed)


def photos_managed_by(user) -> QuerySet[Photo]:
    """The visible photos the user answers for, whatever their state: "my organisations' photos"."""
    if not getattr(user, "is_authenticated", False):
        return Photo.objects.none()
    managed = _managed_q(user)
    photos = photos_visible_to(user)
    return photos if managed is None else photos.filter(managed)


def published(photos: QuerySet[Photo]) -> QuerySet[Photo]:
    return photos.filter(status=PhotoStatus.APPROVED)


def themes_visible_to(user) -> QuerySet[Theme]:
    """Every theme: their names are public, and old themes still label published photos."""
    return Theme.objects.all()


def with_display(photos: QuerySet[Photo]) -> QuerySet[Photo]:
    """What a list shows of each photo, in the same query."""
    return photos.select_related("organization", "theme")
