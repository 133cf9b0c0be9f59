"""Evidence files and thumbnails: served with the right type and name, to anyone when the
public timeline shows them, else only to those who see the item (404 for everybody else)."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from pacesetter.commitments import domain
from pacesetter.commitments.enums import CommitmentStatus, Outcome

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _own_media(media_root):
    """Each test stores its evidence in a folder of its own."""


def file_url(evidence) -> str:
    return reverse("commitments:evidence-file", kwargs={"pk": evidence.pk})


def thumb_url(evidence) -> str:
    return reverse("commitments:evidence-thumbnail", kwargs={"pk": evidence.pk})


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def public_photo(tree, make_pledge, photo):
    item = make_pledge().items.get()
    version = domain.report_progress(item, by=tree.users.branch_admin, progress=30, note="现场", files=[photo()])
    return version.evidence.get()


@pytest.fixture
def public_document(tree, make_pledge):
    item = make_pledge().items.get()
    report = SimpleUploadedFile("2026年 工作总结.pdf", PDF)
    return domain.report_progress(item, by=tree.users.branch_admin, progress=30, note="总结",
                                  files=[report]).evidence.get()


def test_a_public_photo_is_served_inline_to_anyone(public_photo):
    response = Client().get(file_url(public_photo))
    assert (response.status_code, response["Content-Type"], response["Content-Disposition"],
            response["X-Content-Type-Options"], response["Cache-Control"], body(response)[:3]) == (
        200, "image/jpeg", "inline; filename*=utf-8''%E7%8E%B0%E5%9C%BA.jpg", "nosniff", "public, max-age=3600",
        b"\xff\xd8\xff")


def test_a_public_photos_thumbnail_is_a_small_jpeg(public_photo):
    response = Client().get(thumb_url(public_photo))
    assert (response.status_code, response["Content-Type"], body(response)[:3]) == (200, "image/jpeg", b"\xff\xd8\xff")


def test_a_document_is_a_download_under_its_chinese_name(public_document):
    response = Client().get(file_url(public_document))
    assert (response["Content-Type"], response["Content-Disposition"], body(response)) == (
        "application/pdf",
        "attachment; filename*=utf-8''2026%E5%B9%B4%20%E5%B7%A5%E4%BD%9C%E6%80%BB%E7%BB%93.pdf",
        PDF)


def test_a_document_has_no_thumbnail(public_document):
    assert Client().get(thumb_url(public_document)).status_code == 404


def test_a_photo_uploaded_as_png_downloads_as_jpeg(tree, make_pledge, photo):
    item = make_pledge().items.get()
    evidence = domain.report_progress(item, by=tree.users.branch_admin, progress=30, note="截图",
                                      files=[photo("截图.png")]).evidence.get()
    response = Client().get(file_url(evidence))
    assert response["Content-Disposition"] == "inline; filename*=utf-8''%E6%88%AA%E5%9B%BE.jpg"


@pytest.fixture
def after_reopening(tree, make_pledge, photo):
    """Evidence of a published pledge whose item was reopened: still public."""
    item = make_pledge().items.get()
    domain.record_outcome(item, by=tree.users.branch_admin, outcome=Outcome.DELIVERED, note="完成")
    domain.record_outcome(item, by=tree.users.org_admin, outcome=Outcome.OPEN, note="补充证据")
    return domain.report_progress(item, by=tree.users.branch_admin, progress=90, note="补充", files=[photo()]).evidence.get()


def test_evidence_after_a_reopening_stays_public(after_reopening):
    assert Client().get(file_url(after_reopening)).status_code == 200


@pytest.fixture
def private_photo(tree, make_pledge, photo):
    """Evidence of T2B1's item whose pledge is not published: made public, then the pledge
    is put back (as a data fix would) to a draft."""
    commitment = make_pledge(org=tree.b2)
    item = commitment.items.get()
    evidence = domain.report_progress(item, by=tree.users.county_admin, progress=30, note="现场",
                                      files=[photo()]).evidence.get()
    type(commitment).objects.filter(pk=commitment.pk).update(status=CommitmentStatus.DRAFT)
    return evidence


@pytest.mark.parametrize("role, expected", [
    ("county_admin", 200), ("inspector", 200), ("leader", 404), ("org_admin", 404), ("member", 404), ("nobody", 404),
])
def test_evidence_of_an_unpublished_pledge_is_for_those_who_see_the_item(tree, private_photo, role, expected):
    client = Client()
    client.force_login(getattr(tree.users, role))
    assert [client.get(file_url(private_photo)).status_code, client.get(thumb_url(private_photo)).status_code] == [
        expected, expected]


def test_evidence_of_an_unpublished_pledge_is_404_for_anonymous_visitors(private_photo):
    assert Client().get(file_url(private_photo)).status_code == 404


def test_private_evidence_is_not_cached_by_proxies(tree, private_photo):
    client = Client()
    client.force_login(tree.users.county_admin)
    assert client.get(file_url(private_photo))["Cache-Control"] == "private, no-store"


def test_evidence_that_does_not_exist_is_404(db):
    assert Client().get(reverse("commitments:evidence-file", kwargs={"pk": 999})).status_code == 404


def test_a_missing_file_on_disk_is_404(public_photo):
    public_photo.file.storage.delete(public_photo.file.name)
    assert Client().get(file_url(public_photo)).status_code == 404
