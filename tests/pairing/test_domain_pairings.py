import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.pairing.domain import (
    create_pairing,
    end_pairing,
    log_help,
    replace_pairing,
    update_pairing,
)
from pacesetter.pairing.enums import PairingKind, PairingState
from pacesetter.pairing.models import HelpLog, Pairing

JUNE = datetime.date(2024, 6, 1)


def test_create_pairing_stores_parties_and_audits(tree, world, pairing):
    assert [(p.side, p.organization.code) for p in pairing.parties.all()] == [("helped", "T1B1"), ("helper", "AG")]
    assert AuditEntry.objects.filter(action="pairing.create", object_id=str(pairing.pk)).count() == 1


def test_create_pairing_refuses_non_county_admin(tree, world):
    with pytest.raises(PermissionDeniedError):
        create_pairing(kind=PairingKind.URBAN_RURAL, goals="x", starts_on=JUNE, helpers=[world.ag],
                       helped=[tree.b1], by=tree.users.org_admin)


def test_urban_rural_refuses_village_helper(tree, world):
    with pytest.raises(DomainError) as err:
        create_pairing(kind=PairingKind.URBAN_RURAL, goals="x", starts_on=JUNE, helpers=[world.v3],
                       helped=[tree.b1], by=tree.users.county_admin)
    assert err.value.code == "shape_helpers"


def test_one_helps_one_refuses_two_helped(tree, world):
    with pytest.raises(DomainError) as err:
        create_pairing(kind=PairingKind.ONE_HELPS_ONE, goals="x", starts_on=JUNE, helpers=[tree.m1],
                       helped=[tree.m2, world.v3], by=tree.users.county_admin)
    assert err.value.code == "shape_helped"


def test_one_helps_one_pairs_two_members(tree):
    pairing = create_pairing(kind=PairingKind.ONE_HELPS_ONE, goals="x", starts_on=JUNE, helpers=[tree.m1],
                             helped=[tree.m2], by=tree.users.county_admin)
    assert [str(p) for p in pairing.parties.all()] == [str(tree.m2), str(tree.m1)]


def test_fixed_point_liaison_takes_a_leader(tree, world):
    pairing = create_pairing(kind=PairingKind.FIXED_POINT_LIAISON, goals="x", starts_on=JUNE,
                             helpers=[tree.leader], helped=[tree.b1, tree.b2], by=tree.users.county_admin)
    assert sorted(p.side for p in pairing.parties.all()) == ["helped", "helped", "helper"]


def test_fixed_point_liaison_refuses_a_school(tree, world):
    with pytest.raises(DomainError):
        create_pairing(kind=PairingKind.FIXED_POINT_LIAISON, goals="x", starts_on=JUNE, helpers=[world.sc],
                       helped=[tree.b1], by=tree.users.county_admin)


def test_hand_in_hand_is_many_to_many(tree, world):
    pairing = create_pairing(kind=PairingKind.HAND_IN_HAND, goals="x", starts_on=JUNE, helpers=[world.ag, world.sc],
                             helped=[tree.b1, tree.b2, world.v3], by=tree.users.county_admin)
    assert pairing.parties.count() == 5


def test_party_on_both_sides_is_refused(tree, world):
    with pytest.raises(DomainError) as err:
        create_pairing(kind=PairingKind.HAND_IN_HAND, goals="x", starts_on=JUNE, helpers=[world.ag],
                       helped=[world.ag], by=tree.users.county_admin)
    assert err.value.code == "party_twice"


def test_end_pairing_keeps_it_with_state_and_day(tree, pairing):
    end_pairing(pairing, on=datetime.date(2025, 5, 31), reason="期满", by=tree.users.county_admin)
    pairing.refresh_from_db()
    assert (pairing.state, pairing.ends_on, pairing.end_reason) == (PairingState.ENDED, datetime.date(2025, 5, 31), "期满")


def test_end_pairing_twice_is_refused(tree, pairing):
    end_pairing(pairing, on=datetime.date(2025, 5, 31), reason="期满", by=tree.users.county_admin)
    with pytest.raises(DomainError) as err:
        end_pairing(pairing, on=datetime.date(2025, 6, 1), reason="again", by=tree.users.county_admin)
    assert err.value.code == "not_active"


def test_replace_pairing_links_old_to_new(tree, world, pairing):
    new = replace_pairing(pairing, on=datetime.date(2025, 1, 1), reason="换帮扶单位", goals="继续帮扶",
                          helpers=[world.sc], helped=[tree.b1], by=tree.users.county_admin)
    pairing.refresh_from_db()
    assert (pairing.state, pairing.replaced_by_id, new.starts_on, Pairing.objects.count()) == (
        PairingState.REPLACED, new.pk, datetime.date(2025, 1, 1), 2)


def test_update_pairing_changes_goals(tree, pairing):
    update_pairing(pairing, goals="新目标", ends_on=datetime.date(2026, 5, 31), by=tree.users.county_admin)
    pairing.refresh_from_db()
    assert (pairing.goals, pairing.ends_on) == ("新目标", datetime.date(2026, 5, 31))


def _png() -> SimpleUploadedFile:
    import io

    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(buf, "PNG")
    return SimpleUploadedFile("visit.png", buf.getvalue(), content_type="image/png")


def test_helper_side_org_admin_logs_help_with_photo(tree, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pairing = create_pairing(kind=PairingKind.URBAN_RURAL, goals="x", starts_on=JUNE, helpers=[world.sc],
                             helped=[tree.b2], by=tree.users.county_admin)
    log = log_help(pairing, date=datetime.date(2024, 7, 1), activity="走访慰问", people=5, money="1200.50",
                   goods="米面油", photos=[_png()], by=tree.users.org_admin)
    assert (log.money, log.people, log.photos.count()) == (Decimal("1200.50"), 5, 1)


def test_helped_side_admin_may_not_log(tree, world):
    pairing = create_pairing(kind=PairingKind.URBAN_RURAL, goals="x", starts_on=JUNE, helpers=[world.ag],
                             helped=[tree.b1], by=tree.users.county_admin)
    with pytest.raises(PermissionDeniedError):
        log_help(pairing, date=datetime.date(2024, 7, 1), activity="走访", by=tree.users.branch_admin)


def test_log_in_the_future_is_refused(tree, pairing):
    with pytest.raises(DomainError) as err:
        log_help(pairing, date=timezone.localdate() + datetime.timedelta(days=1), activity="走访",
                 by=tree.users.county_admin)
    assert err.value.code == "date_invalid"


def test_log_refuses_negative_money(tree, pairing):
    with pytest.raises(DomainError) as err:
        log_help(pairing, date=datetime.date(2024, 7, 1), activity="走访", money="-1", by=tree.users.county_admin)
    assert (err.value.code, HelpLog.objects.count()) == ("money_invalid", 0)


def test_log_on_ended_pairing_is_refused(tree, pairing):
    end_pairing(pairing, on=datetime.date(2025, 5, 31), reason="期满", by=tree.users.county_admin)
    pairing.refresh_from_db()
    with pytest.raises(DomainError) as err:
        log_help(pairing, date=datetime.date(2024, 7, 1), activity="走访", by=tree.users.county_admin)
    assert err.value.code == "not_active"
