"""CappedPaginator: a page's keys and the count come from `keys` when the rows carry counts (no GROUP BY there)."""
import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from pacesetter.orgs.models import Organization
from pacesetter.orgs.views.common import CappedPaginator
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_rows_with_counts_are_paged_by_their_plain_keys(tree):
    for _ in range(3):
        MemberFactory(organization=tree.b2)
    keys = Organization.objects.order_by("-path")
    rows = keys.annotate(member_total=Count("members"))
    with CaptureQueriesContext(connection) as queries:
        paginator = CappedPaginator(rows, 2, keys=keys)
        pages = [paginator.page(number) for number in paginator.page_range]
    grouped = [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]]
    assert [[(org.code, org.member_total) for org in page] for page in pages] == [
        [(org.code, org.members.count()) for org in keys[i:i + 2]] for i in range(0, keys.count(), 2)
    ]
    # The count and each page's keys are plain; only each page's rows (2 of them) are grouped.
    assert (paginator.count, len(grouped), len(pages)) == (keys.count(), len(pages), 3)
    assert all("IN (" in sql for sql in grouped)
