"""On-site observation meetings (现场观摩推进会): the meeting with its score sheet, the sites
it visits in order, the observers who score them, and one sheet per observer and site.

Observers mostly have no login: each holds a personal code printed on their badge, kept
here only as a keyed hash (ObserverCode). A site's `token` is not a secret: it is printed
in the QR poster at the site and only says which site the observer is standing at."""
from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pacesetter.core.models import TimeStamped

from .enums import MeetingState


class Meeting(TimeStamped):
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    description = models.TextField(_("description"), max_length=4000, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=MeetingState.choices, default=MeetingState.DRAFT,
                             db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("on-site observation meeting")
        verbose_name_plural = _("on-site observation meetings")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("sitevisits:meeting-detail", args=[self.pk])


class Criterion(models.Model):
    """One line of the score sheet (组织建设 25, …); fixed once scoring opens."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("criterion"), max_length=50)
    max_points = models.PositiveSmallIntegerField(_("maximum points"))

    class Meta:
        verbose_name = _("score sheet criterion")
        verbose_name_plural = _("score sheet criteria")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="sitevisit_criterion_position_unique"),
            models.CheckConstraint(condition=models.Q(max_points__gte=1, max_points__lte=100),
                                   name="sitevisit_criterion_max_points_range"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.max_points})"


def new_site_token() -> str:
    return secrets.token_urlsafe(12)


class Site(models.Model):
    """An organisation the meeting visits, `position` its place in the visiting order.
    `rank`, `mean_total` and `sheet_count` are written when the results are published."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sites")
    position = models.PositiveSmallIntegerField(_("visiting order"))
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    introduction = models.TextField(_("introduction"), max_length=2000, blank=True)
    photos_url = models.URLField(_("photos (link to the photo exhibition)"), max_length=300, blank=True)
    token = models.CharField(max_length=32, unique=True, default=new_site_token)
    sheet_count = models.PositiveIntegerField(_("sheets"), null=True, blank=True)
    mean_total = models.DecimalField(_("mean total"), max_digits=6, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="sitevisit_site_position_unique"),
            models.UniqueConstraint(fields=["meeting", "organization"], name="sitevisit_site_once_per_meeting"),
            models.UniqueConstraint(fields=["meeting", "rank"], name="sitevisit_site_rank_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.organization.name}"


class Observer(models.Model):
    """A person on the visit who scores: a county leader, a township secretary, … — most
    without a login. `number` orders the badge list."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="observers")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=50)
    unit = models.CharField(_("unit and position"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("observer")
        verbose_name_plural = _("observers")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="sitevisit_observer_number_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class ObserverCode(models.Model):
    """A personal scoring code, stored as its keyed hash; a new code revokes the old one,
    which stays so an observer with the old badge is told why it no longer works."""

    observer = models.ForeignKey(Observer, on_delete=models.CASCADE, related_name="codes")
    key_hash = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("observer code")
        verbose_name_plural = _("observer codes")
        constraints = [
            models.UniqueConstraint(fields=["observer"], condition=models.Q(revoked_at__isnull=True),
                                    name="sitevisit_one_live_code_per_observer"),
        ]

    def __str__(self) -> str:
        return f"{self.observer} · {self.issued_at:%Y-%m-%d %H:%M}"


class Sheet(models.Model):
    """One observer's scores for one site; the database refuses a second."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="sheets")
    observer = models.ForeignKey(Observer, on_delete=models.CASCADE, related_name="sheets")
    total = models.PositiveSmallIntegerField(_("total"))
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["site", "observer"]
        constraints = [
            models.UniqueConstraint(fields=["site", "observer"], name="sitevisit_one_sheet_per_observer_per_site"),
        ]

    def __str__(self) -> str:
        return f"{self.site} · {self.observer}"


class Score(models.Model):
    sheet = models.ForeignKey(Sheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    points = models.PositiveSmallIntegerField(_("points"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["sheet", "criterion"], name="sitevisit_score_once_per_criterion")]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.points}"
