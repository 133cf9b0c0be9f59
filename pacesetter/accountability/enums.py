"""Choices of work style and accountability (效能问责)."""
from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy


class KeyTaskKind(models.TextChoices):
    KEY_WORK = "key_work", _("key work")
    KEY_PROJECT = "key_project", _("key project")
    KEY_ENGINEERING = "key_engineering", _("key engineering work")


class KeyTaskStatus(models.TextChoices):
    """The task's own state, set by people; how it keeps to schedule is computed (Schedule)."""

    ACTIVE = "active", _("in progress")
    COMPLETED = "completed", _("completed")
    SUSPENDED = "suspended", _("suspended")


class Schedule(models.TextChoices):
    """How a task keeps to its schedule, computed from milestones and reports (queries.annotate_schedule)."""

    NOT_STARTED = "not_started", _("not started")
    ON_TRACK = "on_track", _("on track")
    BEHIND = "behind", _("behind")
    SERIOUSLY_BEHIND = "seriously_behind", _("seriously behind")
    COMPLETED = "completed", _("completed")
    SUSPENDED = "suspended", _("suspended")


#: Display order of the schedule states on dashboards: worst first.
SCHEDULE_ORDER = (
    Schedule.SERIOUSLY_BEHIND, Schedule.BEHIND, Schedule.ON_TRACK, Schedule.NOT_STARTED, Schedule.COMPLETED,
    Schedule.SUSPENDED,
)


class SignOffParty(models.TextChoices):
    LEADER = "leader", _("responsible leader")
    LEAD_UNIT = "lead_unit", _("lead unit")
    SUPPORTING_UNIT = "supporting_unit", _("supporting unit")


class EscalationAction(models.TextChoices):
    """What a step of the county's escalation ladder does when a task is so many days late."""

    REMINDER = "reminder", _("reminder to the unit")
    SUPERVISION = "supervision", _("supervision notice (督办) to the unit and the leader")
    CASE = "case", _("accountability case opened for the inspectors")


class NoticeStatus(models.TextChoices):
    ISSUED = "issued", _("issued")
    ANSWERED = "answered", _("answered")


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("accountability case", "open")
    RESPONDED = "responded", _("unit has responded")
    CLOSED = "closed", _("closed")


class CaseSource(models.TextChoices):
    ESCALATION = "escalation", _("escalation ladder")
    INSPECTOR = "inspector", _("opened by an inspector")


class Sanction(models.TextChoices):
    """Measures of the county's interim accountability measures (《推进重点工作效能问责暂行办法》)."""

    REMINDER = "reminder", _("reminder (提醒)")
    ORDER_TO_RECTIFY = "rectify", _("order to rectify within a deadline (限期整改)")
    WRITTEN_EXPLANATION = "explanation", _("written explanation (书面检查)")
    PUBLIC_CRITICISM = "criticism", _("public criticism (通报批评)")
    ADMONITION_TALK = "admonition", _("admonition talk (诫勉谈话)")
    DISQUALIFICATION = "disqualify", _("disqualified from this year's honours (取消评先评优资格)")


#: Points a sanction deducts from the unit's work-style figure (100 at best) unless the
#: inspector sets others; evaluation weighs the figure as a record indicator.
SANCTION_POINTS = {
    Sanction.REMINDER: 2,
    Sanction.ORDER_TO_RECTIFY: 5,
    Sanction.WRITTEN_EXPLANATION: 5,
    Sanction.PUBLIC_CRITICISM: 10,
    Sanction.ADMONITION_TALK: 15,
    Sanction.DISQUALIFICATION: 20,
}
