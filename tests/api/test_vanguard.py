import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from rest_framework.test import APIClient

from pacesetter.core.models import AuditEntry
from pacesetter.vanguard import domain
from pacesetter.vanguard.enums import ProjectState
from pacesetter.vanguard.models import Evidence, Project, Review
from tests.factories import MemberFactory
from tests.vanguard.world import project, world

API = "/api/v1"
NEW = {"organization": "T1B1", "vanguard_kind": "brand", "title": "党员品牌工程·红色课堂", "lead": "M1",
       "co_owners": [], "goals": "每月一次红色课堂", "starts_on": "2025-03-01", "ends_on": "2025-12-31"}


@pytest.fixture
def api():
    def login(user):
        client = APIClient()
        client.force_authenticate(user)
        return client
    return login


def test_create_makes_a_planned_project(tree, api):
    response = api(tree.users.org_admin).post(f"{API}/vanguard-projects/", NEW, format="json")
    assert (response.status_code, response.json()["vanguard_state"], response.json()["lead"]) == (201, "planned", "M1")


def test_create_names_the_lead_outside_the_organisation(tree, api):
    response = api(tree.users.county_admin).post(f"{API}/vanguard-projects/", {**NEW, "lead": "M2"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["lead"])


def test_create_names_an_end_before_the_start(tree, api):
    response = api(tree.users.county_admin).post(f"{API}/vanguard-projects/", {**NEW, "ends_on": "2025-01-01"},
                                                 format="json")
    assert (response.status_code, list(response.json())) == (400, ["ends_on"])


def test_patch_keeps_the_fields_not_sent(tree, api):
    made = world(tree)
    other = MemberFactory(organization=tree.b1, code="M6")
    response = api(tree.users.org_admin).patch(f"{API}/vanguard-projects/{made.in_.pk}/", {"co_owners": ["M6"]},
                                               format="json")
    row = Project.objects.get(pk=made.in_.pk)
    assert (response.status_code, row.title, row.lead.code, list(row.co_owners.all())) == (
        200, "党员先锋岗·窗口服务零投诉", "M1", [other])


def test_state_refusal_is_filed_under_vanguard_state(tree, api):
    made = world(tree)
    response = api(tree.users.county_admin).post(f"{API}/vanguard-projects/{made.done_in.pk}/state/",
                                                 {"vanguard_state": "running"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["vanguard_state"])


def test_owner_logs_progress(tree, api):
    made = world(tree)
    response = api(tree.users.member).post(f"{API}/vanguard-progress/", {
        "project": made.in_.pk, "date": "2025-06-01", "percent": 70, "text": "群众点赞"}, format="json")
    assert (response.status_code, list(made.in_.progress.values_list("percent", flat=True))) == (201, [20, 70])


def test_progress_going_back_is_refused_under_percent(tree, api):
    made = world(tree)
    response = api(tree.users.member).post(f"{API}/vanguard-progress/", {
        "project": made.in_.pk, "date": "2025-06-01", "percent": 5, "text": "x"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["percent"])


def test_result_refusal_names_the_amount(tree, api):
    made = world(tree)
    response = api(tree.users.org_admin).post(f"{API}/vanguard-results/", {
        "project": made.in_.pk, "vanguard_measure": "people_served", "amount": "1.5"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["amount"])


def test_review_of_a_running_project_is_refused_under_vanguard_rating(tree, api):
    made = world(tree)
    response = api(tree.users.org_admin).post(f"{API}/vanguard-reviews/", {
        "project": made.in_.pk, "vanguard_rating": "good"}, format="json")
    assert (response.status_code, list(response.json()), Review.objects.count()) == (400, ["vanguard_rating"], 0)


def test_project_reads_with_its_review(tree, api):
    made = world(tree)
    api(tree.users.org_admin).post(f"{API}/vanguard-reviews/", {"project": made.done_in.pk, "vanguard_rating": "good",
                                                                "comment": "好"}, format="json")
    body = api(tree.users.member).get(f"{API}/vanguard-projects/{made.done_in.pk}/").json()
    assert (body["review"]["vanguard_rating"], body["review"]["comment"]) == ("good", "好")


def test_mine_filter_keeps_the_members_projects(tree, api):
    made = world(tree)
    body = api(tree.users.member).get(f"{API}/vanguard-projects/?mine=true").json()
    assert sorted(p["id"] for p in body["results"]) == sorted([made.in_.pk, made.done_in.pk])


@pytest.mark.parametrize("count", [1, 3])
def test_project_list_queries_do_not_grow_with_rows(tree, api, django_assert_num_queries, count):
    client = api(tree.users.county_admin)
    for n in range(count):
        made = project(tree, tree.b1, tree.m1, title=f"项目{n}", state=ProjectState.COMPLETED,
                       co_owners=[MemberFactory(organization=tree.b1)])
        Review.objects.create(project=made, rating="good", reviewed_on=made.starts_on, reviewed_by=tree.users.org_admin)
    with django_assert_num_queries(5):
        response = client.get(f"{API}/vanguard-projects/")
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_progress_list_queries_do_not_grow_with_rows(tree, api, django_assert_num_queries, count):
    made = project(tree, tree.b1, tree.m1, state=ProjectState.RUNNING)
    for n in range(count):
        domain.log_progress(made, by=tree.users.county_admin, date=datetime.date(2025, 4, 1 + n), text="x", percent=n)
    client = api(tree.users.county_admin)
    with django_assert_num_queries(2):
        response = client.get(f"{API}/vanguard-progress/")
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_result_list_queries_do_not_grow_with_rows(tree, api, django_assert_num_queries, count):
    made = project(tree, tree.b1, tree.m1, state=ProjectState.RUNNING)
    for n in range(count):
        domain.add_result(made, by=tree.users.county_admin, measure="problems_solved", amount=n + 1)
    client = api(tree.users.org_admin)
    with django_assert_num_queries(3):
        response = client.get(f"{API}/vanguard-results/")
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_review_list_queries_do_not_grow_with_rows(tree, api, django_assert_num_queries, count):
    for n in range(count):
        made = project(tree, tree.b1, tree.m1, title=f"项目{n}", state=ProjectState.COMPLETED)
        domain.review_project(made, by=tree.users.org_admin, rating="excellent")
    client = api(tree.users.inspector)
    with django_assert_num_queries(3):
        response = client.get(f"{API}/vanguard-reviews/")
    assert len(response.json()["results"]) == count


# --- Evidence files: /api/v1/vanguard-projects/{id}/evidence/ ------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _exif_jpeg(name="现场.jpg"):
    """A JPEG carrying the camera's make and a GPS block in its EXIF."""
    buf = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Camera"
    exif[0x8825] = {1: "N", 2: (30.0, 15.0, 0.0)}
    Image.new("RGB", (60, 40), (30, 120, 200)).save(buf, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def _pdf(name="总结.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _evidence(project_) -> str:
    return f"{API}/vanguard-projects/{project_.pk}/evidence/"


def test_upload_evidence_answers_the_files_and_audits(tree, api):
    made = world(tree)
    response = api(tree.users.org_admin).post(_evidence(made.in_), {"files": [_exif_jpeg(), _pdf()]},
                                              format="multipart")
    body = response.json()
    rows = list(made.in_.evidence.order_by("id"))
    entry = AuditEntry.objects.filter(action="vanguard.evidence.add").order_by("-id").first()
    assert (response.status_code, [(e["evidence_kind"], e["original_name"]) for e in body], len(rows),
            [f["name"] for f in entry.after["files"]]) == (
        201, [("photo", "现场.jpg"), ("document", "总结.pdf")], 3, ["现场.jpg", "总结.pdf"])
    assert (body[0]["url"], body[0]["thumbnail_url"], body[1]["url"], body[1]["thumbnail_url"]) == (
        f"http://testserver/vanguard/{made.in_.pk}/evidence/{rows[1].pk}/",
        f"http://testserver/vanguard/{made.in_.pk}/evidence/{rows[1].pk}/?thumb=1",
        f"http://testserver/vanguard/{made.in_.pk}/evidence/{rows[2].pk}/", None)


def test_uploaded_photo_is_stored_without_exif(tree, api):
    made = world(tree)
    body = api(tree.users.county_admin).post(_evidence(made.in_), {"files": [_exif_jpeg()]}, format="multipart").json()
    row = Evidence.objects.get(pk=body[0]["id"])
    with row.file.open("rb") as stored:
        assert dict(Image.open(stored).getexif()) == {}


def test_listed_url_serves_the_file_to_a_session_that_sees_the_project(tree, api, client):
    made = world(tree)
    api(tree.users.org_admin).post(_evidence(made.in_), {"files": [_pdf()]}, format="multipart")
    listed = api(tree.users.member).get(_evidence(made.in_)).json()
    client.force_login(tree.users.member)
    response = client.get(listed[-1]["url"])
    assert (response.status_code, response["Content-Type"], response["X-Content-Type-Options"],
            b"".join(response.streaming_content)) == (200, "application/pdf", "nosniff", PDF)


def test_listed_url_of_a_file_gone_from_storage_is_a_404(tree, client):
    made = world(tree)
    made.evidence_in.file.storage.delete(made.evidence_in.file.name)
    client.force_login(tree.users.county_admin)
    assert client.get(f"/vanguard/{made.in_.pk}/evidence/{made.evidence_in.pk}/").status_code == 404


def test_evidence_as_json_is_a_415_and_stores_nothing(tree, api):
    made = world(tree)
    response = api(tree.users.county_admin).post(_evidence(made.in_), {"files": []}, format="json")
    assert (response.status_code, made.in_.evidence.count()) == (415, 1)


def test_evidence_without_files_is_a_400_on_files(tree, api):
    made = world(tree)
    response = api(tree.users.county_admin).post(_evidence(made.in_), {}, format="multipart")
    assert (response.status_code, list(response.json()), made.in_.evidence.count()) == (400, ["files"], 1)


def test_evidence_past_the_projects_limit_is_a_400_on_files_and_stores_nothing(tree, api, settings):
    settings.VANGUARD_MAX_EVIDENCE = 2
    made = world(tree)
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(tree.users.county_admin)
    response = client.post(_evidence(made.in_), {"files": [_exif_jpeg("a.jpg"), _pdf()]}, format="multipart")
    assert (response.status_code, response.json(), made.in_.evidence.count()) == (
        400, {"files": ["A project holds at most 2 files."]}, 1)


def test_more_files_in_one_request_than_a_project_holds_are_refused_before_any_is_read(tree, api, settings,
                                                                                     monkeypatch):
    settings.VANGUARD_MAX_EVIDENCE = 2
    made = world(tree)
    monkeypatch.setattr(domain, "check_upload", lambda upload: pytest.fail("a file was checked"))
    response = api(tree.users.county_admin).post(_evidence(made.in_), {"files": [_pdf(f"{n}.pdf") for n in range(3)]},
                                                 format="multipart")
    assert (response.status_code, list(response.json()), made.in_.evidence.count()) == (400, ["files"], 1)


def test_evidence_larger_than_allowed_is_a_400_on_files_and_stores_nothing(tree, api, settings):
    made = world(tree)
    settings.EVIDENCE_MAX_BYTES = 100
    response = api(tree.users.county_admin).post(_evidence(made.in_), {"files": [_pdf("small.pdf"), _exif_jpeg()]},
                                                 format="multipart")
    assert (response.status_code, list(response.json()), made.in_.evidence.count()) == (400, ["files"], 1)


@pytest.mark.parametrize("name,content", [("setup.exe", b"MZ\x90\x00" + b"\x00" * 64),
                                          ("photo.jpg", b"MZ\x90\x00" + b"\x00" * 64),
                                          ("report.pdf", b"<html><script>alert(1)</script></html>")])
def test_evidence_of_the_wrong_type_is_a_400_on_files_and_stores_nothing(tree, api, name, content):
    made = world(tree)
    files = [_pdf(), SimpleUploadedFile(name, content)]
    response = api(tree.users.county_admin).post(_evidence(made.in_), {"files": files}, format="multipart")
    assert (response.status_code, list(response.json()), made.in_.evidence.count(),
            AuditEntry.objects.filter(action="vanguard.evidence.add").count()) == (400, ["files"], 1, 1)


@pytest.mark.parametrize("method", ["get", "post"])
def test_evidence_of_a_project_out_of_view_is_a_404(tree, api, method):
    made = world(tree)
    client = api(tree.users.org_admin)
    response = (client.post(_evidence(made.out), {"files": [_pdf()]}, format="multipart") if method == "post"
                else client.get(_evidence(made.out)))
    assert (response.status_code, made.out.evidence.count()) == (404, 0)


@pytest.mark.parametrize("role", ["member", "inspector", "leader"])
def test_evidence_upload_by_someone_who_only_sees_the_project_is_a_403(tree, api, role):
    made = world(tree)
    client = api(getattr(tree.users, role))
    listed = client.get(_evidence(made.in_))
    response = client.post(_evidence(made.in_), {"files": [_pdf()]}, format="multipart")
    assert (listed.status_code, response.status_code, made.in_.evidence.count()) == (200, 403, 1)


@pytest.mark.parametrize("count", [1, 3])
def test_evidence_list_queries_do_not_grow_with_rows(tree, api, django_assert_num_queries, count):
    made = world(tree)
    if count > 1:
        domain.add_evidence(made.in_, by=tree.users.county_admin, files=[_exif_jpeg(), _pdf()])
    client = api(tree.users.org_admin)
    with django_assert_num_queries(3):
        response = client.get(_evidence(made.in_))
    assert len(response.json()) == count
