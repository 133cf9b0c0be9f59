"""What public commitments supply to evaluation (评诺): the figures of its two record
indicators, and the commitments a commitment review's ballot page shows.

Registered with `pacesetter.evaluation.sources` when the app is ready, so evaluation never
imports this app. A round's subject is an organisation (its own pledge, `member` null) or a
person (that member's own pledge); only PUBLISHED pledges of the round's campaign count.

- Fulfilment rate (COMMITMENT_FULFILMENT): delivered items ÷ items decided or due, × 100.
  An item is decided when its outcome is delivered or not delivered, due when it is still
  open and its deadline lies before the day the round closes (Asia/Shanghai). None when
  nothing is decided or due: a pledge whose deadlines are all ahead has not failed yet.
- Superior review (SUPERIOR_REVIEW): the points of the superior organisation's judgement
  of the pledge (enums.JUDGEMENT_POINTS); None without one.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from pacesetter.campaigns.models import Campaign
from pacesetter.evaluation import sources as ev_sources
from pacesetter.evaluation.enums import IndicatorSource, RoundKind
from pacesetter.evaluation.models import Round, RoundSubject

from .enums import JUDGEMENT_POINTS, CommitmentStatus, DeliveryStatus, Judgement, Outcome
from .models import CommitmentItem, SuperiorReview

#: An owner of a pledge: (organisation id, member id), member id None for the organisation's own.
Owner = tuple[int, int | None]


@dataclass(frozen=True)
class Fulfilment:
    """One pledge's delivered items and the items decided or due, on a given day."""

    delivered: int
    due: int

    @property
    def rate(self) -> float | None:
        """Delivered ÷ decided-or-due × 100; None when nothing is decided or due."""
        return self.delivered * 100 / self.due if self.due else None


def fulfilment_rates(
    campaign: Campaign, *, organization_ids: Iterable[int] | QuerySet | None = None,
    member_ids: Iterable[int] | QuerySet | None = None, on: datetime.date,
) -> dict[Owner, Fulfilment]:
    """Per published pledge of the campaign, its owner → Fulfilment on the day `on`.

    `organization_ids` keeps the pledges of those organisations (their own and their
    members'), `member_ids` the members' own pledges of those members; given both, a pledge
    passes either. One query, counted in the database; dashboards sum `delivered` and `due`
    over owners to get the rate of a township or a sector.
    """
    items = CommitmentItem.objects.filter(
        commitment__campaign=campaign, commitment__status=CommitmentStatus.PUBLISHED
    )
    if organization_ids is not None or member_ids is not None:
        owners = Q()
        if organization_ids is not None:
            owners |= Q(commitment__organization_id__in=organization_ids)
        if member_ids is not None:
            owners |= Q(commitment__member_id__in=member_ids)
        items = items.filter(owners)
    decided = [Outcome.DELIVERED, Outcome.NOT_DELIVERED]
    rows = (
        items.values_list("commitment__organization_id", "commitment__member_id")
        .annotate(
            delivered=Count("pk", filter=Q(outcome=Outcome.DELIVERED)),
            due=Count("pk", filter=Q(outcome__in=decided) | Q(outcome=Outcome.OPEN, deadline__lt=on)),
        )
        .order_by()
    )
    return {(org_id, member_id): Fulfilment(delivered, due) for org_id, member_id, delivered, due in rows}


def _key(subject: ev_sources.SubjectRow) -> tuple[int, None] | int:
    """How a subject's own pledge is found: (organisation, None) for an organisation, the
    member id for a person."""
    return (subject.organization_id, None) if subject.member_id is None else subject.member_id


def _org_subject_ids(subjects: list[ev_sources.SubjectRow]) -> list[int]:
    return [s.organization_id for s in subjects if s.member_id is None]


def _member_subject_ids(subjects: list[ev_sources.SubjectRow]) -> list[int]:
    return [s.member_id for s in subjects if s.member_id is not None]


def fulfilment_values(round_: Round, subjects: list[ev_sources.SubjectRow]) -> dict[int, float | None]:
    """The fulfilment rate of each subject's own pledge in the round's campaign, as of the day
    the round closes."""
    if round_.campaign_id is None:
        return {}
    rates = fulfilment_rates(
        round_.campaign, organization_ids=_org_subject_ids(subjects), member_ids=_member_subject_ids(subjects),
        on=timezone.localdate(round_.closes_at),
    )
    # A member's pledge is keyed by the member alone: the member may have moved since the
    # round took them as a subject under their organisation of then.
    by_owner = {(org_id, None) if member_id is None else member_id: f for (org_id, member_id), f in rates.items()}
    found = {}
    for subject in subjects:
        fulfilment = by_owner.get(_key(subject))
        found[subject.id] = fulfilment.rate if fulfilment is not None else None
    return found


def superior_review_values(round_: Round, subjects: list[ev_sources.SubjectRow]) -> dict[int, float | None]:
    """The points of the superior organisation's judgement of each subject's own pledge."""
    if round_.campaign_id is None:
        return {}
    owners = Q(commitment__organization_id__in=_org_subject_ids(subjects), commitment__member__isnull=True)
    owners |= Q(commitment__member_id__in=_member_subject_ids(subjects))
    rows = SuperiorReview.objects.filter(
        owners, commitment__campaign_id=round_.campaign_id, commitment__status=CommitmentStatus.PUBLISHED
    ).values_list("commitment__organization_id", "commitment__member_id", "judgement")
    points = {
        (org_id, None) if member_id is None else member_id: JUDGEMENT_POINTS[Judgement(judgement)]
        for org_id, member_id, judgement in rows
    }
    return {s.id: points.get(_key(s)) for s in subjects}


def review_ballot_context(subject: RoundSubject) -> dict | None:
    """The subject's published commitment items (content, target, deadline, delivery status),
    shown above the questions of a commitment review's ballot page, so voters judge the
    delivery of what was actually pledged."""
    round_ = subject.round
    if round_.campaign_id is None:
        return None
    owner = Q(commitment__member_id=subject.member_id) if subject.member_id else Q(
        commitment__organization_id=subject.organization_id, commitment__member__isnull=True
    )
    items = list(
        CommitmentItem.objects.filter(
            owner, commitment__campaign_id=round_.campaign_id, commitment__status=CommitmentStatus.PUBLISHED
        ).order_by("order", "id")
    )
    today = timezone.localdate()
    for item in items:
        item.status = item.delivery_status(today)
        item.status_label = DeliveryStatus(item.status).label
    return {"template": "commitments/review/_ballot_items.html", "commitment_items": items}


ev_sources.register(IndicatorSource.COMMITMENT_FULFILMENT, fulfilment_values)
ev_sources.register(IndicatorSource.SUPERIOR_REVIEW, superior_review_values)
ev_sources.register_ballot_context(RoundKind.COMMITMENT_REVIEW, review_ballot_context)
