"""Public commitments (公开承诺): a pledge of an organisation or a member for a campaign,
its items, their timeline of versions with evidence, public feedback, and the superior
organisation's judgement (评诺).

The pledge (`Commitment`) carries the review state; its items carry the delivery. Every
change to an item appends an `ItemVersion` holding a snapshot of the item, so the public
timeline shows what was promised when, and no edit can rewrite history. Evidence files
live in the media storage (MEDIA_ROOT), never in the database.
"""
from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pacesetter.campaigns.models import Campaign
from pacesetter.core.models import StoredUpload, TimeStamped
from pacesetter.orgs.models import Goal, Member, Organization

from .enums import (
    JUDGEMENT_POINTS,
    Category,
    CommitmentStatus,
    DeliveryStatus,
    EvidenceKind,
    FeedbackKind,
    FeedbackStatus,
    Judgement,
    Outcome,
    VersionKind,
)


class Commitment(TimeStamped):
    """One pledge (承诺书): an organisation's, or one member's (then `member` is set and
    `organization` is the member's organisation)."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="commitments"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="commitments"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="commitments", null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CommitmentStatus.choices, default=CommitmentStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)

    class Meta:
        verbose_name = _("public commitment")
        verbose_name_plural = _("public commitments")
        # Default orderings here name columns, never relations: an ordering through a
        # relation joins its table into every query of the model, deletions' cascades too
        # (clearing the demo's versions took minutes on PostgreSQL). Pages order explicitly.
        ordering = ["campaign_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organization"], condition=models.Q(member__isnull=True),
                name="commitment_org_uniq",
            ),
            models.UniqueConstraint(
                fields=["campaign", "member"], condition=models.Q(member__isnull=False), name="commitment_member_uniq"
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status", "organization"], name="commitment_board_idx")]

    def __str__(self) -> str:
        return f"{self.owner_name} · {self.campaign}"

    @property
    def owner_name(self) -> str:
        return self.member.name if self.member_id else self.organization.name

    @property
    def is_published(self) -> bool:
        return self.status == CommitmentStatus.PUBLISHED

    def get_absolute_url(self) -> str:
        return reverse("commitments:commitment-detail", kwargs={"pk": self.pk})


class CommitmentItem(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("order"))
    content = models.CharField(_("commitment"), max_length=500)
    target = models.CharField(_("measurable target"), max_length=300)
    deadline = models.DateField(_("deadline"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    goal = models.ForeignKey(
        Goal, verbose_name=_("county goal served"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="commitment_items",
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    outcome = models.CharField(_("outcome"), max_length=15, choices=Outcome.choices, default=Outcome.OPEN)
    outcome_on = models.DateField(_("outcome recorded on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("commitment item")
        verbose_name_plural = _("commitment items")
        ordering = ["commitment_id", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="commitmentitem_progress_range"),
        ]
        indexes = [
            # Reminders and overdue lists: open items by deadline.
            models.Index(fields=["outcome", "deadline"], name="commitmentitem_due_idx"),
        ]

    def __str__(self) -> str:
        return self.content

    def delivery_status(self, today: datetime.date) -> str:
        """On track / overdue / delivered / not delivered; `queries.annotate_delivery` is
        the same rule in SQL."""
        if self.outcome == Outcome.DELIVERED:
            return DeliveryStatus.DELIVERED
        if self.outcome == Outcome.NOT_DELIVERED:
            return DeliveryStatus.NOT_DELIVERED
        return DeliveryStatus.OVERDUE if self.deadline < today else DeliveryStatus.ON_TRACK


class ItemVersion(models.Model):
    """One entry of an item's timeline: what happened, and the item as it stood after it."""

    item = models.ForeignKey(CommitmentItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    kind = models.CharField(_("event"), max_length=15, choices=VersionKind.choices)
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("by"), max_length=150, blank=True)
    note = models.TextField(_("note"), blank=True)
    #: The item's content, target, deadline, category, goal id, progress and outcome after the event.
    snapshot = models.JSONField(_("item after the event"))

    class Meta:
        verbose_name = _("commitment item version")
        verbose_name_plural = _("commitment item versions")
        ordering = ["item_id", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="itemversion_number_uniq")]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.number} {self.get_kind_display()}"


def evidence_path(instance: Evidence, filename: str) -> str:
    """A random name under the month's folder: the uploader's file name is kept in the
    row (shown to people), never used as a path."""
    today = datetime.date.today()
    return f"evidence/{today:%Y/%m}/{secrets.token_hex(16)}.{instance.extension}"


def thumbnail_path(instance: Evidence, filename: str) -> str:
    today = datetime.date.today()
    return f"evidence/{today:%Y/%m}/{secrets.token_hex(16)}.thumb.jpg"


class Evidence(StoredUpload):
    """A photo or document attached to a progress update. Photos are stored re-encoded
    (no EXIF, so no GPS position leaks onto the public board) with a thumbnail."""

    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind.choices)
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to=thumbnail_path, max_length=200, blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["version_id", "id"]


class Feedback(models.Model):
    """Feedback or an objection from the public on a published pledge; shown only once a
    moderator lets it through. No address or device is stored with it."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="feedback")
    item = models.ForeignKey(
        CommitmentItem, verbose_name=_("commitment item"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="feedback",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=FeedbackKind.choices, default=FeedbackKind.FEEDBACK)
    text = models.TextField(_("text"), max_length=1000)
    name = models.CharField(_("name (optional)"), max_length=50, blank=True)
    contact = models.CharField(_("phone or e-mail (optional, never shown)"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=FeedbackStatus.choices, default=FeedbackStatus.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("moderated by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderation_reason = models.CharField(_("reason"), max_length=300, blank=True)
    reply = models.TextField(_("reply"), blank=True)

    class Meta:
        verbose_name = _("public feedback")
        verbose_name_plural = _("public feedback")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text[:60]


class SuperiorReview(models.Model):
    """The superior organisation's judgement of an organisation's delivery (评诺)."""

    commitment = models.OneToOneField(Commitment, on_delete=models.CASCADE, related_name="superior_review")
    judgement = models.CharField(_("judgement"), max_length=10, choices=Judgement.choices)
    comment = models.TextField(_("comment"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_organization = models.ForeignKey(
        Organization, verbose_name=_("reviewing organisation"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("superior's review")
        verbose_name_plural = _("superiors' reviews")

    def __str__(self) -> str:
        return f"{self.commitment} · {self.get_judgement_display()}"

    @property
    def points(self) -> int:
        return JUDGEMENT_POINTS[Judgement(self.judgement)]
