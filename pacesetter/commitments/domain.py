"""Writes of public commitments: 承诺 (pledge) → 公示 (publish) → 践诺 (deliver) → 评诺 (review).

Each function owns its transaction, its row lock on the pledge, its audit entry and the
item versions that make the timeline. Items change freely only while the pledge is a
draft or returned; once published, only progress updates and outcomes are recorded, each
as a new version, so what was promised in public cannot be rewritten.
"""
from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.campaigns.models import Campaign
from pacesetter.core import audit, ratelimit
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.uploads import check_upload
from pacesetter.orgs.models import Goal, Member, Organization
from pacesetter.orgs.queries import role_assignments

from . import rules as c_rules
from .enums import (
    Category,
    CommitmentStatus,
    FeedbackKind,
    FeedbackStatus,
    Judgement,
    Outcome,
    VersionKind,
)
from .models import Commitment, CommitmentItem, Evidence, Feedback, ItemVersion, SuperiorReview

#: Items of one pledge, and evidence files of one progress update, at most.
MAX_ITEMS = 20
MAX_FILES = 10
ITEM_FIELDS = ("content", "target", "deadline", "category", "goal")
#: Public feedback from one address: so many per hour (settings.COMMITMENT_FEEDBACK_PER_HOUR).
DEFAULT_FEEDBACK_PER_HOUR = 5


def _refuse(message: str, code: str):
    raise DomainError(message, code=code)


def _forbid(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDeniedError(message, code="forbidden")


def _locked(commitment: Commitment) -> Commitment:
    return Commitment.objects.select_related("organization", "member", "campaign").select_for_update(
        of=("self",)
    ).get(pk=commitment.pk)


def _snapshot(item: CommitmentItem) -> dict:
    return {
        "content": item.content,
        "target": item.target,
        "deadline": item.deadline.isoformat(),
        "category": item.category,
        "goal": item.goal_id,
        "progress": item.progress,
        "outcome": item.outcome,
    }


def _next_numbers(items: Sequence[CommitmentItem]) -> dict[int, int]:
    last = dict(
        ItemVersion.objects.filter(item__in=items).values("item").annotate(n=Max("number")).values_list("item", "n")
    )
    return {item.pk: last.get(item.pk, 0) + 1 for item in items}


def _versions(items: Sequence[CommitmentItem], kind: str, *, by, note: str = "", at=None) -> list[ItemVersion]:
    """One new version per item, all in one INSERT."""
    if not items:
        return []
    at = at or timezone.now()
    numbers = _next_numbers(items)
    actor = by if getattr(by, "is_authenticated", False) else None
    return ItemVersion.objects.bulk_create([
        ItemVersion(item=item, number=numbers[item.pk], kind=kind, at=at, by=actor,
                    actor_name=actor.get_username() if actor else "", note=note, snapshot=_snapshot(item))
        for item in items
    ])


# --- Pledges ---------------------------------------------------------------------------


def _check_campaign_open(campaign: Campaign) -> None:
    if campaign.status == CampaignStatus.CLOSED:
        _refuse(_("The campaign “%(campaign)s” is closed; it takes no new commitments.") % {"campaign": campaign},
                "campaign_closed")


def start_commitment(campaign: Campaign, *, by, organization: Organization | None = None,
                     member: Member | None = None) -> Commitment:
    """The draft pledge of an organisation (or of a member) for a campaign, made if missing."""
    if (organization is None) == (member is None):
        raise ValueError("give an organisation or a member")
    _check_campaign_open(campaign)
    org = member.organization if member is not None else organization
    probe = Commitment(campaign=campaign, organization=org, member=member)
    _forbid(c_rules.is_owner(by, probe),
            _("Only the member themself may write a member's commitment.") if member is not None
            else _("Only the organisation's admins may write its commitment."))
    if not org.is_active:
        _refuse(_("%(org)s is no longer active and cannot make commitments.") % {"org": org.name}, "inactive")
    with transaction.atomic():
        existing = Commitment.objects.select_for_update(of=("self",)).filter(
            campaign=campaign, organization=org, member=member
        ).first()
        if existing is not None:
            return existing
        commitment = Commitment.objects.create(campaign=campaign, organization=org, member=member)
        audit.record("commitments.commitment.start", by=by, obj=commitment,
                     after={"campaign": campaign.pk, "organization": org.pk, "member": member.pk if member else None})
    return commitment


def _clean_item_fields(campaign: Campaign, fields: dict) -> dict:
    """Checked and trimmed item fields; each problem names its field."""
    cleaned = {}
    for name in ("content", "target"):
        if name in fields:
            value = (fields[name] or "").strip()
            limit = CommitmentItem._meta.get_field(name).max_length
            if not value:
                _refuse(_("The %(field)s is required.") % {"field": CommitmentItem._meta.get_field(name).verbose_name},
                        f"{name}_required")
            if len(value) > limit:
                _refuse(_("The %(field)s may have at most %(limit)d characters (it has %(n)d).") % {
                    "field": CommitmentItem._meta.get_field(name).verbose_name, "limit": limit, "n": len(value)},
                    f"{name}_too_long")
            cleaned[name] = value
    if "deadline" in fields:
        deadline = fields["deadline"]
        if not isinstance(deadline, datetime.date):
            _refuse(_("The deadline must be a date."), "deadline_invalid")
        if not campaign.starts_on <= deadline <= campaign.ends_on:
            _refuse(_("The deadline %(date)s lies outside the campaign (%(start)s to %(end)s).") % {
                "date": deadline, "start": campaign.starts_on, "end": campaign.ends_on}, "deadline_outside")
        cleaned["deadline"] = deadline
    if "category" in fields:
        if fields["category"] not in Category.values:
            _refuse(_("Choose one of the listed categories."), "category_invalid")
        cleaned["category"] = fields["category"]
    if "goal" in fields:
        goal = fields["goal"]
        if goal is not None and (not isinstance(goal, Goal) or not goal.is_active):
            _refuse(_("The county goal chosen is not in force."), "goal_invalid")
        cleaned["goal"] = goal
    return cleaned


def add_item(commitment: Commitment, *, by, content: str, target: str, deadline: datetime.date, category: str,
             goal: Goal | None = None) -> CommitmentItem:
    with transaction.atomic():
        commitment = _locked(commitment)
        _forbid(c_rules.can_edit_commitment(by, commitment),
                _("This commitment cannot be changed now: it is %(status)s.") % {
                    "status": commitment.get_status_display()})
        fields = _clean_item_fields(commitment.campaign, {
            "content": content, "target": target, "deadline": deadline, "category": category, "goal": goal})
        count = commitment.items.count()
        if count >= MAX_ITEMS:
            _refuse(_("A commitment may have at most %(n)d items.") % {"n": MAX_ITEMS}, "too_many_items")
        item = CommitmentItem.objects.create(commitment=commitment, order=count + 1, **fields)
        _versions([item], VersionKind.CREATED, by=by)
        audit.record("commitments.item.add", by=by, obj=item, after=_snapshot(item))
    return item


def update_item(item: CommitmentItem, *, by, **fields) -> CommitmentItem:
    """Change a draft item's content, target, deadline, category or goal."""
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown item fields: {sorted(unknown)}")
    with transaction.atomic():
        commitment = _locked(item.commitment)
        _forbid(c_rules.can_edit_commitment(by, commitment),
                _("This commitment cannot be changed now: it is %(status)s.") % {
                    "status": commitment.get_status_display()})
        item = CommitmentItem.objects.select_for_update().get(pk=item.pk)
        before = _snapshot(item)
        for name, value in _clean_item_fields(commitment.campaign, fields).items():
            setattr(item, name, value)
        after = _snapshot(item)
        if after == before:
            return item
        item.save(update_fields=[*fields, "updated_at"])
        _versions([item], VersionKind.EDITED, by=by)
        audit.record("commitments.item.update", by=by, obj=item, before=before, after=after)
    return item


def remove_item(item: CommitmentItem, *, by) -> None:
    """Delete an item of a pledge never yet submitted: nobody else has seen it. After a
    submission the reviewer's record of what was asked must stay."""
    with transaction.atomic():
        commitment = _locked(item.commitment)
        _forbid(c_rules.can_edit_commitment(by, commitment),
                _("This commitment cannot be changed now: it is %(status)s.") % {
                    "status": commitment.get_status_display()})
        if commitment.submitted_at is not None:
            _refuse(_("Items of a commitment that was already submitted cannot be removed; change them instead."),
                    "already_submitted")
        item = CommitmentItem.objects.select_for_update().get(pk=item.pk)
        before = _snapshot(item)
        item_id, order = item.pk, item.order
        item.delete()
        for later in commitment.items.filter(order__gt=order).order_by("order"):
            later.order -= 1
            later.save(update_fields=["order"])
        audit.record("commitments.item.remove", by=by, object_type="commitments.commitmentitem",
                     object_id=item_id, object_repr=before["content"], before=before)


def submit_commitment(commitment: Commitment, *, by) -> Commitment:
    with transaction.atomic():
        commitment = _locked(commitment)
        _forbid(c_rules.can_edit_commitment(by, commitment),
                _("This commitment cannot be submitted now: it is %(status)s.") % {
                    "status": commitment.get_status_display()})
        _check_campaign_open(commitment.campaign)
        items = list(commitment.items.order_by("order"))
        if not items:
            _refuse(_("Add at least one item before submitting the commitment."), "no_items")
        now = timezone.now()
        before = commitment.status
        commitment.status = CommitmentStatus.SUBMITTED
        commitment.submitted_at = now
        commitment.return_reason = ""
        commitment.save(update_fields=["status", "submitted_at", "return_reason", "updated_at"])
        _versions(items, VersionKind.SUBMITTED, by=by, at=now)
        audit.record("commitments.commitment.submit", by=by, obj=commitment,
                     before={"status": before}, after={"status": commitment.status, "items": len(items)})
    return commitment


def approve_commitment(commitment: Commitment, *, by) -> Commitment:
    """The superior approves: the pledge is published on the notice board."""
    with transaction.atomic():
        commitment = _locked(commitment)
        _forbid(c_rules.can_review_commitment(by, commitment),
                _("Only a superior organisation's admin may approve this commitment, and only while it awaits "
                  "review."))
        now = timezone.now()
        commitment.status = CommitmentStatus.PUBLISHED
        commitment.published_at = now
        commitment.reviewed_by = by
        commitment.save(update_fields=["status", "published_at", "reviewed_by", "updated_at"])
        items = list(commitment.items.order_by("order"))
        _versions(items, VersionKind.APPROVED, by=by, at=now)
        audit.record("commitments.commitment.approve", by=by, obj=commitment,
                     before={"status": CommitmentStatus.SUBMITTED},
                     after={"status": commitment.status, "items": [_snapshot(i) for i in items]})
    return commitment


def return_commitment(commitment: Commitment, *, by, reason: str) -> Commitment:
    reason = (reason or "").strip()
    if not reason:
        _refuse(_("Give the reason for returning the commitment, so its authors know what to change."),
                "reason_required")
    with transaction.atomic():
        commitment = _locked(commitment)
        _forbid(c_rules.can_review_commitment(by, commitment),
                _("Only a superior organisation's admin may return this commitment, and only while it awaits "
                  "review."))
        commitment.status = CommitmentStatus.RETURNED
        commitment.return_reason = reason
        commitment.reviewed_by = by
        commitment.save(update_fields=["status", "return_reason", "reviewed_by", "updated_at"])
        _versions(list(commitment.items.order_by("order")), VersionKind.RETURNED, by=by, note=reason)
        audit.record("commitments.commitment.return", by=by, obj=commitment,
                     before={"status": CommitmentStatus.SUBMITTED},
                     after={"status": commitment.status, "reason": reason})
    return commitment


# --- Delivery --------------------------------------------------------------------------


def _locked_item(item: CommitmentItem) -> tuple[Commitment, CommitmentItem]:
    commitment = _locked(item.commitment)
    return commitment, CommitmentItem.objects.select_for_update().get(pk=item.pk)


def report_progress(item: CommitmentItem, *, by, progress: int, note: str, files: Sequence = ()) -> ItemVersion:
    """A progress update with text and evidence; the item's progress becomes `progress`.

    Files are checked (type by content, size) before anything is written; any refusal
    leaves the item and the storage unchanged."""
    note = (note or "").strip()
    if not note:
        _refuse(_("Describe what was done in this update."), "note_required")
    if isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100:
        _refuse(_("Progress is a whole percentage from 0 to 100."), "progress_invalid")
    if len(files) > MAX_FILES:
        _refuse(_("At most %(n)d files per update.") % {"n": MAX_FILES}, "too_many_files")
    checked = [check_upload(f) for f in files]
    stored: list[Evidence] = []
    try:
        with transaction.atomic():
            commitment, item = _locked_item(item)
            _forbid(c_rules.can_report_delivery(by, commitment),
                    _("Progress can be reported only on a published commitment, by its owner or a superior."))
            if item.outcome != Outcome.OPEN:
                _refuse(_("This item is already marked %(outcome)s; a superior may reopen it.") % {
                    "outcome": item.get_outcome_display()}, "item_closed")
            before = _snapshot(item)
            item.progress = progress
            item.save(update_fields=["progress", "updated_at"])
            version = _versions([item], VersionKind.PROGRESS, by=by, note=note)[0]
            stored = Evidence.store(checked, version=version)
            audit.record("commitments.item.progress", by=by, obj=item, before=before,
                         after={**_snapshot(item), "version": version.number,
                                "evidence": [e.sha256 for e in stored]})
    except Exception:
        for e in stored:
            e.file.delete(save=False)
            if e.thumbnail:
                e.thumbnail.delete(save=False)
        raise
    return version


def record_outcome(item: CommitmentItem, *, by, outcome: str, note: str) -> ItemVersion:
    """Mark an item delivered or not delivered (its owner or a superior), or reopen it (a
    superior only)."""
    note = (note or "").strip()
    if not note:
        _refuse(_("Say why, in a note: it appears on the public timeline."), "note_required")
    if outcome not in Outcome.values:
        _refuse(_("Choose one of the listed outcomes."), "outcome_invalid")
    with transaction.atomic():
        commitment, item = _locked_item(item)
        if outcome == Outcome.OPEN:
            _forbid(c_rules.can_reopen_item(by, commitment), _("Only a superior organisation's admin may reopen an item."))
            if item.outcome == Outcome.OPEN:
                _refuse(_("This item is still in progress."), "already_open")
            kind = VersionKind.REOPENED
        else:
            _forbid(c_rules.can_report_delivery(by, commitment),
                    _("Outcomes can be recorded only on a published commitment, by its owner or a superior."))
            if item.outcome != Outcome.OPEN:
                _refuse(_("This item is already marked %(outcome)s; a superior may reopen it.") % {
                    "outcome": item.get_outcome_display()}, "item_closed")
            kind = VersionKind.DELIVERED if outcome == Outcome.DELIVERED else VersionKind.NOT_DELIVERED
        before = _snapshot(item)
        item.outcome = outcome
        item.outcome_on = None if outcome == Outcome.OPEN else timezone.localdate()
        if outcome == Outcome.DELIVERED:
            item.progress = 100
        item.save(update_fields=["outcome", "outcome_on", "progress", "updated_at"])
        version = _versions([item], kind, by=by, note=note)[0]
        audit.record("commitments.item.outcome", by=by, obj=item, before=before, after=_snapshot(item))
    return version


# --- Public feedback -------------------------------------------------------------------


def feedback_per_hour() -> int:
    return int(getattr(settings, "COMMITMENT_FEEDBACK_PER_HOUR", DEFAULT_FEEDBACK_PER_HOUR))


def submit_feedback(commitment: Commitment, *, client_ip: str, text: str, kind: str = FeedbackKind.FEEDBACK,
                    item: CommitmentItem | None = None, name: str = "", contact: str = "") -> Feedback:
    """Feedback or an objection from the public, held for moderation. The address only
    feeds the rate limit (as a keyed hash) and is not stored with the feedback."""
    text = (text or "").strip()
    if not text:
        _refuse(_("Write your feedback before sending it."), "text_required")
    if len(text) > 1000:
        _refuse(_("Feedback may have at most 1,000 characters (yours has %(n)d).") % {"n": len(text)}, "text_too_long")
    if kind not in FeedbackKind.values:
        _refuse(_("Choose feedback or objection."), "kind_invalid")
    name, contact = (name or "").strip(), (contact or "").strip()
    if len(name) > 50 or len(contact) > 100:
        _refuse(_("The name may have at most 50 characters and the contact at most 100."), "too_long")
    if commitment.status != CommitmentStatus.PUBLISHED:
        _refuse(_("This commitment is not published."), "not_published")
    if item is not None and item.commitment_id != commitment.pk:
        _refuse(_("The item does not belong to this commitment."), "item_mismatch")
    with transaction.atomic():
        if not ratelimit.take("commitments.feedback", client_ip or "unknown", limit=feedback_per_hour(),
                              window_seconds=3600):
            _refuse(_("Too much feedback has come from your network in the last hour. Please try again later."),
                    "rate_limited")
        feedback = Feedback.objects.create(commitment=commitment, item=item, kind=kind, text=text, name=name,
                                           contact=contact)
        audit.record("commitments.feedback.submit", by=None, obj=feedback,
                     after={"commitment": commitment.pk, "item": item.pk if item else None, "kind": kind})
    return feedback


def moderate_feedback(feedback: Feedback, *, by, show: bool, reason: str = "", reply: str = "") -> Feedback:
    """Let feedback through to the public page, or keep it off with a reason."""
    reason, reply = (reason or "").strip(), (reply or "").strip()
    if not show and not reason:
        _refuse(_("Give the reason for not showing this feedback."), "reason_required")
    if len(reason) > 300:
        _refuse(_("The reason may have at most 300 characters."), "reason_too_long")
    with transaction.atomic():
        feedback = Feedback.objects.select_for_update().select_related("commitment__organization").get(pk=feedback.pk)
        _forbid(c_rules.can_moderate_feedback(by, feedback.commitment),
                _("Only the organisation's admins or a superior's may moderate this feedback."))
        before = {"status": feedback.status}
        feedback.status = FeedbackStatus.SHOWN if show else FeedbackStatus.REJECTED
        feedback.moderated_by = by
        feedback.moderated_at = timezone.now()
        feedback.moderation_reason = reason
        feedback.reply = reply
        feedback.save(update_fields=["status", "moderated_by", "moderated_at", "moderation_reason", "reply"])
        audit.record("commitments.feedback.moderate", by=by, obj=feedback, before=before,
                     after={"status": feedback.status, "reason": reason, "reply": reply})
    return feedback


# --- Review (评诺) ----------------------------------------------------------------------


def _reviewing_organization(user, commitment: Commitment) -> Organization:
    """The organisation the reviewer speaks for: the nearest of their editing
    organisations above the pledging one (the county root for a county admin)."""
    target = commitment.organization.path
    above = [a.organization for a in role_assignments(user)
             if target.startswith(a.organization.path) and a.organization.path != target]
    if above:
        return max(above, key=lambda org: len(org.path))
    return Organization.objects.filter(depth=1, path=target[:Organization.steplen]).get()


def review_delivery(commitment: Commitment, *, by, judgement: str, comment: str = "") -> SuperiorReview:
    """The superior organisation's judgement of a published pledge's delivery; a second
    judgement replaces the first (both stay in the audit log)."""
    if judgement not in Judgement.values:
        _refuse(_("Choose one of the listed judgements."), "judgement_invalid")
    comment = (comment or "").strip()
    with transaction.atomic():
        commitment = _locked(commitment)
        _forbid(c_rules.can_judge_delivery(by, commitment),
                _("Only a superior organisation's admin may judge the delivery of a published commitment."))
        existing = SuperiorReview.objects.select_for_update().filter(commitment=commitment).first()
        before = {"judgement": existing.judgement, "comment": existing.comment} if existing else None
        review, _created = SuperiorReview.objects.update_or_create(
            commitment=commitment,
            defaults={"judgement": judgement, "comment": comment, "by": by,
                      "by_organization": _reviewing_organization(by, commitment), "at": timezone.now()},
        )
        audit.record("commitments.commitment.judge", by=by, obj=commitment, before=before,
                     after={"judgement": judgement, "comment": comment, "by_organization": review.by_organization_id})
    return review
