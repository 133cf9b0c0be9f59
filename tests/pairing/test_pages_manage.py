import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from pacesetter.pairing.domain import end_pairing
from pacesetter.pairing.models import Pairing

NEW = {"kind": "urban_rural", "helper_organizations": "AG", "helper_members": "", "helper_leaders": "",
       "helped_organizations": "T1B1", "helped_members": "", "helped_leaders": "", "goals": "村集体经济增收",
       "starts_on": "2025-03-01", "ends_on": ""}


@pytest.fixture
def admin(client, tree):
    client.force_login(tree.users.county_admin)
    return client


def _post(client, url, data):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.post(url, data)


def _parties(pairing):
    return sorted((p.side, p.party.code) for p in pairing.parties.all())


def test_new_pairing_is_created_with_its_parties(admin, world):
    response = admin.post("/pairings/new/", NEW)
    pairing = Pairing.objects.get()
    assert (response.status_code, response["Location"], _parties(pairing), pairing.starts_on) == (
        302, f"/pairings/{pairing.pk}/", [("helped", "T1B1"), ("helper", "AG")], datetime.date(2025, 3, 1))


def test_new_pairing_of_two_members(admin, world):
    admin.post("/pairings/new/", NEW | {"kind": "one_helps_one", "helper_organizations": "", "helper_members": "M1",
                                        "helped_organizations": "", "helped_members": "M2"})
    assert _parties(Pairing.objects.get()) == [("helped", "M2"), ("helper", "M1")]


def test_new_pairing_shape_error_names_the_helper_side(admin, world):
    response = _post(admin, "/pairings/new/", NEW | {"helper_organizations": "V3"})
    assert (response.status_code, response.context["form"].errors["helper_organizations"], Pairing.objects.count()) \
        == (400, ["Urban-rural pairing has agency, school, health or enterprise organisations helping village or "
                  "community organisations."], 0)


def test_new_pairing_shape_error_names_the_helped_side(admin, world):
    response = _post(admin, "/pairings/new/", NEW | {"helped_organizations": "SC"})
    assert (response.status_code, list(response.context["form"].errors), Pairing.objects.count()) == (
        400, ["helped_organizations"], 0)


def test_new_pairing_unknown_code_is_named(admin, world):
    response = _post(admin, "/pairings/new/", NEW | {"helped_organizations": "T1B1, NOPE"})
    assert (response.status_code, response.context["form"].errors["helped_organizations"]) == (
        400, ["Not found among those you see: NOPE."])


def test_new_pairing_without_helper_is_refused(admin, world):
    response = _post(admin, "/pairings/new/", NEW | {"helper_organizations": ""})
    assert (response.status_code, response.context["form"].errors["helper_organizations"]) == (
        400, ["A pairing needs at least one helper."])


def test_new_pairing_is_for_county_admins(client, tree, world):
    client.force_login(tree.users.org_admin)
    assert (client.post("/pairings/new/", NEW).status_code, Pairing.objects.count()) == (403, 0)


def test_edit_changes_goals_and_planned_end(admin, pairing):
    response = admin.post(f"/pairings/{pairing.pk}/edit/", {"goals": "新目标", "ends_on": "2026-05-31"})
    pairing.refresh_from_db()
    assert (response.status_code, pairing.goals, pairing.ends_on) == (302, "新目标", datetime.date(2026, 5, 31))


def test_edit_with_end_before_start_changes_nothing(admin, pairing):
    response = _post(admin, f"/pairings/{pairing.pk}/edit/", {"goals": "新目标", "ends_on": "2024-01-01"})
    pairing.refresh_from_db()
    assert (response.status_code, response.context["form"].errors["ends_on"], pairing.goals) == (
        400, ["The end day is before the start day."], "村集体经济增收")


def test_end_sets_state_day_and_reason(admin, pairing):
    response = admin.post(f"/pairings/{pairing.pk}/end/", {"on": "2025-05-31", "reason": "期满"})
    pairing.refresh_from_db()
    assert (response.status_code, pairing.state, pairing.ends_on, pairing.end_reason) == (
        302, "ended", datetime.date(2025, 5, 31), "期满")


def test_end_in_the_future_is_refused(admin, pairing):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = _post(admin, f"/pairings/{pairing.pk}/end/", {"on": tomorrow.isoformat(), "reason": "期满"})
    pairing.refresh_from_db()
    assert (response.status_code, response.context["form"].errors["on"], pairing.state) == (
        400, ["A pairing cannot end in the future."], "active")


def test_end_of_an_ended_pairing_is_refused(admin, tree, pairing):
    end_pairing(pairing, on=datetime.date(2025, 1, 1), reason="期满", by=tree.users.county_admin)
    response = _post(admin, f"/pairings/{pairing.pk}/end/", {"on": "2025-05-31", "reason": "再次"})
    assert (response.status_code, response.context["form"].non_field_errors()) == (
        400, ["This pairing has already ended."])


def test_replace_keeps_the_old_pairing_as_history(admin, world, pairing):
    response = admin.post(f"/pairings/{pairing.pk}/replace/", {"on": "2025-06-01", "reason": "帮扶单位调整",
                                                                 "helper_organizations": "SC", "goals": "继续帮扶"})
    pairing.refresh_from_db()
    new = pairing.replaced_by
    assert (response.status_code, response["Location"], pairing.state, pairing.ends_on, _parties(new),
            new.starts_on) == (302, f"/pairings/{new.pk}/", "replaced", datetime.date(2025, 6, 1),
                               [("helped", "T1B1"), ("helper", "SC")], datetime.date(2025, 6, 1))


def test_replace_with_a_village_helper_changes_nothing(admin, world, pairing):
    response = _post(admin, f"/pairings/{pairing.pk}/replace/", {
        "on": "2025-06-01", "reason": "调整", "helper_organizations": "V3", "goals": "继续帮扶"})
    pairing.refresh_from_db()
    assert (response.status_code, list(response.context["form"].errors), pairing.state, Pairing.objects.count()) == (
        400, ["helper_organizations"], "active", 1)


def test_replace_outside_the_view_is_missing(client, tree, world, pairing):
    client.force_login(tree.users.member)
    assert client.get(f"/pairings/{pairing.pk}/replace/").status_code == 404


@pytest.mark.parametrize(("role", "shown"), [("county_admin", True), ("org_admin", False), ("inspector", False)])
def test_detail_shows_change_buttons_to_who_may_act(client, tree, pairing, role, shown):
    client.force_login(getattr(tree.users, role))
    body = client.get(f"/pairings/{pairing.pk}/").content.decode()
    assert (f"/pairings/{pairing.pk}/end/" in body, f"/pairings/{pairing.pk}/replace/" in body) == (shown, shown)


def test_detail_of_an_ended_pairing_has_no_change_buttons(admin, tree, pairing):
    end_pairing(pairing, on=datetime.date(2025, 1, 1), reason="期满", by=tree.users.county_admin)
    assert f"/pairings/{pairing.pk}/edit/" not in admin.get(f"/pairings/{pairing.pk}/").content.decode()


def test_list_offers_new_pairing_to_county_admins_only(client, tree):
    client.force_login(tree.users.org_admin)
    assert client.get("/pairings/").context["can_create"] is False
