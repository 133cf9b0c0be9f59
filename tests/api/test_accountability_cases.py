"""The escalation ladder, supervision notice and accountability case endpoints: what each
role sees, the writes through the domain functions, refusals as 400s naming the field
(nothing changed), and constant query counts.

World: tests/visibility/accountability_api.py (API-1 led by T1 and API-2 led by T2, each
with an issued notice and an open case with findings and one sanction).
"""
import pytest

from pacesetter.accountability import domain
from pacesetter.accountability.models import AccountabilityCase, CaseSanction, EscalationStep, SupervisionNotice

from ..visibility.accountability_api import day, make_task, world

API = "/api/v1"
NOTICES = f"{API}/supervision-notices"
CASES = f"{API}/accountability-cases"
LADDER = f"{API}/escalation-ladder/"


@pytest.fixture
def ids(tree):
    return world(tree)


def active_steps() -> list[tuple]:
    return list(EscalationStep.objects.filter(is_active=True).order_by("days_late").values_list("days_late", "action"))


# --- Escalation ladder ------------------------------------------------------------------------


def test_ladder_reads_the_steps_in_force(tree, login):
    assert login(tree.users.member).get(LADDER).json() == {"steps": [
        {"days_late": 7, "action": "reminder"}, {"days_late": 15, "action": "supervision"},
        {"days_late": 30, "action": "case"},
    ]}


def test_county_admin_replaces_the_ladder(tree, login):
    steps = [{"days_late": 20, "action": "case"}, {"days_late": 10, "action": "reminder"}]
    response = login(tree.users.county_admin).put(LADDER, {"steps": steps}, format="json")
    assert (response.status_code, response.json(), active_steps()) == (
        200, {"steps": [{"days_late": 10, "action": "reminder"}, {"days_late": 20, "action": "case"}]},
        [(10, "reminder"), (20, "case")],
    )


@pytest.mark.parametrize(("steps", "expected"), [
    ([{"days_late": 10, "action": "reminder"}, {"days_late": 10, "action": "case"}],
     {"steps": ["Two steps have the same number of days late (10)."]}),
    ([{"days_late": 0, "action": "reminder"}],
     {"steps": {"0": {"days_late": ["Ensure this value is greater than or equal to 1."]}}}),
    ([], {"steps": ["Ensure this field has at least 1 elements."]}),
])
def test_ladder_refuses_bad_steps_and_stays(tree, login, steps, expected):
    response = login(tree.users.county_admin).put(LADDER, {"steps": steps}, format="json")
    assert (response.status_code, response.json(), active_steps()) == (
        400, expected, [(7, "reminder"), (15, "supervision"), (30, "case")])


# --- Supervision notices --------------------------------------------------------------------


@pytest.mark.parametrize(("role", "expected"), [
    ("county_admin", ["API-2", "API-1"]),
    ("inspector", ["API-2", "API-1"]),
    ("org_admin", ["API-1"]),
    ("leader", ["API-1"]),
    ("branch_admin", []),
    ("member", []),
    ("nobody", []),
])
def test_notice_list_holds_exactly_the_visible_notices(tree, login, ids, role, expected):
    results = login(getattr(tree.users, role)).get(f"{NOTICES}/").json()["results"]
    assert [n["task"] for n in results] == expected


@pytest.mark.parametrize(("query", "expected"), [("task=API-1", ["API-1"]), ("status=answered", [])])
def test_notice_list_filters(tree, login, ids, query, expected):
    results = login(tree.users.county_admin).get(f"{NOTICES}/?{query}").json()["results"]
    assert [n["task"] for n in results] == expected


def test_inspector_issues_a_notice_to_the_lead_unit(tree, login, ids):
    response = login(tree.users.inspector).post(
        f"{NOTICES}/", {"task": "API-1", "text": "三日内报送进度", "respond_by": day(3).isoformat()}, format="json")
    data = response.json()
    assert (response.status_code, data["org_code"], data["respond_by"], data["by_ladder"], data["status"]) == (
        201, "T1", day(3).isoformat(), False, "issued")


@pytest.mark.parametrize(("body", "expected"), [
    ({"task": "API-1", "text": "x", "respond_by": day(-1).isoformat()},
     {"respond_by": ["The answer date must be today or later."]}),
    ({"task": "NOPE", "text": "x"}, {"task": ["Unknown key task: NOPE."]}),
    ({"task": "API-1", "text": "   "}, {"text": ["This field may not be blank."]}),
])
def test_issue_refuses_bad_input_naming_the_field(tree, login, ids, body, expected):
    response = login(tree.users.inspector).post(f"{NOTICES}/", body, format="json")
    assert (response.status_code, response.json(), SupervisionNotice.objects.count()) == (400, expected, 2)


def test_lead_unit_answers_a_notice(tree, login, ids):
    response = login(tree.users.org_admin).post(
        f"{NOTICES}/{ids['notice1']}/answer/", {"response": "已加派施工队"}, format="json")
    assert (response.status_code, response.json()["status"], response.json()["response"]) == (
        200, "answered", "已加派施工队")


def test_answering_a_notice_twice_is_400(tree, login, ids):
    client = login(tree.users.org_admin)
    client.post(f"{NOTICES}/{ids['notice1']}/answer/", {"response": "已整改"}, format="json")
    response = client.post(f"{NOTICES}/{ids['notice1']}/answer/", {"response": "再次答复"}, format="json")
    assert (response.status_code, response.json(), SupervisionNotice.objects.get(pk=ids["notice1"]).response) == (
        400, {"non_field_errors": ["This notice was already answered."]}, "已整改")


# --- Accountability cases ---------------------------------------------------------------------


@pytest.mark.parametrize(("role", "expected"), [
    ("county_admin", ["API-2", "API-1"]),
    ("inspector", ["API-2", "API-1"]),
    ("org_admin", ["API-1"]),
    ("leader", ["API-1"]),
    ("branch_admin", []),
    ("affiliate", []),
    ("nobody", []),
])
def test_case_list_holds_exactly_the_visible_cases(tree, login, ids, role, expected):
    results = login(getattr(tree.users, role)).get(f"{CASES}/").json()["results"]
    assert [c["task"] for c in results] == expected


@pytest.mark.parametrize(("query", "expected"), [
    ("org=T2", ["API-2"]), ("task=API-1", ["API-1"]), ("status=closed", []),
])
def test_case_list_filters(tree, login, ids, query, expected):
    results = login(tree.users.inspector).get(f"{CASES}/?{query}").json()["results"]
    assert [c["task"] for c in results] == expected


def test_case_shows_its_sanctions(tree, login, ids):
    data = login(tree.users.org_admin).get(f"{CASES}/{ids['case1']}/").json()
    assert [(s["kind"], s["points"], s["imposed_on"]) for s in data["sanctions"]] == [
        ("reminder", 2, day(0).isoformat())]


def test_inspector_opens_a_case_against_a_unit(tree, login, ids):
    body = {"org_code": "T2B1", "findings": "台账缺失"}
    response = login(tree.users.inspector).post(f"{CASES}/", body, format="json")
    data = response.json()
    assert (response.status_code, data["task"], data["org_code"], data["source"], data["status"]) == (
        201, None, "T2B1", "inspector", "open")


@pytest.mark.parametrize(("body", "expected"), [
    ({"findings": "x"}, {"non_field_errors": ["Name the key task or the unit the case is against."]}),
    ({"task": "NOPE"}, {"task": ["Unknown key task: NOPE."]}),
    ({"org_code": "T1", "findings": "x" * 8001}, {"findings": ["Ensure this field has no more than 8000 characters."]}),
])
def test_open_refuses_bad_input_naming_the_field(tree, login, ids, body, expected):
    response = login(tree.users.inspector).post(f"{CASES}/", body, format="json")
    assert (response.status_code, response.json(), AccountabilityCase.objects.count()) == (400, expected, 2)


def test_inspector_adds_a_sanction_with_the_measures_points(tree, login, ids):
    response = login(tree.users.inspector).post(
        f"{CASES}/{ids['case1']}/sanctions/", {"kind": "admonition", "person": "张某"}, format="json")
    data = response.json()
    assert (response.status_code, data["points"], data["person"], response["Location"]) == (
        201, 15, "张某", f"http://testserver{CASES}/sanctions/{data['id']}/")


@pytest.mark.parametrize(("body", "expected"), [
    ({"kind": "fine"}, {"kind": ['"fine" is not a valid choice.']}),
    ({"kind": "reminder", "points": 101}, {"points": ["Ensure this value is less than or equal to 100."]}),
    ({"kind": "reminder", "imposed_on": day(1).isoformat()},
     {"imposed_on": ["A sanction cannot be dated in the future."]}),
])
def test_sanction_refuses_bad_input_naming_the_field(tree, login, ids, body, expected):
    response = login(tree.users.inspector).post(f"{CASES}/{ids['case1']}/sanctions/", body, format="json")
    assert (response.status_code, response.json(), CaseSanction.objects.count()) == (400, expected, 2)


def test_inspector_removes_a_sanction(tree, login, ids):
    response = login(tree.users.inspector).delete(f"{CASES}/sanctions/{ids['sanction1']}/")
    assert (response.status_code, CaseSanction.objects.filter(pk=ids["sanction1"]).exists()) == (204, False)


def test_a_closed_cases_sanction_stays(tree, login, ids):
    client = login(tree.users.inspector)
    client.post(f"{CASES}/{ids['case1']}/close/", {"decision": "予以提醒"}, format="json")
    response = client.delete(f"{CASES}/sanctions/{ids['sanction1']}/")
    assert (response.status_code, response.json(), CaseSanction.objects.filter(pk=ids["sanction1"]).exists()) == (
        400, {"non_field_errors": ["The case is closed; nothing in it changes any more."]}, True)


def test_unit_responds_then_inspector_records_findings_and_closes(tree, login, ids):
    login(tree.users.org_admin).post(f"{CASES}/{ids['case1']}/respond/", {"response": "已整改到位"}, format="json")
    inspector = login(tree.users.inspector)
    inspector.post(f"{CASES}/{ids['case1']}/findings/", {"findings": "逾期属实"}, format="json")
    data = inspector.post(f"{CASES}/{ids['case1']}/close/", {"decision": "予以提醒"}, format="json").json()
    assert (data["status"], data["response"], data["findings"], data["decision"]) == (
        "closed", "已整改到位", "逾期属实", "予以提醒")


def test_closing_a_case_without_findings_is_400(tree, login, ids):
    case = domain.open_case(by=tree.users.inspector, organization=tree.t1)
    response = login(tree.users.inspector).post(f"{CASES}/{case.pk}/close/", {"decision": "结案"}, format="json")
    case.refresh_from_db()
    assert (response.status_code, response.json(), case.status) == (
        400, {"non_field_errors": ["Record the findings before closing the case."]}, "open")


@pytest.mark.parametrize(("step", "body", "expected"), [
    ("findings", {"findings": ""}, {"findings": ["This field may not be blank."]}),
    ("respond", {}, {"response": ["This field is required."]}),
    ("close", {"decision": "x" * 4001}, {"decision": ["Ensure this field has no more than 4000 characters."]}),
])
def test_case_steps_refuse_bad_input_naming_the_field(tree, login, ids, step, body, expected):
    user = tree.users.org_admin if step == "respond" else tree.users.inspector
    response = login(user).post(f"{CASES}/{ids['case1']}/{step}/", body, format="json")
    case = AccountabilityCase.objects.get(pk=ids["case1"])
    assert (response.status_code, response.json(), case.status, case.findings) == (
        400, expected, "open", "节点逾期四十天")


# --- Query counts -----------------------------------------------------------------------------


@pytest.fixture
def records(tree):
    """`records(n)`: n key tasks, each with a supervision notice and a case with a sanction."""

    def _make(n):
        for i in range(n):
            task = make_task(tree, code=f"Q-{i}", lead_unit=tree.t1, leader=tree.leader)
            domain.issue_notice(task, by=tree.users.inspector, text="督办")
            case = domain.open_case(by=tree.users.inspector, task=task, findings="逾期")
            domain.add_sanction(case, by=tree.users.inspector, kind="reminder")

    return _make


@pytest.mark.parametrize(("url", "queries"), [(f"{NOTICES}/", 5), (f"{CASES}/", 6)])
@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_constant(tree, login, records, django_assert_num_queries, url, queries, n):
    records(n)
    client = login(tree.users.county_admin)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.json()["count"] == n
