"""Papers: submitted by an organisation's admin for an author (a member of the organisation,
or a name typed in), replaced or withdrawn while the submission window is open. The file is
checked by core.uploads (documents only: PDF, Word, WPS, OFD, …; size-limited), and the
author taken out of its properties (core.docmeta) so the review stays blind."""
from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.docmeta import without_author
from pacesetter.core.uploads import DOCUMENT, check_upload

from .. import rules as s_rules
from ..enums import SeminarState, SubmissionStatus
from ..models import Seminar, Submission
from .common import forbid, locked, refuse, text


def _window_open(seminar: Seminar) -> None:
    today = timezone.localdate()
    if seminar.state != SeminarState.OPEN or not seminar.opens_on <= today <= seminar.closes_on:
        refuse(_("Papers are taken from %(start)s to %(end)s while the call is open.")
               % {"start": seminar.opens_on.isoformat(), "end": seminar.closes_on.isoformat()}, "window_closed")


def _put_file(paper: Submission, document) -> None:
    # Reviews are blind: the file's properties must not name its author either.
    checked = without_author(check_upload(document, allowed=(DOCUMENT,)))
    paper.kind, paper.original_name, paper.extension = checked.kind, checked.original_name, checked.extension
    paper.content_type, paper.size, paper.sha256 = checked.content_type, checked.size, checked.sha256
    paper.file.save(f"paper.{checked.extension}", checked.file, save=False)


@transaction.atomic
def submit_paper(seminar: Seminar, *, by, organization, title: str, abstract: str, document, member=None,
                 author_name: str = "") -> Submission:
    """A paper for `organization`; its author is `member` (of that organisation's subtree)
    or, for someone without a member record, `author_name`."""
    forbid(s_rules.can_submit_for(by, organization), _("You may not submit papers for this organisation."))
    seminar = locked(seminar)
    _window_open(seminar)
    if member is not None:
        if not member.organization.path.startswith(organization.path):
            refuse(_("The author must be a member of the submitting organisation."), "member_outside")
        author_name = member.name
    author_name = text(author_name, field=_("Author"), limit=100)
    paper = Submission(
        seminar=seminar, organization=organization, member=member, author_name=author_name, submitted_by=by,
        title=text(title, field=_("Title"), limit=200), abstract=text(abstract, field=_("Abstract"), limit=4000),
        number=(seminar.submissions.aggregate(n=Max("number"))["n"] or 0) + 1,
    )
    _put_file(paper, document)
    paper.save()
    audit.record("seminars.paper.submit", by=by, obj=paper,
                 after={"seminar": seminar.pk, "number": paper.number, "organization": organization.code,
                        "author": author_name, "sha256": paper.sha256})
    return paper


@transaction.atomic
def replace_paper(paper: Submission, *, by, title: str, abstract: str, document=None) -> Submission:
    """New title and abstract and, when given, a new file, while the window is open."""
    forbid(s_rules.can_change_submission(by, paper), _("You may not change this paper."))
    _window_open(locked(paper.seminar))
    if paper.status != SubmissionStatus.SUBMITTED:
        refuse(_("A withdrawn paper cannot be changed."), "withdrawn")
    before = audit.snapshot(paper, ["title", "abstract", "sha256"])
    paper.title = text(title, field=_("Title"), limit=200)
    paper.abstract = text(abstract, field=_("Abstract"), limit=4000)
    fields = ["title", "abstract", "updated_at"]
    if document is not None:
        old = paper.file.name
        _put_file(paper, document)
        fields += ["kind", "original_name", "extension", "content_type", "size", "sha256", "file"]
        storage = paper.file.storage
        transaction.on_commit(lambda: storage.delete(old))
    paper.save(update_fields=fields)
    audit.record("seminars.paper.replace", by=by, obj=paper, before=before,
                 after=audit.snapshot(paper, ["title", "abstract", "sha256"]))
    return paper


@transaction.atomic
def withdraw_paper(paper: Submission, *, by) -> Submission:
    forbid(s_rules.can_change_submission(by, paper), _("You may not change this paper."))
    _window_open(locked(paper.seminar))
    if paper.status != SubmissionStatus.SUBMITTED:
        refuse(_("The paper is already withdrawn."), "withdrawn")
    paper.status = SubmissionStatus.WITHDRAWN
    paper.save(update_fields=["status", "updated_at"])
    paper.reviews.all().delete()
    audit.record("seminars.paper.withdraw", by=by, obj=paper, after={"status": paper.status})
    return paper
