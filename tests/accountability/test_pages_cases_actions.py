"""The steps of a case from its page: opening, findings, sanctions, the unit's response and
closing; bad input and refusals come back on the page with nothing changed."""
import pytest
from django.conf import settings

from pacesetter.accountability import domain
from pacesetter.accountability.enums import CaseSource, CaseStatus
from pacesetter.accountability.models import AccountabilityCase, CaseSanction
from pacesetter.core.models import AuditEntry


def signed_in(client, user):
    """Logged in, reading the pages in English."""
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def case(world):
    """Open, against KT-1's lead unit T1, no findings yet."""
    return domain.open_case(by=world.users.inspector, task=world.task1)


def audit_count():
    return AuditEntry.objects.count()


def test_open_a_case_on_a_task_holds_its_lead_unit_to_account(client, world):
    response = signed_in(client, world.users.inspector).post(
        "/accountability/cases/new/", {"organization": "", "task": "KT-2", "findings": "节点逾期"})
    case = AccountabilityCase.objects.get()
    assert (response["Location"], case.organization, case.task, case.source, case.findings) == (
        f"/accountability/cases/{case.pk}/", world.tree.t2, world.task2, CaseSource.INSPECTOR, "节点逾期")


def test_open_a_case_against_a_unit_by_its_code(client, world):
    signed_in(client, world.users.inspector).post("/accountability/cases/new/", {"organization": "T1B1"})
    case = AccountabilityCase.objects.get()
    assert (case.organization, case.task, case.findings) == (world.tree.b1, None, "")


def test_open_a_case_form_starts_with_the_task_asked_for(client, world):
    form = signed_in(client, world.users.inspector).get("/accountability/cases/new/?task=KT-1").context["form"]
    assert (form.initial["task"], [t.code for t in form.fields["task"].queryset]) == ("KT-1", ["KT-1", "KT-2"])


def test_open_a_case_naming_neither_unit_nor_task_shows_the_refusal(client, world):
    response = signed_in(client, world.users.inspector).post("/accountability/cases/new/", {"findings": "无"})
    assert (response.context["form"].non_field_errors(), AccountabilityCase.objects.count()) == (
        ["Name the unit the case is against, or its key task."], 0)


def test_open_a_case_with_an_unknown_unit_shows_the_field_error(client, world):
    response = signed_in(client, world.users.inspector).post("/accountability/cases/new/", {"organization": "NOPE9"})
    assert (response.context["form"].errors, AccountabilityCase.objects.count()) == (
        {"organization": ["No organisation with the code NOPE9 in your view."]}, 0)


def test_record_findings(client, world, case):
    response = signed_in(client, world.users.inspector).post(
        f"/accountability/cases/{case.pk}/findings/", {"findings": "第一节点逾期45天"})
    case.refresh_from_db()
    assert (response["Location"], case.findings) == (f"/accountability/cases/{case.pk}/", "第一节点逾期45天")


def test_empty_findings_show_the_error_on_the_case_page(client, world, case):
    before = audit_count()
    response = signed_in(client, world.users.inspector).post(f"/accountability/cases/{case.pk}/findings/", {})
    html = response.content.decode()
    assert (response.status_code, response.context["findings_form"].errors, 'id="case-timeline"' in html,
            audit_count()) == (200, {"findings": ["This field is required."]}, True, before)


def test_add_a_sanction_with_the_default_points(client, world, case):
    response = signed_in(client, world.users.inspector).post(
        f"/accountability/cases/{case.pk}/sanctions/", {"kind": "admonition", "person": "王某", "note": "约谈"})
    assert (response.status_code, list(case.sanctions.values_list("kind", "points", "person", "note"))) == (
        302, [("admonition", 15, "王某", "约谈")])


def test_add_a_sanction_with_points_set(client, world, case):
    signed_in(client, world.users.inspector).post(f"/accountability/cases/{case.pk}/sanctions/",
                                                  {"kind": "reminder", "points": "0"})
    assert list(case.sanctions.values_list("kind", "points")) == [("reminder", 0)]


@pytest.mark.parametrize(("data", "errors"), [
    ({"kind": "flogging"}, ["kind"]),
    ({"kind": "reminder", "points": "101"}, ["points"]),
    ({"kind": "reminder", "points": "-1"}, ["points"]),
    ({"kind": "reminder", "person": "王" * 51}, ["person"]),
])
def test_bad_sanction_shows_the_error_and_adds_nothing(client, world, case, data, errors):
    response = signed_in(client, world.users.inspector).post(f"/accountability/cases/{case.pk}/sanctions/", data)
    assert (response.status_code, list(response.context["sanction_form"].errors), case.sanctions.count()) == (
        200, errors, 0)


def test_remove_a_sanction(client, world, case):
    sanction = domain.add_sanction(case, by=world.users.inspector, kind="reminder")
    response = signed_in(client, world.users.inspector).post(f"/accountability/cases/sanctions/{sanction.pk}/remove/")
    assert (response["Location"], case.sanctions.count(),
            AuditEntry.objects.filter(action="accountability.case.sanction_removed").count()) == (
        f"/accountability/cases/{case.pk}/", 0, 1)


def test_removing_a_sanction_of_a_closed_case_is_refused_with_a_message(client, world, case):
    sanction = domain.add_sanction(case, by=world.users.inspector, kind="reminder")
    domain.record_findings(case, by=world.users.inspector, findings="逾期")
    domain.close_case(case, by=world.users.inspector, decision="提醒")
    response = signed_in(client, world.users.inspector).post(
        f"/accountability/cases/sanctions/{sanction.pk}/remove/", follow=True)
    assert ([str(m) for m in response.context["messages"]], CaseSanction.objects.filter(pk=sanction.pk).exists()) == (
        ["The case is closed; nothing in it changes any more."], True)


def test_the_unit_responds(client, world, case):
    response = signed_in(client, world.users.org_admin).post(
        f"/accountability/cases/{case.pk}/respond/", {"response": "已制定整改方案"})
    case.refresh_from_db()
    assert (response.status_code, case.status, case.response) == (302, CaseStatus.RESPONDED, "已制定整改方案")


def test_an_empty_response_shows_the_error(client, world, case):
    response = signed_in(client, world.users.org_admin).post(f"/accountability/cases/{case.pk}/respond/",
                                                             {"response": ""})
    case.refresh_from_db()
    assert (response.context["response_form"].errors, case.status) == (
        {"response": ["This field is required."]}, CaseStatus.OPEN)


def test_close_the_case(client, world, case):
    domain.record_findings(case, by=world.users.inspector, findings="逾期")
    response = signed_in(client, world.users.inspector).post(
        f"/accountability/cases/{case.pk}/close/", {"decision": "予以提醒"})
    case.refresh_from_db()
    assert (response.status_code, case.status, case.decision, case.closed_by) == (
        302, CaseStatus.CLOSED, "予以提醒", world.users.inspector)


def test_closing_without_findings_shows_the_refusal_on_the_close_form(client, world, case):
    before = audit_count()
    response = signed_in(client, world.users.inspector).post(
        f"/accountability/cases/{case.pk}/close/", {"decision": "予以提醒"})
    case.refresh_from_db()
    html = response.content.decode()
    assert (response.context["close_form"].non_field_errors(), "Record the findings before closing the case." in html,
            case.status, audit_count()) == (
        ["Record the findings before closing the case."], True, CaseStatus.OPEN, before)


def test_closing_without_a_decision_shows_the_error(client, world, case):
    domain.record_findings(case, by=world.users.inspector, findings="逾期")
    response = signed_in(client, world.users.inspector).post(f"/accountability/cases/{case.pk}/close/", {})
    case.refresh_from_db()
    assert (response.context["close_form"].errors, case.status) == (
        {"decision": ["This field is required."]}, CaseStatus.OPEN)


def test_findings_on_a_closed_case_are_refused_on_the_page(client, world, case):
    domain.record_findings(case, by=world.users.inspector, findings="逾期")
    domain.close_case(case, by=world.users.inspector, decision="予以提醒")
    response = signed_in(client, world.users.inspector).post(
        f"/accountability/cases/{case.pk}/findings/", {"findings": "补充"})
    case.refresh_from_db()
    assert (response.context["findings_form"].non_field_errors(), case.findings) == (
        ["The case is closed; nothing in it changes any more."], "逾期")
