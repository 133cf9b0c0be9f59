"""A voter on a phone: the QR code's URL, the ballot, the check, the thank-you page, the code
used again; by touch, by keyboard and without JavaScript, each page checked with axe-core."""
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from pacesetter.evaluation import domain
from tests.evaluation.conftest import make_round, make_scheme

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
AXE = Path(settings.BASE_DIR) / "pacesetter" / "core" / "static" / "vendor" / "axe.min.js"


@pytest.fixture
def tokens(live_tree):
    """An open round over T1B1 with three questions (four grades, three levels, a 0–100 score)."""
    setup = make_round(make_scheme(), subjects=[live_tree.b1])
    return domain.make_tokens(setup.round, subject=setup.subjects[0], group=setup.groups[0], count=3, by=None)


def _phone(browser, browser_context_args, *, javascript=True):
    context = browser.new_context(**{**browser_context_args, **PHONE}, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def phone(browser, browser_context_args):
    page = _phone(browser, browser_context_args)
    yield page
    page.context.close()


@pytest.fixture
def phone_without_js(browser, browser_context_args):
    page = _phone(browser, browser_context_args, javascript=False)
    yield page
    page.context.close()


def serious_violations(page, live_server) -> list[str]:
    """axe-core's serious and critical findings on the page, as "rule: target" lines.

    axe comes from the vendored static file, loaded as a same-origin script as the CSP allows.
    """
    assert AXE.exists(), f"{AXE} is missing: run `make setup` (npm ci, then npm run vendor)"
    page.add_script_tag(url=f"{live_server.url}{settings.STATIC_URL}vendor/axe.min.js")
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{v['id']}: {', '.join(str(n['target']) for n in v['nodes'])}"
        for v in violations if v["impact"] in ("serious", "critical")
    ]


def _used_message() -> str:
    with translation.override("zh-hans"):
        return translation.gettext("This ballot code has already been used.")


def _answer_by_touch(page) -> None:
    groups = page.get_by_role("group")
    expect(groups).to_have_count(3)
    groups.nth(0).get_by_role("radio").nth(1).tap()
    groups.nth(1).get_by_role("radio").nth(0).tap()
    groups.nth(2).get_by_role("spinbutton").fill("88")


def test_voter_votes_on_a_phone_and_cannot_vote_twice(phone, live_server, tokens):
    url = f"{live_server.url}/v/{tokens[0]}"
    response = phone.goto(url)
    assert response.status == 200
    expect(phone.locator("html")).to_have_attribute("lang", "zh-hans")
    assert serious_violations(phone, live_server) == []

    _answer_by_touch(phone)
    phone.locator("form button[type=submit]").tap()
    expect(phone.locator("dl.ballot-review dd")).to_have_count(3)
    expect(phone.locator("dl.ballot-review dd").nth(2)).to_have_text("88")
    assert serious_violations(phone, live_server) == []

    phone.locator("button[name=step][value=cast]").tap()
    expect(phone).to_have_url(f"{live_server.url}/v/thanks/")
    assert serious_violations(phone, live_server) == []

    again = phone.goto(url)
    assert again.status == 410
    expect(phone.locator("main p.lead")).to_have_text(_used_message())
    assert serious_violations(phone, live_server) == []


def test_missing_answers_are_listed_and_lead_to_their_questions(phone, live_server, tokens):
    phone.goto(f"{live_server.url}/v/{tokens[0]}")
    phone.get_by_role("group").nth(0).get_by_role("radio").nth(0).tap()
    phone.locator("form button[type=submit]").tap()
    summary = phone.locator("#ballot-errors")
    expect(summary).to_be_focused()
    expect(summary.locator("a")).to_have_count(2)
    assert serious_violations(phone, live_server) == []
    summary.locator("a").nth(1).tap()
    expect(phone.get_by_role("group").nth(2).get_by_role("spinbutton")).to_be_in_viewport()


def test_voter_votes_with_the_keyboard_alone(phone, live_server, tokens):
    phone.goto(f"{live_server.url}/v/{tokens[1]}")
    keyboard = phone.keyboard
    keyboard.press("Tab")  # the skip link
    keyboard.press("Tab")  # question 1, first option
    expect(phone.get_by_role("group").nth(0).get_by_role("radio").nth(0)).to_be_focused()
    keyboard.press("Space")
    keyboard.press("Tab")  # question 2
    keyboard.press("ArrowDown")  # moves to and chooses the second option
    keyboard.press("Tab")  # question 3, the score
    keyboard.type("70")
    keyboard.press("Tab")
    expect(phone.locator("form button[type=submit]")).to_be_focused()
    keyboard.press("Enter")
    expect(phone.locator("dl.ballot-review dd")).to_have_count(3)
    cast = phone.locator("button[name=step][value=cast]")
    cast.focus()
    keyboard.press("Enter")
    expect(phone).to_have_url(f"{live_server.url}/v/thanks/")


def test_voter_votes_without_javascript(phone_without_js, live_server, tokens):
    page = phone_without_js
    page.goto(f"{live_server.url}/v/{tokens[2]}")
    _answer_by_touch(page)
    page.locator("form button[type=submit]").tap()
    page.locator("button[name=step][value=cast]").tap()
    expect(page).to_have_url(f"{live_server.url}/v/thanks/")
    again = page.goto(f"{live_server.url}/v/{tokens[2]}")
    assert again.status == 410
