"""The /api/v1/nonpublic-… endpoints: constant query counts, refusals under their field,
status changes and the coverage figures."""
import pytest
from django.utils import timezone, translation
from rest_framework.test import APIClient

from pacesetter.nonpublic import domain
from pacesetter.nonpublic.enums import PartyStatus
from tests.nonpublic.world import code, entity, world

pytestmark = pytest.mark.django_db
API = "/api/v1"


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("count", [1, 3])
def test_entity_list_queries_do_not_grow(tree, django_assert_num_queries, count):
    for n in range(count):
        entity(tree, n + 1, status=PartyStatus.OWN, covering=tree.b1, instructor=None)
    client = _client(tree.users.county_admin)
    with django_assert_num_queries(2):
        response = client.get(f"{API}/nonpublic-entities/")
    assert response.data["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_plan_list_queries_do_not_grow(tree, django_assert_num_queries, count):
    for n in range(count):
        domain.create_plan(entity(tree, n + 1), by=tree.users.county_admin, target_date=timezone.localdate(),
                           instructor=tree.m1, steps="走访")
    client = _client(tree.users.county_admin)
    with django_assert_num_queries(2):
        response = client.get(f"{API}/nonpublic-plans/")
    assert response.data["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_check_list_queries_do_not_grow(tree, django_assert_num_queries, count):
    from pacesetter.nonpublic.models import ChecklistItem

    entity(tree, 1, status=PartyStatus.OWN, covering=tree.b1)
    for item in ChecklistItem.objects.order_by("order")[:count]:
        domain.record_check(tree.b1, item, by=tree.users.county_admin, met=True)
    client = _client(tree.users.county_admin)
    with django_assert_num_queries(2):
        response = client.get(f"{API}/nonpublic-checks/")
    assert response.data["count"] == count


def test_register_refuses_a_bad_code_under_its_field(tree):
    with translation.override("en"):
        response = _client(tree.users.county_admin).post(f"{API}/nonpublic-entities/", {
            "entity_kind": "enterprise", "name": "甲", "credit_code": "9134112", "industry_section": "C",
            "township": "T1", "employees": 3, "party_members": 0}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.data) == (400, {"credit_code": [
        "A unified social credit code has 18 characters; this has 7."]})


def test_status_action_records_the_change(tree):
    made = world(tree)
    response = _client(tree.users.org_admin).post(f"{API}/nonpublic-entities/{made.e_in.pk}/status/", {
        "party_status": "joint", "covering": "T1B1", "on": timezone.localdate().isoformat()}, format="json")
    assert (response.status_code, response.data["party_status"], response.data["covering"]) == (200, "joint", "T1B1")


def test_coverage_endpoint_figures(tree):
    world(tree)
    response = _client(tree.users.org_admin).get(f"{API}/nonpublic-coverage/")
    assert (response.data["total"]["entities"], response.data["total"]["covered"],
            [(r["label"], r["entities"]) for r in response.data["townships"]], len(response.data["months"])) == (
        2, 1, [("一号镇", 1), ("二号镇", 1)], 12)


def test_entity_filter_by_township_code(tree):
    world(tree)
    response = _client(tree.users.county_admin).get(f"{API}/nonpublic-entities/?township=T2&party_status=own")
    assert [row["credit_code"] for row in response.data["results"]] == [code(2)]


# --- /nonpublic-checks/{id}/evidence/ ---------------------------------------------------------


def _exif_jpeg(name="照片.jpg"):
    """A JPEG carrying the camera's make and a GPS block in its EXIF."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buf = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Camera"
    exif[0x8825] = {1: "N", 2: (30.0, 15.0, 0.0)}
    Image.new("RGB", (60, 40), (30, 120, 200)).save(buf, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def _pdf(name="台账.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.nonpublic.world import PDF

    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def proof(tree):
    """b1's check with one PDF as evidence (tests/nonpublic/world.py)."""
    from tests.nonpublic.world import evidence

    return evidence(tree, world(tree))


def _evidence_url(check_id) -> str:
    return f"{API}/nonpublic-checks/{check_id}/evidence/"


def test_evidence_upload_answers_the_files_and_audits(tree, login, proof):
    from pacesetter.core.models import AuditEntry

    response = login(tree.users.branch_admin).post(_evidence_url(proof.check_row_id),
                                                   {"files": [_exif_jpeg(), _pdf("制度.pdf")]}, format="multipart")
    entry = AuditEntry.objects.get(action="nonpublic.check.evidence")
    body = response.json()
    assert (response.status_code, [f["kind"] for f in body], [f["original_name"] for f in body],
            proof.check_row.evidence.count(), len(entry.after["evidence_added"])) == (
        201, ["photo", "document"], ["照片.jpg", "制度.pdf"], 3, 2)
    assert body[0]["thumbnail_url"].endswith("/thumb/") and body[1]["thumbnail_url"] is None


def test_evidence_photos_are_stored_without_exif(tree, login, proof):
    from PIL import Image

    from pacesetter.nonpublic.models import CheckEvidence

    body = login(tree.users.county_admin).post(_evidence_url(proof.check_row_id), {"files": [_exif_jpeg()]},
                                               format="multipart").json()
    stored = CheckEvidence.objects.get(pk=body[0]["id"])
    with stored.file.open("rb") as data:
        assert dict(Image.open(data).getexif()) == {}


def test_evidence_list_names_the_page_urls_that_serve_the_files(tree, login, proof):
    client = login(tree.users.org_admin)
    listed = client.get(_evidence_url(proof.check_row_id)).json()
    served = client.get(listed[0]["url"])
    assert ([f["id"] for f in listed], listed[0]["url"].endswith(f"/non-public/evidence/{proof.pk}/"),
            served.status_code, served["Content-Type"]) == ([proof.pk], True, 200, "application/pdf")


def test_evidence_as_json_is_a_415(tree, login, proof):
    response = login(tree.users.county_admin).post(_evidence_url(proof.check_row_id), {"files": []}, format="json")
    assert (response.status_code, proof.check_row.evidence.count()) == (415, 1)


def test_evidence_of_a_wrong_type_is_a_400_on_files_and_nothing_is_kept(tree, login, proof):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("程序.pdf", b"MZ\x90\x00" + b"\x00" * 60, content_type="application/pdf")
    response = login(tree.users.county_admin).post(_evidence_url(proof.check_row_id),
                                                   {"files": [_exif_jpeg(), fake]}, format="multipart")
    assert (response.status_code, list(response.json()), proof.check_row.evidence.count()) == (400, ["files"], 1)


def test_evidence_of_an_unaccepted_extension_is_a_400_on_files(tree, login, proof):
    from django.core.files.uploadedfile import SimpleUploadedFile

    script = SimpleUploadedFile("run.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = login(tree.users.county_admin).post(_evidence_url(proof.check_row_id), {"files": [script]},
                                                   format="multipart")
    assert (response.status_code, list(response.json()), proof.check_row.evidence.count()) == (400, ["files"], 1)


def test_evidence_larger_than_the_limit_is_a_400_on_files(tree, login, proof, settings):
    settings.EVIDENCE_MAX_BYTES = 20
    response = login(tree.users.county_admin).post(_evidence_url(proof.check_row_id), {"files": [_pdf()]},
                                                   format="multipart")
    assert (response.status_code, list(response.json()), proof.check_row.evidence.count()) == (400, ["files"], 1)


def test_evidence_past_nine_files_is_a_400_on_files(tree, login, proof):
    files = [_exif_jpeg(f"p{i}.jpg") for i in range(9)]
    response = login(tree.users.county_admin).post(_evidence_url(proof.check_row_id), {"files": files},
                                                   format="multipart")
    assert (response.status_code, list(response.json()), proof.check_row.evidence.count()) == (400, ["files"], 1)


def test_evidence_more_than_nine_in_one_upload_is_a_400_on_files(tree, login, proof):
    files = [_pdf(f"d{i}.pdf") for i in range(10)]
    response = login(tree.users.county_admin).post(_evidence_url(proof.check_row_id), {"files": files},
                                                   format="multipart")
    assert (response.status_code, list(response.json()), proof.check_row.evidence.count()) == (400, ["files"], 1)


def test_evidence_of_an_invisible_check_is_a_404(tree, login, proof):
    """T2B1 covers e_out, outside T1's admin's view: its check is missing to them, read or written."""
    from pacesetter.nonpublic.models import ChecklistItem

    other = domain.record_check(tree.b2, ChecklistItem.objects.order_by("order").first(),
                                by=tree.users.county_admin, met=True)
    client = login(tree.users.org_admin)
    answers = (client.get(_evidence_url(other.pk)).status_code,
               client.post(_evidence_url(other.pk), {"files": [_pdf()]}, format="multipart").status_code)
    assert (answers, other.evidence.count()) == ((404, 404), 0)


@pytest.mark.parametrize("role", ["leader", "inspector"])
def test_evidence_upload_by_a_reader_is_a_403(tree, login, proof, role):
    client = login(getattr(tree.users, role))
    answers = (client.get(_evidence_url(proof.check_row_id)).status_code,
               client.post(_evidence_url(proof.check_row_id), {"files": [_pdf()]}, format="multipart").status_code)
    assert (answers, proof.check_row.evidence.count()) == ((200, 403), 1)


@pytest.mark.parametrize("n", [1, 3])
def test_evidence_list_takes_the_same_queries_for_any_length(tree, login, proof, django_assert_num_queries, n):
    if n > 1:
        domain.add_evidence(proof.check_row, by=tree.users.county_admin, files=[_pdf() for _ in range(n - 1)])
    client = login(tree.users.org_admin)
    with django_assert_num_queries(5):
        response = client.get(_evidence_url(proof.check_row_id))
    assert len(response.json()) == n
