from django.test import Client

from .world import world


def test_admin_lists_papers_to_county_admins_only(tree):
    world(tree)
    county, org = Client(), Client()
    county.force_login(tree.users.county_admin)
    tree.users.org_admin.is_staff = True
    tree.users.org_admin.save(update_fields=["is_staff"])
    org.force_login(tree.users.org_admin)
    responses = [c.get(f"/admin/seminars/{name}/") for c in (county, org) for name in ("seminar", "submission", "review")]
    assert [r.status_code for r in responses] == [200, 200, 200, 403, 403, 403]


def test_admin_shows_a_paper_and_a_review_read_only(tree):
    values = world(tree)
    client = Client()
    client.force_login(tree.users.county_admin)
    urls = [f"/admin/seminars/submission/{values['paper_in']}/change/",
            f"/admin/seminars/review/{values['review_p']}/change/", f"/admin/seminars/seminar/{values['call']}/change/"]
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
