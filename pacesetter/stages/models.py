"""Campaign stages (阶段推进): a campaign's three stages with their dates, the checklist of
tasks of each stage, and what organisations did about the manual ones.

A task applies to every active organisation below the county committee, or only to those
of one level and/or sector. Whether an automatic task is done is never stored: it is read
from the data it names (checks.py), so the dashboard cannot disagree with the commitments
or the evaluation rounds it counts.
"""
from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pacesetter.campaigns.models import Campaign
from pacesetter.core.models import StoredUpload
from pacesetter.orgs.enums import OrgLevel, Sector
from pacesetter.orgs.models import Organization

from .enums import STAGE_ORDER, CompletionState, StageKind

MANUAL = "manual"


class Stage(models.Model):
    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT,
                                 related_name="stages")
    kind = models.CharField(_("stage"), max_length=10, choices=StageKind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("campaign stage")
        verbose_name_plural = _("campaign stages")
        ordering = ["campaign_id", "starts_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind"], name="stage_campaign_kind_uniq"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="stage_dates_order"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.get_kind_display()}"

    @property
    def position(self) -> int:
        return STAGE_ORDER.index(self.kind)

    def is_current(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class StageTask(models.Model):
    """One line of a stage's checklist. `check_kind` is MANUAL or the kind of an automatic check
    registered in checks.py (not a fixed choice: other apps add kinds)."""

    stage = models.ForeignKey(Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    check_kind = models.CharField(_("how it is done"), max_length=40, default=MANUAL)
    due_on = models.DateField(_("deadline"))
    level = models.CharField(_("only organisations of level"), max_length=20, choices=OrgLevel.choices, blank=True)
    sector = models.CharField(_("only organisations of sector"), max_length=20, choices=Sector.choices, blank=True)

    class Meta:
        verbose_name = _("stage task")
        verbose_name_plural = _("stage tasks")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_manual(self) -> bool:
        return self.check_kind == MANUAL

    def applies_to(self, level: str, sector: str) -> bool:
        return (not self.level or self.level == level) and (not self.sector or self.sector == sector)

    def applies_q(self, prefix: str = "") -> models.Q:
        """The organisations it applies to, as a filter on Organization (through `prefix`)."""
        q = models.Q()
        if self.level:
            q &= models.Q(**{f"{prefix}level": self.level})
        if self.sector:
            q &= models.Q(**{f"{prefix}sector": self.sector})
        return q


class TaskCompletion(models.Model):
    """An organisation's word that it did a manual task, or its superior's sending it back."""

    task = models.ForeignKey(StageTask, verbose_name=_("task"), on_delete=models.CASCADE, related_name="completions")
    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="+")
    state = models.CharField(_("state"), max_length=10, choices=CompletionState.choices, default=CompletionState.DONE)
    done_on = models.DateField(_("done on"))
    note = models.TextField(_("note"), blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("marked by"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    returned_reason = models.TextField(_("reason for sending back"), blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent back by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("task completion")
        verbose_name_plural = _("task completions")
        ordering = ["task_id", "organization_id"]
        constraints = [models.UniqueConstraint(fields=["task", "organization"], name="completion_task_org_uniq")]
        indexes = [models.Index(fields=["task", "state", "organization"], name="completion_task_state_idx")]

    def __str__(self) -> str:
        return f"{self.task} · {self.organization}"


def evidence_path(instance, filename: str) -> str:
    """A random name under the month's folder; the uploader's file name is kept in the row."""
    return f"stages/{datetime.date.today():%Y/%m}/{secrets.token_hex(16)}.{instance.extension}"


def thumbnail_path(instance, filename: str) -> str:
    return f"stages/{datetime.date.today():%Y/%m}/{secrets.token_hex(16)}.thumb.jpg"


class CompletionEvidence(StoredUpload):
    """A photo or document attached when marking a task done, checked by core.uploads."""

    completion = models.ForeignKey(TaskCompletion, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10)
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to=thumbnail_path, max_length=200, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("task evidence")
        verbose_name_plural = _("task evidence")
        ordering = ["completion_id", "id"]
