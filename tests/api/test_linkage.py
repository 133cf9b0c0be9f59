import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pacesetter.core.models import AuditEntry
from pacesetter.linkage import domain
from pacesetter.linkage.enums import AffiliateKind
from pacesetter.linkage.models import ActivityPhoto, AffiliateHonour, AffiliateUnit, JointActivity
from pacesetter.orgs.enums import Role
from pacesetter.orgs.models import RoleAssignment
from tests.factories import make_org, make_user
from tests.linkage.world import make_unit, make_world

U = "/api/v1/affiliate-units/"
H = "/api/v1/affiliate-honours/"
J = "/api/v1/joint-activities/"
C = "/api/v1/affiliate-coverage/"


def _many(tree, n):
    for i in range(n):
        org = make_org(tree.t1, code=f"V{i}", township="一号镇")
        unit = make_unit(tree, org, code=f"Y{i}")
        domain.add_honour(unit, by=tree.users.county_admin, year=2025, title="五四红旗团支部", awarded_by="共青团县委")
        domain.record_activity(org, by=tree.users.county_admin, units=[unit], held_on=datetime.date(2026, 5, 1),
                               title=f"活动{i}")


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("url,queries", [(U, 5), (H, 5), (J, 7)])
def test_lists_take_the_same_queries_for_any_length(tree, login, django_assert_num_queries, n, url, queries):
    _many(tree, n)
    client = login(tree.users.org_admin)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.json()["count"] == n


def test_affiliate_admin_lists_only_their_units(tree, login):
    make_world(tree)
    response = login(tree.users.affiliate).get(U)
    assert [row["code"] for row in response.json()["results"]] == ["W1", "Y1"]


def test_affiliate_admin_gets_404_for_another_unit_honour_change(tree, login):
    w = make_world(tree)
    response = login(tree.users.affiliate).patch(f"{H}{w.other_honour.pk}/", {"title": "改"}, format="json")
    assert (response.status_code, AffiliateHonour.objects.get(pk=w.other_honour.pk).title) == (404, "模范职工之家")


def test_affiliate_admin_cannot_name_another_unit_for_an_honour(tree, login):
    make_world(tree)
    response = login(tree.users.affiliate).post(H, {"unit": "U2", "year": 2025, "title": "模范职工之家",
                                                    "awarded_by": "县总工会"}, format="json")
    assert (response.status_code, response.json()) == (400, {"unit": ["Unknown affiliate unit: U2."]})


def test_create_unit_answers_the_unit_and_audits(tree, login):
    response = login(tree.users.org_admin).post(U, {"affiliate_kind": "womens_federation", "code": "W9",
                                                    "name": "一号村妇联", "organization": "T1B1",
                                                    "members_count": 30}, format="json")
    body = response.json()
    assert (response.status_code, body["code"], body["affiliate_kind"], body["township"], body["members_count"]) == (
        201, "W9", "womens_federation", "一号镇", 30)
    assert AuditEntry.objects.filter(action="linkage.unit.create").count() == 1


def test_create_unit_with_a_taken_code_is_a_400_on_code(tree, login):
    make_world(tree)
    response = login(tree.users.county_admin).post(U, {"affiliate_kind": "youth_league", "code": "Y1", "name": "团",
                                                       "organization": "T2B1"}, format="json")
    assert (response.status_code, response.json()) == (400, {"code": ["The code Y1 is taken."]})


def test_honour_without_a_person_is_a_400_on_person_name(tree, login):
    make_world(tree)
    response = login(tree.users.affiliate).post(H, {"unit": "Y1", "year": 2025, "title": "优秀共青团员",
                                                    "recipient": "individual", "awarded_by": "团县委"}, format="json")
    assert (response.status_code, response.json()) == (400, {"person_name": ["Name the person who received the honour."]})


def test_activity_with_a_unit_elsewhere_is_a_400_on_units(tree, login):
    make_world(tree)
    response = login(tree.users.county_admin).post(J, {"organization": "T1B1", "units": ["Y1", "U2"],
                                                       "held_on": "2026-05-01", "title": "联谊"}, format="json")
    assert (response.status_code, response.json()) == (
        400, {"units": ["二号村工会 is not linked to 一号村党支部 or an organisation under it."]})
    assert JointActivity.objects.count() == 2


def test_patch_unit_keeps_what_is_not_given(tree, login):
    w = make_world(tree)
    response = login(tree.users.branch_admin).patch(f"{U}{w.league.pk}/", {"members_count": 20}, format="json")
    unit = AffiliateUnit.objects.get(pk=w.league.pk)
    assert (response.status_code, unit.members_count, unit.name, unit.head_name) == (200, 20, "一号村团支部", "小李")


def test_coverage_counts_by_township(tree, login):
    make_world(tree)
    response = login(tree.users.county_admin).get(C, {"group_by": "township"})
    rows = [(r["group"], r["organisations"], [(k["affiliate_kind"], k["count"]) for k in r["kinds"]])
            for r in response.json()]
    assert rows == [
        ("", 1, [("youth_league", 0), ("trade_union", 0), ("womens_federation", 0)]),
        ("一号镇", 2, [("youth_league", 1), ("trade_union", 0), ("womens_federation", 1)]),
        ("二号镇", 2, [("youth_league", 0), ("trade_union", 1), ("womens_federation", 0)]),
        ("", 5, [("youth_league", 1), ("trade_union", 1), ("womens_federation", 1)]),
    ]


def test_coverage_share_is_count_over_organisations(tree, login):
    make_world(tree)
    response = login(tree.users.org_admin).get(C, {"group_by": "sector", "level": "branch"})
    assert response.json() == [
        {"group": "village", "organisations": 1, "kinds": [
            {"affiliate_kind": "youth_league", "count": 1, "share": 1.0},
            {"affiliate_kind": "trade_union", "count": 0, "share": 0.0},
            {"affiliate_kind": "womens_federation", "count": 1, "share": 1.0}]},
        {"group": "", "organisations": 1, "kinds": [
            {"affiliate_kind": "youth_league", "count": 1, "share": 1.0},
            {"affiliate_kind": "trade_union", "count": 0, "share": 0.0},
            {"affiliate_kind": "womens_federation", "count": 1, "share": 1.0}]},
    ]


def test_coverage_refuses_an_unknown_grouping(tree, login):
    response = login(tree.users.county_admin).get(C, {"group_by": "party"})
    assert response.status_code == 400


def _exif_jpeg(name="photo.jpg"):
    """A JPEG carrying the camera's make and a GPS block in its EXIF."""
    buf = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Camera"
    exif[0x8825] = {1: "N", 2: (30.0, 15.0, 0.0)}
    Image.new("RGB", (60, 40), (30, 120, 200)).save(buf, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def _photos_url(activity) -> str:
    return f"{J}{activity.pk}/photos/"


def test_upload_photos_answers_them_and_audits(tree, login):
    w = make_world(tree)
    response = login(tree.users.affiliate).post(_photos_url(w.activity), {"files": [_exif_jpeg(), _exif_jpeg()]},
                                                format="multipart")
    entry = AuditEntry.objects.get(action="linkage.activity.photos")
    assert (response.status_code, len(response.json()), w.activity.photos.count(),
            len(entry.after["photos_added"])) == (201, 2, 3, 2)


def test_uploaded_photos_are_stored_without_exif(tree, login):
    w = make_world(tree)
    body = login(tree.users.county_admin).post(_photos_url(w.activity), {"files": [_exif_jpeg()]},
                                               format="multipart").json()
    photo = ActivityPhoto.objects.get(pk=body[0]["id"])
    with photo.file.open("rb") as stored:
        assert dict(Image.open(stored).getexif()) == {}


def test_upload_of_a_non_photo_is_a_400_on_files(tree, login):
    w = make_world(tree)
    text = SimpleUploadedFile("notes.jpg", b"not a photo at all", content_type="image/jpeg")
    response = login(tree.users.county_admin).post(_photos_url(w.activity), {"files": [text]}, format="multipart")
    assert (response.status_code, list(response.json()), w.activity.photos.count()) == (400, ["files"], 1)


def test_upload_past_nine_photos_is_a_400_on_files(tree, login):
    w = make_world(tree)
    files = [_exif_jpeg(f"p{i}.jpg") for i in range(9)]
    response = login(tree.users.county_admin).post(_photos_url(w.activity), {"files": files}, format="multipart")
    assert (response.status_code, list(response.json()), w.activity.photos.count()) == (400, ["files"], 1)


def test_upload_by_a_youth_league_admin_to_an_activity_shared_with_womens_federation_is_a_403(tree, login):
    w = make_world(tree)
    league_admin = make_user("league1")
    RoleAssignment.objects.create(user=league_admin, role=Role.AFFILIATE_ADMIN, organization=tree.b1,
                                  affiliate_kind=AffiliateKind.YOUTH_LEAGUE)
    response = login(league_admin).post(_photos_url(w.activity), {"files": [_exif_jpeg()]}, format="multipart")
    assert (response.status_code, w.activity.photos.count()) == (403, 1)


@pytest.mark.parametrize("n", [1, 3])
def test_photo_list_takes_the_same_queries_for_any_length(tree, login, django_assert_num_queries, n):
    w = make_world(tree)
    if n > 1:
        domain.add_photos(w.activity, by=tree.users.county_admin, photos=[_exif_jpeg() for _ in range(n - 1)])
    client = login(tree.users.org_admin)
    with django_assert_num_queries(7):
        response = client.get(_photos_url(w.activity))
    assert len(response.json()) == n
