"""The dashboard, the township drill-down, an organisation's checklist and its forms."""
import io

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from pacesetter.stages import domain
from pacesetter.stages.models import TaskCompletion
from tests.visibility.accountability_tasks import _photo

from ..factories import make_org
from .world import D, build, make_campaign

ONE = "%E4%B8%80%E5%8F%B7%E9%95%87"


@pytest.fixture
def world(tree):
    w = build(tree)
    domain.mark_done(w.a, tree.b1, by=tree.users.county_admin, done_on=D(2026, 3, 15))
    return w


def client_for(user) -> Client:
    """Signed in, reading English (the test client's requests follow the language cookie,
    not translation.override)."""
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def branches(tree, n):
    return [make_org(tree.t1, code=f"T1X{i}", name=f"一号镇新支部{i}", township="一号镇") for i in range(n)]


@pytest.mark.parametrize("extra", [1, 3])
def test_dashboard_reads_in_constant_queries(tree, world, extra, django_assert_num_queries):
    branches(tree, extra)
    make_org(tree.county, code=f"TX{extra}", name="新镇党委", level="committee", township=f"新镇{extra}")
    client = client_for(tree.users.county_admin)
    with django_assert_num_queries(11):
        assert client.get(f"/stages/?campaign={world.campaign.pk}").status_code == 200


@pytest.mark.parametrize("extra", [1, 3])
def test_township_reads_in_constant_queries(tree, world, extra, django_assert_num_queries):
    branches(tree, extra)
    client = client_for(tree.users.county_admin)
    with django_assert_num_queries(10):
        assert client.get(f"/stages/township/?campaign={world.campaign.pk}&name={ONE}").status_code == 200


@pytest.mark.parametrize("extra", [1, 3])
def test_checklist_reads_in_constant_queries(tree, world, extra, django_assert_num_queries):
    for _ in range(extra):
        domain.create_task(world.a.stage, by=tree.users.county_admin, title="学习", due_on=D(2026, 3, 30))
    client = client_for(tree.users.county_admin)
    with django_assert_num_queries(11):
        assert client.get(f"/stages/o/T1B1/?campaign={world.campaign.pk}").status_code == 200


def test_dashboard_lists_the_townships_the_admin_sees(tree, world):
    with translation.override("en"):
        response = client_for(tree.users.org_admin).get(f"/stages/?campaign={world.campaign.pk}")
    rows = [(label, t.organizations, t.done, t.overdue, t.rag) for label, _param, t in response.context["townships"]]
    assert rows == [("一号镇", 2, 1, 5, "red")]


def test_dashboard_marks_the_stage_under_way(tree, world):
    response = client_for(tree.users.county_admin).get(f"/stages/?campaign={world.campaign.pk}")
    current = [stage.kind for stage, is_current, _tally in response.context["stages"] if is_current]
    assert current == ([stage.kind for stage in world.stages.values() if stage.is_current(response.context["day"])])


def test_township_filter_by_rating(tree, world):
    response = client_for(tree.users.county_admin).get(
        f"/stages/township/?campaign={world.campaign.pk}&name={ONE}&rag=red")
    assert [org["code"] for org, _sector, _tally in response.context["page"].object_list] == ["T1", "T1B1"]


def test_checklist_offers_marking_to_the_branch_admin(tree, world):
    response = client_for(tree.users.branch_admin).get(f"/stages/o/T1B1/?campaign={world.campaign.pk}")
    rows = [(r["task"].title, r["status"], r["can_mark"], r["can_send_back"]) for r in response.context["rows"]]
    assert rows == [("召开动员大会", "done", False, False), ("公开承诺", "overdue", False, False),
                    ("年度述职", "overdue", True, False)]


def test_checklist_offers_sending_back_to_the_township_admin(tree, world):
    response = client_for(tree.users.org_admin).get(f"/stages/o/T1B1/?campaign={world.campaign.pk}")
    assert [r["can_send_back"] for r in response.context["rows"]] == [True, False, False]


def test_marking_done_with_evidence(tree, world):
    response = client_for(tree.users.branch_admin).post(
        f"/stages/o/T1B1/task/{world.c.pk}/done/", {"done_on": "2026-06-20", "note": "已述职", "file": _photo()})
    done = TaskCompletion.objects.get(task=world.c, organization=tree.b1)
    assert (response.status_code, done.done_on, done.note, done.evidence.count()) == (302, D(2026, 6, 20), "已述职", 1)


def test_export_holds_the_townships(tree, world):
    with translation.override("en"):
        response = client_for(tree.users.county_admin).get(f"/stages/export.xlsx?campaign={world.campaign.pk}")
    sheet = load_workbook(io.BytesIO(response.content))["Townships"]
    assert [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        ["一号镇", 2, 1, 0, 0, 5, 5, 16, "red"],
        ["二号镇", 2, 0, 0, 0, 6, 6, 0, "red"],
        ["Total", 4, 1, 0, 0, 11, 11, 8, "red"],
    ]


def test_stage_form_names_the_bad_date(tree, world):
    with translation.override("en"):
        response = client_for(tree.users.county_admin).post(
            f"/stages/stage/{world.a.stage_id}/edit/", {"starts_on": "2026-02-01", "ends_on": "2026-03-31"})
    assert (response.status_code, response.context["form"].errors) == (
        400, {"starts_on": ["The stage cannot start before the campaign (2026-03-01)."]})


@pytest.mark.parametrize("extra", [1, 3])
def test_setup_list_reads_in_constant_queries(tree, world, extra, django_assert_num_queries):
    for i in range(extra):
        make_campaign(name=f"专项活动{i}")
    client = client_for(tree.users.county_admin)
    with django_assert_num_queries(7):
        assert client.get("/stages/setup/").status_code == 200
