"""The organisation tree in a browser: htmx expand and collapse, search, detail, a phone's screen.

Pages are asked for in English (the language cookie), so the assertions hold whatever the
Chinese translations say; organisation names are Chinese data.
"""
import pytest
from django.conf import settings
from playwright.sync_api import expect


@pytest.fixture
def english(page, live_server):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])


@pytest.fixture
def county_tree(live_tree, english, logged_in_page, live_server):
    """The county admin on the tree page."""
    page = logged_in_page(live_tree.users.county_admin)
    page.goto(f"{live_server.url}/orgs/")
    return page


def node(page, code):
    return page.locator(f"li.tree-node[data-code='{code}']")


def own_row(page, code):
    return page.locator(f"li.tree-node[data-code='{code}'] > .tree-row")


def test_the_single_root_is_open_with_both_townships(county_tree):
    page = county_tree
    expect(page.locator("h1")).to_have_text("Organisation tree")
    expect(page.locator("#org-tree > li.tree-node")).to_have_count(1)
    expect(node(page, "C").locator("> ul > li.tree-node > .tree-row .tree-name")).to_have_text(["一号镇党委", "二号镇党委"])
    expect(own_row(page, "T1").locator(".tree-meta")).to_have_text("1 sub-organisation 0 members")


def test_a_township_expands_with_htmx_and_collapses_without_asking_again(county_tree, live_tree, live_server):
    page = county_tree
    children_url = f"{live_server.url}/orgs/tree/T1/children/"
    fetched = []
    page.on("request", lambda request: fetched.append(request) if request.url == children_url else None)
    toggle = own_row(page, "T1").locator(".tree-toggle")
    children = page.locator(f"#children-{live_tree.t1.pk}")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(children).to_be_hidden()

    toggle.click()
    branch = children.locator("> li.tree-node[data-code='T1B1'] > .tree-row")
    expect(branch.locator(".tree-name")).to_have_text("一号村党支部")
    expect(branch.locator("code")).to_have_text("T1B1")
    expect(branch.locator(".tree-meta")).to_have_text("1 member")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page).to_have_url(f"{live_server.url}/orgs/")  # loaded into the page, no navigation

    toggle.click()
    expect(children).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")

    toggle.click()
    expect(branch).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert [(r.method, r.headers.get("hx-request")) for r in fetched] == [("GET", "true")]


def test_search_by_name_shows_the_result_under_its_ancestors(county_tree, live_server):
    page = county_tree
    page.locator("#tree-q").fill("二号村")
    with page.expect_navigation():
        page.locator("form[role=search] button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/orgs/?q=%E4%BA%8C%E5%8F%B7%E6%9D%91")
    expect(page.locator(".card-header")).to_have_text("1 organisation found")
    result = page.locator("#search-results > li")
    expect(result).to_have_count(1)
    expect(result.locator(".ancestors a")).to_have_text(["测试县委", "二号镇党委"])
    expect(result.locator("a.fw-medium")).to_have_text("二号村党支部")
    expect(result.locator("code")).to_have_text("T2B1")


def test_search_by_code_shows_the_result_and_opens_its_page(county_tree, live_server):
    page = county_tree
    page.locator("#tree-q").fill("T1B1")
    with page.expect_navigation():
        page.locator("#tree-q").press("Enter")
    result = page.locator("#search-results > li")
    expect(result).to_have_count(1)
    expect(result.locator(".ancestors a")).to_have_text(["测试县委", "一号镇党委"])
    expect(result.locator("code")).to_have_text("T1B1")

    with page.expect_navigation():
        result.locator("a.fw-medium").click()
    expect(page).to_have_url(f"{live_server.url}/orgs/o/T1B1/")
    expect(page.locator("h1")).to_have_text("一号村党支部 T1B1")
    expect(page.locator("#direct-member-count")).to_have_text("1")
    expect(page.locator("#org-actions > a")).to_have_text(["Edit", "Add sub-organisation", "Add member"])


def test_search_finds_nothing_outside_the_view(live_tree, english, logged_in_page, live_server):
    page = logged_in_page(live_tree.users.org_admin)
    page.goto(f"{live_server.url}/orgs/?q=T2")
    expect(page.locator(".card-header")).to_have_text("0 organisations found")
    expect(page.locator(".empty-title")).to_have_text("Nothing found")


def test_on_a_phone_the_tree_fits_and_the_menu_folds_into_a_toggler(live_tree, english, logged_in_page, live_server):
    page = logged_in_page(live_tree.users.county_admin)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/orgs/")
    menu = page.locator("#site-nav")
    toggler = page.locator("button.navbar-toggler")
    expect(own_row(page, "T2").locator(".tree-name")).to_be_visible()
    expect(toggler).to_be_visible()
    expect(menu).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") == 390  # nothing wider than the screen

    toggler.click()
    expect(menu.locator("a.nav-link.active")).to_have_text("Organisations")
    expect(toggler).to_have_attribute("aria-expanded", "true")
