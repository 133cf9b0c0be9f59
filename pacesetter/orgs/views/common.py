"""Pieces the organisation pages share: pagination that scales, children pages, breadcrumbs."""
from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from ..models import Organization
from ..queries import ancestor_paths, ancestors_by_path, annotate_direct_member_count, visible_children

CHILDREN_PER_PAGE = 100
COUNT_CAP = 100_000


class CappedPaginator(Paginator):
    """Pagination that costs the same for a branch and for a province.

    The count stops at `cap` + 1 rows (past it the page says "more than …" and a filter
    narrows the list), and a page is read in two steps: the keys of its rows in sort order
    (a narrow query the database answers from its indexes), then those rows with their
    joins and annotations. Sorting whole rows of 3 million members to keep 50 was the cost.

    Rows that carry counts of related rows (an aggregate annotation: a JOIN and GROUP BY) pass
    `keys`, the same filtered and ordered queryset without them: the count and the page's keys
    come from it, so the grouping runs for the page's rows only, not for a province's.
    """

    def __init__(self, object_list, per_page, *, cap: int | None = None, keys=None):
        super().__init__(object_list, per_page)
        self.cap = COUNT_CAP if cap is None else cap
        self.keys = object_list if keys is None else keys

    @cached_property
    def count(self) -> int:
        # Only the keys: the page's annotations (member counts, joins) must not run per row here.
        return self.keys.order_by().values("pk")[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = list(self.keys.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        rows = {row.pk: row for row in self.object_list.order_by().filter(pk__in=keys)} if keys else {}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)


def positive_int(value, default: int = 1) -> int:
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return default


def with_ancestors(orgs, visible) -> None:
    """Give each organisation its visible ancestors (`ancestor_list`, top first): one query for all."""
    found = ancestors_by_path([org.path for org in orgs], visible)
    for org in orgs:
        org.ancestor_list = [found[p] for p in ancestor_paths(org.path) if p in found]


@dataclass
class ChildPage:
    """One page of a node's children; `has_more` is known from one extra row, not a COUNT."""

    parent: Organization
    items: list
    number: int
    has_more: bool

    @property
    def next_number(self) -> int:
        return self.number + 1


def children_page(parent, *, archived: bool, number: int = 1) -> ChildPage:
    """`parent` must come from the user's visible queryset (its subtree is then visible too)."""
    start = (number - 1) * CHILDREN_PER_PAGE
    qs = annotate_direct_member_count(visible_children(parent, include_archived=archived))
    rows = list(qs[start : start + CHILDREN_PER_PAGE + 1])
    return ChildPage(parent, rows[:CHILDREN_PER_PAGE], number, len(rows) > CHILDREN_PER_PAGE)
