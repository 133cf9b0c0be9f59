"""The selection pages: forms hand over to the domain, public notice and objections, and
every list page's query count with one and three rows."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pacesetter.selections import domain
from pacesetter.selections.enums import NominationStatus, SelectionState
from pacesetter.selections.models import HonourKind, Nomination, Objection, Selection

from ..factories import make_org
from .world import IP, approve, campaign, kind, make_selection, on_notice, released_round


@pytest.fixture
def admin(client, tree):
    client.force_login(tree.users.county_admin)
    return client


def test_new_selection_form_creates_a_draft_with_rules_and_quotas(admin, tree):
    honour = kind()
    response = admin.post("/selections/new/", {
        "campaign": campaign().pk, "kind": honour.pk, "title": "红旗支部评选", "round": released_round(tree).pk,
        "nominations_close_on": "2099-12-31", "notice_days": "5", "quota_by": "township", "default_quota": "1",
        "quotas": "一号镇 2\n二号镇 1", "rule_min_grade": "good", "rule_no_open_case": "on",
        "rule_min_fulfilment": "80"})
    selection = Selection.objects.get()
    assert (response.status_code, selection.state, selection.rules,
            list(selection.quotas.values_list("group", "seats"))) == (
        302, SelectionState.DRAFT, {"min_grade": "good", "no_open_case": True, "min_fulfilment": 80},
        [("一号镇", 2), ("二号镇", 1)])


def test_nomination_form_takes_the_statement_and_evidence(client, tree):
    selection = make_selection(tree)
    client.force_login(tree.users.branch_admin)
    upload = SimpleUploadedFile("事迹.txt", "先进事迹".encode(), content_type="text/plain")
    response = client.post(f"/selections/{selection.pk}/nominate/",
                           {"organization": "T1B1", "statement": "带领群众致富", "files": [upload]})
    nomination = Nomination.objects.get()
    assert (response.status_code, response["Location"], nomination.statement, nomination.evidence.count()) == (
        302, f"/selections/nominations/{nomination.pk}/", "带领群众致富", 1)


def test_nomination_page_shows_the_eligibility_table(client, tree):
    selection = make_selection(tree, rules={"min_grade": "advanced"})
    nomination = domain.nominate(selection, by=tree.users.county_admin, organization=tree.b2, statement="事迹")
    client.force_login(tree.users.county_admin)
    html = client.get(f"/selections/nominations/{nomination.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ("graded at least advanced in the selection&#x27;s round" in html, "graded lagging" in html,
            "Not eligible: the county review cannot approve it" in html) == (True, True, True)


def test_review_form_records_the_township_decision(client, tree):
    selection = make_selection(tree)
    nomination = domain.nominate(selection, by=tree.users.branch_admin, organization=tree.b1, statement="事迹")
    client.force_login(tree.users.org_admin)
    client.post(f"/selections/nominations/{nomination.pk}/review/", {"decision": "approve", "reason": "属实"})
    nomination.refresh_from_db()
    assert (nomination.status, list(nomination.reviews.values_list("reason", flat=True))) == (
        NominationStatus.TOWNSHIP_APPROVED, ["属实"])


def test_step_buttons_run_the_selection(admin, tree):
    selection = make_selection(tree, state=SelectionState.DRAFT)
    admin.post(f"/selections/{selection.pk}/step/", {"action": "open"})
    admin.post(f"/selections/{selection.pk}/step/", {"action": "review"})
    selection.refresh_from_db()
    assert selection.state == SelectionState.REVIEWING


def test_notice_step_takes_the_start_date(admin, tree):
    selection = make_selection(tree, state=SelectionState.REVIEWING)
    Nomination.objects.create(selection=selection, organization=tree.t1, nominated_by=tree.county, statement="x",
                              status=NominationStatus.SHORTLISTED, rank=1, created_by=tree.users.county_admin)
    start = timezone.localdate() + datetime.timedelta(days=3)
    admin.post(f"/selections/{selection.pk}/step/", {"action": "notice", "starts_on": start.isoformat()})
    selection.refresh_from_db()
    assert (selection.state, selection.notice_starts_on) == (SelectionState.NOTICE, start)


def test_public_notice_lists_nominees_without_private_data(client, tree):
    selection, _b1, _t1 = on_notice(tree)
    html = client.get(f"/selections/notice/{selection.pk}/").content.decode()
    assert ("一号村党支部" in html, "带领群众致富" in html, "13800001234" not in html, 'id="objection-form"' in html) == (
        True, True, True, True)


def test_public_objection_is_received_and_thanked(client, tree):
    selection, b1, _t1 = on_notice(tree)
    response = client.post(f"/selections/notice/{selection.pk}/", {"nomination": b1.pk, "text": "有问题",
                                                                    "name": "", "contact": ""})
    assert (response.status_code, response["Location"], list(Objection.objects.values_list("text", flat=True))) == (
        302, f"/selections/notice/{selection.pk}/thanks/", ["有问题"])


def test_filled_honeypot_is_thanked_and_nothing_written(client, tree):
    selection, b1, _t1 = on_notice(tree)
    response = client.post(f"/selections/notice/{selection.pk}/", {"nomination": b1.pk, "text": "广告",
                                                                    "website": "http://spam.example"})
    assert (response.status_code, Objection.objects.count()) == (302, 0)


def test_objections_over_the_hourly_limit_get_429(client, tree, settings):
    settings.SELECTION_OBJECTIONS_PER_HOUR = 1
    selection, b1, _t1 = on_notice(tree)
    url = f"/selections/notice/{selection.pk}/"
    first = client.post(url, {"nomination": b1.pk, "text": "一"})
    second = client.post(url, {"nomination": b1.pk, "text": "二"})
    assert (first.status_code, second.status_code, Objection.objects.count()) == (302, 429, 1)


def test_objection_page_answers_an_objection(admin, tree):
    _selection, b1, _t1 = on_notice(tree)
    objection = domain.lodge_objection(b1, client_ip=IP, text_="有问题")
    admin.post(f"/selections/objections/{objection.pk}/answer/", {"outcome": "upheld", "finding": "属实"})
    b1.refresh_from_db()
    assert b1.status == NominationStatus.DROPPED


def test_poster_holds_the_qr_code_of_the_public_notice(admin, tree):
    selection, _b1, _t1 = on_notice(tree)
    html = admin.get(f"/selections/{selection.pk}/poster/").content.decode()
    assert (f"http://testserver/selections/notice/{selection.pk}/" in html, html.count('class="poster-qr"')) == (
        True, 1)


def test_kind_can_be_renamed_and_taken_out_of_use(admin):
    honour = kind()
    admin.post(f"/selections/kinds/{honour.pk}/", {"name": "红旗党支部"})
    honour.refresh_from_db()
    assert (honour.name, honour.active) == ("红旗党支部", False)


# --- Query counts: the same number with one row and with three --------------------------


def _selections(tree, n):
    round_ = released_round(tree)
    for i in range(n):
        make_selection(tree, round_=round_, title=f"评选{i}")


def _nominations(tree, n):
    selection = make_selection(tree, default_quota=3)
    orgs = [make_org(tree.t1, code=f"Q{i}", township="一号镇") for i in range(n)]
    return selection, [domain.nominate(selection, by=tree.users.county_admin, organization=o, statement="事迹")
                       for o in orgs]


def _objections(tree, n):
    selection, b1, _t1 = on_notice(tree)
    for i in range(n):
        domain.lodge_objection(b1, client_ip=f"198.51.100.{i}", text_=f"异议{i}")
    return selection


@pytest.mark.parametrize("n", [1, 3])
def test_selection_list_query_count(admin, tree, django_assert_num_queries, n):
    _selections(tree, n)
    with django_assert_num_queries(7):
        assert admin.get("/selections/").status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_selection_page_query_count(admin, tree, django_assert_num_queries, n):
    selection, _noms = _nominations(tree, n)
    with django_assert_num_queries(9):
        assert admin.get(f"/selections/{selection.pk}/").status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_review_queue_query_count(client, tree, django_assert_num_queries, n):
    _nominations(tree, n)
    client.force_login(tree.users.org_admin)
    with django_assert_num_queries(8):
        response = client.get("/selections/reviews/")
    assert len(response.context["page"].object_list) == n


@pytest.mark.parametrize("n", [1, 3])
def test_shortlist_page_query_count(admin, tree, django_assert_num_queries, n):
    selection, noms = _nominations(tree, n)
    domain.start_review(selection, by=tree.users.county_admin)
    for nomination in noms:
        approve(tree, nomination)
    domain.shortlist(selection, by=tree.users.county_admin)
    with django_assert_num_queries(8):
        assert admin.get(f"/selections/{selection.pk}/shortlist/").status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_objection_list_query_count(admin, tree, django_assert_num_queries, n):
    selection = _objections(tree, n)
    with django_assert_num_queries(8):
        assert admin.get(f"/selections/{selection.pk}/objections/").status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_kind_list_query_count(admin, tree, django_assert_num_queries, n):
    HonourKind.objects.all().delete()
    for i in range(n):
        kind(code=f"k{i}", name=f"荣誉{i}")
    with django_assert_num_queries(8):
        assert admin.get("/selections/kinds/").status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_public_notice_list_query_count(client, tree, django_assert_num_queries, n):
    for _ in range(n):
        on_notice(tree)
    with django_assert_num_queries(4):  # +1: the public page's rate-limit count (core.public_limits)
        assert client.get("/selections/notice/").status_code == 200


def test_public_notice_page_query_count(client, tree, django_assert_num_queries):
    selection, _b1, _t1 = on_notice(tree)
    with django_assert_num_queries(3):  # +1: the public page's rate-limit count (core.public_limits)
        assert client.get(f"/selections/notice/{selection.pk}/").status_code == 200


def test_selection_page_charts_the_nominations_per_status(admin, tree):
    selection = make_selection(tree)
    domain.nominate(selection, by=tree.users.county_admin, organization=tree.t1, statement="事迹")
    response = admin.get(f"/selections/{selection.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    chart = response.context["chart"]
    assert (chart["labels"][:2], chart["counts"], 'id="chart-status"' in response.content.decode()) == (
        ["submitted", "approved by the township"], [1, 0, 0, 0, 0, 0, 0, 0], True)
