"""The coverage registry of non-public enterprises and social organisations (两新组织) and
the three works on it: establish (抓组建: plans for uncovered entities), standardise (抓规范:
a checklist per covering organisation) and improve (抓提高: read from evaluation results).

An entity's party-organisation status is kept twice on purpose: on the entity (what it is
now, for lists and filters) and as a history of periods (`StatusPeriod`, valid_from ≤ day <
valid_to), so coverage as of any past day is one SQL aggregate, never a loop."""
from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pacesetter.core.models import StoredUpload, TimeStamped

from .enums import EntityKind, Industry, PartyStatus
from .validators import validate_credit_code

NOT_NONE = ~Q(status=PartyStatus.NONE)


class NonpublicEntity(TimeStamped):
    kind = models.CharField(_("kind"), max_length=20, choices=EntityKind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=100)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True,
                                   validators=[validate_credit_code])
    industry = models.CharField(_("industry"), max_length=1, choices=Industry.choices, db_index=True)
    township = models.ForeignKey("orgs.Organization", verbose_name=_("township"), on_delete=models.PROTECT,
                                 related_name="+")
    employees = models.PositiveIntegerField(_("employees"))
    party_members = models.PositiveIntegerField(_("party members among them"))
    status = models.CharField(_("party organisation"), max_length=10, choices=PartyStatus.choices, db_index=True)
    status_since = models.DateField(_("status since"))
    covering = models.ForeignKey("orgs.Organization", verbose_name=_("covering party organisation"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="covered_entities")
    instructor = models.ForeignKey("orgs.Member", verbose_name=_("party-building instructor (党建指导员)"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="instructed_entities")

    class Meta:
        verbose_name = _("non-public entity")
        verbose_name_plural = _("non-public entities")
        ordering = ["township__path", "name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(party_members__lte=F("employees")),
                                   name="nonpublic_members_within_employees"),
            models.CheckConstraint(condition=Q(status=PartyStatus.NONE, covering__isnull=True)
                                   | (NOT_NONE & Q(covering__isnull=False)), name="nonpublic_covering_iff_covered"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("nonpublic:entity-detail", args=[self.pk])

    @property
    def is_covered(self) -> bool:
        return self.status != PartyStatus.NONE


class StatusPeriod(models.Model):
    """One stretch of an entity's status: from `valid_from` until the next change
    (`valid_to`, exclusive; open while current). The first period starts on the day the
    entity entered the registry, so it counts from then on."""

    entity = models.ForeignKey(NonpublicEntity, on_delete=models.CASCADE, related_name="periods")
    status = models.CharField(_("party organisation"), max_length=10, choices=PartyStatus.choices)
    covering = models.ForeignKey("orgs.Organization", verbose_name=_("covering party organisation"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status period")
        verbose_name_plural = _("status periods")
        ordering = ["entity_id", "valid_from", "id"]
        indexes = [models.Index(fields=["valid_from", "valid_to"], name="nonpublic_period_window_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                                   name="nonpublic_period_order"),
            models.UniqueConstraint(fields=["entity"], condition=Q(valid_to__isnull=True),
                                    name="nonpublic_one_open_period"),
        ]

    def __str__(self) -> str:
        return f"{self.entity} · {self.get_status_display()} · {self.valid_from}"


class EstablishPlan(TimeStamped):
    """抓组建: how an uncovered entity gets a party organisation, by when, with whom. Done
    (`done_on`) when the entity's status becomes covered."""

    entity = models.ForeignKey(NonpublicEntity, on_delete=models.CASCADE, related_name="plans")
    target_date = models.DateField(_("target date"))
    instructor = models.ForeignKey("orgs.Member", verbose_name=_("responsible instructor"), on_delete=models.PROTECT,
                                   related_name="+")
    steps = models.TextField(_("steps"), max_length=2000)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("establishing plan")
        verbose_name_plural = _("establishing plans")
        ordering = ["target_date", "id"]
        constraints = [models.UniqueConstraint(fields=["entity"], condition=Q(done_on__isnull=True),
                                               name="nonpublic_one_open_plan")]

    def __str__(self) -> str:
        return f"{self.entity} · {self.target_date}"

    def get_absolute_url(self) -> str:
        return reverse("nonpublic:plan-edit", args=[self.pk])

    def is_overdue(self, today: datetime.date) -> bool:
        return self.done_on is None and self.target_date < today


class ChecklistItem(models.Model):
    """抓规范: one thing a covering organisation should have; the county extends the list."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class ChecklistCheck(TimeStamped):
    """The latest check of one item at one covering organisation: met or not, by whom, when
    (earlier checks stay in the audit log)."""

    organization = models.ForeignKey("orgs.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="nonpublic_checks")
    item = models.ForeignKey(ChecklistItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="checks")
    met = models.BooleanField(_("met"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    checked_on = models.DateField(_("checked on"))
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("checklist check")
        verbose_name_plural = _("checklist checks")
        ordering = ["organization_id", "item__order", "item_id"]
        constraints = [models.UniqueConstraint(fields=["organization", "item"], name="nonpublic_check_once")]

    def __str__(self) -> str:
        return f"{self.organization} · {self.item}"


def evidence_path(instance, filename: str) -> str:
    """A random name under the month's folder; the uploader's file name is kept in the row."""
    return f"nonpublic/{datetime.date.today():%Y/%m}/{secrets.token_hex(16)}.{instance.extension}"


def evidence_thumbnail_path(instance, filename: str) -> str:
    return f"nonpublic/{datetime.date.today():%Y/%m}/{secrets.token_hex(16)}.thumb.jpg"


class CheckEvidence(StoredUpload):
    """A photo or document showing a checklist item is met, checked by core.uploads."""

    check_row = models.ForeignKey(ChecklistCheck, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10)
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to=evidence_thumbnail_path, max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("checklist evidence")
        verbose_name_plural = _("checklist evidence")
        ordering = ["check_row_id", "id"]
