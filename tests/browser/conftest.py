"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every test here is marked `browser` and runs with a transactional database, so the live
server's thread sees what the test wrote. Playwright's sync API keeps an asyncio loop
running in the main thread, which makes Django refuse ORM calls in the test body as
"async"; DJANGO_ALLOW_ASYNC_UNSAFE lifts that check for the browser tests' process, set
here and never in settings.
"""
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
# The machine has no network but loopback: without these, Chromium keeps trying to reach
# its update, sync and safe-browsing services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
TEST_PASSWORD = "pacesetter-test"  # what tests/factories.py gives every user
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a browser downloaded by Playwright; missing is an error, not a skip."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (make test does).", pytrace=False)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A county user's browser: it asks for Chinese, the site's default language, on a desktop
    screen wide enough for the whole navbar (it folds into the menu button below 1400 px)."""
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai",
            "viewport": {"width": 1440, "height": 900}}


@pytest.fixture
def page(page):
    """Playwright's page, waiting 10 s rather than 30 before calling a step failed, and its
    assertions as long (5 s by default: a print page of certificates missed it on a loaded
    machine while the same step's click had 10)."""
    page.set_default_timeout(10_000)
    expect.set_options(timeout=10_000)
    return page


@pytest.fixture
def live_tree(transactional_db, tree):
    """The `tree` county, committed, so the live server's thread sees it."""
    return tree


@pytest.fixture
def logged_in_page(page, live_server):
    """Returns login(user): signs in through the real login form and returns the page.

    Goes through the form (not force_login) so CSRF, django-axes and the session cookie
    are exercised as a person meets them.
    """

    def login(user, password=TEST_PASSWORD):
        response = page.goto(f"{live_server.url}/accounts/login/")
        if response is None or response.status != 200:
            raise AssertionError(f"the login page answered {response and response.status}")
        form = page.locator("form:has(input[name=password])")
        form.locator("input[name=username]").fill(user.get_username())
        form.locator("input[name=password]").fill(password)
        with page.expect_navigation():
            form.locator("[type=submit]").click()
        if "/accounts/login/" in page.url:
            raise AssertionError(f"login as {user.get_username()!r} failed; the page says: {page.inner_text('main')}")
        return page

    return login
