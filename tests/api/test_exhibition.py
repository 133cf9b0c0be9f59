"""/api/v1/exhibition-photos/ and /api/v1/exhibition-themes/."""
import pytest
from PIL import Image

from pacesetter.exhibition import domain
from pacesetter.exhibition.models import Photo
from tests.exhibition.helpers import GPS_IFD, jpeg_with_gps, renamed_exe, theme, upload

pytestmark = pytest.mark.django_db
P = "/api/v1/exhibition-photos/"


def _published(tree, **kwargs):
    return [domain.approve_photo(p, by=tree.users.county_admin) for p in upload(tree, **kwargs)]


def test_list_shows_a_member_only_published_photos(tree, login):
    topic = theme()
    [photo] = _published(tree, caption="春季植树", theme_=topic)
    upload(tree, caption="待审核", theme_=topic)
    results = login(tree.users.member).get(P).json()["results"]
    assert [(r["id"], r["caption"], r["moderation"]) for r in results] == [(photo.pk, "春季植树", "approved")]


def test_photo_fields_are_public_ones(tree, login):
    [photo] = _published(tree)
    body = login(tree.users.member).get(f"{P}{photo.pk}/").json()
    assert (sorted(body), body["organization"], body["image_url"]) == (
        ["caption", "height", "id", "image_url", "moderation", "organization", "page_url", "place",
         "rejection_reason", "taken_on", "theme", "thumbnail_url", "uploaded_at", "url", "width"],
        {"code": "T1B1", "name": "一号村党支部", "township": "一号镇", "sector": "village"},
        f"http://testserver/exhibition/photo/{photo.pk}/image/",
    )


def test_list_filters_by_moderation_state(tree, login):
    topic = theme()
    _published(tree, caption="已发布", theme_=topic)
    upload(tree, caption="待审核", theme_=topic)
    results = login(tree.users.org_admin).get(P, {"moderation": "submitted"}).json()["results"]
    assert [r["caption"] for r in results] == ["待审核"]


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_does_not_grow(tree, login, django_assert_num_queries, n):
    _published(tree, n=n)
    client = login(tree.users.org_admin)
    with django_assert_num_queries(5):
        response = client.get(P)
    assert len(response.json()["results"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_theme_list_query_count_does_not_grow(tree, login, django_assert_num_queries, n):
    for i in range(n):
        theme(f"主题{i}")
    client = login(tree.users.member)
    with django_assert_num_queries(4):
        response = client.get("/api/v1/exhibition-themes/")
    assert len(response.json()["results"]) == n


def test_upload_stores_photos_without_gps(tree, login):
    topic = theme()
    response = login(tree.users.branch_admin).post(P, {
        "organization": "T1B1", "theme": topic.pk, "caption": "便民服务窗口", "taken_on": "2026-03-01",
        "files": [jpeg_with_gps("a.jpg"), jpeg_with_gps("b.jpg")]}, format="multipart")
    photos = list(Photo.objects.order_by("id"))
    with photos[0].file.open("rb") as handle, Image.open(handle) as stored:
        gps = stored.getexif().get_ifd(GPS_IFD)
    assert (response.status_code, [r["id"] for r in response.json()], gps) == (201, [p.pk for p in photos], {})


def test_upload_refuses_a_renamed_program_under_files(tree, login):
    response = login(tree.users.branch_admin).post(P, {
        "organization": "T1B1", "theme": theme().pk, "caption": "植树", "taken_on": "2026-03-01",
        "files": [renamed_exe()]}, format="multipart")
    assert (response.status_code, list(response.json()), Photo.objects.count()) == (400, ["files"], 0)


def test_upload_for_an_organisation_outside_the_view_is_an_unknown_code(tree, login):
    response = login(tree.users.branch_admin).post(P, {
        "organization": "T1", "theme": theme().pk, "caption": "植树", "taken_on": "2026-03-01",
        "files": [jpeg_with_gps()]}, format="multipart")
    assert (response.status_code, list(response.json()), Photo.objects.count()) == (400, ["organization"], 0)


def test_reject_records_the_reason(tree, login):
    [photo] = upload(tree)
    response = login(tree.users.county_admin).post(f"{P}{photo.pk}/reject/", {"reason": "画面模糊"}, format="json")
    assert (response.status_code, response.json()["moderation"], response.json()["rejection_reason"]) == (
        200, "rejected", "画面模糊")


def test_approve_twice_is_a_400(tree, login):
    [photo] = _published(tree)
    response = login(tree.users.county_admin).post(f"{P}{photo.pk}/approve/", {}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["moderation"])


def test_theme_name_taken_is_a_400_on_name(tree, login):
    theme("志愿服务")
    response = login(tree.users.county_admin).post("/api/v1/exhibition-themes/", {"name": "志愿服务"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["name"])
