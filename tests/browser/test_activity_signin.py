"""A member signs in to an activity by QR on a phone: the organiser's projector shows the
code's URL, the member opens it on a phone-sized window, logs in, confirms and sees the
success; the projector then shows a fresh code and one member present."""
import pytest
from playwright.sync_api import expect

from tests.activities.conftest import plan
from tests.browser.conftest import TEST_PASSWORD
from tests.browser.test_ballot import PHONE, serious_violations

#: How long a step may wait: two shared cores under load serve a page in seconds, not milliseconds.
WAIT_MS = 30_000


@pytest.fixture
def activity(live_tree):
    live_tree.m1.user = live_tree.users.member
    live_tree.m1.save(update_fields=["user"])
    return plan(live_tree.b1, live_tree.users.branch_admin, title="主题党日：重温入党誓词")


@pytest.fixture
def phone(browser, browser_context_args):
    context = browser.new_context(**{**browser_context_args, **PHONE})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    yield page
    context.close()


def test_member_signs_in_by_qr_on_a_phone(page, logged_in_page, phone, live_server, live_tree, activity):
    page.set_default_timeout(WAIT_MS)
    projector = logged_in_page(live_tree.users.branch_admin)
    projector.goto(f"{live_server.url}/activities/{activity.pk}/projector/")
    link = projector.locator("#signin-link")
    url = link.get_attribute("href")
    expect(projector.locator("#signin-qr svg")).to_be_visible()
    expect(projector.locator("#signin-present")).to_have_text("0")

    phone.goto(url)
    form = phone.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(live_tree.users.member.get_username())
    form.locator("input[name=password]").fill(TEST_PASSWORD)
    with phone.expect_navigation():
        form.locator("[type=submit]").tap()
    button = phone.locator("form:has(input[name=code]) button[type=submit]")
    expect(button).to_contain_text("张三")
    assert serious_violations(phone, live_server) == []
    button.tap()
    expect(phone.locator("#signin-done")).to_contain_text("主题党日：重温入党誓词")
    assert serious_violations(phone, live_server) == []

    expect(projector.locator("#signin-present")).to_have_text("1")
    expect(link).not_to_have_attribute("href", url)
