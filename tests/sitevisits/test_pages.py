import re

import pytest
from django.conf import settings
from django.utils import translation

from pacesetter.core import ratelimit
from pacesetter.sitevisits import domain
from pacesetter.sitevisits.enums import MeetingState
from pacesetter.sitevisits.models import Meeting, ObserverCode, Sheet

from .world import make_meeting, open_meeting, score

SCORES = {"c1": "20", "c2": "21", "c3": "22", "c4": "23"}


@pytest.fixture
def admin(client, tree):
    client.force_login(tree.users.county_admin)
    return client


def test_new_meeting_form_creates_a_draft_with_its_sheet(admin):
    response = admin.post("/observation/new/", {"title": "观摩会", "held_on": "2026-12-01",
                                                "sheet": "组织建设 25\n创先争优活动开展 25\n承诺践诺 25\n群众满意 25"})
    meeting = Meeting.objects.get()
    assert (response.status_code, response["Location"], meeting.state, meeting.criteria.count()) == (
        302, f"/observation/{meeting.pk}/", MeetingState.DRAFT, 4)


def test_observers_form_takes_name_and_unit_per_line(admin, tree):
    meeting = make_meeting(tree, observers=())
    admin.post(f"/observation/{meeting.pk}/observers/", {"people": "王建国，县委副书记\n李明,一号镇党委书记\n赵六\n"})
    assert list(meeting.observers.values_list("number", "name", "unit")) == [
        (1, "王建国", "县委副书记"), (2, "李明", "一号镇党委书记"), (3, "赵六", "")]


def test_issuing_codes_shows_each_code_once_on_the_badge_list(admin, tree):
    meeting = make_meeting(tree)
    response = admin.post(f"/observation/{meeting.pk}/codes/")
    shown = re.findall(r'<div class="sv-badge-code">([A-Z0-9-]+)</div>', response.content.decode())
    listed = admin.get(f"/observation/{meeting.pk}/observers/").content.decode()
    assert (response.status_code, response["Cache-Control"], len(shown), len(set(shown)),
            any(code in listed for code in shown), ObserverCode.objects.filter(revoked_at__isnull=True).count()) == (
        200, "no-store", 2, 2, False, 2)


def test_regenerating_one_observers_code_revokes_only_theirs(admin, tree):
    meeting, _codes = open_meeting(tree)
    observer = meeting.observers.get(number=2)
    admin.post(f"/observation/{meeting.pk}/codes/", {"observer": observer.pk})
    assert [(c.observer.number, c.revoked_at is None) for c in ObserverCode.objects.order_by("id")] == [
        (1, True), (2, False), (2, True)]


def test_poster_holds_the_qr_code_of_the_sites_sheet(admin, tree):
    meeting, _codes = open_meeting(tree)
    site = meeting.sites.get(position=1)
    html = admin.get(f"/observation/{meeting.pk}/sites/{site.pk}/poster/").content.decode()
    assert (f"http://testserver/observation/s/{site.token}/" in html, html.count('class="poster-qr"')) == (True, 1)


def test_meeting_page_shows_sheets_received_per_site(admin, tree):
    meeting, (a, b) = open_meeting(tree)
    score(meeting, 1, a, 1, 1, 1, 1)
    score(meeting, 1, b, 1, 1, 1, 1)
    score(meeting, 2, a, 1, 1, 1, 1)
    html = admin.get(f"/observation/{meeting.pk}/").content.decode()
    cells = re.findall(r'<td class="text-end">(\d+) / 2</td>', html)
    assert cells == ["2", "1"]


def test_state_buttons_move_the_meeting_along(admin, tree):
    meeting, (a, _b) = open_meeting(tree)
    score(meeting, 1, a, 1, 1, 1, 1)
    for step in ("close", "publish"):
        admin.post(f"/observation/{meeting.pk}/state/", {"action": step})
    meeting.refresh_from_db()
    assert (meeting.state, meeting.sites.get(position=1).rank) == (MeetingState.PUBLISHED, 1)


def test_code_step_shows_the_sheet_with_the_observers_name(client, tree):
    meeting, (a, _b) = open_meeting(tree)
    site = meeting.sites.get(position=1)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.post(f"/observation/s/{site.token}/", {"step": "code", "code": a}).content.decode()
    assert ("Scoring as 王建国" in html, len(re.findall(r'name="c\d"', html))) == (True, 4)


def test_sending_the_sheet_writes_it_and_thanks_the_observer(client, tree):
    meeting, (a, _b) = open_meeting(tree)
    site = meeting.sites.get(position=1)
    response = client.post(f"/observation/s/{site.token}/", {"step": "score", "code": a, **SCORES}, follow=True)
    assert (response.redirect_chain, Sheet.objects.get().total, "thank" in response.content.decode().lower()
            or "感谢" in response.content.decode()) == ([(f"/observation/s/{site.token}/", 302)], 86, True)


def test_second_sheet_from_the_same_observer_is_refused_with_a_message(client, tree):
    meeting, (a, _b) = open_meeting(tree)
    site = meeting.sites.get(position=1)
    client.post(f"/observation/s/{site.token}/", {"step": "score", "code": a, **SCORES})
    with translation.override("en"):
        response = client.post(f"/observation/s/{site.token}/", {"step": "code", "code": a},
                               HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, "You have already scored this site" in response.content.decode(),
            Sheet.objects.count()) == (400, True, 1)


def test_points_above_the_maximum_are_refused_by_the_form(client, tree):
    meeting, (a, _b) = open_meeting(tree)
    site = meeting.sites.get(position=1)
    response = client.post(f"/observation/s/{site.token}/", {"step": "score", "code": a, **SCORES, "c1": "26"})
    assert (response.status_code, Sheet.objects.count()) == (400, 0)


def test_filled_honeypot_writes_nothing(client, tree):
    meeting, (a, _b) = open_meeting(tree)
    site = meeting.sites.get(position=1)
    response = client.post(f"/observation/s/{site.token}/",
                           {"step": "score", "code": a, **SCORES, "website": "http://spam.example"})
    assert (response.status_code, Sheet.objects.count()) == (302, 0)


def test_rate_limited_sheet_answers_429(client, tree, settings):
    settings.SITEVISIT_POSTS_PER_HOUR = 1
    meeting, (a, _b) = open_meeting(tree)
    site = meeting.sites.get(position=1)
    ratelimit.take("sitevisits.sheet", "127.0.0.1", limit=1, window_seconds=3600)
    response = client.post(f"/observation/s/{site.token}/", {"step": "code", "code": a})
    assert response.status_code == 429


def test_public_results_show_the_ranking_once_published(client, tree):
    meeting, (a, b) = open_meeting(tree)
    score(meeting, 1, a, 10, 10, 10, 10)
    score(meeting, 2, a, 20, 20, 20, 20)
    score(meeting, 2, b, 20, 20, 20, 21)
    before = client.get(f"/observation/results/{meeting.pk}/").status_code
    domain.close_scoring(meeting, by=tree.users.county_admin)
    domain.publish_results(meeting, by=tree.users.county_admin)
    html = client.get(f"/observation/results/{meeting.pk}/").content.decode()
    rows = re.findall(r"<tr><td>(\d)</td><td>([^<]+)</td><td class=\"text-end\">(\d+)</td>"
                      r"<td class=\"text-end\">([\d.]+)</td>", html)
    assert (before, rows) == (404, [("1", "二号村党支部", "2", "80.50"), ("2", "一号村党支部", "1", "40.00")])


def test_progress_refreshes_itself_only_while_scoring_is_open(admin, tree):
    draft = make_meeting(tree, title="草稿")
    meeting, _codes = open_meeting(tree)
    polling = [f'hx-get="/observation/{m.pk}/"' in admin.get(f"/observation/{m.pk}/").content.decode()
               for m in (draft, meeting)]
    assert polling == [False, True]


def test_a_published_sites_photos_link_shows_on_the_public_results(admin, client, tree):
    meeting, (a, _b) = open_meeting(tree)
    score(meeting, 1, a, 1, 1, 1, 1)
    domain.close_scoring(meeting, by=tree.users.county_admin)
    domain.publish_results(meeting, by=tree.users.county_admin)
    site = meeting.sites.get(position=1)
    admin.post(f"/observation/{meeting.pk}/sites/{site.pk}/photos/", {"photos_url": "https://example.org/exhibition/7/"})
    html = client.get(f"/observation/results/{meeting.pk}/").content.decode()
    assert 'href="https://example.org/exhibition/7/"' in html
