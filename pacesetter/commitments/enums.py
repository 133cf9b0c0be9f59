"""Choices of public commitments (公开承诺: 承诺 → 公示 → 践诺 → 评诺)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitmentStatus(models.TextChoices):
    """The pledge as a whole: written, reviewed by the superior organisation, published."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("awaiting review")
    RETURNED = "returned", _("returned for changes")
    PUBLISHED = "published", _("published")


class Category(models.TextChoices):
    SERVICE = "service", _("serving the people")
    ETHICS = "ethics", _("professional ethics")
    EFFICIENCY = "efficiency", _("service efficiency")
    DEVELOPMENT = "development", _("development")
    RESPONSIBILITY = "responsibility", _("responsibility zone")
    STUDY = "study", _("study and self-improvement")
    ORGANISATION = "organisation", _("organisation building")
    OTHER = "other", _("other")


class Outcome(models.TextChoices):
    """What the owner or the reviewer has recorded about an item's delivery."""

    OPEN = "open", _("in progress")
    DELIVERED = "delivered", _("delivered")
    NOT_DELIVERED = "not_delivered", _("not delivered")


class DeliveryStatus(models.TextChoices):
    """What the public and the dashboards see: the outcome, with "overdue" computed from
    the deadline and the reported progress."""

    ON_TRACK = "on_track", _("on track")
    OVERDUE = "overdue", _("overdue")
    DELIVERED = "delivered", _("delivered")
    NOT_DELIVERED = "not_delivered", _("not delivered")


class VersionKind(models.TextChoices):
    """What an entry of an item's timeline records."""

    CREATED = "created", _("written")
    EDITED = "edited", _("changed")
    SUBMITTED = "submitted", _("submitted for review")
    APPROVED = "approved", _("approved and published")
    RETURNED = "returned", _("returned for changes")
    PROGRESS = "progress", _("progress update")
    DELIVERED = "delivered", _("marked delivered")
    NOT_DELIVERED = "not_delivered", _("marked not delivered")
    REOPENED = "reopened", _("reopened")
    REMOVED = "removed", _("removed")


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("photo")
    DOCUMENT = "document", _("document")


class FeedbackKind(models.TextChoices):
    FEEDBACK = "feedback", _("feedback")
    OBJECTION = "objection", _("objection")


class FeedbackStatus(models.TextChoices):
    PENDING = "pending", _("awaiting moderation")
    SHOWN = "shown", _("shown")
    REJECTED = "rejected", _("not shown")


class Judgement(models.TextChoices):
    """The superior organisation's judgement of a delivery (评诺), with its points."""

    EXCELLENT = "excellent", _("excellent")
    GOOD = "good", _("good")
    FAIR = "fair", _("fair")
    POOR = "poor", _("poor")


JUDGEMENT_POINTS = {Judgement.EXCELLENT: 100, Judgement.GOOD: 80, Judgement.FAIR: 60, Judgement.POOR: 40}
