import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.linkage import domain
from pacesetter.linkage.enums import AffiliateKind, HonourRecipient
from pacesetter.linkage.models import (
    ActivityPhoto,
    AffiliateHonour,
    AffiliateUnit,
    JointActivity,
)
from pacesetter.orgs.enums import OrgStatus

from .world import jpeg, make_unit, make_world

DAY = datetime.date(2026, 5, 4)


def _refusal(excinfo) -> str:
    return excinfo.value.code


def test_create_unit_links_the_unit_and_audits(tree):
    unit = domain.create_unit(by=tree.users.org_admin, kind=AffiliateKind.TRADE_UNION, code="U1", name=" 一号村工会 ",
                              organization=tree.b1, members_count=9, head_name="老王")
    entry = AuditEntry.objects.get(action="linkage.unit.create")
    assert (unit.name, unit.organization, unit.members_count, unit.active) == ("一号村工会", tree.b1, 9, True)
    assert (entry.object_id, entry.after["code"], entry.after["organization_id"]) == (str(unit.pk), "U1", tree.b1.pk)


def test_create_unit_refuses_a_taken_code(tree):
    make_unit(tree, tree.b1, code="Y1")
    with pytest.raises(DomainError) as excinfo:
        make_unit(tree, tree.b2, code="Y1")
    assert (_refusal(excinfo), AffiliateUnit.objects.count()) == ("code_taken", 1)


def test_create_unit_refuses_a_malformed_code(tree):
    with pytest.raises(DomainError) as excinfo:
        make_unit(tree, tree.b1, code="团 1")
    assert _refusal(excinfo) == "code_invalid"


def test_create_unit_refuses_an_unknown_kind(tree):
    with pytest.raises(DomainError) as excinfo:
        make_unit(tree, tree.b1, code="X1", kind="red_cross")
    assert _refusal(excinfo) == "kind_invalid"


def test_create_unit_refuses_a_dissolved_party_organisation(tree):
    tree.b1.status = OrgStatus.DISSOLVED
    tree.b1.save(update_fields=["status"])
    with pytest.raises(DomainError) as excinfo:
        make_unit(tree, tree.b1, code="Y1")
    assert _refusal(excinfo) == "organization_inactive"


def test_create_unit_refuses_a_future_founding_day(tree):
    with pytest.raises(DomainError) as excinfo:
        make_unit(tree, tree.b1, code="Y1", established=timezone.localdate() + datetime.timedelta(days=1))
    assert _refusal(excinfo) == "date_future"


def test_create_unit_refuses_a_negative_member_count(tree):
    with pytest.raises(DomainError) as excinfo:
        make_unit(tree, tree.b1, code="Y1", members_count=-1)
    assert _refusal(excinfo) == "count_invalid"


def test_org_admin_may_not_link_a_unit_outside_their_subtree(tree):
    with pytest.raises(PermissionDeniedError):
        domain.create_unit(by=tree.users.org_admin, kind=AffiliateKind.YOUTH_LEAGUE, code="Y2", name="团支部",
                           organization=tree.b2)
    assert AffiliateUnit.objects.count() == 0


def test_affiliate_admin_may_not_create_units(tree):
    with pytest.raises(PermissionDeniedError):
        domain.create_unit(by=tree.users.affiliate, kind=AffiliateKind.YOUTH_LEAGUE, code="Y1", name="团支部",
                           organization=tree.b1)


def test_update_unit_may_not_move_it_outside_the_actor_subtree(tree):
    unit = make_unit(tree, tree.b1, code="Y1")
    with pytest.raises(PermissionDeniedError):
        domain.update_unit(unit, by=tree.users.org_admin, kind=unit.kind, name=unit.name, organization=tree.b2,
                           members_count=1, head_name="", established=None, active=True)
    unit.refresh_from_db()
    assert unit.organization == tree.b1


def test_update_unit_changes_fields_and_audits_before_and_after(tree):
    unit = make_unit(tree, tree.b1, code="Y1", members_count=3)
    domain.update_unit(unit, by=tree.users.branch_admin, kind=unit.kind, name="新团支部", organization=tree.b1,
                       members_count=7, head_name="小赵", established=None, active=False)
    unit.refresh_from_db()
    entry = AuditEntry.objects.get(action="linkage.unit.update")
    assert (unit.name, unit.members_count, unit.active) == ("新团支部", 7, False)
    assert (entry.before["members_count"], entry.after["members_count"]) == (3, 7)


def test_affiliate_admin_adds_an_honour_to_their_own_unit(tree):
    unit = make_unit(tree, tree.b1, code="Y1")
    honour = domain.add_honour(unit, by=tree.users.affiliate, year=2025, title="五四红旗团支部", awarded_by="共青团县委")
    assert (honour.unit, honour.recipient, honour.person_name) == (unit, HonourRecipient.COLLECTIVE, "")


def test_affiliate_admin_may_not_add_an_honour_to_another_unit(tree):
    other = make_unit(tree, tree.b2, code="Y2")
    with pytest.raises(PermissionDeniedError):
        domain.add_honour(other, by=tree.users.affiliate, year=2025, title="五四红旗团支部", awarded_by="共青团县委")
    assert AffiliateHonour.objects.count() == 0


def test_inspector_may_not_add_honours(tree):
    unit = make_unit(tree, tree.b1, code="Y1")
    with pytest.raises(PermissionDeniedError):
        domain.add_honour(unit, by=tree.users.inspector, year=2025, title="五四红旗团支部", awarded_by="共青团县委")


@pytest.mark.parametrize("changes,code", [
    ({"recipient": HonourRecipient.INDIVIDUAL}, "person_required"),
    ({"person_name": "小王"}, "person_collective"),
    ({"year": 1948}, "year_invalid"),
    ({"title": "  "}, "required"),
    ({"title": "荣" * 101}, "too_long"),
    ({"recipient": "team"}, "recipient_invalid"),
])
def test_add_honour_refuses_bad_input(tree, changes, code):
    unit = make_unit(tree, tree.b1, code="Y1")
    args = {"year": 2025, "title": "五四红旗团支部", "awarded_by": "共青团县委", **changes}
    with pytest.raises(DomainError) as excinfo:
        domain.add_honour(unit, by=tree.users.county_admin, **args)
    assert _refusal(excinfo) == code


def test_add_honour_refuses_next_year(tree):
    unit = make_unit(tree, tree.b1, code="Y1")
    with pytest.raises(DomainError) as excinfo:
        domain.add_honour(unit, by=tree.users.county_admin, year=timezone.localdate().year + 1, title="五四红旗团支部",
                          awarded_by="共青团县委")
    assert _refusal(excinfo) == "year_invalid"


def test_update_honour_by_affiliate_admin_audits(tree):
    w = make_world(tree)
    domain.update_honour(w.honour, by=tree.users.affiliate, year=2024, title="五四红旗团支部标兵",
                         recipient=HonourRecipient.COLLECTIVE, person_name="", awarded_by="共青团市委")
    w.honour.refresh_from_db()
    entry = AuditEntry.objects.get(action="linkage.honour.update")
    assert (w.honour.year, w.honour.title, entry.before["year"], entry.after["awarded_by"]) == (
        2024, "五四红旗团支部标兵", 2025, "共青团市委")


def test_record_activity_links_units_and_stores_photos(tree):
    w = make_world(tree)
    assert (sorted(u.code for u in w.activity.units.all()), w.activity.photos.count()) == (["W1", "Y1"], 1)
    assert w.photo.kind == "photo" and w.photo.thumbnail.name != ""


def test_township_activity_may_include_a_branch_unit_below_it(tree):
    unit = make_unit(tree, tree.b1, code="Y1")
    activity = domain.record_activity(tree.t1, by=tree.users.org_admin, units=[unit], held_on=DAY, title="全镇团员大会")
    assert list(activity.units.all()) == [unit]


def test_record_activity_refuses_a_unit_outside_the_organisation(tree):
    w = make_world(tree)
    with pytest.raises(DomainError) as excinfo:
        domain.record_activity(tree.b1, by=tree.users.county_admin, units=[w.league, w.union], held_on=DAY, title="联谊")
    assert (_refusal(excinfo), JointActivity.objects.count()) == ("unit_outside", 2)


def test_record_activity_refuses_no_units(tree):
    with pytest.raises(DomainError) as excinfo:
        domain.record_activity(tree.b1, by=tree.users.county_admin, units=[], held_on=DAY, title="联谊")
    assert _refusal(excinfo) == "units_required"


def test_record_activity_refuses_a_future_day(tree):
    unit = make_unit(tree, tree.b1, code="Y1")
    with pytest.raises(DomainError) as excinfo:
        domain.record_activity(tree.b1, by=tree.users.county_admin, units=[unit], title="联谊",
                               held_on=timezone.localdate() + datetime.timedelta(days=1))
    assert _refusal(excinfo) == "date_future"


def test_record_activity_refuses_a_document_as_a_photo(tree):
    unit = make_unit(tree, tree.b1, code="Y1")
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                             content_type="application/pdf")
    with translation.override("en"), pytest.raises(DomainError):
        domain.record_activity(tree.b1, by=tree.users.county_admin, units=[unit], held_on=DAY, title="联谊",
                               photos=[pdf])
    assert (JointActivity.objects.count(), ActivityPhoto.objects.count()) == (0, 0)


def test_record_activity_refuses_too_many_photos(tree):
    unit = make_unit(tree, tree.b1, code="Y1")
    with pytest.raises(DomainError) as excinfo:
        domain.record_activity(tree.b1, by=tree.users.county_admin, units=[unit], held_on=DAY, title="联谊",
                               photos=[jpeg() for _n in range(domain.activities.MAX_PHOTOS + 1)])
    assert _refusal(excinfo) == "too_many_photos"


def test_affiliate_admin_may_not_record_an_activity_for_another_organisation(tree):
    other = make_unit(tree, tree.b2, code="U2", kind=AffiliateKind.TRADE_UNION)
    with pytest.raises(PermissionDeniedError):
        domain.record_activity(tree.b2, by=tree.users.affiliate, units=[other], held_on=DAY, title="联谊")


def test_update_activity_adds_photos_to_those_kept(tree):
    w = make_world(tree)
    domain.update_activity(w.activity, by=tree.users.affiliate, units=[w.league], held_on=DAY, title="青春志愿行（二）",
                           description="", participants=31, photos=[jpeg("b.jpg")])
    w.activity.refresh_from_db()
    assert (w.activity.title, list(w.activity.units.all()), w.activity.photos.count()) == (
        "青春志愿行（二）", [w.league], 2)
