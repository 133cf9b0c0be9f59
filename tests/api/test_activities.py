"""/api/v1/activities/ and /api/v1/activity-attendance/: constant query counts, planning,
signing in with a code, and refusals filed under their field."""
import datetime

import pytest
from django.utils import timezone, translation
from rest_framework.test import APIClient

from pacesetter.activities import codes, domain
from pacesetter.activities.models import Attendance
from tests.activities.conftest import plan


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def member_login(tree):
    """tree.users.member is the login of 张三 (M1, member of T1B1)."""
    tree.m1.user = tree.users.member
    tree.m1.save(update_fields=["user"])
    return tree.users.member


@pytest.fixture
def today_activity(tree):
    return plan(tree.b1, tree.users.branch_admin)


def more(tree, n):
    """n activities three days ago, each with M1 present and M2 invited."""
    past = timezone.localdate() - datetime.timedelta(days=3)
    for i in range(n):
        activity = plan(tree.b1, tree.users.county_admin, day=past, title=f"党课{i}", invited=[tree.m2])
        domain.mark_attendance(activity, tree.m1, by=tree.users.county_admin, status="present")


@pytest.mark.parametrize("url", ["/api/v1/activities/", "/api/v1/activity-attendance/"])
def test_lists_take_the_same_queries_for_one_and_three(tree, api, django_assert_num_queries,
                                                       django_assert_max_num_queries, url):
    api.force_authenticate(tree.users.org_admin)
    more(tree, 1)
    api.get(url)
    with django_assert_max_num_queries(100) as one:
        assert api.get(url).status_code == 200
    more(tree, 2)
    with django_assert_num_queries(len(one.captured_queries)):
        response = api.get(url)
    assert response.json()["count"] == 3


def test_plan_an_activity_with_a_member_invited_from_elsewhere(tree, api):
    api.force_authenticate(tree.users.county_admin)
    response = api.post("/api/v1/activities/", {
        "organization": "T1B1", "activity_kind": "party_lesson", "title": "专题党课", "invited": ["M2"],
        "starts_at": "2026-01-10T09:00:00+08:00", "ends_at": "2026-01-10T10:30:00+08:00"}, format="json")
    body = response.json()
    assert (response.status_code, body["activity_state"], body["day"], body["invited"]) == (
        201, "planned", "2026-01-10", ["M2"])


def test_plan_cannot_invite_a_member_outside_the_view(tree, api):
    api.force_authenticate(tree.users.branch_admin)
    response = api.post("/api/v1/activities/", {
        "organization": "T1B1", "activity_kind": "party_lesson", "title": "专题党课", "invited": ["M2"],
        "starts_at": "2026-01-10T09:00:00+08:00", "ends_at": "2026-01-10T10:30:00+08:00"}, format="json",
        HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, list(response.json())) == (400, ["invited"])


def test_plan_refuses_an_end_before_the_start_under_its_field(tree, api):
    api.force_authenticate(tree.users.branch_admin)
    with translation.override("en"):
        response = api.post("/api/v1/activities/", {
            "organization": "T1B1", "activity_kind": "party_lesson", "title": "专题党课",
            "starts_at": "2026-01-10T09:00:00+08:00", "ends_at": "2026-01-10T08:00:00+08:00"}, format="json",
            HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.json()) == (
        400, {"starts_at": ["The activity ends after it starts, and within three days."]})


def test_sign_in_with_a_code(tree, api, member_login, today_activity):
    api.force_authenticate(member_login)
    response = api.post(f"/api/v1/activities/{today_activity.pk}/sign-in/",
                        {"code": codes.issue(today_activity.pk)}, format="json")
    assert (response.status_code, response.json()["member"], response.json()["attendance_source"]) == (
        201, "M1", "qr")


def test_sign_in_refuses_a_replayed_code_under_code(tree, api, member_login, today_activity):
    api.force_authenticate(member_login)
    code = codes.issue(today_activity.pk)
    api.post(f"/api/v1/activities/{today_activity.pk}/sign-in/", {"code": code}, format="json")
    Attendance.objects.all().delete()
    response = api.post(f"/api/v1/activities/{today_activity.pk}/sign-in/", {"code": code}, format="json",
                        HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.json()) == (
        400, {"code": ["This sign-in code has already been used. Scan the fresh code on the screen."]})


def test_sign_in_refuses_another_activitys_code(tree, api, member_login, today_activity):
    other = plan(tree.b1, tree.users.branch_admin, title="支部委员会")
    api.force_authenticate(member_login)
    response = api.post(f"/api/v1/activities/{today_activity.pk}/sign-in/", {"code": codes.issue(other.pk)},
                        format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.json()) == (
        400, {"code": ["This sign-in code belongs to another activity."]})


def test_mark_attendance_by_hand(tree, api):
    past = plan(tree.b1, tree.users.county_admin, day=timezone.localdate() - datetime.timedelta(days=1))
    api.force_authenticate(tree.users.branch_admin)
    response = api.post("/api/v1/activity-attendance/", {"activity": past.pk, "member": "M1",
                                                          "attendance_status": "leave", "reason": "出差"},
                        format="json")
    assert (response.status_code, response.json()["attendance_status"], response.json()["reason"]) == (
        201, "leave", "出差")
