from playwright.sync_api import expect


def test_county_admin_logs_in_and_switches_to_english(live_tree, logged_in_page, live_server):
    page = logged_in_page(live_tree.users.county_admin)
    expect(page).to_have_url(f"{live_server.url}/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "zh-hans")

    # The switcher submits itself on change (core/site.js): no button to press.
    with page.expect_navigation():
        page.locator("nav form[action='/i18n/setlang/'] select[name=language]").select_option("en")

    expect(page).to_have_url(f"{live_server.url}/")
    expect(html).to_have_attribute("lang", "en")
    expect(page.locator("nav a[aria-current=page]")).to_have_text("Home")
