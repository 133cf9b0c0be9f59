"""Public commitments in a browser, end to end: a member pledges, the branch secretary
approves, the public notice board shows it, and a progress update with a photo appears on
the item's public timeline.

Pages are asked for in English (the language cookie) so the assertions hold whatever the
Chinese translations say; the pledge's own text is Chinese data.
"""
import datetime
import io

import pytest
from django.conf import settings
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.campaigns.models import Campaign
from pacesetter.commitments.enums import CommitmentStatus, VersionKind
from pacesetter.commitments.models import Commitment, Evidence

from .test_ballot import serious_violations

PLEDGE = "每月为孤寡老人上门服务一次"
TARGET = "全年服务不少于12次"


@pytest.fixture
def english(page, live_server):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])


@pytest.fixture
def campaign(live_tree):
    today = timezone.localdate()
    return Campaign.objects.create(
        name="2026年创先争优活动", year=today.year, starts_on=today - datetime.timedelta(days=100),
        ends_on=today + datetime.timedelta(days=200), status=CampaignStatus.ACTIVE,
    )


@pytest.fixture
def member(live_tree):
    """The tree's member login belongs to member M1 of branch T1B1."""
    live_tree.m1.user = live_tree.users.member
    live_tree.m1.save(update_fields=["user"])
    return live_tree.m1


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


def photo_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 40, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def logout(page, live_server):
    page.context.clear_cookies()
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])


def test_member_pledges_secretary_approves_public_sees_it_and_the_photo_update(
    live_tree, campaign, member, english, logged_in_page, live_server, page,
):
    # The member writes their own pledge: start it, add one item, submit it.
    logged_in_page(live_tree.users.member)
    page.goto(f"{live_server.url}/commitments/new/")
    page.get_by_role("button", name="Start").click()
    commitment = Commitment.objects.get(member=member)
    expect(page).to_have_url(f"{live_server.url}/commitments/{commitment.pk}/")
    page.get_by_role("link", name="Add an item").first.click()
    page.locator("#id_content").fill(PLEDGE)
    page.locator("#id_target").fill(TARGET)
    page.locator("#id_deadline").fill((timezone.localdate() + datetime.timedelta(days=60)).isoformat())
    page.locator("#id_category").select_option("service")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("main")).to_contain_text(PLEDGE)
    page.get_by_role("button", name="Submit for review").click()
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.SUBMITTED

    # Not public yet: the member's organisation page shows nothing of it.
    logout(page, live_server)
    page.goto(f"{live_server.url}/notice/T1B1/")
    expect(page.locator("main")).not_to_contain_text(PLEDGE)

    # The branch secretary approves it from their review list.
    logged_in_page(live_tree.users.branch_admin)
    page.goto(f"{live_server.url}/commitments/{commitment.pk}/")
    page.get_by_role("button", name="Approve and publish").click()
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.PUBLISHED

    # Anyone, without logging in, finds the member's pledge on the county board (members'
    # pledges by name there) and its items on the organisation's page.
    logout(page, live_server)
    page.goto(f"{live_server.url}/notice/")
    assert serious_violations(page, live_server) == []
    expect(page.locator("main")).to_contain_text("1 member's commitment")
    expect(page.locator("main")).to_contain_text(member.name)
    page.goto(f"{live_server.url}/notice/T1B1/")
    expect(page.locator("main")).to_contain_text(PLEDGE)
    assert serious_violations(page, live_server) == []

    # The member reports progress with a photo.
    item = commitment.items.get()
    logged_in_page(live_tree.users.member)
    page.goto(f"{live_server.url}/commitments/items/{item.pk}/")
    page.locator("#id_progress").fill("40")
    page.locator("#id_note").fill("三月份上门服务4户，送去米面油")
    page.locator("#id_files").set_input_files(
        files=[{"name": "上门服务.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}]
    )
    assert serious_violations(page, live_server) == []
    page.get_by_role("button", name="Save the update").click()
    evidence = Evidence.objects.get(version__item=item)
    assert (evidence.kind, evidence.original_name, evidence.version.kind) == (
        "photo", "上门服务.jpg", VersionKind.PROGRESS)

    # The public timeline shows the update and its photo, which loads as an image.
    logout(page, live_server)
    page.goto(f"{live_server.url}/notice/T1B1/")
    page.get_by_role("link", name=PLEDGE).click()
    expect(page).to_have_url(f"{live_server.url}/notice/item/{item.pk}/")
    expect(page.locator("main")).to_contain_text("三月份上门服务4户，送去米面油")
    thumbnail = page.locator(f"img[src='/commitments/evidence/{evidence.pk}/thumbnail/']")
    expect(thumbnail).to_be_visible()
    assert thumbnail.evaluate("img => img.complete && img.naturalWidth") == 400
    assert serious_violations(page, live_server) == []
