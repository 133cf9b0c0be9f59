"""/api/v1/ selections, nominations, selection-objections and honour-kinds: behaviour beyond
the visibility rows (tests/visibility/selections.py), and each list's query count."""
import pytest

from pacesetter.selections import domain
from pacesetter.selections.models import Selection
from tests.factories import make_org
from tests.selections.world import IP, campaign, kind, make_selection, on_notice, released_round

A = "/api/v1"


def test_create_selection_with_rules_and_quotas(tree, login):
    response = login(tree.users.county_admin).post(f"{A}/selections/", {
        "campaign": campaign().pk, "kind": kind().pk, "title": "红旗支部评选", "round": released_round(tree).pk,
        "nominations_close_on": "2099-12-31", "quota_by": "township", "default_quota": 1,
        "quotas": [{"group": "一号镇", "seats": 2}], "rules": {"min_grade": "good", "no_open_case": True}},
        format="json")
    body = response.json()
    assert (response.status_code, body["selection_state"], body["rules"], body["quotas"], Selection.objects.count()) == (
        201, "draft", {"min_grade": "good", "no_open_case": True}, [{"group": "一号镇", "seats": 2}], 1)


def test_nominate_takes_the_record_and_reports_eligibility(tree, login):
    selection = make_selection(tree, rules={"min_grade": "advanced"})
    response = login(tree.users.county_admin).post(f"{A}/nominations/", {
        "selection": selection.pk, "organization_code": "T2B1", "statement": "服务群众"}, format="json")
    body = response.json()
    assert (response.status_code, body["nomination_status"], body["eligible"], body["record"]["grade"],
            [(r["rule"], r["passed"], r["explanation"]) for r in body["eligibility"]]) == (
        201, "submitted", False, "lagging", [("min_grade", False, "graded lagging")])


def test_nominate_twice_is_a_400(tree, login):
    selection = make_selection(tree)
    client = login(tree.users.county_admin)
    client.post(f"{A}/nominations/", {"selection": selection.pk, "organization_code": "T1", "statement": "一"},
                format="json")
    response = client.post(f"{A}/nominations/", {"selection": selection.pk, "organization_code": "T1",
                                                  "statement": "二"}, format="json")
    assert (response.status_code, response.json()) == (
        400, {"non_field_errors": ["This nominee has been nominated for this selection already."]})


def test_review_and_shortlist_through_the_api(tree, login):
    selection = make_selection(tree)
    nomination = domain.nominate(selection, by=tree.users.county_admin, organization=tree.t1, statement="事迹")
    client = login(tree.users.county_admin)
    client.post(f"{A}/selections/{selection.pk}/start-review/", format="json")
    reviewed = client.post(f"{A}/nominations/{nomination.pk}/review/",
                           {"nomination_decision": "approve", "reason": "同意"}, format="json").json()
    client.post(f"{A}/selections/{selection.pk}/shortlist/", format="json")
    listed = client.get(f"{A}/nominations/", {"selection": selection.pk}).json()["results"]
    assert (reviewed["reviews"], [(n["nomination_status"], n["rank"], n["score"]) for n in listed]) == (
        [{"review_level": "county", "nomination_decision": "approve", "reason": "同意",
          "at": reviewed["reviews"][0]["at"]}], [("shortlisted", 1, "85.000")])


def test_answer_an_objection_upheld_drops_the_nominee(tree, login):
    _selection, b1, _t1 = on_notice(tree)
    objection = domain.lodge_objection(b1, client_ip=IP, text_="有问题")
    body = login(tree.users.county_admin).post(f"{A}/selection-objections/{objection.pk}/answer/",
                                               {"upheld": True, "finding": "属实"}, format="json").json()
    b1.refresh_from_db()
    assert (body["objection_state"], body["answer"], b1.status) == ("upheld", "属实", "dropped")


def test_finalise_before_the_period_ends_is_a_400(tree, login):
    selection, _b1, _t1 = on_notice(tree)
    response = login(tree.users.county_admin).post(f"{A}/selections/{selection.pk}/finalise/", format="json")
    assert (response.status_code, list(response.json())) == (400, ["non_field_errors"])


# --- Query counts: the same number with one row and with three --------------------------


@pytest.mark.parametrize("n", [1, 3])
def test_selection_list_query_count(tree, login, django_assert_num_queries, n):
    round_ = released_round(tree)
    for i in range(n):
        make_selection(tree, round_=round_, title=f"评选{i}", quotas={"一号镇": 1})
    client = login(tree.users.county_admin)
    with django_assert_num_queries(6):
        assert len(client.get(f"{A}/selections/").json()["results"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_nomination_list_query_count(tree, login, django_assert_num_queries, n):
    selection = make_selection(tree)
    for i in range(n):
        org = make_org(tree.t1, code=f"Q{i}", township="一号镇")
        nomination = domain.nominate(selection, by=tree.users.county_admin, organization=org, statement="事迹")
        domain.review_nomination(nomination, by=tree.users.org_admin, decision="approve", reason="好")
    client = login(tree.users.county_admin)
    with django_assert_num_queries(6):
        assert len(client.get(f"{A}/nominations/").json()["results"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_objection_list_query_count(tree, login, django_assert_num_queries, n):
    _selection, b1, _t1 = on_notice(tree)
    for i in range(n):
        domain.lodge_objection(b1, client_ip=f"198.51.100.{i}", text_=f"异议{i}")
    client = login(tree.users.inspector)
    with django_assert_num_queries(5):
        assert len(client.get(f"{A}/selection-objections/").json()["results"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_honour_kind_list_query_count(tree, login, django_assert_num_queries, n):
    for i in range(n):
        kind(code=f"k{i}", name=f"荣誉{i}")
    client = login(tree.users.member)
    with django_assert_num_queries(5):
        assert client.get(f"{A}/honour-kinds/").status_code == 200
