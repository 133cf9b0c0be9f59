"""Affiliate admins narrowed to one kind of unit (RoleAssignment.affiliate_kind): a trade
union's admin at T1B1 sees and records for the union there, not the Youth League beside it."""
import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse

from pacesetter.core.errors import PermissionDeniedError
from pacesetter.linkage import domain
from pacesetter.linkage import rules as l_rules
from pacesetter.linkage.enums import AffiliateKind
from pacesetter.linkage.queries import (
    activities_visible_to,
    honours_visible_to,
    photos_visible_to,
    units_visible_to,
)
from pacesetter.orgs.enums import Role
from pacesetter.orgs.models import RoleAssignment
from tests.factories import make_user

from .world import make_unit, make_world

DAY = datetime.date(2026, 5, 4)


@pytest.fixture
def world(tree):
    w = make_world(tree)
    w.b1_union = make_unit(tree, tree.b1, code="U1", kind=AffiliateKind.TRADE_UNION, name="一号村工会")
    w.union_honour = domain.add_honour(w.b1_union, by=tree.users.county_admin, year=2025, title="模范职工之家",
                                       awarded_by="县总工会")
    w.union_activity = domain.record_activity(tree.b1, by=tree.users.county_admin, units=[w.b1_union], held_on=DAY,
                                              title="职工技能赛")
    w.joint = domain.record_activity(tree.b1, by=tree.users.county_admin, units=[w.b1_union, w.league],
                                     held_on=DAY, title="团工共建")
    w.union_admin = make_user("union1")
    RoleAssignment.objects.create(user=w.union_admin, role=Role.AFFILIATE_ADMIN, organization=tree.b1,
                                  affiliate_kind=AffiliateKind.TRADE_UNION)
    return w


def test_union_admin_sees_only_union_units(world):
    assert list(units_visible_to(world.union_admin)) == [world.b1_union]


def test_union_admin_sees_only_union_honours(world):
    assert list(honours_visible_to(world.union_admin)) == [world.union_honour]


def test_union_admin_sees_activities_a_union_took_part_in(world):
    assert sorted(a.pk for a in activities_visible_to(world.union_admin)) == sorted(
        [world.union_activity.pk, world.joint.pk])


def test_union_admin_does_not_see_the_youth_league_activity_photos(world):
    assert list(photos_visible_to(world.union_admin)) == []


def test_affiliate_admin_without_a_kind_sees_every_kind(tree, world):
    assert sorted(units_visible_to(tree.users.affiliate).values_list("code", flat=True)) == ["U1", "W1", "Y1"]


def test_union_admin_may_not_add_an_honour_to_the_youth_league(world):
    with pytest.raises(PermissionDeniedError):
        domain.add_honour(world.league, by=world.union_admin, year=2025, title="五四红旗团支部", awarded_by="共青团县委")


def test_union_admin_adds_an_honour_to_the_union(world):
    honour = domain.add_honour(world.b1_union, by=world.union_admin, year=2024, title="工人先锋号", awarded_by="县总工会")
    assert honour.unit == world.b1_union


def test_union_admin_may_not_record_an_activity_with_the_youth_league(tree, world):
    with pytest.raises(PermissionDeniedError):
        domain.record_activity(tree.b1, by=world.union_admin, units=[world.b1_union, world.league], held_on=DAY,
                               title="联谊")


def test_union_admin_may_not_edit_a_joint_activity_with_the_youth_league(world):
    assert l_rules.can_edit_activity(world.union_admin, world.joint) is False


def test_union_admin_may_edit_a_union_activity(world):
    assert l_rules.can_edit_activity(world.union_admin, world.union_activity) is True


def test_union_admin_gets_404_for_the_youth_league_unit_page(client, world):
    client.force_login(world.union_admin)
    assert client.get(reverse("linkage:unit-detail", args=[world.league.pk])).status_code == 404


def test_union_admin_gets_404_for_the_youth_league_unit_in_the_api(client, world):
    client.force_login(world.union_admin)
    assert client.get(reverse("api:affiliate-unit-detail", args=[world.league.pk])).status_code == 404


def test_union_admin_gets_403_editing_a_visible_joint_activity(client, world):
    client.force_login(world.union_admin)
    response = client.patch(reverse("api:joint-activity-detail", args=[world.joint.pk]), {"title": "改"},
                            content_type="application/json")
    assert response.status_code == 403


def test_affiliate_kind_is_refused_on_other_roles(tree):
    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=make_user("x1"), role=Role.ORG_ADMIN, organization=tree.b1,
                                      affiliate_kind=AffiliateKind.TRADE_UNION)
