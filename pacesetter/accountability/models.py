"""Work style and accountability (效能问责): key tasks with a responsible county-level leader,
lead and supporting units, milestones and progress reports; the county's escalation ladder
and what it did; supervision notices (督办) and accountability cases with their sanctions.

How a task keeps to schedule is never stored: it depends on the day, so
`queries.annotate_schedule` computes it in SQL from the milestones and the latest report.
The task keeps only what its reports wrote (`progress`, `last_report_on`, `next_report_due`)
so a dashboard of thousands of tasks reads no reports.
"""
from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from pacesetter.core.models import StoredUpload, TimeStamped
from pacesetter.orgs.models import Goal, Leader, Organization
from pacesetter.orgs.validators import validate_code

from .enums import (
    CaseSource,
    CaseStatus,
    EscalationAction,
    KeyTaskKind,
    KeyTaskStatus,
    NoticeStatus,
    Sanction,
    SignOffParty,
)

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class KeyTask(TimeStamped):
    """A key work, key project or key engineering work (重点工作/项目/工程) with the county-level
    leader responsible for it (县级领导联系责任制)."""

    code = models.CharField(_("code"), max_length=32, unique=True, validators=[validate_code])
    title = models.CharField(pgettext_lazy("name of a task", "title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=KeyTaskKind.choices)
    description = models.TextField(_("description"), blank=True)
    leader = models.ForeignKey(
        Leader, verbose_name=_("responsible leader"), on_delete=models.PROTECT, related_name="key_tasks"
    )
    lead_unit = models.ForeignKey(
        Organization, verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="led_key_tasks"
    )
    supporting_units = models.ManyToManyField(
        Organization, verbose_name=_("supporting units"), blank=True, related_name="supported_key_tasks"
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("county goal"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="key_tasks",
    )
    budget = models.DecimalField(
        _("budget (10,000 yuan)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    report_every_days = models.PositiveSmallIntegerField(
        _("report every (days)"), default=30, validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text=_("The lead unit reports progress at least this often; 30 is monthly."),
    )
    status = models.CharField(_("status"), max_length=10, choices=KeyTaskStatus.choices, default=KeyTaskStatus.ACTIVE)
    progress = models.PositiveSmallIntegerField(_("reported progress (%)"), default=0, validators=PERCENT)
    last_report_on = models.DateField(_("last report"), null=True, blank=True)
    next_report_due = models.DateField(_("next report due"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("key task")
        verbose_name_plural = _("key tasks")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end__gte=models.F("planned_start")), name="keytask_dates_ordered"
            ),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="keytask_progress_percent"),
        ]
        indexes = [models.Index(fields=["status", "next_report_due"], name="keytask_status_due_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("accountability:task-detail", args=[self.code])


class Milestone(models.Model):
    """A dated step of a task; the weights of a task's milestones total 100, and the planned
    progress on a day is the weight of the milestones due by then."""

    task = models.ForeignKey(KeyTask, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    weight = models.PositiveSmallIntegerField(
        _("weight (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_in = models.ForeignKey(
        "ProgressReport", verbose_name=_("reported in"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="milestones_done",
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["task_id", "due_on", "id"]
        indexes = [models.Index(fields=["task", "due_on", "done_on"], name="milestone_schedule_idx")]

    def __str__(self) -> str:
        return self.title


class ProgressReport(models.Model):
    """What the lead unit reports for a period: percent done, narrative, evidence; the
    responsible leader signs it off."""

    task = models.ForeignKey(KeyTask, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("report date"))
    percent = models.PositiveSmallIntegerField(_("progress (%)"), validators=PERCENT)
    narrative = models.TextField(_("what was done"), max_length=4000)
    organization = models.ForeignKey(
        Organization, verbose_name=_("reporting unit"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.SET_NULL, null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    leader_signed_at = models.DateTimeField(_("signed off by the leader"), null=True, blank=True)
    leader_comment = models.TextField(_("leader's comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["task_id", "-reported_on", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(percent__lte=100), name="report_percent")]

    def __str__(self) -> str:
        return f"{self.task.code} {self.reported_on} {self.percent}%"


def evidence_path(instance, filename: str) -> str:
    """A random name under the month's folder; the uploader's file name is kept in the row."""
    return f"keytasks/{datetime.date.today():%Y/%m}/{secrets.token_hex(16)}.{instance.extension}"


def thumbnail_path(instance, filename: str) -> str:
    return f"keytasks/{datetime.date.today():%Y/%m}/{secrets.token_hex(16)}.thumb.jpg"


class ReportEvidence(StoredUpload):
    """A photo or document of a progress report, checked and re-encoded by core.uploads."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10)
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to=thumbnail_path, max_length=200, blank=True)

    class Meta:
        verbose_name = _("report evidence")
        verbose_name_plural = _("report evidence")
        ordering = ["report_id", "id"]


class SignOff(models.Model):
    """The responsible leader's, the lead unit's or a supporting unit's acceptance of the task
    (责任书签认)."""

    task = models.ForeignKey(KeyTask, on_delete=models.CASCADE, related_name="sign_offs")
    party = models.CharField(_("party"), max_length=20, choices=SignOffParty.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("unit"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["task_id", "signed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["task"], condition=models.Q(party=SignOffParty.LEADER), name="signoff_leader_once"
            ),
            models.UniqueConstraint(
                fields=["task", "organization"], condition=~models.Q(party=SignOffParty.LEADER),
                name="signoff_unit_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task.code} {self.get_party_display()}"


class EscalationStep(TimeStamped):
    """One rung of the county's escalation ladder: so many days late → this action."""

    days_late = models.PositiveSmallIntegerField(
        _("days late"), validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    action = models.CharField(_("action"), max_length=20, choices=EscalationAction.choices)
    is_active = models.BooleanField(_("in force"), default=True)

    class Meta:
        verbose_name = _("escalation step")
        verbose_name_plural = _("escalation ladder")
        ordering = ["days_late", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["days_late"], condition=models.Q(is_active=True), name="escalation_step_days_uniq"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.days_late} → {self.get_action_display()}"


class SupervisionNotice(models.Model):
    """A supervision notice (督办通知) to the lead unit and the responsible leader, issued by
    the ladder or by an inspector; the unit answers it."""

    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True)
    task = models.ForeignKey(KeyTask, verbose_name=_("key task"), on_delete=models.PROTECT, related_name="notices")
    organization = models.ForeignKey(
        Organization, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="supervision_notices"
    )
    text = models.TextField(_("what must be done"), max_length=4000)
    respond_by = models.DateField(_("answer by"))
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", help_text=_("Empty when the escalation ladder issued it."),
    )
    status = models.CharField(_("status"), max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.ISSUED)
    response = models.TextField(pgettext_lazy("reply to a notice", "answer"), blank=True, max_length=4000)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("supervision notice")
        verbose_name_plural = _("supervision notices")
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return _("Supervision notice %(number)s") % {"number": self.number or self.pk}

    def get_absolute_url(self) -> str:
        return reverse("accountability:notice-detail", args=[self.pk])


class AccountabilityCase(models.Model):
    """An accountability case (效能问责): findings, sanctions, the unit's response and the
    closing decision. Sanctions count against the unit only once the case is closed."""

    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True)
    task = models.ForeignKey(
        KeyTask, verbose_name=_("key task"), on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("unit held to account"), on_delete=models.PROTECT,
        related_name="accountability_cases",
    )
    source = models.CharField(_("opened by"), max_length=12, choices=CaseSource.choices)
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_at = models.DateTimeField(_("opened"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    findings = models.TextField(_("findings"), blank=True, max_length=8000)
    response = models.TextField(_("unit's response"), blank=True, max_length=8000)
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    decision = models.TextField(_("closing decision"), blank=True, max_length=4000)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("closed by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("accountability case")
        verbose_name_plural = _("accountability cases")
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["organization", "status"], name="case_org_status_idx")]

    def __str__(self) -> str:
        return _("Accountability case %(number)s") % {"number": self.number or self.pk}

    def get_absolute_url(self) -> str:
        return reverse("accountability:case-detail", args=[self.pk])


class CaseSanction(models.Model):
    """A sanction decided in a case; `points` is what it deducts from the unit's work-style
    figure in evaluation (see sources.py)."""

    case = models.ForeignKey(AccountabilityCase, on_delete=models.CASCADE, related_name="sanctions")
    kind = models.CharField(_("sanction"), max_length=12, choices=Sanction.choices)
    points = models.PositiveSmallIntegerField(
        _("deduction (points)"), validators=[MaxValueValidator(100)]
    )
    person = models.CharField(_("person concerned"), max_length=50, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    imposed_on = models.DateField(_("date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["case_id", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(points__lte=100), name="sanction_points")]

    def __str__(self) -> str:
        return self.get_kind_display()


class Escalation(models.Model):
    """What the ladder did to a task, once per step and lateness episode: `since` is the day
    the task became late (its earliest overdue milestone or its missed report), so a task that
    catches up and falls behind again climbs the ladder afresh."""

    task = models.ForeignKey(KeyTask, on_delete=models.CASCADE, related_name="escalations")
    step = models.ForeignKey(EscalationStep, on_delete=models.PROTECT, related_name="escalations")
    since = models.DateField(_("late since"))
    days_late = models.PositiveSmallIntegerField(_("days late"))
    applied_on = models.DateField(_("applied on"))
    notice = models.ForeignKey(SupervisionNotice, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    case = models.ForeignKey(AccountabilityCase, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["task_id", "since", "step_id"]
        constraints = [
            models.UniqueConstraint(fields=["task", "step", "since"], name="escalation_once_per_episode"),
        ]

    def __str__(self) -> str:
        return f"{self.task.code} {self.step}"
