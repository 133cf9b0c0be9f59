"""The organisation tree browser: roots, htmx children, ?open=, search and archived rows."""
import re

import pytest
from django.urls import reverse

from pacesetter.orgs import domain
from pacesetter.orgs.views import common
from tests.factories import make_org


def codes(items):
    return [o.code for o in items]


def partial_codes(response):
    """Codes of the nodes in an htmx partial (partials are read from the HTML, not the context)."""
    return re.findall(r'<li class="tree-node[^"]*" data-code="([^"]+)"', response.content.decode())


def has_more_button(response):
    return '<li class="tree-more' in response.content.decode()


def tree_url(**params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("orgs:tree") + (f"?{query}" if query else "")


def children_url(code, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("orgs:tree-children", kwargs={"code": code}) + (f"?{query}" if query else "")


def test_tree_starts_at_the_county_and_opens_a_single_root(tree, client):
    client.force_login(tree.users.county_admin)
    roots = client.get(tree_url()).context["roots"]
    assert (codes(roots), codes(roots[0].children_page.items)) == (["C"], ["T1", "T2"])


def test_tree_starts_at_the_org_admins_own_subtree(tree, client):
    client.force_login(tree.users.org_admin)
    roots = client.get(tree_url()).context["roots"]
    assert (codes(roots), codes(roots[0].children_page.items)) == (["T1"], ["T1B1"])


def test_tree_rows_carry_child_and_direct_member_counts(tree, client):
    client.force_login(tree.users.county_admin)
    townships = client.get(tree_url()).context["roots"][0].children_page.items
    assert [(o.code, o.numchild, o.member_count) for o in townships] == [("T1", 1, 0), ("T2", 1, 0)]


def test_tree_open_parameter_opens_the_path_to_a_node(tree, client):
    client.force_login(tree.users.county_admin)
    roots = client.get(tree_url(open="T1B1")).context["roots"]
    t1, t2 = roots[0].children_page.items
    assert (codes(t1.children_page.items), hasattr(t2, "children_page")) == (["T1B1"], False)


def test_tree_open_outside_the_view_is_404(tree, client):
    client.force_login(tree.users.org_admin)
    assert client.get(tree_url(open="T2")).status_code == 404


def test_tree_children_htmx_returns_only_the_partial(tree, client):
    client.force_login(tree.users.county_admin)
    response = client.get(children_url("C"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert (response.status_code, html.lstrip().startswith('<li class="tree-node'), "<html" in html) == (
        200, True, False,
    )


def test_tree_children_partial_lists_the_children(tree, client):
    client.force_login(tree.users.county_admin)
    assert partial_codes(client.get(children_url("C"), HTTP_HX_REQUEST="true")) == ["T1", "T2"]


def test_tree_children_without_htmx_redirects_to_the_opened_tree(tree, client):
    client.force_login(tree.users.county_admin)
    response = client.get(children_url("T1"))
    assert (response.status_code, response.url) == (302, tree_url(open="T1"))


def test_tree_children_outside_the_view_is_404(tree, client):
    client.force_login(tree.users.org_admin)
    assert client.get(children_url("T2"), HTTP_HX_REQUEST="true").status_code == 404


def test_tree_children_are_paginated_with_a_more_button(tree, client, monkeypatch):
    monkeypatch.setattr(common, "CHILDREN_PER_PAGE", 2)
    make_org(tree.t1, code="T1B2")
    make_org(tree.t1, code="T1B3")
    client.force_login(tree.users.county_admin)
    first = client.get(children_url("T1"), HTTP_HX_REQUEST="true")
    second = client.get(children_url("T1", page=2), HTTP_HX_REQUEST="true")
    assert (partial_codes(first), has_more_button(first), partial_codes(second), has_more_button(second)) == (
        ["T1B1", "T1B2"], True, ["T1B3"], False,
    )


def test_tree_hides_archived_organisations_unless_asked(tree, client):
    domain.dissolve_organization(tree.b2, by=None)
    client.force_login(tree.users.county_admin)
    hidden = client.get(children_url("T2"), HTTP_HX_REQUEST="true")
    shown = client.get(children_url("T2", archived=1), HTTP_HX_REQUEST="true")
    assert (partial_codes(hidden), partial_codes(shown)) == ([], ["T2B1"])


def test_search_finds_by_name_with_ancestor_paths(tree, client):
    client.force_login(tree.users.county_admin)
    page = client.get(tree_url(q="村党支部")).context["page"]
    assert [(o.code, codes(o.ancestor_list)) for o in page] == [("T1B1", ["C", "T1"]), ("T2B1", ["C", "T2"])]


def test_search_finds_by_code_prefix(tree, client):
    client.force_login(tree.users.county_admin)
    assert codes(client.get(tree_url(q="T1")).context["page"]) == ["T1", "T1B1"]


def test_search_stays_inside_the_view_and_shows_only_visible_ancestors(tree, client):
    client.force_login(tree.users.org_admin)
    page = client.get(tree_url(q="村党支部")).context["page"]
    assert [(o.code, codes(o.ancestor_list)) for o in page] == [("T1B1", ["T1"])]


def test_search_leaves_out_archived_unless_asked(tree, client):
    domain.dissolve_organization(tree.b2, by=None)
    client.force_login(tree.users.county_admin)
    hidden = client.get(tree_url(q="村党支部")).context["page"]
    shown = client.get(tree_url(q="村党支部", archived=1)).context["page"]
    assert (codes(hidden), codes(shown)) == (["T1B1"], ["T1B1", "T2B1"])


def _branches(parent, n):
    for i in range(n):
        make_org(parent, code=f"{parent.code}X{i}", name=f"查询支部{i}")


@pytest.mark.parametrize("n", [1, 3])
def test_tree_children_query_count_is_constant(tree, client, django_assert_num_queries, n):
    _branches(tree.t2, n)
    client.force_login(tree.users.county_admin)
    # session, user, roles, the parent, one page of children with their member counts
    with django_assert_num_queries(5):
        response = client.get(children_url("T2"), HTTP_HX_REQUEST="true")
    assert len(partial_codes(response)) == n + 1


@pytest.mark.parametrize("n", [1, 3])
def test_tree_root_page_query_count_is_constant(tree, client, django_assert_num_queries, n):
    _branches(tree.county, n)
    client.force_login(tree.users.county_admin)
    # session, user, roles, roots, the single root's children, the unread badge
    with django_assert_num_queries(6):
        client.get(tree_url())


@pytest.mark.parametrize("n", [1, 3])
def test_search_query_count_is_constant(tree, client, django_assert_num_queries, n):
    _branches(tree.t2, n)
    client.force_login(tree.users.county_admin)
    # session, user, roles, count, the page's keys, its rows, ancestors of the whole page, the unread badge
    with django_assert_num_queries(8):
        response = client.get(tree_url(q="查询支部"))
    assert len(response.context["page"].object_list) == n
