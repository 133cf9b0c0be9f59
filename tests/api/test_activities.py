"""/api/v1/activities/ and /api/v1/activity-attendance/: constant query counts, planning,
signing in with a code, refusals filed under their field, and a held activity's photos."""
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image
from rest_framework.test import APIClient

from pacesetter.activities import codes, domain
from pacesetter.activities.domain.activities import MAX_PHOTOS
from pacesetter.activities.models import ActivityPhoto, Attendance
from pacesetter.core.errors import PermissionDeniedError
from pacesetter.core.models import AuditEntry
from tests.activities.conftest import plan
from tests.activities.world import make_world

#: The photo list's queries, whatever their number: the user's roles, the member of the
#: login (for the visibility query), the activity and its photos.
PHOTO_LIST_QUERIES = 4


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def member_login(tree):
    """tree.users.member is the login of 张三 (M1, member of T1B1)."""
    tree.m1.user = tree.users.member
    tree.m1.save(update_fields=["user"])
    return tree.users.member


@pytest.fixture
def today_activity(tree):
    return plan(tree.b1, tree.users.branch_admin)


def more(tree, n):
    """n activities three days ago, each with M1 present and M2 invited."""
    past = timezone.localdate() - datetime.timedelta(days=3)
    for i in range(n):
        activity = plan(tree.b1, tree.users.county_admin, day=past, title=f"党课{i}", invited=[tree.m2])
        domain.mark_attendance(activity, tree.m1, by=tree.users.county_admin, status="present")


@pytest.mark.parametrize("url", ["/api/v1/activities/", "/api/v1/activity-attendance/"])
def test_lists_take_the_same_queries_for_one_and_three(tree, api, django_assert_num_queries,
                                                       django_assert_max_num_queries, url):
    api.force_authenticate(tree.users.org_admin)
    more(tree, 1)
    api.get(url)
    with django_assert_max_num_queries(100) as one:
        assert api.get(url).status_code == 200
    more(tree, 2)
    with django_assert_num_queries(len(one.captured_queries)):
        response = api.get(url)
    assert response.json()["count"] == 3


def test_plan_an_activity_with_a_member_invited_from_elsewhere(tree, api):
    api.force_authenticate(tree.users.county_admin)
    response = api.post("/api/v1/activities/", {
        "organization": "T1B1", "activity_kind": "party_lesson", "title": "专题党课", "invited": ["M2"],
        "starts_at": "2026-01-10T09:00:00+08:00", "ends_at": "2026-01-10T10:30:00+08:00"}, format="json")
    body = response.json()
    assert (response.status_code, body["activity_state"], body["day"], body["invited"]) == (
        201, "planned", "2026-01-10", ["M2"])


def test_plan_cannot_invite_a_member_outside_the_view(tree, api):
    api.force_authenticate(tree.users.branch_admin)
    response = api.post("/api/v1/activities/", {
        "organization": "T1B1", "activity_kind": "party_lesson", "title": "专题党课", "invited": ["M2"],
        "starts_at": "2026-01-10T09:00:00+08:00", "ends_at": "2026-01-10T10:30:00+08:00"}, format="json",
        HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, list(response.json())) == (400, ["invited"])


def test_plan_refuses_an_end_before_the_start_under_its_field(tree, api):
    api.force_authenticate(tree.users.branch_admin)
    with translation.override("en"):
        response = api.post("/api/v1/activities/", {
            "organization": "T1B1", "activity_kind": "party_lesson", "title": "专题党课",
            "starts_at": "2026-01-10T09:00:00+08:00", "ends_at": "2026-01-10T08:00:00+08:00"}, format="json",
            HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.json()) == (
        400, {"starts_at": ["The activity ends after it starts, and within three days."]})


def test_sign_in_with_a_code(tree, api, member_login, today_activity):
    api.force_authenticate(member_login)
    response = api.post(f"/api/v1/activities/{today_activity.pk}/sign-in/",
                        {"code": codes.issue(today_activity.pk)}, format="json")
    assert (response.status_code, response.json()["member"], response.json()["attendance_source"]) == (
        201, "M1", "qr")


def test_sign_in_refuses_a_replayed_code_under_code(tree, api, member_login, today_activity):
    api.force_authenticate(member_login)
    code = codes.issue(today_activity.pk)
    api.post(f"/api/v1/activities/{today_activity.pk}/sign-in/", {"code": code}, format="json")
    Attendance.objects.all().delete()
    response = api.post(f"/api/v1/activities/{today_activity.pk}/sign-in/", {"code": code}, format="json",
                        HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.json()) == (
        400, {"code": ["This sign-in code has already been used. Scan the fresh code on the screen."]})


def test_sign_in_refuses_another_activitys_code(tree, api, member_login, today_activity):
    other = plan(tree.b1, tree.users.branch_admin, title="支部委员会")
    api.force_authenticate(member_login)
    response = api.post(f"/api/v1/activities/{today_activity.pk}/sign-in/", {"code": codes.issue(other.pk)},
                        format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.json()) == (
        400, {"code": ["This sign-in code belongs to another activity."]})


def test_mark_attendance_by_hand(tree, api):
    past = plan(tree.b1, tree.users.county_admin, day=timezone.localdate() - datetime.timedelta(days=1))
    api.force_authenticate(tree.users.branch_admin)
    response = api.post("/api/v1/activity-attendance/", {"activity": past.pk, "member": "M1",
                                                          "attendance_status": "leave", "reason": "出差"},
                        format="json")
    assert (response.status_code, response.json()["attendance_status"], response.json()["reason"]) == (
        201, "leave", "出差")


def _exif_jpeg(name="photo.jpg"):
    """A JPEG carrying the camera's make and a GPS block in its EXIF."""
    buf = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Camera"
    exif[0x8825] = {1: "N", 2: (30.0, 15.0, 0.0)}
    Image.new("RGB", (60, 40), (30, 120, 200)).save(buf, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def _photos_url(activity) -> str:
    return f"/api/v1/activities/{activity.pk}/photos/"


@pytest.fixture
def world(tree):
    """T1B1 held {held} ten days ago (one photo) and plans {today}; T2B1 held {other}."""
    return make_world(tree)


def test_upload_photos_answers_them_with_their_urls_and_audits(tree, api, world):
    api.force_authenticate(tree.users.branch_admin)
    response = api.post(_photos_url(world.held), {"files": [_exif_jpeg(), _exif_jpeg("b.jpg")]}, format="multipart")
    body = response.json()
    entry = AuditEntry.objects.get(action="activities.activity.photos")
    assert (response.status_code, len(body), world.held.photos.count(), len(entry.after["photos_added"])) == (
        201, 2, 3, 2)
    assert (body[0]["url"], body[0]["thumbnail_url"]) == (
        f"http://testserver/activities/photos/{body[0]['id']}/",
        f"http://testserver/activities/photos/{body[0]['id']}/thumbnail/")


def test_uploaded_photos_are_stored_without_exif(tree, api, world):
    api.force_authenticate(tree.users.county_admin)
    body = api.post(_photos_url(world.held), {"files": [_exif_jpeg()]}, format="multipart").json()
    photo = ActivityPhoto.objects.get(pk=body[0]["id"])
    with photo.file.open("rb") as stored:
        assert dict(Image.open(stored).getexif()) == {}


def test_listed_photo_urls_are_served_by_the_pages(tree, api, client, world):
    api.force_authenticate(tree.users.member)
    photo = api.get(_photos_url(world.held)).json()[0]
    client.force_login(tree.users.member)
    assert (client.get(photo["url"]).status_code, client.get(photo["thumbnail_url"]).status_code) == (200, 200)


def test_upload_as_json_is_a_415_and_stores_nothing(tree, api, world):
    api.force_authenticate(tree.users.county_admin)
    response = api.post(_photos_url(world.held), {"files": []}, format="json")
    assert (response.status_code, world.held.photos.count()) == (415, 1)


def test_upload_of_a_non_photo_is_a_400_on_files_and_stores_nothing(tree, api, world):
    api.force_authenticate(tree.users.county_admin)
    text = SimpleUploadedFile("notes.jpg", b"not a photo at all", content_type="image/jpeg")
    response = api.post(_photos_url(world.held), {"files": [_exif_jpeg(), text]}, format="multipart")
    assert (response.status_code, list(response.json()), world.held.photos.count()) == (400, ["files"], 1)


def test_upload_of_a_too_big_photo_is_a_400_on_files(tree, api, world, settings):
    settings.EVIDENCE_MAX_BYTES = 200
    api.force_authenticate(tree.users.county_admin)
    response = api.post(_photos_url(world.held), {"files": [_exif_jpeg()]}, format="multipart")
    assert (response.status_code, list(response.json()), world.held.photos.count()) == (400, ["files"], 1)


@pytest.mark.parametrize("n", [MAX_PHOTOS, MAX_PHOTOS + 1])
def test_upload_past_twelve_photos_is_a_400_on_files(tree, api, world, n):
    api.force_authenticate(tree.users.county_admin)
    files = [_exif_jpeg(f"p{i}.jpg") for i in range(n)]
    response = api.post(_photos_url(world.held), {"files": files}, format="multipart")
    assert (response.status_code, list(response.json()), world.held.photos.count()) == (400, ["files"], 1)


def test_upload_without_files_is_a_400_on_files(tree, api, world):
    api.force_authenticate(tree.users.county_admin)
    response = api.post(_photos_url(world.held), {}, format="multipart")
    assert (response.status_code, list(response.json())) == (400, ["files"])


def test_upload_to_a_planned_activity_is_a_400_and_stores_nothing(tree, api, world):
    api.force_authenticate(tree.users.county_admin)
    response = api.post(_photos_url(world.today), {"files": [_exif_jpeg()]}, format="multipart",
                        HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.json(), world.today.photos.count()) == (
        400, {"non_field_errors": ["Photos are added to a held activity; this activity is planned."]}, 0)


def test_upload_to_an_activity_outside_the_view_is_a_404(tree, api, world):
    api.force_authenticate(tree.users.org_admin)
    response = api.post(_photos_url(world.other), {"files": [_exif_jpeg()]}, format="multipart")
    assert (response.status_code, world.other.photos.count()) == (404, 0)
    assert api.get(_photos_url(world.other)).status_code == 404


def test_upload_by_a_login_that_sees_but_does_not_run_the_activity_is_a_403(tree, api, world):
    api.force_authenticate(tree.users.leader)
    assert api.get(_photos_url(world.held)).status_code == 200
    response = api.post(_photos_url(world.held), {"files": [_exif_jpeg()]}, format="multipart")
    assert (response.status_code, world.held.photos.count()) == (403, 1)


def test_add_photos_refuses_a_login_that_does_not_run_the_activity(tree, world):
    with pytest.raises(PermissionDeniedError):
        domain.add_photos(world.held, by=tree.users.leader, photos=[_exif_jpeg()])
    assert world.held.photos.count() == 1


@pytest.mark.parametrize("n", [1, 3])
def test_photo_list_takes_the_same_queries_for_one_and_three(tree, api, world, django_assert_num_queries, n):
    if n > 1:
        domain.add_photos(world.held, by=tree.users.county_admin, photos=[_exif_jpeg() for _ in range(n - 1)])
    api.force_authenticate(tree.users.org_admin)
    with django_assert_num_queries(PHOTO_LIST_QUERIES):
        response = api.get(_photos_url(world.held))
    assert len(response.json()) == n
