from django.test import Client

from pacesetter.sitevisits.models import Observer, Sheet

from .world import open_meeting, score


def _clients(tree):
    county, org = Client(), Client()
    county.force_login(tree.users.county_admin)
    tree.users.org_admin.is_staff = True
    tree.users.org_admin.save(update_fields=["is_staff"])
    org.force_login(tree.users.org_admin)
    return county, org


def test_admin_lists_meetings_observers_and_sheets_to_county_admins_only(tree):
    meeting, (a, _b) = open_meeting(tree)
    score(meeting, 1, a, 20, 20, 20, 20)
    county, org = _clients(tree)
    responses = [c.get(f"/admin/sitevisits/{name}/") for c in (county, org) for name in ("meeting", "observer", "sheet")]
    assert [r.status_code for r in responses] == [200, 200, 200, 403, 403, 403]


def test_admin_shows_a_meeting_an_observer_and_a_sheet_read_only(tree):
    meeting, (a, _b) = open_meeting(tree)
    score(meeting, 1, a, 20, 20, 20, 20)
    county, _org = _clients(tree)
    urls = [f"/admin/sitevisits/meeting/{meeting.pk}/change/",
            f"/admin/sitevisits/observer/{Observer.objects.filter(meeting=meeting).first().pk}/change/",
            f"/admin/sitevisits/sheet/{Sheet.objects.get().pk}/change/"]
    responses = [county.get(url) for url in urls]
    assert ([r.status_code for r in responses], "_save" in responses[0].content.decode()) == ([200, 200, 200], False)


def test_admin_never_shows_an_observers_code(tree):
    meeting, (a, _b) = open_meeting(tree)
    county, _org = _clients(tree)
    html = county.get(f"/admin/sitevisits/observer/{Observer.objects.filter(meeting=meeting).first().pk}/change/")
    assert (html.status_code, a in html.content.decode(), county.get("/admin/sitevisits/observercode/").status_code) \
        == (200, False, 404)
