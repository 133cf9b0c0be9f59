"""The pledge workflow through the domain functions: its states, who may do what, the
versions that make the timeline, evidence refused before anything is stored, and errors
that name the field."""
import datetime
import os

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from pacesetter.commitments import domain
from pacesetter.commitments.enums import CommitmentStatus, Outcome, VersionKind
from pacesetter.commitments.models import Commitment, Evidence, ItemVersion
from pacesetter.commitments.queries import commitments_visible_to, public_timeline, timeline
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry

DRAFT, SUBMITTED, RETURNED, PUBLISHED = (CommitmentStatus.DRAFT, CommitmentStatus.SUBMITTED,
                                         CommitmentStatus.RETURNED, CommitmentStatus.PUBLISHED)
# The head of a Windows program: what a renamed .exe starts with.
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@pytest.fixture(autouse=True)
def english_and_own_media(media_root):
    with translation.override("en"):
        yield


def status(commitment) -> str:
    return Commitment.objects.get(pk=commitment.pk).status


def stored_files() -> list[str]:
    root = os.path.join(settings.MEDIA_ROOT, "evidence")
    return sorted(os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files)


# --- States ------------------------------------------------------------------------------


def test_pledge_goes_draft_submitted_returned_submitted_published(tree, make_pledge):
    commitment = make_pledge(status=DRAFT)
    seen = [status(commitment)]
    domain.submit_commitment(commitment, by=tree.users.branch_admin)
    seen.append(status(commitment))
    domain.return_commitment(commitment, by=tree.users.org_admin, reason="目标要量化")
    seen.append(status(commitment))
    domain.submit_commitment(commitment, by=tree.users.branch_admin)
    seen.append(status(commitment))
    domain.approve_commitment(commitment, by=tree.users.org_admin)
    seen.append(status(commitment))
    assert seen == [DRAFT, SUBMITTED, RETURNED, SUBMITTED, PUBLISHED]


def test_return_keeps_the_reason_and_resubmission_clears_it(tree, make_pledge):
    commitment = make_pledge(status=RETURNED, reason="目标要量化")
    reasons = [Commitment.objects.get(pk=commitment.pk).return_reason]
    domain.submit_commitment(commitment, by=tree.users.branch_admin)
    reasons.append(Commitment.objects.get(pk=commitment.pk).return_reason)
    assert reasons == ["目标要量化", ""]


@pytest.mark.parametrize("state, step", [
    (DRAFT, "approve"), (DRAFT, "return"), (PUBLISHED, "approve"), (PUBLISHED, "return"), (RETURNED, "approve"),
    (SUBMITTED, "submit"), (PUBLISHED, "submit"),
])
def test_illegal_transition_is_refused_and_changes_nothing(tree, make_pledge, state, step):
    commitment = make_pledge(status=state)
    audit_before = AuditEntry.objects.count()
    steps = {
        "approve": lambda: domain.approve_commitment(commitment, by=tree.users.org_admin),
        "return": lambda: domain.return_commitment(commitment, by=tree.users.org_admin, reason="不行"),
        "submit": lambda: domain.submit_commitment(commitment, by=tree.users.branch_admin),
    }
    with pytest.raises(PermissionDeniedError):
        steps[step]()
    assert (status(commitment), AuditEntry.objects.count()) == (state, audit_before)


def test_submitting_an_empty_pledge_is_refused(tree, make_pledge):
    commitment = make_pledge(status=DRAFT, items=[])
    with pytest.raises(DomainError) as refused:
        domain.submit_commitment(commitment, by=tree.users.branch_admin)
    assert (refused.value.code, status(commitment)) == ("no_items", DRAFT)


def test_return_without_a_reason_is_refused(tree, make_pledge):
    commitment = make_pledge(status=SUBMITTED)
    with pytest.raises(DomainError) as refused:
        domain.return_commitment(commitment, by=tree.users.org_admin, reason="  ")
    assert (refused.value.messages, status(commitment)) == (
        ["Give the reason for returning the commitment, so its authors know what to change."], SUBMITTED)


def test_items_of_a_published_pledge_cannot_be_changed(tree, make_pledge):
    commitment = make_pledge()
    item = commitment.items.get()
    with pytest.raises(PermissionDeniedError) as refused:
        domain.update_item(item, by=tree.users.branch_admin, content="改写承诺")
    assert refused.value.messages == ["This commitment cannot be changed now: it is published."]


# --- Who may ----------------------------------------------------------------------------


def test_a_branch_cannot_edit_another_branchs_draft(tree, make_pledge):
    other = make_pledge(org=tree.b2, status=DRAFT)
    with pytest.raises(PermissionDeniedError):
        domain.add_item(other, by=tree.users.branch_admin, content="x", target="y",
                        deadline=timezone.localdate(), category="service")
    assert other.items.count() == 1


def test_a_branch_does_not_see_another_branchs_draft(tree, make_pledge):
    mine = make_pledge(status=DRAFT)
    make_pledge(org=tree.b2, status=DRAFT)
    assert list(commitments_visible_to(tree.users.branch_admin)) == [mine]


def test_a_member_sees_their_own_draft_but_not_the_branchs(tree, make_pledge, m1):
    own = make_pledge(member=m1, status=DRAFT)
    make_pledge(status=DRAFT)
    make_pledge(org=tree.b2)
    assert list(commitments_visible_to(tree.users.member)) == [own]


def test_a_member_sees_the_branchs_pledge_once_published(tree, make_pledge):
    branch = make_pledge()
    assert list(commitments_visible_to(tree.users.member)) == [branch]


def test_a_member_cannot_start_another_members_pledge(tree, campaign):
    tree.m2.user = tree.users.nobody
    tree.m2.save(update_fields=["user"])
    with pytest.raises(PermissionDeniedError) as refused:
        domain.start_commitment(campaign, by=tree.users.member, member=tree.m2)
    assert refused.value.messages == ["Only the member themself may write a member's commitment."]


def test_an_inspector_sees_drafts_but_cannot_change_them(tree, make_pledge):
    draft = make_pledge(org=tree.b2, status=DRAFT)
    with pytest.raises(PermissionDeniedError):
        domain.submit_commitment(draft, by=tree.users.inspector)
    assert (list(commitments_visible_to(tree.users.inspector)), status(draft)) == ([draft], DRAFT)


def test_the_branch_cannot_approve_its_own_pledge(tree, make_pledge):
    commitment = make_pledge(status=SUBMITTED)
    with pytest.raises(PermissionDeniedError):
        domain.approve_commitment(commitment, by=tree.users.branch_admin)
    assert status(commitment) == SUBMITTED


def test_the_branch_admin_reviews_its_members_pledge(tree, make_pledge, m1):
    commitment = make_pledge(member=m1, status=SUBMITTED)
    domain.approve_commitment(commitment, by=tree.users.branch_admin)
    assert status(commitment) == PUBLISHED


# --- The timeline keeps every version ------------------------------------------------------


def test_every_change_of_an_item_is_a_version_of_its_timeline(tree, make_pledge, item_fields, photo):
    commitment = make_pledge(status=DRAFT, items=[item_fields("初稿")])
    item = commitment.items.get()
    admin = tree.users.branch_admin
    domain.update_item(item, by=admin, content="第二稿")
    domain.submit_commitment(commitment, by=admin)
    domain.return_commitment(commitment, by=tree.users.org_admin, reason="再具体些")
    domain.update_item(item, by=admin, content="第三稿")
    domain.submit_commitment(commitment, by=admin)
    domain.approve_commitment(commitment, by=tree.users.org_admin)
    domain.report_progress(item, by=admin, progress=50, note="过半", files=[photo()])
    domain.record_outcome(item, by=admin, outcome=Outcome.DELIVERED, note="完成")
    rows = [(v.number, v.kind, v.snapshot["content"], v.snapshot["progress"]) for v in reversed(timeline(item))]
    assert rows == [
        (1, VersionKind.CREATED, "初稿", 0),
        (2, VersionKind.EDITED, "第二稿", 0),
        (3, VersionKind.SUBMITTED, "第二稿", 0),
        (4, VersionKind.RETURNED, "第二稿", 0),
        (5, VersionKind.EDITED, "第三稿", 0),
        (6, VersionKind.SUBMITTED, "第三稿", 0),
        (7, VersionKind.APPROVED, "第三稿", 0),
        (8, VersionKind.PROGRESS, "第三稿", 50),
        (9, VersionKind.DELIVERED, "第三稿", 100),
    ]


def test_the_public_timeline_starts_at_the_approval(tree, make_pledge):
    commitment = make_pledge()
    item = commitment.items.get()
    domain.report_progress(item, by=tree.users.branch_admin, progress=30, note="开始")
    assert [v.kind for v in public_timeline(item)] == [VersionKind.PROGRESS, VersionKind.APPROVED]


def test_an_unchanged_edit_adds_no_version(tree, make_pledge):
    commitment = make_pledge(status=DRAFT)
    item = commitment.items.get()
    domain.update_item(item, by=tree.users.branch_admin, content=item.content)
    assert ItemVersion.objects.filter(item=item).count() == 1


# --- Evidence -----------------------------------------------------------------------------


def test_a_renamed_program_is_refused_and_nothing_is_stored(tree, make_pledge, photo):
    commitment = make_pledge()
    item = commitment.items.get()
    renamed = SimpleUploadedFile("照片.jpg", PROGRAM, content_type="image/jpeg")
    before = (stored_files(), ItemVersion.objects.filter(item=item).count())
    with pytest.raises(DomainError) as refused:
        domain.report_progress(item, by=tree.users.branch_admin, progress=60, note="见附件", files=[photo(), renamed])
    item.refresh_from_db()
    assert (refused.value.messages, refused.value.code) == (
        ["“照片.jpg” is not a photo (JPEG, PNG or WebP): its content is a Windows program."], "file_content")
    assert ((stored_files(), ItemVersion.objects.filter(item=item).count()), item.progress,
            Evidence.objects.count()) == (before, 0, 0)


def test_a_file_over_the_limit_is_refused(tree, make_pledge, photo, settings):
    settings.EVIDENCE_MAX_BYTES = 100
    item = make_pledge().items.get()
    with pytest.raises(DomainError) as refused:
        domain.report_progress(item, by=tree.users.branch_admin, progress=10, note="照片", files=[photo()])
    assert (refused.value.code, Evidence.objects.count()) == ("file_size", 0)


def test_an_executable_extension_is_refused_by_name(tree, make_pledge):
    item = make_pledge().items.get()
    program = SimpleUploadedFile("setup.exe", PROGRAM)
    with pytest.raises(DomainError) as refused:
        domain.report_progress(item, by=tree.users.branch_admin, progress=10, note="安装包", files=[program])
    assert (refused.value.code, refused.value.messages[0].startswith("“setup.exe”: files of type .exe are not")) == (
        "file_type", True)


def test_too_many_files_are_refused(tree, make_pledge, photo):
    item = make_pledge().items.get()
    with pytest.raises(DomainError) as refused:
        domain.report_progress(item, by=tree.users.branch_admin, progress=10, note="很多照片",
                               files=[photo(f"{n}.jpg") for n in range(domain.MAX_FILES + 1)])
    assert refused.value.messages == ["At most 10 files per update."]


def test_a_photo_is_stored_with_its_thumbnail(tree, make_pledge, photo):
    item = make_pledge().items.get()
    version = domain.report_progress(item, by=tree.users.branch_admin, progress=20, note="现场", files=[photo()])
    evidence = version.evidence.get()
    assert (evidence.kind, evidence.original_name, evidence.extension, bool(evidence.thumbnail), len(stored_files())) == (
        "photo", "现场.jpg", "jpg", True, 2)


# --- Bad input names the field -------------------------------------------------------------


def test_a_deadline_outside_the_campaign_names_the_deadline(tree, make_pledge, campaign):
    commitment = make_pledge(status=DRAFT, items=[])
    late = campaign.ends_on + datetime.timedelta(days=1)
    with pytest.raises(DomainError) as refused:
        domain.add_item(commitment, by=tree.users.branch_admin, content="x", target="y", deadline=late,
                        category="service")
    assert (refused.value.code, refused.value.messages) == ("deadline_outside", [
        f"The deadline {late} lies outside the campaign ({campaign.starts_on} to {campaign.ends_on})."])


def test_an_empty_target_names_the_target(tree, make_pledge):
    commitment = make_pledge(status=DRAFT, items=[])
    with pytest.raises(DomainError) as refused:
        domain.add_item(commitment, by=tree.users.branch_admin, content="x", target=" ",
                        deadline=timezone.localdate(), category="service")
    assert (refused.value.code, refused.value.messages) == ("target_required", ["The measurable target is required."])


def test_progress_over_100_names_the_progress(tree, make_pledge):
    item = make_pledge().items.get()
    with pytest.raises(DomainError) as refused:
        domain.report_progress(item, by=tree.users.branch_admin, progress=101, note="超额")
    assert (refused.value.code, refused.value.messages) == (
        "progress_invalid", ["Progress is a whole percentage from 0 to 100."])
