"""The photo exhibition (图片展): themes the county defines and the organisations' photos.

A photo is stored as core.uploads re-encoded it (JPEG without EXIF, hence without GPS
position) under a random name; its files are served only through the exhibition's views,
which check the photo is published or the user may see it pending."""
from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pacesetter.core.models import StoredUpload
from pacesetter.orgs.models import Organization

from .enums import PhotoStatus


class Theme(models.Model):
    """A theme of the exhibition (公开承诺, 创先争优, 志愿服务, …); inactive themes keep
    their photos but take no new uploads."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("open for uploads"), default=True)

    class Meta:
        verbose_name = _("exhibition theme")
        verbose_name_plural = _("exhibition themes")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


def photo_path(instance, filename: str) -> str:
    """A random name under the month's folder: nothing in it tells whose photo it is."""
    return f"exhibition/{datetime.date.today():%Y/%m}/{secrets.token_hex(16)}.{instance.extension}"


def thumbnail_path(instance, filename: str) -> str:
    return f"exhibition/{datetime.date.today():%Y/%m}/{secrets.token_hex(16)}.thumb.jpg"


class Photo(StoredUpload):
    """One campaign photo with its caption, place and day, awaiting moderation until a county
    admin publishes or rejects it."""

    kind = models.CharField(_("kind"), max_length=10)
    file = models.FileField(_("file"), upload_to=photo_path, max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to=thumbnail_path, max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="exhibition_photos"
    )
    theme = models.ForeignKey(Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="photos")
    caption = models.CharField(_("caption"), max_length=200)
    place = models.CharField(_("place"), max_length=100, blank=True)
    taken_on = models.DateField(_("date taken"))
    status = models.CharField(
        _("moderation"), max_length=10, choices=PhotoStatus.choices, default=PhotoStatus.SUBMITTED
    )
    rejection_reason = models.CharField(_("reason for rejection"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("moderated by"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("exhibition photo")
        verbose_name_plural = _("exhibition photos")
        ordering = ["-taken_on", "-id"]
        indexes = [models.Index(fields=["status", "-taken_on", "-id"], name="exhibition_photo_status_idx")]

    def __str__(self) -> str:
        return self.caption

    def get_absolute_url(self) -> str:
        return reverse("exhibition:photo-detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == PhotoStatus.APPROVED
