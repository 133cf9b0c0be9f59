"""Choices of campaign stages: the three stages, what became of a manual task, the status
of a task for an organisation and the red / amber / green rating of a group."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class StageKind(models.TextChoices):
    """In the order a campaign runs through them."""

    MOBILISE = "mobilise", _("mobilise and deploy (动员部署)")
    IMPLEMENT = "implement", _("organise and implement (组织实施)")
    SUMMARISE = "summarise", _("summarise and commend (总结表彰)")


STAGE_ORDER = tuple(StageKind.values)


class CompletionState(models.TextChoices):
    """A manual task as its organisation marked it: done, or sent back by a superior."""

    DONE = "done", _("marked done")
    RETURNED = "returned", _("sent back")


class TaskStatus(models.TextChoices):
    DONE = "done", _("done")
    DONE_LATE = "done_late", _("done late")
    OPEN = "open", _("open, not yet due")
    OVERDUE = "overdue", _("overdue")


class Rag(models.TextChoices):
    GREEN = "green", _("green")
    AMBER = "amber", _("amber")
    RED = "red", _("red")
    NONE = "none", _("nothing due yet")
