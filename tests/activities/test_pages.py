"""The activity pages: constant query counts, the sign-in page and the projector's code."""
import datetime

import pytest
from django.test import override_settings
from django.utils import timezone, translation

from pacesetter.activities import codes, domain
from pacesetter.activities.enums import ActivityState, AttendanceStatus
from pacesetter.activities.models import Activity, Attendance
from tests.linkage.world import jpeg

from .conftest import plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plans(tree, n):
    past = timezone.localdate() - datetime.timedelta(days=3)
    for i in range(n):
        plan(tree.b1, tree.users.county_admin, day=past, title=f"党课{i}")


@pytest.mark.parametrize("url", ["/activities/", "/activities/mine/", "/activities/flags/"])
def test_list_pages_take_the_same_queries_for_one_and_three(tree, client, member_login, django_assert_num_queries,
                                                            django_assert_max_num_queries, url):
    user = tree.users.county_admin if "flags" in url else member_login
    client.force_login(user)
    _plans(tree, 1)
    client.get(url)
    with django_assert_max_num_queries(100) as one:
        assert client.get(url).status_code == 200
    _plans(tree, 2)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200


def test_list_shows_the_filtered_activities(tree, client):
    _plans(tree, 2)
    plan(tree.b2, tree.users.county_admin, title="二号村志愿服务")
    client.force_login(tree.users.org_admin)
    response = client.get("/activities/?q=党课1")
    assert [a.title for a in response.context["page"].object_list] == ["党课1"]


def test_export_is_a_spreadsheet(tree, client):
    _plans(tree, 1)
    client.force_login(tree.users.org_admin)
    response = client.get("/activities/export.xlsx")
    assert (response.status_code, response["Content-Type"]) == (200, XLSX)


def test_sign_in_page_asks_then_confirms(tree, client, member_login, today_activity):
    client.force_login(member_login)
    code = codes.issue(today_activity.pk)
    url = f"/activities/{today_activity.pk}/sign-in/"
    with translation.override("en"):
        asked = client.get(url, {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
        done = client.post(url, {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
    assert (asked.status_code, "Sign in as 张三" in asked.content.decode(), done.status_code,
            list(Attendance.objects.values_list("member__code", "status"))) == (
        200, True, 200, [("M1", AttendanceStatus.PRESENT)])


def test_sign_in_page_refuses_a_used_code(tree, client, member_login, today_activity):
    client.force_login(member_login)
    code = codes.issue(today_activity.pk)
    url = f"/activities/{today_activity.pk}/sign-in/"
    client.post(url, {"code": code})
    response = client.get(url, {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(url, {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.context["error"]) == (
        400, "This sign-in code has already been used. Scan the fresh code on the screen.")


def test_sign_in_page_sends_a_stranger_away(tree, client, today_activity):
    client.force_login(tree.users.nobody)
    response = client.get(f"/activities/{today_activity.pk}/sign-in/", {"code": codes.issue(today_activity.pk)},
                          HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.context["error"]) == (
        403, "Your login is not linked to a party member, so it cannot sign in.")


def test_sign_in_page_does_not_tell_which_activity_ids_exist(tree, client, member_login, today_activity):
    """A wrong code answers the same for an existing and a missing id; only a code valid for
    the missing id (its activity deleted) finds nothing."""
    client.force_login(member_login)
    missing = today_activity.pk + 1000

    def answer(pk, method, code):
        response = getattr(client, method)(f"/activities/{pk}/sign-in/", {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
        return response.status_code, (response.context or {}).get("error")

    for method in ("get", "post"):
        for code in ("bad", codes.issue(today_activity.pk + 2000)):
            assert answer(today_activity.pk, method, code) == answer(missing, method, code)
        assert answer(today_activity.pk, method, "bad")[0] == 400
        assert answer(missing, method, codes.issue(missing))[0] == 404
    assert not Attendance.objects.exists()


@override_settings(ACTIVITY_SIGNIN_RATE_LIMIT=2, ACTIVITY_SIGNIN_RATE_WINDOW=60)
def test_sign_in_is_rate_limited(tree, client, member_login, today_activity):
    client.force_login(member_login)
    url = f"/activities/{today_activity.pk}/sign-in/"
    statuses = [client.post(url, {"code": "bad"}).status_code for _ in range(3)]
    assert statuses == [400, 400, 429]


def test_projector_keeps_an_unspent_code(tree, client, today_activity):
    client.force_login(tree.users.branch_admin)
    first = client.get(f"/activities/{today_activity.pk}/projector/").context["code"]
    data = client.get(f"/activities/{today_activity.pk}/projector/code.json", {"current": first}).json()
    assert (data["code"], data["present"], data["svg"].startswith("<svg")) == (first, 0, True)


def test_projector_shows_a_fresh_code_once_spent(tree, client, member_login, today_activity):
    client.force_login(tree.users.branch_admin)
    first = client.get(f"/activities/{today_activity.pk}/projector/").context["code"]
    domain.sign_in(today_activity, by=member_login, code=first)
    data = client.get(f"/activities/{today_activity.pk}/projector/code.json", {"current": first}).json()
    assert (data["code"] != first, data["present"],
            codes.read(data["code"], activity_id=today_activity.pk).activity_id) == (True, 1, today_activity.pk)


def test_minutes_page_holds_the_activity_with_a_photo(tree, client, today_activity):
    client.force_login(tree.users.branch_admin)
    response = client.post(f"/activities/{today_activity.pk}/minutes/",
                           {"minutes": "学习了党章。", "photos": [jpeg("现场.jpg")]})
    activity = Activity.objects.get(pk=today_activity.pk)
    assert (response.status_code, activity.state, activity.minutes,
            list(activity.photos.values_list("original_name", "content_type"))) == (
        302, ActivityState.HELD, "学习了党章。", [("现场.jpg", "image/jpeg")])


def test_minutes_page_refuses_a_file_that_is_no_photo(tree, client, today_activity):
    from django.core.files.uploadedfile import SimpleUploadedFile
    client.force_login(tree.users.branch_admin)
    fake = SimpleUploadedFile("现场.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    response = client.post(f"/activities/{today_activity.pk}/minutes/", {"minutes": "x", "photos": [fake]})
    assert (response.status_code, Activity.objects.get(pk=today_activity.pk).state) == (400, ActivityState.PLANNED)
