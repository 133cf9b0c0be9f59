"""Commitments in the Django admin: county admins read everything, nothing is edited in
place, and the two steps offered (approve, show feedback) go through the domain."""
import pytest
from django.urls import reverse

from pacesetter.commitments import domain
from pacesetter.commitments.enums import CommitmentStatus, FeedbackStatus
from pacesetter.commitments.models import Commitment, Feedback

CHANGELISTS = [
    "admin:commitments_commitment_changelist",
    "admin:commitments_commitmentitem_changelist",
    "admin:commitments_itemversion_changelist",
    "admin:commitments_evidence_changelist",
    "admin:commitments_feedback_changelist",
    "admin:commitments_superiorreview_changelist",
]
REFUSED = "Only a superior organisation's admin may approve this commitment, and only while it awaits review."


@pytest.fixture(autouse=True)
def _own_media(media_root):
    """Evidence of these tests in a folder of their own."""


@pytest.fixture
def world(tree, make_pledge, photo):
    """A published pledge with a progress photo, feedback on it and a judgement."""
    commitment = make_pledge()
    domain.report_progress(commitment.items.get(), by=tree.users.branch_admin, progress=10, note="开始",
                           files=[photo()])
    domain.submit_feedback(commitment, client_ip="10.0.0.1", text="很好")
    domain.review_delivery(commitment, by=tree.users.org_admin, judgement="good")
    return commitment


@pytest.fixture
def admin_client(tree, client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(tree.users.county_admin)
    return client


@pytest.mark.parametrize("name, rows", list(zip(CHANGELISTS, [1, 1, 4, 1, 1, 1], strict=True)))
def test_county_admin_reads_every_changelist(world, admin_client, name, rows):
    """Four versions: written, submitted, approved, the progress update."""
    response = admin_client.get(reverse(name))
    assert (response.status_code, response.context["cl"].result_count) == (200, rows)


def test_a_pledge_reads_with_its_items(world, admin_client):
    response = admin_client.get(reverse("admin:commitments_commitment_change", args=[world.pk]))
    assert (response.status_code, response.context["has_change_permission"]) == (200, False)


@pytest.mark.parametrize("name", CHANGELISTS)
def test_staff_org_admin_is_refused(tree, client, name):
    tree.users.org_admin.is_staff = True
    tree.users.org_admin.save(update_fields=["is_staff"])
    client.force_login(tree.users.org_admin)
    assert client.get(reverse(name)).status_code == 403


def test_approve_action_goes_through_the_domain(tree, admin_client, make_pledge):
    submitted = make_pledge(status=CommitmentStatus.SUBMITTED)
    draft = make_pledge(org=tree.b2, status=CommitmentStatus.DRAFT)
    response = admin_client.post(reverse("admin:commitments_commitment_changelist"), {
        "action": "approve", "_selected_action": [submitted.pk, draft.pk]}, follow=True)
    statuses = dict(Commitment.objects.values_list("pk", "status"))
    assert (statuses, [str(m) for m in response.context["messages"]]) == (
        {submitted.pk: CommitmentStatus.PUBLISHED, draft.pk: CommitmentStatus.DRAFT},
        [f"{draft}: {REFUSED}", "1 commitment approved."],
    )


def test_show_feedback_action_goes_through_the_domain(world, admin_client):
    feedback = Feedback.objects.get()
    admin_client.post(reverse("admin:commitments_feedback_changelist"), {
        "action": "show", "_selected_action": [feedback.pk]})
    feedback.refresh_from_db()
    assert (feedback.status, feedback.moderated_by.username) == (FeedbackStatus.SHOWN, "county")


def test_the_feedback_contact_is_not_shown(world, admin_client):
    feedback = domain.submit_feedback(world, client_ip="10.0.0.2", text="请回电", contact="13800005678")
    response = admin_client.get(reverse("admin:commitments_feedback_change", args=[feedback.pk]))
    assert (response.status_code, "13800005678" in response.content.decode()) == (200, False)
