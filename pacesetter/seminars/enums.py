from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SeminarState(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("call for papers open")
    REVIEWING = "reviewing", _("under review")
    PUBLISHED = "published", _("results published")


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("paper status", "submitted")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Award(models.TextChoices):
    FIRST = "first", _("first prize (一等奖)")
    SECOND = "second", _("second prize (二等奖)")
    THIRD = "third", _("third prize (三等奖)")
    MERIT = "merit", _("award of merit (优秀奖)")
