"""Pairings (帮带): who helps whom, for what and for how long, and the visits and help given.

A pairing is never deleted: ending it sets its state and end day; replacing it ends it as
`replaced` and points `replaced_by` at the pairing that takes over, so the history of who
helped a unit stays readable. A recommendation run stores the optimal helper → helped
assignment computed from a released round, row by row, for a county admin to review before
any pairing exists.
"""
from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pacesetter.core.models import StoredUpload, TimeStamped
from pacesetter.orgs.models import Leader, Member, Organization

from .enums import PairingKind, PairingState, PartySide, RowDecision, RunState


class Pairing(TimeStamped):
    kind = models.CharField(_("kind"), max_length=30, choices=PairingKind.choices)
    goals = models.TextField(_("goals"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=PairingState.choices, default=PairingState.ACTIVE)
    end_reason = models.CharField(_("reason for ending"), max_length=200, blank=True)
    replaced_by = models.ForeignKey(
        "self", verbose_name=_("replaced by"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="replaces",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="pairing_period_order",
            ),
            models.CheckConstraint(
                condition=models.Q(state="active") | models.Q(ends_on__isnull=False), name="pairing_ended_has_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("pairing:pairing-detail", args=[self.pk])


class PairingParty(models.Model):
    """One helper or helped party: an organisation, a party member or a county-level leader."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="parties")
    side = models.CharField(_("side"), max_length=10, choices=PartySide.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="pairing_parties",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("party member"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="pairing_parties",
    )
    leader = models.ForeignKey(
        Leader, verbose_name=_("county-level leader"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="pairing_parties",
    )

    class Meta:
        verbose_name = _("pairing party")
        verbose_name_plural = _("pairing parties")
        ordering = ["pairing_id", "side", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organization__isnull=False, member__isnull=True, leader__isnull=True)
                    | models.Q(organization__isnull=True, member__isnull=False, leader__isnull=True)
                    | models.Q(organization__isnull=True, member__isnull=True, leader__isnull=False)
                ),
                name="pairingparty_exactly_one",
            ),
        ]

    @property
    def party(self):
        return self.organization or self.member or self.leader

    @property
    def home(self) -> Organization:
        """The organisation the party belongs to, whose admins see the pairing."""
        if self.organization_id:
            return self.organization
        return (self.member or self.leader).organization

    def __str__(self) -> str:
        return str(self.party)


class HelpLog(models.Model):
    """A visit or a piece of help given (走访、帮扶记录)."""

    pairing = models.ForeignKey(Pairing, on_delete=models.PROTECT, related_name="logs")
    date = models.DateField(_("date"))
    activity = models.TextField(_("what was done"))
    people = models.PositiveIntegerField(_("people taking part"), default=0)
    money = models.DecimalField(
        _("money (yuan)"), max_digits=12, decimal_places=2, default=0, validators=[MinValueValidator(0)],
    )
    goods = models.CharField(_("goods"), max_length=200, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("logged by"), on_delete=models.SET_NULL, null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("help log")
        verbose_name_plural = _("help logs")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.activity[:30]}"


def photo_path(instance, filename: str) -> str:
    """A random name under the month's folder; the uploader's file name is kept in the row."""
    return f"pairings/{datetime.date.today():%Y/%m}/{secrets.token_hex(16)}.{instance.extension}"


def photo_thumbnail_path(instance, filename: str) -> str:
    return f"pairings/{datetime.date.today():%Y/%m}/{secrets.token_hex(16)}.thumb.jpg"


class HelpPhoto(StoredUpload):
    """A photo of a visit, checked and re-encoded without EXIF by core.uploads."""

    log = models.ForeignKey(HelpLog, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField(_("kind"), max_length=10)
    file = models.FileField(_("file"), upload_to=photo_path, max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to=photo_thumbnail_path, max_length=200, blank=True)

    class Meta:
        verbose_name = _("help photo")
        verbose_name_plural = _("help photos")
        ordering = ["log_id", "id"]


class RecommendationRun(models.Model):
    """One computation of recommended pairings from a released round, kept for review."""

    round = models.ForeignKey(
        "evaluation.Round", verbose_name=_("evaluation round"), on_delete=models.PROTECT, related_name="+",
    )
    capacity = models.PositiveSmallIntegerField(
        _("units per helper (k)"), validators=[MinValueValidator(1), MaxValueValidator(10)], default=2,
    )
    state = models.CharField(_("state"), max_length=10, choices=RunState.choices, default=RunState.REVIEW)
    helpers = models.PositiveIntegerField(_("advanced units"), default=0)
    helped = models.PositiveIntegerField(_("lagging units"), default=0)
    total_cost = models.FloatField(_("total cost"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("run by"), on_delete=models.SET_NULL, null=True, related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("recommendation run")
        verbose_name_plural = _("recommendation runs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.round} (k={self.capacity})"

    def get_absolute_url(self) -> str:
        return reverse("pairing:run-detail", args=[self.pk])


class RecommendationRow(models.Model):
    """One recommended helper → helped pair with the reasons it was chosen.

    `reasons` lists {code, value} (codes in recommend.py); `alternatives` the other
    allowed helpers for the same unit, cheapest first, for a swap."""

    run = models.ForeignKey(RecommendationRun, on_delete=models.CASCADE, related_name="rows")
    helper = models.ForeignKey(Organization, verbose_name=_("helper"), on_delete=models.PROTECT, related_name="+")
    helped = models.ForeignKey(Organization, verbose_name=_("helped unit"), on_delete=models.PROTECT, related_name="+")
    helper_score = models.FloatField(_("helper's composite"))
    helped_score = models.FloatField(_("helped unit's composite"))
    cost = models.FloatField(_("cost"))
    reasons = models.JSONField(_("reasons"), default=list)
    alternatives = models.JSONField(_("other candidates"), default=list)
    decision = models.CharField(_("decision"), max_length=10, choices=RowDecision.choices, default=RowDecision.PENDING)
    pairing = models.ForeignKey(
        Pairing, verbose_name=_("pairing"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
    )

    class Meta:
        verbose_name = _("recommended pairing")
        verbose_name_plural = _("recommended pairings")
        ordering = ["run_id", "id"]
        constraints = [models.UniqueConstraint(fields=["run", "helped"], name="recommendationrow_helped_once")]

    def __str__(self) -> str:
        return f"{self.helper} → {self.helped}"
