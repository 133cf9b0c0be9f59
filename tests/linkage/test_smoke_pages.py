import pytest
from django.urls import reverse

from .world import make_world


@pytest.mark.parametrize("name,args", [("unit-list", []), ("activity-list", []), ("coverage", []),
                                       ("unit-new", []), ("coverage-export", []), ("unit-export", [])])
def test_page(client, tree, name, args):
    make_world(tree)
    client.force_login(tree.users.county_admin)
    assert client.get(reverse(f"linkage:{name}", args=args)).status_code == 200


def test_detail_pages(client, tree):
    w = make_world(tree)
    client.force_login(tree.users.county_admin)
    for url in (w.league.get_absolute_url(), reverse("linkage:unit-edit", args=[w.league.pk]),
                reverse("linkage:honour-new", args=[w.league.pk]), reverse("linkage:honour-edit", args=[w.honour.pk]),
                reverse("linkage:activity-new", args=[w.league.pk]), w.activity.get_absolute_url(),
                reverse("linkage:activity-edit", args=[w.activity.pk])):
        assert client.get(url).status_code == 200, url
