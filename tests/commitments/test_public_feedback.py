"""The public's feedback form on an organisation's page and on an item's page: held until a
moderator lets it through, CSRF on, a honeypot, an hourly limit per network address."""
import pytest
from django.test import Client
from django.urls import reverse

from pacesetter.commitments import domain
from pacesetter.commitments.enums import FeedbackKind, FeedbackStatus
from pacesetter.commitments.forms_public import HONEYPOT
from pacesetter.commitments.models import Feedback
from pacesetter.core import ratelimit
from pacesetter.core.models import RateBucket

from .public_world import item, make_campaign, member_pledge, published

pytestmark = pytest.mark.django_db

RECEIVED = "Thank you. Your feedback was received; it is shown here after moderation."


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def commitment(tree):
    return published(tree, make_campaign(), items=[item("入户走访困难群众"), item("帮扶一户困难家庭")])


def org_url(code="T1B1"):
    return reverse("notice:organization", kwargs={"code": code})


def item_url(pk):
    return reverse("notice:item", kwargs={"pk": pk})


def form(commitment, about=None, **fields):
    return {"about": about or f"c{commitment.pk}", "kind": FeedbackKind.FEEDBACK, "text": "服务态度很好", "name": "",
            "contact": "", **fields}


def stored():
    return list(Feedback.objects.values_list("commitment", "item", "kind", "text", "name", "contact", "status"))


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_feedback_is_stored_awaiting_moderation(client, commitment):
    response = client.post(org_url(), form(commitment, name="王女士", contact="13900001111"))
    assert (response.status_code, response["Location"], stored()) == (
        302, org_url(), [(commitment.pk, None, "feedback", "服务态度很好", "王女士", "13900001111", "pending")]
    )


def test_feedback_says_it_is_shown_after_moderation(client, commitment):
    response = client.post(org_url(), form(commitment), follow=True)
    assert messages_of(response) == [RECEIVED]


def test_feedback_can_be_an_objection_on_one_item(client, commitment):
    second = commitment.items.order_by("order")[1]
    client.post(org_url(), form(commitment, about=f"i{second.pk}", kind=FeedbackKind.OBJECTION, text="没有做到"))
    assert stored() == [(commitment.pk, second.pk, "objection", "没有做到", "", "", "pending")]


def test_feedback_on_a_members_item_goes_to_the_members_pledge(tree, client, commitment):
    members = member_pledge(tree, commitment.campaign)
    entry = members.items.get()
    client.post(org_url(), form(commitment, about=f"i{entry.pk}"))
    assert stored()[0][:2] == (members.pk, entry.pk)


def test_feedback_from_an_items_page_is_about_that_item(client, commitment):
    entry = commitment.items.order_by("order").first()
    response = client.post(item_url(entry.pk), {"kind": "feedback", "text": "进展很快"})
    assert (response.status_code, response["Location"], stored()) == (
        302, item_url(entry.pk), [(commitment.pk, entry.pk, "feedback", "进展很快", "", "", "pending")]
    )


def test_feedback_is_not_shown_until_moderated(client, commitment):
    client.post(org_url(), form(commitment, text="很好的承诺"))
    assert "很好的承诺" not in client.get(org_url()).content.decode()


def test_feedback_is_shown_with_its_reply_once_let_through(tree, client, commitment):
    client.post(org_url(), form(commitment, text="很好的承诺"))
    domain.moderate_feedback(Feedback.objects.get(), by=tree.users.branch_admin, show=True, reply="感谢监督")
    [shown] = client.get(org_url()).context["feedback_page"].object_list
    assert (shown.text, shown.reply) == ("很好的承诺", "感谢监督")


def test_contact_is_never_shown_on_the_public_page(tree, client, commitment):
    client.post(org_url(), form(commitment, contact="13900001111"))
    domain.moderate_feedback(Feedback.objects.get(), by=tree.users.branch_admin, show=True)
    assert "13900001111" not in client.get(org_url()).content.decode()


def test_honeypot_filled_writes_nothing_and_looks_received(client, commitment):
    response = client.post(org_url(), form(commitment, **{HONEYPOT: "http://spam.example"}), follow=True)
    # Only the page's own rate-limit count (core.public_limits): the honeypot takes no feedback place.
    feedback = RateBucket.objects.exclude(key_hash=ratelimit.key_hash("public.notice", "127.0.0.1"))
    assert (messages_of(response), stored(), feedback.count()) == ([RECEIVED], [], 0)


def test_honeypot_is_hidden_by_css_class(client, commitment):
    html = client.get(org_url()).content.decode()
    assert (
        '<div class="notice-hp" aria-hidden="true">' in html,
        f'<input type="text" name="{HONEYPOT}" id="id_{HONEYPOT}" value="" tabindex="-1" autocomplete="off">' in html,
        "commitments/public.css" in html,
    ) == (True, True, True)


def test_feedback_form_needs_the_csrf_token(commitment):
    client = Client(enforce_csrf_checks=True)
    assert (client.post(org_url(), form(commitment)).status_code, stored()) == (403, [])


def test_feedback_is_limited_per_hour_per_address(settings, client, commitment):
    settings.COMMITMENT_FEEDBACK_PER_HOUR = 2
    statuses = [client.post(org_url(), form(commitment)).status_code for _ in range(3)]
    response = client.post(org_url(), form(commitment))
    assert (statuses, response.status_code, response.context["form"].non_field_errors(), len(stored())) == (
        [302, 302, 429], 429,
        ["Too much feedback has come from your network in the last hour. Please try again later."], 2,
    )


def test_feedback_limit_counts_each_address_apart(settings, client, commitment):
    settings.COMMITMENT_FEEDBACK_PER_HOUR = 1
    first = client.post(org_url(), form(commitment), REMOTE_ADDR="10.0.0.1").status_code
    second = client.post(org_url(), form(commitment), REMOTE_ADDR="10.0.0.2").status_code
    assert (first, second, len(stored())) == (302, 302, 2)


def test_feedback_limit_reads_the_address_behind_the_proxy(settings, client, commitment):
    settings.COMMITMENT_FEEDBACK_PER_HOUR, settings.PROXY_COUNT = 1, 1
    first = client.post(org_url(), form(commitment), HTTP_X_FORWARDED_FOR="1.2.3.4").status_code
    second = client.post(org_url(), form(commitment), HTTP_X_FORWARDED_FOR="5.6.7.8").status_code
    third = client.post(org_url(), form(commitment), HTTP_X_FORWARDED_FOR="1.2.3.4").status_code
    assert (first, second, third) == (302, 302, 429)


def test_empty_feedback_is_refused_with_a_message(client, commitment):
    response = client.post(org_url(), form(commitment, text="   "))
    assert (response.status_code, response.context["form"].errors, stored()) == (
        400, {"text": ["This field is required."]}, []
    )


def test_too_long_feedback_is_refused_with_its_length(client, commitment):
    response = client.post(org_url(), form(commitment, text="长" * 1001))
    assert (response.status_code, response.context["form"].non_field_errors(), stored()) == (
        400, ["Feedback may have at most 1,000 characters (yours has 1001)."], []
    )


def test_too_long_name_is_refused_on_its_field(client, commitment):
    response = client.post(org_url(), form(commitment, name="名" * 51))
    assert (response.status_code, response.context["form"].errors["name"], stored()) == (
        400, ["Ensure this value has at most 50 characters (it has 51)."], []
    )


def test_feedback_about_an_item_of_another_organisation_is_refused(tree, client, commitment):
    other = published(tree, commitment.campaign, org=tree.b2)
    response = client.post(org_url(), form(commitment, about=f"i{other.items.get().pk}"))
    assert (response.status_code, response.context["form"].errors["about"], stored()) == (
        400, [f"Select a valid choice. i{other.items.get().pk} is not one of the available choices."], []
    )


def test_unknown_kind_is_refused(client, commitment):
    response = client.post(org_url(), form(commitment, kind="praise"))
    assert (response.status_code, response.context["form"].errors["kind"], stored()) == (
        400, ["Select a valid choice. praise is not one of the available choices."], []
    )


def test_refused_feedback_keeps_what_was_written(client, commitment):
    response = client.post(org_url(), form(commitment, text="长" * 1001, name="王女士"))
    assert 'value="王女士"' in response.content.decode()


def test_feedback_on_an_unpublished_pledge_is_missing(tree, client):
    from pacesetter.commitments.enums import CommitmentStatus

    from .public_world import pledge

    draft = pledge(make_campaign(), by=tree.users.branch_admin, org=tree.b1, status=CommitmentStatus.SUBMITTED)
    response = client.post(org_url(), form(draft))
    assert (response.status_code, stored()) == (404, [])


def test_moderated_feedback_keeps_its_status_on_the_public_page(tree, client, commitment):
    client.post(org_url(), form(commitment))
    domain.moderate_feedback(Feedback.objects.get(), by=tree.users.branch_admin, show=False, reason="重复")
    assert (list(client.get(org_url()).context["feedback_page"].object_list), stored()[0][-1]) == (
        [], FeedbackStatus.REJECTED
    )
