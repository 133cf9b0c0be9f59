"""Item pages: adding, changing and removing items of a draft (with the sector's typical
items and the county goals), one item's timeline with what changed and its evidence, the
progress update with files, and the outcome buttons."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pacesetter.commitments import domain
from pacesetter.commitments.enums import CommitmentStatus, Outcome, VersionKind
from pacesetter.commitments.models import CommitmentItem, Evidence, ItemVersion
from pacesetter.commitments.templates_catalogue import templates_for
from pacesetter.commitments.views import pages_items
from pacesetter.orgs.enums import GoalKind
from pacesetter.orgs.models import Goal

DRAFT, SUBMITTED, RETURNED, PUBLISHED = (CommitmentStatus.DRAFT, CommitmentStatus.SUBMITTED,
                                         CommitmentStatus.RETURNED, CommitmentStatus.PUBLISHED)
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@pytest.fixture(autouse=True)
def _own_media(media_root):
    """Each test stores its evidence in a folder of its own."""


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def as_user(client, user):
    client.force_login(user)
    return client


def url(name, obj) -> str:
    return reverse(f"commitments:{name}", kwargs={"pk": obj.pk})


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def stored_files(media_root) -> list:
    return sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


@pytest.fixture
def goals(db):
    root = Goal.objects.add_root(instance=Goal(code="G1", name="工业强县", kind=GoalKind.STRATEGY))
    task = Goal.objects.add_child(root, instance=Goal(code="G11", name="两大任务", kind=GoalKind.TASK))
    Goal.objects.add_child(root, instance=Goal(code="G12", name="旧目标", kind=GoalKind.TASK, is_active=False))
    return {"root": root, "task": task}


def item_post(campaign, **overrides) -> dict:
    data = {"content": "每月开展一次志愿服务", "target": "全年12次", "deadline": campaign.ends_on.isoformat(),
            "category": "service", "goal": ""}
    return data | overrides


# --- Adding and changing items ------------------------------------------------------------------


def test_the_owner_adds_an_item(tree, client, make_pledge, campaign, goals):
    commitment = make_pledge(status=DRAFT, items=[])
    response = as_user(client, tree.users.branch_admin).post(
        url("item-add", commitment), item_post(campaign, goal=goals["task"].pk))
    item = commitment.items.get()
    assert (response["Location"], item.content, item.goal, item.order) == (
        commitment.get_absolute_url(), "每月开展一次志愿服务", goals["task"], 1)


def test_a_deadline_outside_the_campaign_is_shown_on_the_deadline(tree, client, make_pledge, campaign):
    commitment = make_pledge(status=DRAFT, items=[])
    late = campaign.ends_on + datetime.timedelta(days=1)
    response = as_user(client, tree.users.branch_admin).post(
        url("item-add", commitment), item_post(campaign, deadline=late.isoformat()))
    assert (response.status_code, response.context["form"].errors, commitment.items.count()) == (200, {
        "deadline": [f"The deadline {late} lies outside the campaign ({campaign.starts_on} to {campaign.ends_on})."]
    }, 0)


def test_an_empty_content_is_shown_on_the_field(tree, client, make_pledge, campaign):
    commitment = make_pledge(status=DRAFT, items=[])
    response = as_user(client, tree.users.branch_admin).post(url("item-add", commitment),
                                                             item_post(campaign, content=""))
    assert list(response.context["form"].errors) == ["content"]


def test_the_goal_select_offers_goals_in_force_indented_by_depth(tree, client, make_pledge, goals):
    commitment = make_pledge(status=DRAFT, items=[])
    form = as_user(client, tree.users.branch_admin).get(url("item-add", commitment)).context["form"]
    labels = [label for _value, label in form.fields["goal"].choices]
    assert labels == ["— none —", "工业强县", "\u00a0\u00a0\u00a0两大任务"]


def test_a_typical_item_fills_the_form(tree, client, make_pledge):
    commitment = make_pledge(status=DRAFT, items=[])
    typical = templates_for(tree.b1.sector)[1]
    response = as_user(client, tree.users.branch_admin).get(url("item-add", commitment), {"template": 1})
    initial = response.context["form"].initial
    assert (initial["content"], initial["target"], initial["category"]) == (
        str(typical.content), str(typical.target), typical.category)


def test_the_sector_decides_the_typical_items(tree, client, make_pledge):
    commitment = make_pledge(status=DRAFT, items=[])
    templates = as_user(client, tree.users.branch_admin).get(url("item-add", commitment)).context["templates"]
    assert [t["content"] for t in templates] == [t.content for t in templates_for("village")]


def test_an_unknown_typical_item_leaves_the_form_empty(tree, client, make_pledge):
    commitment = make_pledge(status=DRAFT, items=[])
    response = as_user(client, tree.users.branch_admin).get(url("item-add", commitment), {"template": "99"})
    assert "content" not in response.context["form"].initial


def test_another_organisations_admin_gets_404(tree, client, make_pledge):
    commitment = make_pledge(org=tree.b2, status=DRAFT)
    assert as_user(client, tree.users.org_admin).get(url("item-add", commitment)).status_code == 404


def test_the_inspector_gets_403_on_the_item_form(tree, client, make_pledge):
    commitment = make_pledge(status=DRAFT)
    assert as_user(client, tree.users.inspector).get(url("item-edit", commitment.items.get())).status_code == 403


def test_a_submitted_pledge_sends_the_owner_back_saying_why(tree, client, make_pledge, campaign):
    commitment = make_pledge(status=SUBMITTED)
    response = as_user(client, tree.users.branch_admin).post(url("item-add", commitment), item_post(campaign),
                                                             follow=True)
    assert (messages_of(response), commitment.items.count()) == (
        ["This commitment cannot be changed now: it is awaiting review."], 1)


def test_editing_changes_only_what_changed(tree, client, make_pledge, campaign, item_fields):
    commitment = make_pledge(status=RETURNED, items=[item_fields("原来的承诺", target="全年12次")])
    item = commitment.items.get()
    as_user(client, tree.users.branch_admin).post(url("item-edit", item), {
        "content": "改过的承诺", "target": "全年12次", "deadline": item.deadline.isoformat(), "category": item.category,
        "goal": ""})
    latest = item.versions.order_by("-number").first()
    assert (latest.kind, latest.snapshot["content"], CommitmentItem.objects.get(pk=item.pk).content) == (
        VersionKind.EDITED, "改过的承诺", "改过的承诺")


def test_removing_a_draft_item_renumbers_the_rest(tree, client, make_pledge):
    commitment = make_pledge(status=DRAFT, items=3)
    first = commitment.items.order_by("order").first()
    as_user(client, tree.users.branch_admin).post(url("item-remove", first))
    assert list(commitment.items.order_by("order").values_list("order", flat=True)) == [1, 2]


def test_removing_after_a_submission_is_refused_with_the_reason(tree, client, make_pledge):
    commitment = make_pledge(status=RETURNED)
    response = as_user(client, tree.users.branch_admin).post(url("item-remove", commitment.items.get()), follow=True)
    assert (messages_of(response), commitment.items.count()) == (
        ["Items of a commitment that was already submitted cannot be removed; change them instead."], 1)


# --- One item: timeline, progress, outcome ----------------------------------------------------------


def test_the_timeline_shows_what_each_version_changed(tree, client, make_pledge, item_fields):
    commitment = make_pledge(status=DRAFT, items=[item_fields("初稿", target="全年6次")])
    item = commitment.items.get()
    domain.update_item(item, by=tree.users.branch_admin, content="定稿", target="全年12次")
    domain.submit_commitment(commitment, by=tree.users.branch_admin)
    versions = as_user(client, tree.users.branch_admin).get(url("item-detail", item)).context["versions"]
    assert [(v.kind, [(c["field"], c["before"], c["after"]) for c in v.changes]) for v in versions] == [
        (VersionKind.SUBMITTED, []),
        (VersionKind.EDITED, [("content", "初稿", "定稿"), ("target", "全年6次", "全年12次")]),
        (VersionKind.CREATED, [("content", None, "初稿"), ("target", None, "全年6次"),
                               ("deadline", None, item.deadline.isoformat()), ("category", None, "serving the people")]),
    ]


def test_the_last_version_of_a_timeline_page_shows_its_change_against_the_next_page(tree, client, make_pledge,
                                                                                    item_fields, monkeypatch):
    monkeypatch.setattr(pages_items, "TIMELINE_PER_PAGE", 1)
    item = make_pledge(status=DRAFT, items=[item_fields("初稿")]).items.get()
    domain.update_item(item, by=tree.users.branch_admin, content="定稿")
    response = as_user(client, tree.users.branch_admin).get(url("item-detail", item))
    assert ([(v.number, [(c["field"], c["before"], c["after"]) for c in v.changes]) for v in response.context["versions"]],
            response.context["has_more"]) == ([(2, [("content", "初稿", "定稿")])], True)


def test_the_first_timeline_page_says_there_is_more(tree, client, make_pledge, monkeypatch):
    monkeypatch.setattr(pages_items, "TIMELINE_PER_PAGE", 2)
    item = make_pledge().items.get()
    response = as_user(client, tree.users.branch_admin).get(url("item-detail", item))
    assert ([v.number for v in response.context["versions"]], response.context["has_more"]) == ([3, 2], True)


def test_progress_with_a_photo_and_a_document_appears_on_the_timeline(tree, client, make_pledge, photo, media_root):
    item = make_pledge().items.get()
    document = SimpleUploadedFile("总结报告.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    as_user(client, tree.users.branch_admin)
    response = client.post(url("item-progress", item), {"progress": "40", "note": "已开展4次", "files": [photo(), document]},
                           follow=True)
    latest = response.context["versions"][0]
    assert (messages_of(response), latest.note, [(e.kind, e.original_name) for e in latest.evidence.all()],
            CommitmentItem.objects.get(pk=item.pk).progress) == (
        ["The progress update was saved with 2 files."], "已开展4次",
        [("photo", "现场.jpg"), ("document", "总结报告.pdf")], 40)


def test_a_renamed_program_is_refused_through_the_page_with_the_message_shown(tree, client, make_pledge, photo,
                                                                              media_root):
    item = make_pledge().items.get()
    versions_before = ItemVersion.objects.filter(item=item).count()
    renamed = SimpleUploadedFile("照片.jpg", PROGRAM, content_type="image/jpeg")
    response = as_user(client, tree.users.branch_admin).post(
        url("item-progress", item), {"progress": "70", "note": "见附件", "files": [photo(), renamed]})
    message = "“照片.jpg” is not a photo (JPEG, PNG or WebP): its content is a Windows program."
    assert (response.status_code, response.context["progress_form"].errors, message in response.content.decode()) == (
        200, {"files": [message]}, True)
    assert (Evidence.objects.count(), stored_files(media_root), ItemVersion.objects.filter(item=item).count(),
            CommitmentItem.objects.get(pk=item.pk).progress) == (0, [], versions_before, 0)


def test_the_progress_form_shows_the_limits(tree, client, make_pledge):
    item = make_pledge().items.get()
    response = as_user(client, tree.users.branch_admin).get(url("item-detail", item))
    field = response.context["progress_form"].fields["files"]
    assert (field.widget.attrs["accept"].split(",")[:3], field.widget.allow_multiple_selected,
            field.help_text.startswith("Up to 10 files, each at most 10.0\xa0MB. Photos: .jpg, .jpeg, .png, .webp.")) == (
        [".jpg", ".jpeg", ".png"], True, True)


def test_a_progress_update_without_a_note_names_the_note(tree, client, make_pledge):
    item = make_pledge().items.get()
    response = as_user(client, tree.users.branch_admin).post(url("item-progress", item), {"progress": "10", "note": ""})
    assert list(response.context["progress_form"].errors) == ["note"]


def test_progress_on_a_draft_is_refused(tree, client, make_pledge):
    item = make_pledge(status=DRAFT).items.get()
    response = as_user(client, tree.users.branch_admin).post(url("item-progress", item), {"progress": "10", "note": "x"})
    assert response.context["progress_form"].non_field_errors() == [
        "Progress can be reported only on a published commitment, by its owner or a superior."]


def test_the_member_of_the_branch_cannot_report_its_progress(tree, client, make_pledge):
    item = make_pledge().items.get()
    response = as_user(client, tree.users.member).post(url("item-progress", item), {"progress": "10", "note": "x"})
    assert (response.status_code, ItemVersion.objects.filter(item=item, kind=VersionKind.PROGRESS).count()) == (403, 0)


def test_the_owner_marks_an_item_delivered(tree, client, make_pledge):
    item = make_pledge().items.get()
    response = as_user(client, tree.users.branch_admin).post(url("item-outcome", item),
                                                             {"outcome": "delivered", "note": "全部完成"}, follow=True)
    item.refresh_from_db()
    assert (item.outcome, item.progress, messages_of(response)) == (
        Outcome.DELIVERED, 100, ["The item is now marked delivered."])


def test_an_outcome_without_a_note_says_why(tree, client, make_pledge):
    item = make_pledge().items.get()
    response = as_user(client, tree.users.branch_admin).post(url("item-outcome", item),
                                                             {"outcome": "not_delivered", "note": ""}, follow=True)
    assert (messages_of(response), CommitmentItem.objects.get(pk=item.pk).outcome) == (
        ["Say why, in a note: it appears on the public timeline."], Outcome.OPEN)


def test_only_a_reviewer_reopens_an_item(tree, client, make_pledge):
    item = make_pledge().items.get()
    domain.record_outcome(item, by=tree.users.branch_admin, outcome=Outcome.DELIVERED, note="完成")
    as_user(client, tree.users.branch_admin).post(url("item-outcome", item), {"outcome": "open", "note": "再看看"})
    by_owner = CommitmentItem.objects.get(pk=item.pk).outcome
    as_user(client, tree.users.org_admin).post(url("item-outcome", item), {"outcome": "open", "note": "证据不足"})
    assert (by_owner, CommitmentItem.objects.get(pk=item.pk).outcome) == (Outcome.DELIVERED, Outcome.OPEN)


def test_the_item_page_offers_reopening_to_the_reviewer_only(tree, client, make_pledge):
    item = make_pledge().items.get()
    domain.record_outcome(item, by=tree.users.branch_admin, outcome=Outcome.DELIVERED, note="完成")
    offered = [as_user(client, user).get(url("item-detail", item)).context["can_reopen"]
               for user in (tree.users.branch_admin, tree.users.org_admin)]
    assert offered == [False, True]


def test_item_page_query_count_does_not_grow_with_the_timeline(tree, client, make_pledge, photo,
                                                              django_assert_num_queries):
    item = make_pledge().items.get()
    as_user(client, tree.users.branch_admin)
    domain.report_progress(item, by=tree.users.branch_admin, progress=10, note="一", files=[photo()])
    with django_assert_num_queries(7):
        client.get(url("item-detail", item))
    for n in range(3):
        domain.report_progress(item, by=tree.users.branch_admin, progress=20 + n, note="再", files=[photo(), photo()])
    with django_assert_num_queries(7):
        client.get(url("item-detail", item))
