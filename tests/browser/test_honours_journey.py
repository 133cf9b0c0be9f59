"""From nomination to the honour roll in a browser: a branch admin nominates its branch for
a red-flag branch (红旗支部) selection; the township and the county approve; the county
draws up the shortlist and puts it on public notice; a visitor without a login objects on
the notice page; the county dismisses the objection; the notice period passes; the county
finalises the list and commends it; the honour is on the public honour roll, and the
verify page its certificate's QR code opens confirms it.

Pages are asked for in English (the language cookie) so the assertions hold whatever the
Chinese translations say. The notice period "passes" by moving its dates back in the
database: nothing else in the flow depends on the clock.
"""
import datetime
import re

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from pacesetter.campaigns.models import Campaign
from pacesetter.honours.models import Honour
from pacesetter.selections import domain as selections
from pacesetter.selections.enums import NominationStatus, ObjectionState, SelectionState
from pacesetter.selections.models import Nomination, Objection, Selection
from tests.honours.helpers import kind


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


def english(page, live_server):
    page.context.clear_cookies()
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])


def as_user(page, live_server, logged_in_page, user):
    """Signs out whoever is signed in, keeps English, signs `user` in."""
    english(page, live_server)
    return logged_in_page(user)


def approve(page, live_server, nomination, reason):
    page.goto(f"{live_server.url}{nomination.get_absolute_url()}")
    review = page.locator("#review-form")
    review.get_by_label("approve").check()
    review.get_by_label("Reason").fill(reason)
    review.get_by_role("button", name="Record the review").click()
    expect(page.get_by_role("alert")).to_contain_text("Your review was recorded")


def test_nomination_to_notice_to_honour_roll(live_tree, logged_in_page, live_server, page):
    users, today = live_tree.users, timezone.localdate()
    campaign = Campaign.objects.create(name=f"{today.year}年创先争优活动", year=today.year,
                                       starts_on=today - datetime.timedelta(days=100),
                                       ends_on=today + datetime.timedelta(days=200))
    selection = selections.create_selection(
        by=users.county_admin, campaign=campaign, kind=kind(), title=f"{today.year}年度红旗支部评选",
        nominations_close_on=today + datetime.timedelta(days=10))
    selections.open_nominations(selection, by=users.county_admin)

    # The branch admin nominates the branch.
    as_user(page, live_server, logged_in_page, users.branch_admin)
    page.goto(f"{live_server.url}{selection.get_absolute_url()}")
    page.locator("#btn-nominate").click()
    page.get_by_label("Organisation (code)").fill("T1B1")
    page.get_by_label("Statement of deeds").fill("支部带领群众发展特色产业，集体经济收入翻番。")
    page.locator("#btn-submit-nomination").click()
    expect(page.get_by_role("alert")).to_contain_text("The nomination was submitted")
    nomination = Nomination.objects.get()

    # The township approves it, then the county.
    as_user(page, live_server, logged_in_page, users.org_admin)
    approve(page, live_server, nomination, "事迹属实，同意推荐")
    as_user(page, live_server, logged_in_page, users.county_admin)
    page.goto(f"{live_server.url}{selection.get_absolute_url()}")
    page.locator("#btn-step-review").click()
    expect(page.get_by_role("alert")).to_contain_text("under review")
    approve(page, live_server, nomination, "经县级审核，符合条件")

    # The county draws up the shortlist and starts the notice today.
    page.goto(f"{live_server.url}{selection.get_absolute_url()}")
    page.locator("#btn-step-shortlist").click()
    expect(page.get_by_role("alert")).to_contain_text("The selection is now")
    page.locator("#btn-step-notice").click()
    expect(page.get_by_role("alert")).to_contain_text("on public notice")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SHORTLISTED

    # A visitor without a login objects on the public notice page.
    english(page, live_server)
    page.goto(f"{live_server.url}/selections/notice/{selection.pk}/")
    form = page.locator("#objection-form")
    form.get_by_label("Nominee").select_option(str(nomination.pk))
    form.get_by_label("Your objection").fill("听说该支部的产业数据有水分，请核实。")
    form.locator("#btn-object").click()
    expect(page).to_have_url(re.compile(rf"/selections/notice/{selection.pk}/thanks/$"))
    objection = Objection.objects.get()
    assert (objection.nomination, objection.state) == (nomination, ObjectionState.RECEIVED)

    # The county investigates and dismisses it.
    as_user(page, live_server, logged_in_page, users.county_admin)
    page.goto(f"{live_server.url}/selections/{selection.pk}/objections/")
    answer = page.locator(f"#objection-{objection.pk}")
    answer.locator(f"#outcome-{objection.pk}-dismissed").check()
    answer.get_by_label("Finding").fill("经核实，产业数据有台账和村务公开记录佐证，反映问题不属实。")
    answer.get_by_role("button", name="Answer").click()
    expect(page.get_by_role("alert")).to_contain_text("The objection was answered")
    objection.refresh_from_db()
    assert objection.state == ObjectionState.DISMISSED

    # The notice period passes; the county finalises the list and commends it.
    Selection.objects.filter(pk=selection.pk).update(notice_starts_on=today - datetime.timedelta(days=9),
                                                     notice_ends_on=today - datetime.timedelta(days=1))
    page.goto(f"{live_server.url}{selection.get_absolute_url()}")
    page.locator("#btn-step-finalise").click()
    expect(page.get_by_role("alert")).to_contain_text("final")
    selection.refresh_from_db()
    assert selection.state == SelectionState.FINAL
    page.goto(f"{live_server.url}/honours/commend/{selection.pk}/")
    expect(page.locator("#nominee-table")).to_contain_text("一号村党支部")
    page.get_by_label("Citation").fill("在创先争优活动中成绩突出，被评为红旗支部。")
    page.get_by_role("button", name="Commend and give the certificates").click()
    expect(page.locator("#commended")).to_be_visible()
    honour = Honour.objects.get()
    page.get_by_role("link", name="Print all certificates").click()
    expect(page.locator(".cert")).to_have_count(1)
    expect(page.locator(".cert-no")).to_contain_text(honour.certificate_no)

    # The honour is on the public honour roll; its entry opens the verify page.
    english(page, live_server)
    page.goto(f"{live_server.url}/honours/?year={today.year}")
    expect(page.locator("[data-honours-chart=townships] canvas")).to_have_count(1)
    page.locator("#honour-table").get_by_role("link", name="一号村党支部").click()
    expect(page).to_have_url(re.compile(rf"/honours/verify/{honour.verify_token}/$"))
    expect(page.locator("#verify-valid")).to_contain_text(f"Certificate {honour.certificate_no} is genuine")
    expect(page.locator("#verify-honour")).to_contain_text("在创先争优活动中成绩突出，被评为红旗支部。")
