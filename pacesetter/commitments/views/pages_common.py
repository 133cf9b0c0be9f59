"""What the commitment pages share: loading a pledge or item through the user's scoped
querysets (invisible == missing == 404), the reviewer's condition in SQL, the per-pledge
counts of the lists, and the way back after a button."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme

from pacesetter.campaigns.models import Campaign
from pacesetter.campaigns.queries import current_campaign

from ..enums import Outcome
from ..forms import campaigns_open
from ..models import Commitment, CommitmentItem
from ..queries import commitments_visible_to, items_visible_to, overdue_q, today

PER_PAGE = 25


def flash_error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _item_count(condition: Q | None = None) -> Coalesce:
    items = CommitmentItem.objects.filter(commitment=OuterRef("pk"))
    if condition is not None:
        items = items.filter(condition)
    counted = items.order_by().values("commitment").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def annotate_item_counts(qs: QuerySet[Commitment]) -> QuerySet[Commitment]:
    """Items, delivered, not delivered and overdue items per pledge: correlated subqueries,
    computed for the page's rows only."""
    return qs.annotate(
        item_count=_item_count(),
        delivered_count=_item_count(Q(outcome=Outcome.DELIVERED)),
        not_delivered_count=_item_count(Q(outcome=Outcome.NOT_DELIVERED)),
        overdue_count=_item_count(overdue_q(today())),
    )


def default_campaign() -> Campaign | None:
    """The campaign a new pledge is for unless the writer picks another: the one under way,
    else the latest planned one."""
    return current_campaign() or campaigns_open().first()


def safe_next(request, fallback: str) -> str:
    """The `next` the form sent, if it points into this site; else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return fallback


class CommitmentMixin(LoginRequiredMixin):
    """Loads `self.commitment` among the pledges the user sees."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.commitment: Commitment = get_object_or_404(
            commitments_visible_to(request.user).select_related("campaign", "organization", "member"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)


class ItemMixin(LoginRequiredMixin):
    """Loads `self.item` (and `self.commitment`) among the items the user sees."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.item: CommitmentItem = get_object_or_404(
            items_visible_to(request.user).select_related(
                "goal", "commitment__campaign", "commitment__organization", "commitment__member"
            ),
            pk=kwargs["pk"],
        )
        self.commitment: Commitment = self.item.commitment
        return super().dispatch(request, *args, **kwargs)
