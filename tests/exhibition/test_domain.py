"""Uploading and moderating exhibition photos, and defining themes."""
import datetime

import pytest
from django.utils import timezone
from PIL import Image

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.exhibition import domain
from pacesetter.exhibition.enums import PhotoStatus
from pacesetter.exhibition.models import Photo
from pacesetter.notifications.models import Notification

from .helpers import GPS_IFD, TAKEN, jpeg_with_gps, pdf, renamed_exe, theme, upload

pytestmark = pytest.mark.django_db


def _upload_files(tree, files, **kwargs):
    return domain.upload_photos(by=tree.users.branch_admin, organization=tree.b1, theme=theme(), caption="植树",
                                place="", taken_on=TAKEN, files=files, **kwargs)


def test_upload_stores_a_jpeg_without_gps_or_camera_exif(tree):
    source = jpeg_with_gps()
    assert Image.open(source).getexif().get_ifd(GPS_IFD) != {}
    source.seek(0)
    [photo] = _upload_files(tree, [source])
    with photo.file.open("rb") as handle, Image.open(handle) as stored:
        exif = stored.getexif()
        assert (stored.format, dict(exif), exif.get_ifd(GPS_IFD)) == ("JPEG", {}, {})


def test_upload_stores_a_thumbnail_without_exif(tree):
    [photo] = _upload_files(tree, [jpeg_with_gps()])
    with photo.thumbnail.open("rb") as handle, Image.open(handle) as thumb:
        assert (thumb.format, dict(thumb.getexif())) == ("JPEG", {})


def test_upload_refuses_a_pdf(tree):
    with pytest.raises(DomainError) as caught:
        _upload_files(tree, [pdf()])
    assert (caught.value.code, Photo.objects.count()) == ("file_type", 0)


def test_upload_refuses_a_program_renamed_jpg(tree):
    with pytest.raises(DomainError) as caught:
        _upload_files(tree, [renamed_exe()])
    assert (caught.value.code, Photo.objects.count()) == ("file_content", 0)


def test_one_refused_file_stores_none_of_the_upload(tree):
    with pytest.raises(DomainError):
        _upload_files(tree, [jpeg_with_gps(), renamed_exe()])
    assert Photo.objects.count() == 0


def test_upload_awaits_moderation_with_its_details(tree):
    [photo] = upload(tree)
    assert (photo.status, photo.caption, photo.place, photo.taken_on, photo.organization, photo.uploaded_by) == (
        PhotoStatus.SUBMITTED, "党员志愿服务", "一号村广场", TAKEN, tree.b1, tree.users.branch_admin)


def test_upload_writes_one_audit_entry_per_photo(tree):
    photos = upload(tree, n=2)
    entries = AuditEntry.objects.filter(action="exhibition.photo.upload").order_by("id")
    assert [e.object_id for e in entries] == [str(p.pk) for p in photos]


def test_upload_refuses_an_organisation_the_user_does_not_administer(tree):
    with pytest.raises(PermissionDeniedError):
        upload(tree, org=tree.b2)


def test_members_cannot_upload(tree):
    with pytest.raises(PermissionDeniedError):
        upload(tree, by=tree.users.member)


def test_township_admin_uploads_for_a_branch_below(tree):
    assert [p.organization for p in upload(tree, by=tree.users.org_admin)] == [tree.b1]


def test_upload_refuses_a_day_in_the_future(tree):
    with pytest.raises(DomainError) as caught:
        upload(tree, taken_on=timezone.localdate() + datetime.timedelta(days=1))
    assert caught.value.code == "taken_on_future"


def test_upload_refuses_a_closed_theme(tree):
    with pytest.raises(DomainError) as caught:
        upload(tree, theme_=theme("旧主题", is_active=False))
    assert caught.value.code == "theme_closed"


def test_upload_refuses_more_than_the_limit(tree):
    with pytest.raises(DomainError) as caught:
        _upload_files(tree, [jpeg_with_gps(f"{i}.jpg") for i in range(domain.MAX_PHOTOS + 1)])
    assert caught.value.code == "files_too_many"


def test_upload_needs_a_caption(tree):
    with pytest.raises(DomainError) as caught:
        upload(tree, caption="  ")
    assert caught.value.code == "caption_required"


def test_approve_publishes(tree):
    [photo] = upload(tree)
    photo = domain.approve_photo(photo, by=tree.users.county_admin)
    assert (photo.status, photo.moderated_by, photo.rejection_reason) == (
        PhotoStatus.APPROVED, tree.users.county_admin, "")


def test_only_county_admins_moderate(tree):
    [photo] = upload(tree)
    with pytest.raises(PermissionDeniedError):
        domain.approve_photo(photo, by=tree.users.org_admin)


def test_reject_needs_a_reason(tree):
    [photo] = upload(tree)
    with pytest.raises(DomainError) as caught:
        domain.reject_photo(photo, by=tree.users.county_admin, reason="")
    assert (caught.value.code, Photo.objects.get().status) == ("reason_required", PhotoStatus.SUBMITTED)


def test_reject_keeps_the_reason_for_the_uploader(tree):
    [photo] = upload(tree)
    photo = domain.reject_photo(photo, by=tree.users.county_admin, reason="画面模糊")
    assert (photo.status, photo.rejection_reason) == (PhotoStatus.REJECTED, "画面模糊")


def test_reject_takes_a_published_photo_down(tree):
    [photo] = upload(tree)
    domain.approve_photo(photo, by=tree.users.county_admin)
    photo = domain.reject_photo(photo, by=tree.users.county_admin, reason="涉及个人隐私")
    assert photo.status == PhotoStatus.REJECTED


def test_approving_a_rejected_photo_clears_the_reason(tree):
    [photo] = upload(tree)
    domain.reject_photo(photo, by=tree.users.county_admin, reason="重复")
    photo = domain.approve_photo(photo, by=tree.users.county_admin)
    assert (photo.status, photo.rejection_reason) == (PhotoStatus.APPROVED, "")


def test_approving_twice_is_refused(tree):
    [photo] = upload(tree)
    domain.approve_photo(photo, by=tree.users.county_admin)
    with pytest.raises(DomainError) as caught:
        domain.approve_photo(photo, by=tree.users.county_admin)
    assert caught.value.code == "already"


def test_moderation_is_audited(tree):
    [photo] = upload(tree)
    domain.reject_photo(photo, by=tree.users.county_admin, reason="重复")
    entry = AuditEntry.objects.get(action="exhibition.photo.reject")
    assert (entry.before, entry.after) == (
        {"status": "submitted", "rejection_reason": ""}, {"status": "rejected", "rejection_reason": "重复"})


def test_create_theme_refuses_a_taken_name(tree):
    domain.create_theme(by=tree.users.county_admin, name="志愿服务")
    with pytest.raises(DomainError) as caught:
        domain.create_theme(by=tree.users.county_admin, name="志愿服务")
    assert caught.value.code == "name_taken"


def test_only_county_admins_define_themes(tree):
    with pytest.raises(PermissionDeniedError):
        domain.create_theme(by=tree.users.org_admin, name="志愿服务")


def test_update_theme_closes_it_for_uploads(tree):
    made = domain.create_theme(by=tree.users.county_admin, name="志愿服务", position=2)
    changed = domain.update_theme(made, by=tree.users.county_admin, name="志愿服务活动", position=1, is_active=False)
    assert (changed.name, changed.position, changed.is_active) == ("志愿服务活动", 1, False)


def test_rejection_tells_the_uploader_why(tree):
    [photo] = upload(tree)
    domain.reject_photo(photo, by=tree.users.county_admin, reason="画面模糊")
    notes = Notification.objects.filter(user=tree.users.branch_admin)
    assert [(n.kind, n.body, n.url) for n in notes] == [("exhibition", "画面模糊", f"/exhibition/photo/{photo.pk}/")]


def test_moderating_ones_own_upload_notifies_nobody(tree):
    [photo] = upload(tree, by=tree.users.county_admin)
    domain.approve_photo(photo, by=tree.users.county_admin)
    assert Notification.objects.count() == 0
