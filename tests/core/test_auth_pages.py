import re

import pytest

from django.template.loader import render_to_string
from django.urls import reverse


def _language_options(html: str) -> list[str]:
    form = re.search(r'<form class="language-form.*?</form>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]+)"', form)


def test_login_page_has_the_language_switcher(client, db):
    response = client.get(reverse("login"))
    assert (response.status_code, _language_options(response.content.decode())) == (200, ["zh-hans", "en"])


def test_language_switcher_returns_to_the_current_page(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert (response.status_code, response.url, response.cookies["django_language"].value) == (
        302, "/accounts/login/", "en",
    )


def test_login_page_shows_bad_credentials(tree, client):
    response = client.post(reverse("login"), {"username": "county", "password": "wrong-password"})
    assert (response.status_code, len(response.context["form"].non_field_errors())) == (200, 1)


def test_logged_in_user_visiting_login_is_sent_home(tree, client):
    client.force_login(tree.users.county_admin)
    response = client.get(reverse("login"))
    assert (response.status_code, response.url) == (302, reverse("core:home"))


def test_logout_needs_post(tree, client):
    client.force_login(tree.users.county_admin)
    assert client.get(reverse("logout")).status_code == 405


def test_logout_by_post_ends_the_session(tree, client):
    client.force_login(tree.users.county_admin)
    response = client.post(reverse("logout"))
    assert (response.status_code, response.url, client.get(reverse("core:home")).status_code) == (
        302, reverse("login"), 302,
    )


def test_every_page_has_a_logout_form_with_csrf(tree, client):
    client.force_login(tree.users.county_admin)
    html = client.get(reverse("orgs:tree")).content.decode()
    form = re.search(r'<form method="post" action="/accounts/logout/">(.*?)</form>', html, re.S).group(1)
    assert re.findall(r'name="(csrfmiddlewaretoken)"', form) == ["csrfmiddlewaretoken"]


def test_password_change_changes_the_password(tree, client):
    user = tree.users.county_admin
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": "pacesetter-test", "new_password1": "a-new-Secret-42", "new_password2": "a-new-Secret-42"},
    )
    user.refresh_from_db()
    assert (response.url, user.check_password("a-new-Secret-42")) == (reverse("password_change_done"), True)


def test_password_change_done_page_renders(tree, client):
    client.force_login(tree.users.county_admin)
    assert client.get(reverse("password_change_done")).status_code == 200


def test_locked_out_page_answers_429_with_its_template(tree, client, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            reverse("login"), {"username": "county", "password": f"wrong-{i}"}, HTTP_ACCEPT_LANGUAGE="en"
        )
    heading = re.search(r'<h2 class="h6 alert-heading">(.*?)</h2>', response.content.decode()).group(1)
    assert (response.status_code, heading) == (429, "Too many failed logins")


def test_server_error_page_renders_without_request_or_database():
    # No db fixture: pytest-django makes any query here an error.
    html = render_to_string("500.html")
    assert re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1) == "系统出错了 / Something went wrong"


def test_database_unavailable_page_renders_without_request_or_database():
    html = render_to_string("503.html")
    assert re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1) == "系统暂时无法访问数据库 / The database is unavailable"


def test_not_found_page_uses_the_site_template(tree, client):
    client.force_login(tree.users.org_admin)
    response = client.get(reverse("orgs:organization-detail", kwargs={"code": "T2"}))
    assert (response.status_code, "404.html" in [t.name for t in response.templates]) == (404, True)


def test_unknown_url_renders_the_not_found_page(tree, client):
    client.force_login(tree.users.county_admin)
    response = client.get("/no/such/page/")
    assert (response.status_code, "404.html" in [t.name for t in response.templates]) == (404, True)


PAGES = [
    ("core:home", {}), ("orgs:tree", {}), ("orgs:member-list", {}), ("orgs:leader-list", {}),
    ("orgs:organization-list", {}), ("orgs:organization-detail", {"code": "T1"}),
    ("orgs:organization-edit", {"code": "T1"}), ("orgs:member-detail", {"code": "M1"}),
    ("orgs:member-edit", {"code": "M1"}), ("password_change", {}),
]


@pytest.mark.parametrize("name, kwargs", PAGES)
def test_pages_have_no_inline_script_or_style(tree, client, name, kwargs):
    """The CSP blocks inline code: every script is a file (or JSON data), nothing has style=."""
    client.force_login(tree.users.county_admin)
    html = client.get(reverse(name, kwargs=kwargs)).content.decode()
    inline_scripts = [tag for tag in re.findall(r"<script[^>]*>", html)
                      if "src=" not in tag and 'type="application/json"' not in tag]
    assert (inline_scripts, re.findall(r"\sstyle=", html), re.findall(r"\son[a-z]+=", html)) == ([], [], [])
