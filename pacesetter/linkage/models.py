"""Affiliate units (团组织、工会、妇联) linked to party organisations, their own honours and
the activities they hold together with the party organisation."""
from __future__ import annotations

import datetime
import secrets

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pacesetter.core.models import StoredUpload
from pacesetter.orgs.models import Organization
from pacesetter.orgs.validators import validate_code

from .enums import AffiliateKind, HonourRecipient


class AffiliateUnit(models.Model):
    """A Youth League branch, trade union or women's federation linked to the party
    organisation that leads it. Township and sector are read from the party organisation,
    so moving the party organisation moves its affiliates in every count."""

    kind = models.CharField(_("kind"), max_length=20, choices=AffiliateKind.choices, db_index=True)
    code = models.CharField(_("code"), max_length=32, unique=True, validators=[validate_code])
    name = models.CharField(_("name"), max_length=100)
    organization = models.ForeignKey(
        Organization, verbose_name=_("party organisation"), on_delete=models.PROTECT, related_name="affiliates"
    )
    members_count = models.PositiveIntegerField(_("members"), default=0)
    head_name = models.CharField(_("head"), max_length=50, blank=True)
    established = models.DateField(_("established"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("affiliate unit")
        verbose_name_plural = _("affiliate units")
        ordering = ["organization__path", "kind", "code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("linkage:unit-detail", args=[self.pk])


class AffiliateHonour(models.Model):
    """An honour the affiliate's own system gave: 五四红旗团支部, 模范职工之家, 三八红旗手…"""

    unit = models.ForeignKey(AffiliateUnit, verbose_name=_("affiliate unit"), on_delete=models.CASCADE,
                             related_name="honours")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("honour"), max_length=100)
    recipient = models.CharField(_("recipient"), max_length=20, choices=HonourRecipient.choices,
                                 default=HonourRecipient.COLLECTIVE)
    person_name = models.CharField(_("person"), max_length=50, blank=True)
    awarded_by = models.CharField(_("awarded by"), max_length=100)

    class Meta:
        verbose_name = _("affiliate honour")
        verbose_name_plural = _("affiliate honours")
        ordering = ["-year", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recipient=HonourRecipient.COLLECTIVE, person_name="")
                | (models.Q(recipient=HonourRecipient.INDIVIDUAL) & ~models.Q(person_name="")),
                name="affiliate_honour_person",
            )
        ]

    def __str__(self) -> str:
        who = self.person_name or self.unit.name
        return f"{self.year} {self.title} · {who}"


class JointActivity(models.Model):
    """An activity a party organisation held with one or more of its affiliates (联建活动)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("party organisation"), on_delete=models.PROTECT, related_name="+"
    )
    units = models.ManyToManyField(AffiliateUnit, verbose_name=_("affiliate units"), related_name="activities")
    held_on = models.DateField(_("held on"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    participants = models.PositiveIntegerField(_("participants"), default=0)

    class Meta:
        verbose_name = _("joint activity")
        verbose_name_plural = _("joint activities")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("linkage:activity-detail", args=[self.pk])


def photo_path(instance, filename: str) -> str:
    """A random name under the month's folder; the uploader's file name is kept in the row."""
    return f"linkage/{datetime.date.today():%Y/%m}/{secrets.token_hex(16)}.{instance.extension}"


def thumbnail_path(instance, filename: str) -> str:
    return f"linkage/{datetime.date.today():%Y/%m}/{secrets.token_hex(16)}.thumb.jpg"


class ActivityPhoto(StoredUpload):
    """A photo of a joint activity, checked and re-encoded (no EXIF/GPS) by core.uploads."""

    activity = models.ForeignKey(JointActivity, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField(_("kind"), max_length=10)
    file = models.FileField(_("file"), upload_to=photo_path, max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to=thumbnail_path, max_length=200, blank=True)

    class Meta:
        verbose_name = _("activity photo")
        verbose_name_plural = _("activity photos")
        ordering = ["activity_id", "id"]
