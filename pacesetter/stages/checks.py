"""Automatic checks of stage tasks: whether an organisation did a task, read from the data
the task names instead of being marked by hand.

A check is `fn(campaign, task, org_ids) -> {org_id: done_on}`: for all the organisations at
once (`org_ids` may be a queryset of ids, used as a subquery), in SQL, the day each did the
task; organisations that did not are left out (or map to None). Other apps add theirs from
their AppConfig.ready():

    from pacesetter.stages.checks import register
    register("activity_held", activity_held, label=_("an activity held (活动开展)"))
"""
from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Min
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from pacesetter.commitments.enums import CommitmentStatus
from pacesetter.commitments.models import Commitment
from pacesetter.evaluation.enums import RoundState
from pacesetter.evaluation.models import RoundSubject

from .models import MANUAL

CheckFn = Callable[..., dict[int, datetime.date | None]]


@dataclass(frozen=True)
class Check:
    kind: str
    label: str
    fn: CheckFn


_REGISTRY: dict[str, Check] = {}


def register(kind: str, fn: CheckFn, *, label) -> None:
    if kind == MANUAL or not kind or len(kind) > 40:
        raise ValueError(f"register(): {kind!r} cannot name an automatic check")
    _REGISTRY[kind] = Check(kind, label, fn)


def get(kind: str) -> Check | None:
    return _REGISTRY.get(kind)


def choices() -> list[tuple[str, str]]:
    """Every kind of task: manual first, then the automatic checks in the order registered."""
    return [(MANUAL, _("manual: the organisation marks it done")), *((c.kind, c.label) for c in _REGISTRY.values())]


def label(kind: str) -> str:
    return dict(choices()).get(kind, kind)


def commitment_published(campaign, task, org_ids) -> dict[int, datetime.date | None]:
    """The organisation's own pledge for the campaign is published: done on its publication day."""
    rows = Commitment.objects.filter(
        campaign=campaign, member__isnull=True, status=CommitmentStatus.PUBLISHED, published_at__isnull=False,
        organization_id__in=org_ids,
    ).values_list("organization_id", TruncDate("published_at"))
    return dict(rows)


def _evaluated(states) -> CheckFn:
    def check(campaign, task, org_ids) -> dict[int, datetime.date | None]:
        rows = (
            RoundSubject.objects.filter(round__campaign=campaign, round__state__in=states, member__isnull=True,
                                        organization_id__in=org_ids)
            .order_by().values("organization_id").annotate(first=Min(TruncDate("round__closes_at")))
            .values_list("organization_id", "first")
        )
        return dict(rows)

    return check


#: Held: a round of the campaign with the organisation as subject has closed (done on its
#: closing day); released: its results are out too (the closing day still dates it).
evaluation_held = _evaluated([RoundState.CLOSED, RoundState.RELEASED])
evaluation_released = _evaluated([RoundState.RELEASED])

register("commitment_published", commitment_published, label=_("automatic: the organisation's commitment published"))
register("evaluation_held", evaluation_held, label=_("automatic: an evaluation round held with it as subject"))
register("evaluation_released", evaluation_released,
         label=_("automatic: its evaluation results released"))
