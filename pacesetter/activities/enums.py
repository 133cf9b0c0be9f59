"""Choices of party activities."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    BRANCH_MEETING = "branch_meeting", _("branch members' meeting (支部党员大会)")
    COMMITTEE_MEETING = "committee_meeting", _("branch committee meeting (支部委员会)")
    GROUP_MEETING = "group_meeting", _("party group meeting (党小组会)")
    PARTY_LESSON = "party_lesson", _("party lesson (党课)")
    THEMED_DAY = "themed_day", _("themed party day (主题党日)")
    VOLUNTEER = "volunteer", _("volunteer service (志愿服务)")
    OTHER = "other", _("other activity")


class ActivityState(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("present")
    LEAVE = "leave", _("on leave (请假)")
    ABSENT = "absent", _("absent")


class AttendanceSource(models.TextChoices):
    """How an attendance was taken: scanned by the member, or marked by the organiser."""

    QR = "qr", _("QR sign-in")
    MANUAL = "manual", _("marked by the organiser")
