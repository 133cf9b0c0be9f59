import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from pacesetter.core.models import AuditEntry
from pacesetter.pairing.domain import log_help
from pacesetter.pairing.models import HelpLog, HelpPhoto, Pairing

A = "/api/v1/pairings"
NEW = {"pairing_kind": "urban_rural", "goals": "村集体经济增收", "starts_on": "2025-03-01",
       "helpers": [{"party_type": "organization", "code": "AG"}],
       "helped": [{"party_type": "organization", "code": "T1B1"}]}


@pytest.fixture
def admin(client, tree):
    client.force_login(tree.users.county_admin)
    return client


def _json(client, method, url, data):
    with translation.override("en"):
        return getattr(client, method)(url, data, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")


def _png(name="visit.png"):
    buf = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def test_create_pairing(admin, world):
    response = _json(admin, "post", f"{A}/", NEW)
    body = response.json()
    assert (response.status_code, body["pairing_state"], [(p["party_side"], p["organization_code"])
                                                          for p in body["parties"]]) == (
        201, "active", [("helped", "T1B1"), ("helper", "AG")])


def test_create_pairing_of_a_leader(admin, tree, world):
    response = _json(admin, "post", f"{A}/", NEW | {"pairing_kind": "fixed_point_liaison",
                                                      "helpers": [{"party_type": "leader", "code": "L1"}]})
    assert (response.status_code, response.json()["parties"][1]["party_type"]) == (201, "leader")


def test_create_shape_refusal_is_under_helpers(admin, world):
    response = _json(admin, "post", f"{A}/", NEW | {"helpers": [{"party_type": "organization", "code": "V3"}]})
    assert (response.status_code, list(response.json()), Pairing.objects.count()) == (400, ["helpers"], 0)


def test_create_unknown_party_is_refused(admin, world):
    response = _json(admin, "post", f"{A}/", NEW | {"helped": [{"party_type": "member", "code": "NOPE"}]})
    assert (response.status_code, response.json()) == (
        400, {"helped": {"0": {"code": ["Not found among those you see: NOPE."]}}})


def test_create_is_for_county_admins(client, tree, world):
    client.force_login(tree.users.org_admin)
    assert (_json(client, "post", f"{A}/", NEW).status_code, Pairing.objects.count()) == (403, 0)


def test_patch_changes_goals(admin, pairing):
    response = _json(admin, "patch", f"{A}/{pairing.pk}/", {"goals": "新目标"})
    assert (response.status_code, response.json()["goals"], response.json()["ends_on"]) == (200, "新目标", None)


def test_patch_with_end_before_start_is_refused(admin, pairing):
    response = _json(admin, "patch", f"{A}/{pairing.pk}/", {"ends_on": "2024-01-01"})
    assert (response.status_code, response.json()) == (400, {"ends_on": ["The end day is before the start day."]})


def test_end_pairing(admin, pairing):
    response = _json(admin, "post", f"{A}/{pairing.pk}/end/", {"on": "2025-05-31", "reason": "期满"})
    assert (response.status_code, response.json()["pairing_state"], response.json()["ends_on"]) == (
        200, "ended", "2025-05-31")


def test_end_before_start_is_refused_under_on(admin, pairing):
    response = _json(admin, "post", f"{A}/{pairing.pk}/end/", {"on": "2024-01-01", "reason": "期满"})
    assert (response.status_code, list(response.json())) == (400, ["on"])


def test_replace_keeps_the_helped_side(admin, world, pairing):
    response = _json(admin, "post", f"{A}/{pairing.pk}/replace/", {
        "on": "2025-06-01", "reason": "调整", "helpers": [{"party_type": "organization", "code": "SC"}]})
    pairing.refresh_from_db()
    body = response.json()
    assert (response.status_code, pairing.state, pairing.replaced_by_id, body["goals"],
            [p["organization_code"] for p in body["parties"]]) == (
        201, "replaced", body["id"], "村集体经济增收", ["T1B1", "SC"])


def test_replace_by_org_admin_is_forbidden(client, tree, pairing):
    client.force_login(tree.users.org_admin)
    response = _json(client, "post", f"{A}/{pairing.pk}/replace/", {
        "on": "2025-06-01", "reason": "调整", "helpers": [{"party_type": "organization", "code": "SC"}]})
    assert (response.status_code, Pairing.objects.count()) == (403, 1)


def test_log_help_through_the_api(admin, pairing):
    response = _json(admin, "post", f"{A}/{pairing.pk}/logs/", {"date": "2024-07-01", "activity": "走访",
                                                                  "people": 3, "money": "100.50"})
    assert (response.status_code, response.json()["money"], list(HelpLog.objects.values_list("activity", flat=True))
            ) == (201, "100.50", ["走访"])


def test_log_outside_the_period_is_refused_under_date(admin, pairing):
    response = _json(admin, "post", f"{A}/{pairing.pk}/logs/", {"date": "2024-01-01", "activity": "走访"})
    assert (response.status_code, list(response.json()), HelpLog.objects.count()) == (400, ["date"], 0)


def test_helped_side_admin_may_not_log(client, tree, pairing):
    client.force_login(tree.users.branch_admin)
    response = _json(client, "post", f"{A}/{pairing.pk}/logs/", {"date": "2024-07-01", "activity": "走访"})
    assert response.status_code == 403


@pytest.mark.parametrize("n", [1, 3])
def test_log_list_queries_do_not_grow(admin, tree, pairing, n, django_assert_num_queries):
    for i in range(n):
        log_help(pairing, date=datetime.date(2024, 7, 1 + i), activity="走访", by=tree.users.county_admin)
    with django_assert_num_queries(8):
        response = admin.get(f"{A}/{pairing.pk}/logs/")
    assert response.json()["count"] == n


def test_photos_are_added_to_a_log(admin, tree, pairing, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    log = log_help(pairing, date=datetime.date(2024, 7, 1), activity="走访", by=tree.users.county_admin)
    response = admin.post(f"{A}/{pairing.pk}/logs/{log.pk}/photos/", {"files": [_png(), _png("b.png")]})
    assert (response.status_code, [p["original_name"] for p in response.json()], HelpPhoto.objects.count(),
            AuditEntry.objects.filter(action="pairing.photos").count()) == (201, ["visit.png", "b.png"], 2, 1)


def test_a_renamed_program_is_refused_as_a_photo(admin, tree, pairing, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    log = log_help(pairing, date=datetime.date(2024, 7, 1), activity="走访", by=tree.users.county_admin)
    fake = SimpleUploadedFile("visit.jpg", b"MZ\x90\x00" + b"\x00" * 100, content_type="image/jpeg")
    response = admin.post(f"{A}/{pairing.pk}/logs/{log.pk}/photos/", {"files": [fake]})
    assert (response.status_code, list(response.json()), HelpPhoto.objects.count()) == (400, ["files"], 0)


def test_photos_of_a_log_of_another_pairing_are_missing(admin, tree, world, pairing):
    other = log_help(pairing, date=datetime.date(2024, 7, 1), activity="走访", by=tree.users.county_admin)
    second = _json(admin, "post", f"{A}/", NEW | {"helped": [{"party_type": "organization", "code": "V3"}]}).json()
    response = admin.post(f"{A}/{second['id']}/logs/{other.pk}/photos/", {"files": [_png()]})
    assert response.status_code == 404
