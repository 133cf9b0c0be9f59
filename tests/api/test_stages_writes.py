"""POST /api/v1/campaign-stage-tasks/{id}/done/ and …/send-back/: the checklist's writes,
with the pages' permissions, through the domain functions; nothing changes on a refusal."""
import pytest
from rest_framework.test import APIClient

from pacesetter.core.models import AuditEntry
from pacesetter.stages import domain
from pacesetter.stages.models import CompletionEvidence, TaskCompletion
from tests.stages.world import D, build
from tests.visibility.accountability_tasks import _photo


@pytest.fixture
def world(tree):
    w = build(tree)
    domain.mark_done(w.a, tree.b1, by=tree.users.county_admin, done_on=D(2026, 3, 15))
    return w


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def done_url(task) -> str:
    return f"/api/v1/campaign-stage-tasks/{task.pk}/done/"


def back_url(task) -> str:
    return f"/api/v1/campaign-stage-tasks/{task.pk}/send-back/"


def state():
    """Everything a refused write must leave alone."""
    return (list(TaskCompletion.objects.order_by("pk").values_list("pk", "state", "done_on", "note", "returned_reason")),
            CompletionEvidence.objects.count(), AuditEntry.objects.count())


def test_branch_admin_marks_done_with_evidence_multipart(tree, world):
    response = api(tree.users.branch_admin).post(
        done_url(world.c), {"organization": "T1B1", "note": "已述职", "done_on": "2026-06-20", "file": _photo()},
        format="multipart")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["task"], body["organization"], body["completion_state"], body["done_on"], body["note"]) == (
        world.c.pk, "T1B1", "done", "2026-06-20", "已述职")
    assert [(e["kind"], e["original_name"]) for e in body["evidence"]] == [("photo", "现场.jpg")]
    completion = TaskCompletion.objects.get(task=world.c, organization=tree.b1)
    assert completion.done_by == tree.users.branch_admin and completion.evidence.count() == 1
    assert AuditEntry.objects.filter(action="stages.mark_done", object_id=str(completion.pk)).exists()


def test_mark_done_json_defaults_to_today(tree, world):
    response = api(tree.users.org_admin).post(done_url(world.c), {"organization": "T1B1"}, format="json")
    assert response.status_code == 200
    assert response.json()["evidence"] == [] and response.json()["note"] == ""


def test_county_admin_sends_back_then_branch_marks_again(tree, world):
    response = api(tree.users.county_admin).post(back_url(world.a), {"organization": "T1B1", "reason": "缺少会议记录"},
                                                 format="json")
    assert response.status_code == 200
    assert (response.json()["completion_state"], response.json()["returned_reason"]) == ("returned", "缺少会议记录")
    again = api(tree.users.branch_admin).post(done_url(world.a), {"organization": "T1B1", "note": "补交记录"},
                                              format="json")
    assert again.status_code == 200 and again.json()["completion_state"] == "done"


@pytest.mark.parametrize(("role", "url", "body", "status"), [
    # an organisation the user does not see is a 404, like a missing one
    ("org_admin", "done", {"organization": "T2B1"}, 404),
    ("branch_admin", "done", {"organization": "NOPE"}, 404),
    ("member", "done", {"organization": "T1B1"}, 404),
    # one they see but may not mark: 403
    ("leader", "done", {"organization": "T1B1"}, 403),
    ("inspector", "done", {"organization": "T1B1"}, 403),
    ("branch_admin", "send_back", {"organization": "T1B1", "reason": "不行"}, 403),
    ("leader", "send_back", {"organization": "T1B1", "reason": "不行"}, 403),
    # bad input: 400 naming the field
    ("branch_admin", "done", {}, 400),
    ("county_admin", "send_back", {"organization": "T1B1"}, 400),
])
def test_refusals_change_nothing(tree, world, role, url, body, status):
    before = state()
    task = world.c if url == "done" else world.a
    response = api(getattr(tree.users, role)).post(done_url(task) if url == "done" else back_url(task), body,
                                                   format="json")
    assert response.status_code == status
    if status == 400:
        assert set(response.json()) == {"organization" if url == "done" else "reason"}
    assert state() == before


@pytest.mark.parametrize(("task", "body", "field"), [
    ("b", {"organization": "T1B1"}, "task"),  # automatic: done by its data
    ("a", {"organization": "T1B1"}, "task"),  # marked done already
    ("c", {"organization": "T1B1", "done_on": "2999-01-01"}, "done_on"),
    ("c", {"organization": "T1B1", "done_on": "soon"}, "done_on"),
    ("c", {"organization": "T1B1", "note": "x" * 2001}, "note"),
])
def test_domain_refusals_name_the_field(tree, world, task, body, field):
    before = state()
    response = api(tree.users.county_admin).post(done_url(getattr(world, task)), body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert state() == before


def test_bad_evidence_file_is_refused_under_file(tree, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = state()
    bad = SimpleUploadedFile("记录.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = api(tree.users.branch_admin).post(done_url(world.c), {"organization": "T1B1", "file": bad},
                                                 format="multipart")
    assert response.status_code == 400
    assert list(response.json()) == ["file"]
    assert state() == before


def test_send_back_of_a_task_not_done_is_refused(tree, world):
    before = state()
    response = api(tree.users.county_admin).post(back_url(world.c), {"organization": "T1B1", "reason": "没做"},
                                                 format="json")
    assert response.status_code == 400 and list(response.json()) == ["task"]
    assert state() == before


def test_missing_task_is_404(tree, world):
    response = api(tree.users.county_admin).post("/api/v1/campaign-stage-tasks/999999/done/",
                                                 {"organization": "T1B1"}, format="json")
    assert response.status_code == 404
