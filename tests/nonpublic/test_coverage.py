"""Coverage figures on hand-made registries, counted by the database."""
import datetime

import pytest
from django.utils import timezone

from pacesetter.nonpublic import coverage, domain
from pacesetter.nonpublic.enums import PartyStatus
from pacesetter.nonpublic.models import NonpublicEntity

from .world import entity

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def registry(tree):
    """T1: 100 employees uncovered, 60 own; T2: 40 joint (covered by T2B1), 0 employees uncovered."""
    entity(tree, 1, employees=100, registered_on=D(2025, 1, 10))
    entity(tree, 2, employees=60, status=PartyStatus.OWN, covering=tree.b1, industry="F", registered_on=D(2025, 1, 10))
    entity(tree, 3, township=tree.t2, employees=40, status=PartyStatus.JOINT, covering=tree.b2,
           registered_on=D(2025, 1, 10))
    entity(tree, 4, township=tree.t2, employees=0, party_members=0, industry="F", registered_on=D(2025, 1, 10))
    return NonpublicEntity.objects.all()


def test_total_counts_entities_and_employees(registry):
    row = coverage.total(registry)
    assert (row.entities, row.covered, row.employees, row.covered_employees) == (4, 2, 200, 100)
    assert (row.rate, row.employee_rate) == (0.5, 0.5)


def test_by_township(registry):
    rows = coverage.by_township(registry)
    assert [(r.label, r.entities, r.covered, r.employees, r.covered_employees) for r in rows] == [
        ("一号镇", 2, 1, 160, 60), ("二号镇", 2, 1, 40, 40)]
    assert [r.employee_rate for r in rows] == [0.375, 1.0]


def test_by_industry(registry):
    rows = coverage.by_industry(registry)
    assert [(r.key, r.entities, r.covered, r.employees) for r in rows] == [("C", 2, 1, 140), ("F", 2, 1, 60)]


def test_empty_registry_has_no_rate(tree):
    row = coverage.total(NonpublicEntity.objects.all())
    assert (row.entities, row.rate, row.employee_rate) == (0, None, None)


def test_as_of_follows_the_status_history(tree, registry):
    first = NonpublicEntity.objects.get(name="测试企业1")
    domain.change_status(first, by=tree.users.county_admin, status=PartyStatus.JOINT, covering=tree.b1,
                         on=D(2025, 3, 15))
    entity(tree, 5, employees=10, registered_on=D(2025, 4, 1))
    rows = coverage.as_of(NonpublicEntity.objects.all(), [D(2025, 1, 9), D(2025, 2, 28), D(2025, 3, 15), D(2025, 4, 30)])
    assert [(r.entities, r.covered, r.employees, r.covered_employees) for r in rows] == [
        (0, 0, 0, 0), (4, 2, 200, 100), (4, 3, 200, 200), (5, 3, 210, 200)]


def test_as_of_a_status_lost_again(tree, registry):
    second = NonpublicEntity.objects.get(name="测试企业2")
    domain.change_status(second, by=tree.users.county_admin, status=PartyStatus.NONE, covering=None,
                         on=D(2025, 6, 1), note="党支部撤销")
    rows = coverage.as_of(NonpublicEntity.objects.all(), [D(2025, 5, 31), D(2025, 6, 1)])
    assert [r.covered for r in rows] == [2, 1]


def test_as_of_by_township(tree, registry):
    rows = coverage.as_of_by_township(NonpublicEntity.objects.all(), [D(2025, 1, 9), D(2025, 2, 1)])
    assert [(name, [(r.entities, r.covered) for r in days]) for name, days in rows] == [
        ("一号镇", [(0, 0), (2, 1)]), ("二号镇", [(0, 0), (2, 1)])]


def test_as_of_counts_only_the_entities_given(tree, registry):
    rows = coverage.as_of(NonpublicEntity.objects.filter(township=tree.t2), [D(2025, 2, 1)])
    assert [(r.entities, r.covered, r.employees) for r in rows] == [(2, 1, 40)]


def test_as_of_is_one_query(tree, registry, django_assert_num_queries):
    with django_assert_num_queries(1):
        coverage.as_of(NonpublicEntity.objects.all(), coverage.month_ends(D(2025, 12, 5)))


def test_month_ends_end_with_today():
    assert coverage.month_ends(D(2025, 3, 5), months=4) == [D(2024, 12, 31), D(2025, 1, 31), D(2025, 2, 28),
                                                             D(2025, 3, 5)]


def test_month_ends_default_to_twelve_months(tree):
    days = coverage.month_ends()
    assert (len(days), days[-1]) == (12, timezone.localdate())
