"""Reminders of commitment deadlines (`pacesetter send_reminders`): who is told of what, once.

Pledges here: T1B1's (its admin is the tree's branch admin) and, where a test needs them,
T2B1's (no organisation admin on T2B1, T2 or the county), and member M1's (the tree's
member user).
"""
import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.commitments import domain
from pacesetter.commitments.enums import CommitmentStatus, Outcome
from pacesetter.commitments.models import CommitmentItem
from pacesetter.commitments.reminders import recipients, send_reminders
from pacesetter.notifications.models import Notification
from pacesetter.orgs.enums import Role

from ..factories import make_user
from ..visibility._commitments_api_world import (
    fields,
    link_member,
    make_campaign,
    pledge,
)


@pytest.fixture(autouse=True)
def english(settings):
    """Reminders are written in the site's language; compare them in English."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def campaign(db):
    return make_campaign()


@pytest.fixture
def today():
    return timezone.localdate()


def branch_pledge(tree, campaign, *items, status=CommitmentStatus.PUBLISHED):
    return pledge(campaign, by=tree.users.branch_admin, reviewer=tree.users.org_admin, org=tree.b1,
                  items=list(items), status=status)


def outside_pledge(tree, campaign, *items):
    return pledge(campaign, by=tree.users.county_admin, reviewer=tree.users.county_admin, org=tree.b2,
                  items=list(items))


def sent() -> list[tuple]:
    return sorted(Notification.objects.values_list("user__username", "kind", "key"))


def key(kind: str, item: CommitmentItem) -> str:
    return f"commitments.{kind}:{item.pk}:{item.deadline.isoformat()}"


def test_owners_hear_of_items_due_soon_and_overdue(tree, campaign, today):
    c = branch_pledge(tree, campaign, fields("走访", -2), fields("党日", 3), fields("修缮", 20))
    late, soon, _later = c.items.order_by("order")
    send_reminders(today, days=7)
    assert sent() == sorted([
        ("branch1", "commitments.overdue", key("overdue", late)),
        ("branch1", "commitments.due", key("due", soon)),
    ])


def test_reminder_texts_name_the_item_and_link_to_it(tree, campaign, today):
    c = branch_pledge(tree, campaign, fields("走访困难群众", -2))
    item = c.items.get()
    send_reminders(today, days=7)
    n = Notification.objects.get()
    assert (n.title, n.body, n.url) == (
        "Overdue commitment: 走访困难群众",
        (
            f"“走访困难群众” (一号村党支部; target: 每月一次) was due on {item.deadline.isoformat()}, 2 days ago, "
            "and is 0% done. Report its progress or its outcome."
        ),
        f"/commitments/items/{item.pk}/",
    )


def test_due_soon_text_counts_the_days_left(tree, campaign, today):
    branch_pledge(tree, campaign, fields("党日", 1), fields("走访", 0))
    send_reminders(today, days=7)
    assert sorted(Notification.objects.values_list("title", flat=True)) == [
        "Commitment due in 1 day: 党日", "Commitment due today: 走访",
    ]


def test_a_second_run_sends_nothing(tree, campaign, today):
    tree.users.branch_admin.email = "branch@example.org"
    tree.users.branch_admin.save()
    branch_pledge(tree, campaign, fields("走访", -2), fields("党日", 3))
    first = send_reminders(today, days=7)
    outbox = len(mail.outbox)
    again = send_reminders(today, days=7)
    assert ((first.notifications, first.emails), (again.notifications, again.emails), len(mail.outbox),
            Notification.objects.count()) == ((2, 2), (0, 0), outbox, 2)


def test_an_item_due_soon_is_told_again_once_overdue(tree, campaign, today):
    c = branch_pledge(tree, campaign, fields("党日", 3))
    send_reminders(today, days=7)
    send_reminders(today + datetime.timedelta(days=4), days=7)
    item = c.items.get()
    assert [k for _u, _kind, k in sent()] == sorted([key("due", item), key("overdue", item)])


def test_a_changed_deadline_is_a_new_reminder(tree, campaign, today):
    c = branch_pledge(tree, campaign, fields("党日", 3))
    send_reminders(today, days=7)
    CommitmentItem.objects.filter(commitment=c).update(deadline=today + datetime.timedelta(days=5))
    summary = send_reminders(today, days=7)
    assert (summary.notifications, Notification.objects.count()) == (1, 2)


def test_a_members_pledge_reminds_the_member(tree, campaign, today):
    link_member(tree)
    pledge(campaign, by=tree.users.member, reviewer=tree.users.branch_admin, member=tree.m1,
           items=[fields("志愿服务", 2)])
    send_reminders(today, days=7)
    assert [u for u, _kind, _key in sent()] == ["member1"]


def test_an_organisation_without_admins_reminds_its_nearest_ancestors(tree, campaign, today):
    make_user("town2", Role.ORG_ADMIN, tree.t2)
    make_user("town2b", Role.ORG_ADMIN, tree.t2)
    outside_pledge(tree, campaign, fields("书屋", -1))
    send_reminders(today, days=7)
    assert [u for u, _kind, _key in sent()] == ["town2", "town2b"]


def test_an_organisations_own_admin_comes_before_its_ancestors(tree, campaign, today):
    c = branch_pledge(tree, campaign, fields("走访", -1))
    assert [u.username for u in recipients([c])[c.pk]] == ["branch1"]


def test_nobody_up_the_tree_counts_the_item_without_recipient(tree, campaign, today):
    outside_pledge(tree, campaign, fields("书屋", -1))
    summary = send_reminders(today, days=7)
    assert ((summary.items, summary.without_recipient, summary.notifications), sent()) == ((1, 1, 0), [])


def test_an_inactive_admin_is_not_told(tree, campaign, today):
    branch_pledge(tree, campaign, fields("走访", -1))
    tree.users.branch_admin.is_active = False
    tree.users.branch_admin.save()
    make_user("branch1b", Role.ORG_ADMIN, tree.b1)
    send_reminders(today, days=7)
    assert [u for u, _kind, _key in sent()] == ["branch1b"]


def test_the_window_is_the_days_asked_for(tree, campaign, today):
    branch_pledge(tree, campaign, fields("修缮", 20))
    counts = [send_reminders(today, days=7).notifications, send_reminders(today, days=30).notifications]
    assert counts == [0, 1]


def test_the_window_defaults_to_the_setting(tree, campaign, today, settings):
    settings.COMMITMENT_REMIND_DAYS = 25
    branch_pledge(tree, campaign, fields("修缮", 20))
    assert send_reminders(today).notifications == 1


def test_decided_items_and_unpublished_pledges_are_not_reminded(tree, campaign, today):
    c = branch_pledge(tree, campaign, fields("走访", -1))
    domain.record_outcome(c.items.get(), by=tree.users.branch_admin, outcome=Outcome.NOT_DELIVERED, note="未完成")
    pledge(campaign, by=tree.users.org_admin, org=tree.t1, items=[fields("镇党委", 1)], status=CommitmentStatus.DRAFT)
    assert (send_reminders(today, days=7).items, sent()) == (0, [])


def test_closed_campaigns_are_left_alone(tree, campaign, today):
    branch_pledge(tree, campaign, fields("走访", -1))
    campaign.status = CampaignStatus.CLOSED
    campaign.save()
    assert send_reminders(today, days=7).items == 0


def test_one_campaign_only_when_asked(tree, campaign, today):
    branch_pledge(tree, campaign, fields("走访", -1))
    other = make_campaign(name="专项活动")
    outside_pledge(tree, other, fields("书屋", -1))
    assert (send_reminders(today, days=7, campaign=campaign).items, send_reminders(today, days=7).items) == (1, 2)


def test_emails_go_to_recipients_with_an_address(tree, campaign, today):
    tree.users.branch_admin.email = "branch@example.org"
    tree.users.branch_admin.save()
    make_user("branch1b", Role.ORG_ADMIN, tree.b1)
    branch_pledge(tree, campaign, fields("走访", -1))
    summary = send_reminders(today, days=7)
    assert ((summary.notifications, summary.emails), [(m.to, m.subject) for m in mail.outbox]) == (
        (2, 1), [(["branch@example.org"], "[Pacesetter] Overdue commitment: 走访")],
    )


def test_dry_run_writes_and_sends_nothing(tree, campaign, today):
    tree.users.branch_admin.email = "branch@example.org"
    tree.users.branch_admin.save()
    branch_pledge(tree, campaign, fields("走访", -1), fields("党日", 2))
    summary = send_reminders(today, days=7, dry_run=True)
    assert ((summary.items, summary.notifications, summary.emails), Notification.objects.count(), mail.outbox) == (
        (2, 2, 2), 0, [],
    )


@pytest.mark.parametrize("items", [1, 3])
def test_a_rerun_reads_in_a_constant_number_of_queries(tree, campaign, today, django_assert_num_queries, items):
    """Only new events cost a write: a run that finds everything told reads three times."""
    branch_pledge(tree, campaign, *[fields(f"事项{i}", -1 - i) for i in range(items)])
    send_reminders(today, days=7)
    with django_assert_num_queries(3):
        assert send_reminders(today, days=7).notifications == 0


def test_command_prints_its_summary(tree, campaign):
    tree.users.branch_admin.email = "branch@example.org"
    tree.users.branch_admin.save()
    branch_pledge(tree, campaign, fields("走访", -1), fields("党日", 2))
    outside_pledge(tree, campaign, fields("书屋", -1))
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue() == (
        "Items due soon: 1, overdue: 2 (1 with nobody to tell). Notifications sent: 2, e-mails: 2.\n"
    )


def test_command_dry_run_says_so(tree, campaign):
    branch_pledge(tree, campaign, fields("走访", -1))
    out = io.StringIO()
    call_command("send_reminders", "--dry-run", "--days", "3", stdout=out)
    assert (out.getvalue(), Notification.objects.count()) == (
        (
            "Items due soon: 0, overdue: 1 (0 with nobody to tell). "
            "Dry run, nothing sent: notifications 1 and e-mails 0 would be sent.\n"
        ),
        0,
    )


def test_command_refuses_an_unknown_campaign(db):
    with pytest.raises(CommandError, match="There is no campaign 999."):
        call_command("send_reminders", "--campaign", "999")
