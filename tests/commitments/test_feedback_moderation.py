"""Staff moderation of public feedback (/commitments/feedback/): who sees which feedback,
who may moderate it, pending first, filters, htmx row swaps, constant query count."""
import pytest
from django.urls import reverse

from pacesetter.commitments import domain
from pacesetter.commitments.enums import FeedbackKind, FeedbackStatus
from pacesetter.commitments.models import Feedback
from pacesetter.core.models import AuditEntry

from .public_world import make_campaign, published

pytestmark = pytest.mark.django_db

LIST = "/commitments/feedback/"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def world(tree):
    """A published pledge each for T1B1 and T2B1, with one pending feedback each."""
    campaign = make_campaign()
    inside, outside = published(tree, campaign), published(tree, campaign, org=tree.b2)
    return {
        "inside": domain.submit_feedback(inside, client_ip="10.0.0.1", text="一号村的意见"),
        "outside": domain.submit_feedback(outside, client_ip="10.0.0.1", text="二号村的意见"),
        "inside_pledge": inside,
    }


def moderate_url(feedback):
    return reverse("commitments:feedback-moderate", kwargs={"pk": feedback.pk})


def texts(response) -> list[str]:
    return [f.text for f in response.context["page"].object_list]


def status_of(feedback) -> str:
    return Feedback.objects.get(pk=feedback.pk).status


def test_moderation_urls():
    assert (reverse("commitments:feedback-list"), moderate_url(Feedback(pk=3))) == (
        LIST, "/commitments/feedback/3/moderate/"
    )


@pytest.mark.parametrize(("role", "expected"), [
    ("county_admin", ["二号村的意见", "一号村的意见"]),
    ("inspector", ["二号村的意见", "一号村的意见"]),
    ("org_admin", ["一号村的意见"]),
    ("branch_admin", ["一号村的意见"]),
    ("leader", []),
    ("member", []),
    ("nobody", []),
])
def test_list_shows_the_feedback_the_user_looks_after(tree, world, client, role, expected):
    client.force_login(getattr(tree.users, role))
    assert texts(client.get(LIST)) == expected


def test_list_needs_a_login(world, client):
    assert client.get(LIST)["Location"] == f"/accounts/login/?next={LIST}"


def test_list_shows_pending_feedback_first(tree, world, client):
    later = domain.submit_feedback(world["inside_pledge"], client_ip="10.0.0.2", text="后来的意见")
    domain.moderate_feedback(later, by=tree.users.branch_admin, show=True)
    client.force_login(tree.users.branch_admin)
    assert texts(client.get(LIST)) == ["一号村的意见", "后来的意见"]


def test_list_counts_pending_feedback_in_its_header(tree, world, client):
    domain.submit_feedback(world["inside_pledge"], client_ip="10.0.0.2", text="又一条")
    client.force_login(tree.users.county_admin)
    response = client.get(LIST)
    assert (response.context["pending"], "3 awaiting moderation" in response.content.decode()) == (3, True)


@pytest.mark.parametrize(("params", "expected"), [
    ({"status": "shown"}, ["已显示"]),
    ({"status": "pending"}, ["二号村的意见", "一号村的意见"]),
    ({"kind": "objection"}, ["异议"]),
    ({"org": "T2"}, ["二号村的意见"]),
    ({"org": "T2B1", "status": "shown"}, []),
])
def test_list_filters(tree, world, client, params, expected):
    shown = domain.submit_feedback(world["inside_pledge"], client_ip="10.0.0.2", text="已显示")
    domain.moderate_feedback(shown, by=tree.users.branch_admin, show=True)
    objection = domain.submit_feedback(world["inside_pledge"], client_ip="10.0.0.2", text="异议",
                                       kind=FeedbackKind.OBJECTION)
    domain.moderate_feedback(objection, by=tree.users.branch_admin, show=False, reason="无关")
    client.force_login(tree.users.county_admin)
    assert texts(client.get(LIST, params)) == expected


def test_list_filter_refuses_an_organisation_outside_the_view(tree, world, client):
    client.force_login(tree.users.org_admin)
    response = client.get(LIST, {"org": "T2B1"})
    assert (texts(response), response.context["filter"].errors["org"]) == (
        [], ["No organisation with the code T2B1 in your view."]
    )


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_constant(tree, world, client, django_assert_num_queries, n):
    for i in range(n - 1):
        domain.submit_feedback(world["inside_pledge"], client_ip="10.0.0.2", text=f"意见{i}")
    client.force_login(tree.users.org_admin)
    # session, user, roles, the count, the page's keys, its rows, the pending count, unread notifications
    with django_assert_num_queries(8):
        response = client.get(LIST)
    assert len(texts(response)) == n


def test_show_lets_feedback_through_with_a_reply(tree, world, client):
    client.force_login(tree.users.branch_admin)
    response = client.post(moderate_url(world["inside"]), {"action": "show", "reply": "已整改", "next": f"{LIST}?page=1"})
    feedback = Feedback.objects.get(pk=world["inside"].pk)
    assert (response.status_code, response["Location"], feedback.status, feedback.reply, feedback.moderated_by) == (
        302, f"{LIST}?page=1", FeedbackStatus.SHOWN, "已整改", tree.users.branch_admin
    )


def test_reject_keeps_feedback_off_with_the_reason(tree, world, client):
    client.force_login(tree.users.org_admin)
    client.post(moderate_url(world["inside"]), {"action": "reject", "reason": "含有广告"})
    feedback = Feedback.objects.get(pk=world["inside"].pk)
    assert (feedback.status, feedback.moderation_reason) == (FeedbackStatus.REJECTED, "含有广告")


def test_reject_without_a_reason_is_refused_with_a_message(tree, world, client):
    client.force_login(tree.users.branch_admin)
    audit = AuditEntry.objects.count()
    response = client.post(moderate_url(world["inside"]), {"action": "reject", "reason": " "})
    assert (response.status_code, response.context["form"].non_field_errors(), status_of(world["inside"]),
            AuditEntry.objects.count()) == (
        400, ["Give the reason for not showing this feedback."], FeedbackStatus.PENDING, audit
    )


def test_unknown_action_is_refused(tree, world, client):
    client.force_login(tree.users.branch_admin)
    response = client.post(moderate_url(world["inside"]), {"action": "delete"})
    assert (response.status_code, response.context["form"].errors["action"], status_of(world["inside"])) == (
        400, ["Select a valid choice. delete is not one of the available choices."], FeedbackStatus.PENDING
    )


def test_next_outside_the_site_is_ignored(tree, world, client):
    client.force_login(tree.users.branch_admin)
    response = client.post(moderate_url(world["inside"]), {"action": "show", "next": "https://evil.example/"})
    assert response["Location"] == LIST


def test_htmx_gets_the_row_and_the_new_pending_count(tree, world, client):
    client.force_login(tree.users.county_admin)
    response = client.post(moderate_url(world["inside"]), {"action": "show"}, **HTMX)
    html = response.content.decode()
    assert (
        response.status_code,
        html.count(f'id="feedback-{world["inside"].pk}"'),
        '<span class="badge text-bg-warning" id="pending-count" hx-swap-oob="true">1 awaiting moderation</span>' in html,
        "<html" in html,
    ) == (200, 1, True, False)


def test_htmx_error_comes_back_in_the_row(tree, world, client):
    client.force_login(tree.users.branch_admin)
    response = client.post(moderate_url(world["inside"]), {"action": "reject"}, **HTMX)
    html = response.content.decode()
    assert (response.status_code, "Give the reason for not showing this feedback." in html, "<html" in html) == (
        200, True, False
    )


def test_another_townships_admin_gets_404(tree, world, client):
    client.force_login(tree.users.org_admin)
    response = client.post(moderate_url(world["outside"]), {"action": "show"})
    assert (response.status_code, status_of(world["outside"])) == (404, FeedbackStatus.PENDING)


def test_inspector_reads_but_may_not_moderate(tree, world, client):
    client.force_login(tree.users.inspector)
    response = client.post(moderate_url(world["inside"]), {"action": "show"})
    assert (response.status_code, status_of(world["inside"])) == (403, FeedbackStatus.PENDING)


def test_inspector_sees_no_moderation_buttons(tree, world, client):
    client.force_login(tree.users.inspector)
    assert moderate_url(world["inside"]) not in client.get(LIST).content.decode()


def test_moderator_sees_the_buttons(tree, world, client):
    client.force_login(tree.users.branch_admin)
    assert f'action="{moderate_url(world["inside"])}"' in client.get(LIST).content.decode()


def test_moderate_answers_get_with_405(tree, world, client):
    client.force_login(tree.users.branch_admin)
    assert client.get(moderate_url(world["inside"])).status_code == 405


def test_moderation_is_audited(tree, world, client):
    client.force_login(tree.users.branch_admin)
    client.post(moderate_url(world["inside"]), {"action": "show"})
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.object_id, entry.actor_id) == (
        "commitments.feedback.moderate", str(world["inside"].pk), tree.users.branch_admin.pk
    )


def test_list_shows_the_contact_to_moderators(tree, world, client):
    domain.submit_feedback(world["inside_pledge"], client_ip="10.0.0.2", text="请回电", contact="13900001111")
    client.force_login(tree.users.branch_admin)
    assert "13900001111" in client.get(LIST).content.decode()
