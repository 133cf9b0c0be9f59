"""From a recommendation run to the first visit in a browser: the county admin runs the
recommendations of a released round, accepts one row and rejects another, creates the
pairing and opens it; an organisation admin of the helper side (the school under township
one) logs the first visit, which then shows on the pairing's page.

In the tests/pairing/world.py round of 2024, the school SC (一号镇) is the cheapest helper
of 一号村 (same township, school → village) and the agency branch AG of 二号镇四村.
Pages are asked for in English (the language cookie) so the assertions hold whatever the
Chinese translations say.
"""
import pytest
from django.conf import settings
from playwright.sync_api import expect

from pacesetter.pairing.models import HelpLog, Pairing
from tests.pairing import world as pairing_world


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


def as_user(page, live_server, logged_in_page, user):
    """Signs out whoever is signed in, asks for English, signs `user` in."""
    page.context.clear_cookies()
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    return logged_in_page(user)


def row(page, helped_name):
    return page.locator("#recommendation-table tbody tr", has_text=helped_name)


def test_recommendation_to_pairing_to_first_visit(live_tree, logged_in_page, live_server, page):
    page.set_default_timeout(60_000)  # a shared, busy test machine: a step fails on a missing element, not a slow one
    world = pairing_world.build(live_tree)
    users = live_tree.users

    as_user(page, live_server, logged_in_page, users.county_admin)
    page.goto(f"{live_server.url}/pairings/recommendations/")
    page.get_by_label("Released round").select_option(str(world.r2024.pk))
    page.get_by_label("Units per helper (k)").fill("2")
    with page.expect_navigation():
        page.get_by_role("button", name="Recommend").click()
    expect(page.get_by_role("alert")).to_contain_text("4 pairs recommended")
    expect(row(page, "一号村党支部")).to_contain_text("一中党支部")

    with page.expect_navigation():
        row(page, "一号村党支部").get_by_role("button", name="Accept").click()
    with page.expect_navigation():
        row(page, "二号镇四村党支部").get_by_role("button", name="Reject").click()
    expect(row(page, "一号村党支部")).to_contain_text("accepted")
    expect(row(page, "二号镇四村党支部")).to_contain_text("rejected")

    with page.expect_navigation():
        page.get_by_role("button", name="Create 1 pairing").click()
    expect(page.get_by_role("alert")).to_contain_text("1 pairings were created")
    with page.expect_navigation():
        page.locator("#pairing-table a").first.click()
    expect(page.locator("#helpers")).to_have_text("一中党支部")
    expect(page.locator("#helped")).to_have_text("一号村党支部")
    pairing = Pairing.objects.get()

    as_user(page, live_server, logged_in_page, users.org_admin)
    page.goto(f"{live_server.url}{pairing.get_absolute_url()}")
    form = page.locator("form:has(textarea[name=activity])")
    form.locator("input[name=date]").fill(pairing.starts_on.isoformat())
    form.get_by_label("What was done").fill("首次走访一号村，座谈集体经济发展")
    form.get_by_label("People taking part").fill("5")
    with page.expect_navigation():
        form.get_by_role("button", name="Log", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("The visit was logged")
    expect(page.locator(".help-log")).to_contain_text("首次走访一号村，座谈集体经济发展")
    assert list(HelpLog.objects.values_list("pairing_id", "people", "logged_by")) == [
        (pairing.pk, 5, users.org_admin.pk)]
