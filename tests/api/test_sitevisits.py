"""/api/v1/site-visits/: behaviour beyond the visibility rows (tests/visibility/sitevisits.py)."""
from pacesetter.sitevisits import domain
from pacesetter.sitevisits.models import Meeting
from tests.sitevisits.world import open_meeting, score

A = "/api/v1/site-visits"


def test_create_meeting_keeps_the_sheet_in_order(tree, login):
    response = login(tree.users.county_admin).post(f"{A}/meetings/", {
        "title": "观摩会", "held_on": "2026-12-01",
        "criteria": [{"name": "组织建设", "max_points": 50}, {"name": "群众满意", "max_points": 50}]}, format="json")
    body = response.json()
    assert (response.status_code, body["meeting_state"], body["criteria"], Meeting.objects.count()) == (
        201, "draft", [{"position": 1, "name": "组织建设", "max_points": 50},
                       {"position": 2, "name": "群众满意", "max_points": 50}], 1)


def test_create_meeting_refuses_a_duplicate_criterion(tree, login):
    response = login(tree.users.county_admin).post(f"{A}/meetings/", {
        "title": "观摩会", "held_on": "2026-12-01",
        "criteria": [{"name": "组织建设", "max_points": 50}, {"name": "组织建设", "max_points": 50}]}, format="json")
    assert (response.status_code, response.json()) == (
        400, {"criteria": ["Each criterion of the score sheet needs its own name."]})


def test_published_results_are_ranked_with_criterion_means(tree, login):
    meeting, (a, b) = open_meeting(tree)
    score(meeting, 1, a, 10, 10, 10, 10)
    score(meeting, 2, a, 20, 20, 20, 20)
    score(meeting, 2, b, 25, 20, 20, 20)
    domain.close_scoring(meeting, by=tree.users.county_admin)
    domain.publish_results(meeting, by=tree.users.county_admin)
    rows = login(tree.users.member).get(f"{A}/meetings/{meeting.pk}/results/").json()
    assert [(r["rank"], r["organization_code"], r["sheets"], r["mean_total"], r["criterion_means"]) for r in rows] == [
        (1, "T2B1", 2, "82.50", ["22.50", "20.00", "20.00", "20.00"]),
        (2, "T1B1", 1, "40.00", ["10.00", "10.00", "10.00", "10.00"]),
    ]


def test_sites_report_sheets_received(tree, login):
    meeting, (a, b) = open_meeting(tree)
    score(meeting, 1, a, 1, 1, 1, 1)
    score(meeting, 1, b, 1, 1, 1, 1)
    rows = login(tree.users.inspector).get(f"{A}/sites/", {"meeting": meeting.pk}).json()["results"]
    assert [(r["position"], r["organization_code"], r["sheets_received"]) for r in rows] == [
        (1, "T1B1", 2), (2, "T2B1", 0)]


def test_observers_carry_no_code(tree, login):
    meeting, _codes = open_meeting(tree)
    rows = login(tree.users.county_admin).get(f"{A}/observers/", {"meeting": meeting.pk}).json()["results"]
    assert [sorted(r) for r in rows] == [["has_code", "id", "meeting", "name", "number", "sites_scored", "unit"]] * 2


def test_observers_are_hidden_from_everyone_but_county_admins(tree, login):
    open_meeting(tree)
    assert login(tree.users.inspector).get(f"{A}/observers/").json()["results"] == []


def test_publishing_an_open_meeting_is_refused_with_the_reason(tree, login):
    meeting, _codes = open_meeting(tree)
    response = login(tree.users.county_admin).post(f"{A}/meetings/{meeting.pk}/publish/", {}, format="json")
    assert (response.status_code, response.json()) == (
        400, {"non_field_errors": ["Only a meeting whose scoring is closed can publish its results."]})
