"""Party activities (组织活动) of an organisation, their attendance and photos, and the
sign-in codes already spent (so a code cannot be used twice)."""
from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pacesetter.core.models import StoredUpload
from pacesetter.orgs.models import Member, Organization

from .enums import ActivityKind, ActivityState, AttendanceSource, AttendanceStatus


class Activity(models.Model):
    """A meeting, lesson, themed day or service an organisation plans, then holds (with its
    minutes) or cancels (with the reason). `day` is the local day it starts: what monthly
    counts and the "held today" rule of the sign-in read."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    day = models.DateField(_("day"), db_index=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=ActivityState.choices, default=ActivityState.PLANNED)
    minutes = models.TextField(_("minutes"), blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    invited = models.ManyToManyField(Member, verbose_name=_("invited members"), blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("party activity")
        verbose_name_plural = _("party activities")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["organization", "state", "day"], name="activity_org_state_day")]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="activity_time_order"),
            models.CheckConstraint(
                condition=~models.Q(state=ActivityState.CANCELLED) | ~models.Q(cancel_reason=""),
                name="activity_cancel_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("activities:activity-detail", args=[self.pk])


class Attendance(models.Model):
    """One member's attendance of an activity: present (by QR or by hand), on leave or absent."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    source = models.CharField(_("taken by"), max_length=10, choices=AttendanceSource.choices)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["activity_id", "member__code"]
        constraints = [models.UniqueConstraint(fields=["activity", "member"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.member} · {self.get_status_display()}"


class SpentCode(models.Model):
    """The nonce of a sign-in code that was used: the unique constraint is what makes a code
    single-use, even for two phones submitting it at the same moment."""

    nonce = models.CharField(max_length=32, unique=True)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    spent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("spent sign-in code")
        verbose_name_plural = _("spent sign-in codes")


def photo_path(instance, filename: str) -> str:
    """A random name under the month's folder; the uploader's file name is kept in the row."""
    return f"activities/{datetime.date.today():%Y/%m}/{secrets.token_hex(16)}.{instance.extension}"


def thumbnail_path(instance, filename: str) -> str:
    return f"activities/{datetime.date.today():%Y/%m}/{secrets.token_hex(16)}.thumb.jpg"


class ActivityPhoto(StoredUpload):
    """A photo of an activity, checked and re-encoded (no EXIF/GPS) by core.uploads."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField(_("kind"), max_length=10)
    file = models.FileField(_("file"), upload_to=photo_path, max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to=thumbnail_path, max_length=200, blank=True)

    class Meta:
        verbose_name = _("activity photo")
        verbose_name_plural = _("activity photos")
        ordering = ["activity_id", "id"]
