"""Member vanguard projects (党员先锋工程): a responsibility zone, vanguard post, brand or
breakthrough project of one organisation, led by one of its members with others beside
them; its progress over time, its results as typed figures, evidence files, and the
superior organisation's review once it is completed."""
from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pacesetter.core.models import StoredUpload, TimeStamped
from pacesetter.orgs.models import Member, Organization

from .enums import Measure, ProjectState, Rating, VanguardKind

#: Money in yuan with fen; counts use the same field so one result table holds every measure.
AMOUNT = {"max_digits": 14, "decimal_places": 2}


class Project(TimeStamped):
    kind = models.CharField(_("kind"), max_length=20, choices=VanguardKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="vanguard_projects")
    lead = models.ForeignKey(Member, verbose_name=_("lead owner"), on_delete=models.PROTECT,
                             related_name="vanguard_projects_led")
    co_owners = models.ManyToManyField(Member, verbose_name=_("other owners"), blank=True,
                                       related_name="vanguard_projects_joined")
    goals = models.TextField(_("goals"), max_length=4000)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    state = models.CharField(_("state"), max_length=20, choices=ProjectState.choices, default=ProjectState.PLANNED,
                             db_index=True)
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("vanguard project")
        verbose_name_plural = _("vanguard projects")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="vanguard_project_period_ordered"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("vanguard:project-detail", args=[self.pk])


class ProgressUpdate(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="progress")
    date = models.DateField(_("date"))
    text = models.TextField(_("what was done"), max_length=2000)
    percent = models.PositiveSmallIntegerField(_("percent done"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["project", "date", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(percent__lte=100), name="vanguard_percent_max")]

    def __str__(self) -> str:
        return f"{self.date} {self.percent}%"


class ResultLine(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="results")
    measure = models.CharField(_("measure"), max_length=30, choices=Measure.choices, db_index=True)
    amount = models.DecimalField(_("amount"), **AMOUNT)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["project", "measure", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gte=0), name="vanguard_amount_not_negative")]

    def __str__(self) -> str:
        return f"{self.get_measure_display()}: {self.amount}"


def evidence_path(instance, filename: str) -> str:
    """A random name under the month's folder; the uploader's file name is kept in the row."""
    return f"vanguard/{datetime.date.today():%Y/%m}/{secrets.token_hex(16)}.{instance.extension}"


def evidence_thumbnail_path(instance, filename: str) -> str:
    return f"vanguard/{datetime.date.today():%Y/%m}/{secrets.token_hex(16)}.thumb.jpg"


class Evidence(StoredUpload):
    """A photo or document of the project, checked (photos re-encoded without EXIF) by core.uploads."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10)
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to=evidence_thumbnail_path, max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["project", "id"]


class Review(models.Model):
    """The superior organisation's judgement of a completed project; one per project (a
    second review replaces it, the audit log keeps the first)."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="review")
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices, db_index=True)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    reviewed_on = models.DateField(_("reviewed on"), db_index=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("project review")
        verbose_name_plural = _("project reviews")

    def __str__(self) -> str:
        return f"{self.project} · {self.get_rating_display()}"
