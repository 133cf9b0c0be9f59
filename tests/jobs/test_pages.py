"""The job pages and API: lists, progress, result, retry; the import page hands big files to a job."""
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from rest_framework.test import APIClient

from pacesetter.jobs.enums import JobState
from pacesetter.jobs.models import Job
from pacesetter.orgs.models import Member

from .world import make_job

pytestmark = pytest.mark.django_db


def english(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_job_page_polls_while_active_and_stops_when_done(client, tree):
    user = tree.users.org_admin
    job = make_job(user, kind="orgs.export", state=JobState.RUNNING, progress=40, stage="Writing the file")
    page = english(client, user).get(f"/jobs/{job.pk}/").content.decode()
    assert 'hx-trigger="every 1500ms"' in page and 'value="40"' in page
    Job.objects.filter(pk=job.pk).update(state=JobState.DONE, progress=100)
    part = client.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode().strip()
    assert part.startswith('<div id="job-status"') and "hx-trigger" not in part


def test_failed_import_page_lists_row_numbered_errors_and_offers_retry(client, tree):
    user = tree.users.org_admin
    job = make_job(user, kind="orgs.import", state=JobState.FAILED, result_bytes=b"PKxx", message="bad file",
                   result={"error_count": 1, "errors": [{"row": 7, "column": "姓名", "value": "", "message": "empty"}]})
    page = english(client, user).get(f"/jobs/{job.pk}/").content.decode()
    assert "<td>7</td><td>姓名</td><td></td><td>empty</td>" in page
    assert 'id="job-retry"' in page and "Download the error report" in page
    download = client.get(f"/jobs/{job.pk}/result/")
    assert (download.getvalue(), download["Cache-Control"], download["X-Content-Type-Options"]) == (
        b"PKxx", "private, no-store", "nosniff")


def test_run_now_starts_a_job_for_a_county_admin(client, tree):
    response = english(client, tree.users.county_admin).post("/jobs/run/", {"kind": "stages.reminders"})
    job = Job.objects.get()
    assert (response.status_code, response["Location"], job.kind, job.state) == (
        302, f"/jobs/{job.pk}/", "stages.reminders", JobState.QUEUED)


@override_settings(JOB_IMPORT_INLINE_ROWS=2)
def test_import_page_hands_a_big_file_to_a_job(client, tree):
    rows = "".join(f"N{i},新{i},男,T1B1,正式党员\n" for i in range(3))
    upload = SimpleUploadedFile("big.csv", ("党员编号,姓名,性别,所在组织编码,党员类型\n" + rows).encode())
    response = english(client, tree.users.org_admin).post("/orgs/import/members/", {"file": upload})
    job = Job.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/jobs/{job.pk}/")
    assert (job.kind, job.params["kind"], job.input_name, job.state) == ("orgs.import", "members", "big.csv", "queued")
    assert not Member.objects.filter(code="N0").exists()


@override_settings(JOB_IMPORT_INLINE_ROWS=2)
def test_import_page_imports_a_small_file_at_once(client, tree):
    upload = SimpleUploadedFile("s.csv", "党员编号,姓名,性别,所在组织编码,党员类型\nN0,新,男,T1B1,正式党员\n".encode())
    response = english(client, tree.users.org_admin).post("/orgs/import/members/", {"file": upload})
    assert (response.status_code, Job.objects.count(), Member.objects.filter(code="N0").count()) == (200, 0, 1)


def test_member_export_in_the_background_keeps_the_filters(client, tree):
    response = english(client, tree.users.org_admin).post("/orgs/members/export/?name=张")
    job = Job.objects.get()
    assert (response.status_code, job.kind, job.params) == (302, "orgs.export", {"kind": "members", "query": "name=%E5%BC%A0"})


@pytest.mark.parametrize(("url", "kind"), [
    ("/orgs/list/export/", "organizations"), ("/orgs/leaders/export/", "leaders"),
])
def test_every_list_exports_in_the_background_from_its_page(client, tree, url, kind):
    """The list page's "Export in the background" button posts to the export URL with the list's filters."""
    english(client, tree.users.county_admin)
    page = client.get(url.replace("export/", "") + "?q=T")
    assert f'<form method="post" action="{url}?q=T"' in page.content.decode()
    response = client.post(f"{url}?q=T")
    job = Job.objects.get()
    assert (response.status_code, job.kind, job.params) == (302, "orgs.export", {"kind": kind, "query": "q=T"})


def test_a_get_of_the_export_url_never_starts_a_job(client, tree):
    response = english(client, tree.users.org_admin).get("/orgs/members/export/?background=1")
    assert (response.status_code, Job.objects.count()) == (200, 0)


def test_api_retry_answers_the_requeued_job(tree):
    job = make_job(tree.users.org_admin, kind="orgs.import", state=JobState.FAILED)
    api = APIClient()
    api.force_authenticate(tree.users.org_admin)
    body = api.post(f"/api/v1/jobs/{job.pk}/retry/").json()
    assert (body["id"], body["state"], body["attempts"]) == (job.pk, "queued", 2)


@pytest.mark.parametrize("count", [1, 3])
def test_job_list_queries_do_not_grow(client, tree, django_assert_num_queries, count):
    user = tree.users.org_admin
    for _ in range(count):
        make_job(user, kind="orgs.export", result_bytes=b"x")
    english(client, user)
    client.get("/jobs/")  # session and language warmed up
    with django_assert_num_queries(6):
        assert client.get("/jobs/").status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_job_api_list_queries_do_not_grow(tree, django_assert_num_queries, count):
    user = tree.users.org_admin
    for _ in range(count):
        make_job(user, kind="orgs.export")
    api = APIClient()
    api.force_authenticate(user)
    with django_assert_num_queries(3):
        assert len(api.get("/api/v1/jobs/").json()["results"]) == count


def test_job_page_names_the_summary_figures(client, tree):
    user = tree.users.org_admin
    job = make_job(user, kind="orgs.import", result={"kind": "members", "rows": 2, "created": 2, "dry_run": False})
    page = english(client, user).get(f"/jobs/{job.pk}/").content.decode()
    assert ('<dt class="col-6 col-md-3">Created</dt><dd class="col-6 col-md-9 mb-0">2</dd>' in page
            and "Only checked</dt><dd class=\"col-6 col-md-9 mb-0\">no</dd>" in page)


def test_job_list_shows_what_the_user_sees_or_only_their_own(client, tree):
    own = make_job(tree.users.org_admin, kind="orgs.export")
    branch = make_job(tree.users.branch_admin, kind="orgs.import", organization=tree.b1)
    make_job(tree.users.county_admin, kind="orgs.export", organization=tree.county)
    english(client, tree.users.org_admin)
    assert [job.pk for job in client.get("/jobs/").context["page"].object_list] == [branch.pk, own.pk]
    assert [job.pk for job in client.get("/jobs/?mine=1").context["page"].object_list] == [own.pk]
