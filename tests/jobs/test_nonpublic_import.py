"""The non-public entity import page hands a big file to a job; the job is all or nothing."""
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from pacesetter.jobs import runner
from pacesetter.jobs.enums import JobState
from pacesetter.jobs.models import Job
from pacesetter.nonpublic.models import NonpublicEntity

from ..nonpublic.test_import import _xlsx
from ..nonpublic.world import code

pytestmark = pytest.mark.django_db


def post(client, user, rows):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.post("/non-public/import/", {"file": SimpleUploadedFile("entities.xlsx", _xlsx(rows))})


@override_settings(JOB_IMPORT_INLINE_ROWS=1)
def test_big_entity_import_runs_as_a_job(client, tree):
    response = post(client, tree.users.county_admin, [
        ["鑫达机械制造有限公司", code(1), "非公企业", "C", "一号镇", 50, 3, "未建", "", "", ""],
        ["二号镇商会", code(2), "社会组织", "S", "二号镇", 12, 4, "单独建", "T2B1", "", ""],
    ])
    job = Job.objects.get()
    assert (response.status_code, response["Location"], NonpublicEntity.objects.count()) == (302, f"/jobs/{job.pk}/", 0)
    job = runner.run_job(job.pk)
    assert (job.state, job.result, NonpublicEntity.objects.count()) == (JobState.DONE, {"created": 2}, 2)


@override_settings(JOB_IMPORT_INLINE_ROWS=1)
def test_big_entity_import_with_a_bad_row_keeps_nothing(client, tree):
    post(client, tree.users.county_admin, [
        ["鑫达机械制造有限公司", code(1), "非公企业", "C", "一号镇", 50, 3, "未建", "", "", ""],
        ["无此乡镇公司", code(3), "非公企业", "C", "三号镇", 5, 0, "未建", "", "", ""],
    ])
    job = runner.run_job(Job.objects.get().pk)
    assert (job.state, [e["row"] for e in job.result["errors"]], NonpublicEntity.objects.count()) == (
        JobState.FAILED, [3], 0)
    assert job.result_file.read()[:2] == b"PK"
