"""Supervision notice pages: the list with its filters and counts, one notice, the unit's
answer and issuing a notice by hand."""
import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from pacesetter.accountability import domain
from pacesetter.accountability.enums import NoticeStatus
from pacesetter.accountability.models import SupervisionNotice
from pacesetter.core.models import AuditEntry

from .conftest import make_task


def signed_in(client, user):
    """Logged in, reading the pages in English."""
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def notices(world):
    """n1 on KT-1 (to T1) by the inspector, answered by T1's admin; n2 on KT-2 (to T2) by the
    ladder, its answer overdue (backdated); n3 on KT-1 by the county admin, awaiting its answer."""
    users = world.users
    n1 = domain.issue_notice(world.task1, by=users.inspector, text="说明滞后原因")
    domain.answer_notice(n1, by=users.org_admin, response="已加派人手")
    n2 = domain.issue_notice(world.task2, by=None, text="节点逾期15天")
    SupervisionNotice.objects.filter(pk=n2.pk).update(respond_by=timezone.localdate() - datetime.timedelta(days=1))
    n3 = domain.issue_notice(world.task1, by=users.county_admin, text="报送整改方案")
    return n1, n2, n3


def numbers(response):
    return [n.pk for n in response.context["page"].object_list]


def test_notice_list_shows_the_county_admin_every_notice_newest_first(client, world, notices):
    n1, n2, n3 = notices
    response = signed_in(client, world.users.county_admin).get("/accountability/notices/")
    assert (numbers(response), response.context["counts"]) == (
        [n3.pk, n2.pk, n1.pk], {"issued": 2, "answered": 1, "overdue": 1})


def test_notice_list_shows_a_township_admin_its_own_units_notices(client, world, notices):
    n1, _n2, n3 = notices
    response = signed_in(client, world.users.org_admin).get("/accountability/notices/")
    assert (numbers(response), response.context["counts"]) == (
        [n3.pk, n1.pk], {"issued": 1, "answered": 1, "overdue": 0})


def test_notice_list_shows_the_leader_their_tasks_notices(client, world, notices):
    n1, _n2, n3 = notices
    assert numbers(signed_in(client, world.users.leader).get("/accountability/notices/")) == [n3.pk, n1.pk]


def test_notice_list_rows_name_task_unit_issuer_and_state(client, world, notices):
    html = signed_in(client, world.users.inspector).get("/accountability/notices/").content.decode()
    table = html[html.index('id="notice-table"'):]
    assert (table.count('href="/tasks/KT-1/"'), table.count("the escalation ladder"), table.count("answer overdue"),
            table.count(">inspector<"), table.count(">county<")) == (2, 1, 1, 1, 1)


@pytest.mark.parametrize(("query", "expected"), [
    ("status=answered", [0]), ("status=issued", [2, 1]), ("unit=T2", [1]), ("unit=一号镇", [2, 0]),
    ("task=kt-2", [1]), ("overdue=on", [1]), ("status=lost", []),
])
def test_notice_list_filters(client, world, notices, query, expected):
    response = signed_in(client, world.users.inspector).get(f"/accountability/notices/?{query}")
    assert numbers(response) == [notices[i].pk for i in expected]


@pytest.mark.parametrize("n", [1, 3])
def test_notice_list_queries_do_not_grow_with_notices(client, world, n, django_assert_num_queries):
    for _ in range(n):
        domain.issue_notice(world.task1, by=world.users.inspector, text="说明滞后原因")
    signed_in(client, world.users.org_admin)
    client.get("/accountability/notices/")
    with django_assert_num_queries(8):
        response = client.get("/accountability/notices/")
    assert len(numbers(response)) == n


def test_notice_page_shows_the_notice(client, world, notices):
    n1 = notices[0]
    response = signed_in(client, world.users.leader).get(f"/accountability/notices/{n1.pk}/")
    html = response.content.decode()
    assert ("说明滞后原因" in html, 'href="/tasks/KT-1/"' in html, "一号镇党委" in html, "王县长" in html,
            "已加派人手" in html, "Answered on " in html, response.context["answer_form"]) == (
        True, True, True, True, True, True, None)


def test_notice_page_names_the_ladder_as_the_issuer(client, world, notices):
    html = signed_in(client, world.users.inspector).get(f"/accountability/notices/{notices[1].pk}/").content.decode()
    facts = html[html.index('id="notice-facts"'):]
    assert (facts.count("the escalation ladder"), "answer overdue" in html) == (1, True)


def test_notice_page_offers_the_answer_to_the_units_admins(client, world, notices):
    url = f"/accountability/notices/{notices[2].pk}/"
    offered = [signed_in(client, getattr(world.users, role)).get(url).context["answer_form"] is not None
               for role in ("county_admin", "org_admin", "leader", "inspector")]
    assert offered == [True, True, False, False]


def test_answer_is_recorded(client, world, notices):
    n3 = notices[2]
    response = signed_in(client, world.users.org_admin).post(
        f"/accountability/notices/{n3.pk}/answer/", {"response": "本周报送"})
    n3.refresh_from_db()
    assert (response["Location"], n3.status, n3.response, n3.answered_by) == (
        f"/accountability/notices/{n3.pk}/", NoticeStatus.ANSWERED, "本周报送", world.users.org_admin)


def test_empty_answer_shows_the_error_and_changes_nothing(client, world, notices):
    n3 = notices[2]
    before = AuditEntry.objects.count()
    response = signed_in(client, world.users.org_admin).post(f"/accountability/notices/{n3.pk}/answer/",
                                                             {"response": "  "})
    assert (response.status_code, response.context["answer_form"].errors, AuditEntry.objects.count()) == (
        200, {"response": ["This field is required."]}, before)


def test_answering_twice_shows_the_refusal(client, world, notices):
    n1 = notices[0]
    response = signed_in(client, world.users.org_admin).post(f"/accountability/notices/{n1.pk}/answer/",
                                                             {"response": "再次答复"})
    n1.refresh_from_db()
    assert (response.context["answer_form"].non_field_errors(), n1.response) == (
        ["This notice was already answered."], "已加派人手")


def test_new_notice_form_offers_the_active_tasks_the_user_sees(client, world):
    make_task(world.tree, code="KT-3", lead_unit=world.tree.t1, leader=world.leader1)
    domain.set_task_status(world.task2, by=world.users.county_admin, status="suspended")
    response = signed_in(client, world.users.inspector).get("/accountability/notices/new/?task=KT-3")
    form = response.context["form"]
    assert ([t.code for t in form.fields["task"].queryset], form.initial["task"]) == (["KT-1", "KT-3"], "KT-3")


def test_new_notice_is_issued_to_the_lead_unit(client, world):
    response = signed_in(client, world.users.inspector).post(
        "/accountability/notices/new/", {"task": "KT-2", "text": "报送整改方案", "respond_by": ""})
    notice = SupervisionNotice.objects.get()
    assert (response["Location"], notice.organization, notice.issued_by,
            notice.respond_by - timezone.localdate()) == (
        f"/accountability/notices/{notice.pk}/", world.tree.t2, world.users.inspector, datetime.timedelta(days=7))


def test_new_notice_without_task_and_text_shows_the_errors(client, world):
    response = signed_in(client, world.users.county_admin).post("/accountability/notices/new/", {"task": "NOPE"})
    assert (sorted(response.context["form"].errors), SupervisionNotice.objects.count()) == (["task", "text"], 0)


def test_new_notice_answer_date_in_the_past_shows_the_refusal(client, world):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = signed_in(client, world.users.county_admin).post(
        "/accountability/notices/new/", {"task": "KT-1", "text": "报送整改方案", "respond_by": yesterday.isoformat()})
    assert (response.context["form"].non_field_errors(), SupervisionNotice.objects.count()) == (
        ["The answer date must be today or later."], 0)
