"""The exhibition's pages: public gallery, photo page, files, big screen, upload, lists, moderation."""
import json
import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from PIL import Image

from pacesetter.exhibition import domain
from pacesetter.exhibition.enums import PhotoStatus
from pacesetter.exhibition.models import Photo
from tests.factories import make_org

from .helpers import GPS_IFD, jpeg_with_gps, pdf, theme, upload

pytestmark = pytest.mark.django_db


def english(user=None) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


def published(tree, n=1, **kwargs):
    photos = upload(tree, n=n, **kwargs)
    return [domain.approve_photo(p, by=tree.users.county_admin) for p in photos]


def captions(response) -> list[str]:
    return [p.caption for p in response.context["page"].object_list]


def test_gallery_shows_published_photos_to_anonymous_visitors(tree, client):
    published(tree, caption="春季植树")
    upload(tree, caption="待审核", theme_=theme("创先争优"))
    response = client.get("/exhibition/")
    assert (response.status_code, captions(response)) == (200, ["春季植树"])


def test_gallery_filters_by_township(tree, client):
    topic = theme()
    published(tree, caption="一号村", theme_=topic)
    published(tree, by=tree.users.county_admin, org=tree.b2, caption="二号村", theme_=topic)
    assert captions(client.get("/exhibition/", {"township": "二号镇"})) == ["二号村"]


def test_gallery_filters_by_sector(tree, client):
    topic = theme()
    school = make_org(tree.t1, code="T1S1", name="一号镇中学党支部", sector="school", township="一号镇")
    published(tree, caption="村里", theme_=topic)
    published(tree, by=tree.users.county_admin, org=school, caption="学校", theme_=topic)
    assert captions(client.get("/exhibition/", {"sector": "school"})) == ["学校"]


def test_gallery_filters_by_theme(tree, client):
    published(tree, caption="志愿", theme_=theme("志愿服务"))
    other = theme("重点项目")
    published(tree, caption="项目", theme_=other)
    assert captions(client.get("/exhibition/", {"theme": other.pk})) == ["项目"]


@pytest.mark.parametrize("n", [1, 3])
def test_gallery_query_count_does_not_grow(tree, client, django_assert_num_queries, n):
    published(tree, n=n)
    with django_assert_num_queries(7):  # +1: the public page's rate-limit count (core.public_limits)
        client.get("/exhibition/", {"theme": Photo.objects.first().theme_id})


def test_photo_page_shows_caption_organisation_place_and_date(tree):
    [photo] = published(tree, caption="春季植树")
    with translation.override("en"):
        html = english().get(f"/exhibition/photo/{photo.pk}/").content.decode()
    assert ["春季植树" in html, "一号村党支部" in html, "一号村广场" in html, "March 12, 2026" in html] == [True] * 4


def test_image_of_a_photo_awaiting_moderation_is_missing_to_the_public(tree, client):
    [photo] = upload(tree)
    assert client.get(f"/exhibition/photo/{photo.pk}/image/").status_code == 404


def test_image_of_a_published_photo_is_a_jpeg_without_gps(tree, client):
    [photo] = published(tree)
    response = client.get(f"/exhibition/photo/{photo.pk}/image/")
    with Image.open(__import__("io").BytesIO(b"".join(response.streaming_content))) as image:
        assert (response["Content-Type"], image.getexif().get_ifd(GPS_IFD)) == ("image/jpeg", {})


def test_uploader_sees_the_rejection_reason(tree):
    [photo] = upload(tree)
    domain.reject_photo(photo, by=tree.users.county_admin, reason="画面模糊")
    with translation.override("en"):
        html = english(tree.users.branch_admin).get(f"/exhibition/photo/{photo.pk}/").content.decode()
    assert re.search(r'id="rejection-reason">.*画面模糊', html) is not None


def test_screen_hands_the_published_photos_to_the_script(tree, client):
    [photo] = published(tree, caption="春季植树")
    html = client.get("/exhibition/screen/", {"theme": photo.theme_id}).content.decode()
    slides = json.loads(re.search(r'<script id="slides" type="application/json">(.*?)</script>', html).group(1))
    assert [(s["src"], s["caption"], s["organization"]) for s in slides] == [
        (f"/exhibition/photo/{photo.pk}/image/", "春季植树", "一号村党支部")]


def test_screen_has_no_inline_script(tree, client):
    published(tree)
    html = client.get("/exhibition/screen/").content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html) == []


def _upload_form(tree, files):
    return {"organization": "T1B1", "theme": theme().pk, "caption": "党员志愿服务", "place": "村广场",
            "taken_on": "2026-03-01", "files": files}


def test_upload_page_stores_photos_awaiting_moderation(tree):
    client = Client()
    client.force_login(tree.users.branch_admin)
    response = client.post("/exhibition/upload/", _upload_form(tree, [jpeg_with_gps("a.jpg"), jpeg_with_gps("b.jpg")]))
    assert (response.status_code, response["Location"], list(Photo.objects.values_list("status", flat=True))) == (
        302, "/exhibition/mine/", [PhotoStatus.SUBMITTED, PhotoStatus.SUBMITTED])


def test_upload_page_refuses_a_pdf_on_the_files_field(tree):
    with translation.override("en"):
        response = english(tree.users.branch_admin).post("/exhibition/upload/", _upload_form(tree, [pdf()]))
    assert (response.status_code, response.context["form"].errors["files"], Photo.objects.count()) == (
        200, ["“report.pdf” is a PDF document, but only .jpg, .jpeg, .png, .webp are accepted here."], 0)


def test_upload_page_refuses_an_organisation_outside_the_users_own(tree):
    form = _upload_form(tree, [jpeg_with_gps()]) | {"organization": "T2B1"}
    response = english(tree.users.branch_admin).post("/exhibition/upload/", form)
    errors = response.context["form"].errors.as_data()["organization"]
    assert ([e.code for e in errors], Photo.objects.count()) == (["unknown_org"], 0)


@pytest.mark.parametrize("n", [1, 3])
def test_my_photos_query_count_does_not_grow(tree, django_assert_num_queries, n):
    upload(tree, n=n)
    client = Client()
    client.force_login(tree.users.org_admin)
    with django_assert_num_queries(9):
        response = client.get("/exhibition/mine/")
    assert len(response.context["page"].object_list) == n


@pytest.mark.parametrize("n", [1, 3])
def test_moderation_queue_query_count_does_not_grow(tree, django_assert_num_queries, n):
    upload(tree, n=n)
    client = Client()
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(7):
        response = client.get("/exhibition/moderation/")
    assert len(response.context["page"].object_list) == n


@pytest.mark.parametrize("n", [1, 3])
def test_theme_list_query_count_does_not_grow(tree, django_assert_num_queries, n):
    for i in range(n):
        theme(f"主题{i}")
    client = Client()
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(6):
        response = client.get("/exhibition/themes/")
    assert len(response.context["page"].object_list) == n


def test_moderation_queue_holds_only_photos_awaiting_moderation(tree):
    topic = theme()
    published(tree, caption="已发布", theme_=topic)
    upload(tree, caption="待审核", theme_=topic)
    client = Client()
    client.force_login(tree.users.county_admin)
    assert captions(client.get("/exhibition/moderation/")) == ["待审核"]


def test_moderate_page_rejects_with_the_reason(tree):
    [photo] = upload(tree)
    client = Client()
    client.force_login(tree.users.county_admin)
    client.post(f"/exhibition/photo/{photo.pk}/moderate/", {"action": "reject", "reason": "与主题无关"})
    photo.refresh_from_db()
    assert (photo.status, photo.rejection_reason) == (PhotoStatus.REJECTED, "与主题无关")


def test_moderate_page_does_not_redirect_off_site(tree):
    [photo] = upload(tree)
    client = Client()
    client.force_login(tree.users.county_admin)
    response = client.post(f"/exhibition/photo/{photo.pk}/moderate/",
                           {"action": "approve", "next": "https://evil.example/"})
    assert response["Location"] == "/exhibition/moderation/"


def test_moderation_queue_shows_every_state_when_asked(tree):
    topic = theme()
    published(tree, caption="已发布", theme_=topic)
    upload(tree, caption="待审核", theme_=topic)
    client = Client()
    client.force_login(tree.users.county_admin)
    assert captions(client.get("/exhibition/moderation/", {"status": ""})) == ["已发布", "待审核"]  # oldest upload first
