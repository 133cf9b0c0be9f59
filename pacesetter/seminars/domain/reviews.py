"""Reviewers: assigned by county admins (by hand or round robin), never to a paper from
their own unit nor to one whose organisation they administer (county admins included: they
see every author); each scores every criterion of the rubric once, and may change the scores
until the review deadline."""
from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.orgs.enums import Role
from pacesetter.orgs.models import Member, Organization, RoleAssignment

from .. import rules as s_rules
from ..enums import SeminarState, SubmissionStatus
from ..models import Review, Score, Seminar, Submission
from .common import forbid, locked, refuse, text

MAX_PER_PAPER = 5


def unit_path(org: Organization) -> str:
    """The paper's unit: its organisation's ancestor just below the county (a township or
    sector committee), or the organisation itself when it sits that high."""
    return org.path[: 2 * Organization.steplen]


def reviewer_paths(users: Sequence) -> dict[int, tuple[set[str], set[str]]]:
    """For each user: the organisations they belong to (roles and member record) and those
    they administer, as paths; two queries."""
    ids = [u.pk for u in users]
    paths: dict[int, tuple[set[str], set[str]]] = {pk: (set(), set()) for pk in ids}
    rows = RoleAssignment.objects.filter(user_id__in=ids).values_list("user_id", "role", "organization__path")
    for user_id, role, path in rows:
        paths[user_id][0].add(path)
        if role in (Role.COUNTY_ADMIN, Role.ORG_ADMIN):
            paths[user_id][1].add(path)
    for user_id, path in Member.objects.filter(user_id__in=ids).values_list("user_id", "organization__path"):
        paths[user_id][0].add(path)
    return paths


def conflicts(paper: Submission, paths: tuple[set[str], set[str]]) -> bool:
    """Whether the reviewer belongs to the paper's unit, or administers its organisation (and
    so reads its author on the paper's own page: no longer blind)."""
    own, administered = paths
    unit = unit_path(paper.organization)
    return any(path.startswith(unit) for path in own) or any(paper.organization.path.startswith(path)
                                                             for path in administered)


def _assignable(seminar: Seminar) -> None:
    if seminar.state not in (SeminarState.OPEN, SeminarState.REVIEWING):
        refuse(_("Reviewers are assigned while the call is open or the papers are under review."), "state")


def _reviewer(user) -> None:
    if user is None or not user.is_active:
        refuse(_("The reviewer must be an active user."), "reviewer_inactive")


@transaction.atomic
def assign_reviewer(paper: Submission, *, by, reviewer) -> Review:
    forbid(s_rules.can_manage_seminars(by), _("Only county admins assign reviewers."))
    _assignable(locked(paper.seminar))
    _reviewer(reviewer)
    if paper.status != SubmissionStatus.SUBMITTED:
        refuse(_("A withdrawn paper gets no reviewers."), "withdrawn")
    if conflicts(paper, reviewer_paths([reviewer])[reviewer.pk]):
        refuse(_("%(user)s belongs to the paper's own unit or administers its organisation, and cannot review it.")
               % {"user": reviewer}, "conflict")
    if paper.reviews.filter(reviewer=reviewer).exists():
        refuse(_("%(user)s already reviews this paper.") % {"user": reviewer}, "assigned")
    review = Review.objects.create(submission=paper, reviewer=reviewer)
    audit.record("seminars.review.assign", by=by, obj=review,
                 after={"paper": paper.pk, "number": paper.number, "reviewer": reviewer.pk})
    return review


@transaction.atomic
def unassign_reviewer(review: Review, *, by) -> None:
    forbid(s_rules.can_manage_seminars(by), _("Only county admins assign reviewers."))
    _assignable(locked(review.submission.seminar))
    if review.submitted_at is not None:
        refuse(_("A review with scores cannot be taken back."), "scored")
    audit.record("seminars.review.unassign", by=by, obj=review,
                 before={"paper": review.submission_id, "reviewer": review.reviewer_id})
    review.delete()


@transaction.atomic
def auto_assign(seminar: Seminar, *, by, reviewers: Sequence, per_paper: int) -> int:
    """Give each paper up to `per_paper` reviewers, taking `reviewers` in turn (round robin,
    carried on from paper to paper) and skipping anyone from the paper's own unit or already
    on it. Returns how many assignments were made."""
    forbid(s_rules.can_manage_seminars(by), _("Only county admins assign reviewers."))
    seminar = locked(seminar)
    _assignable(seminar)
    if isinstance(per_paper, bool) or not isinstance(per_paper, int) or not 1 <= per_paper <= MAX_PER_PAPER:
        refuse(_("Each paper gets from 1 to %(n)d reviewers.") % {"n": MAX_PER_PAPER}, "per_paper")
    reviewers = list(dict.fromkeys(reviewers))
    if not reviewers:
        refuse(_("Name at least one reviewer."), "reviewers_empty")
    for user in reviewers:
        _reviewer(user)
    paths = reviewer_paths(reviewers)
    papers = list(seminar.submissions.filter(status=SubmissionStatus.SUBMITTED).select_related("organization")
                  .prefetch_related("reviews").order_by("number"))
    made, turn = [], 0
    for paper in papers:
        taken = {r.reviewer_id for r in paper.reviews.all()}
        for _try in range(len(reviewers)):
            if len(taken) >= per_paper:
                break
            user = reviewers[turn % len(reviewers)]
            turn += 1
            if user.pk not in taken and not conflicts(paper, paths[user.pk]):
                taken.add(user.pk)
                made.append(Review(submission=paper, reviewer=user))
    Review.objects.bulk_create(made)
    audit.record("seminars.review.auto_assign", by=by, obj=seminar,
                 after={"per_paper": per_paper, "reviewers": [u.pk for u in reviewers],
                        "assigned": [[r.submission.number, r.reviewer.pk] for r in made]})
    return len(made)


@transaction.atomic
def submit_review(review: Review, *, by, scores: dict[int, int], comment: str = "") -> Review:
    """The reviewer's points for each criterion (by criterion id), 0 to its maximum; again
    until the review deadline, replacing the earlier scores."""
    forbid(s_rules.is_reviewer(by, review), _("Only the assigned reviewer scores this paper."))
    seminar = locked(review.submission.seminar)
    if seminar.state != SeminarState.REVIEWING:
        refuse(_("Papers are scored while the seminar is under review."), "state")
    if timezone.localdate() > seminar.reviews_due:
        refuse(_("Reviews were due by %(day)s.") % {"day": seminar.reviews_due.isoformat()}, "deadline")
    criteria = list(seminar.criteria.order_by("position"))
    if set(scores) != {c.pk for c in criteria}:
        refuse(_("Score every criterion of the rubric, and nothing else."), "scores_incomplete")
    for criterion in criteria:
        points = scores[criterion.pk]
        if isinstance(points, bool) or not isinstance(points, int) or not 0 <= points <= criterion.max_points:
            refuse(_("%(name)s takes from 0 to %(max)d points.") % {"name": criterion.name,
                                                                     "max": criterion.max_points}, "points")
    before = {"total": review.total, "comment": review.comment}
    review.comment = text(comment, field=_("Comment"), limit=4000, required=False)
    review.total = sum(scores.values())
    review.submitted_at = timezone.now()
    review.save(update_fields=["comment", "total", "submitted_at"])
    review.scores.all().delete()
    Score.objects.bulk_create(Score(review=review, criterion=c, points=scores[c.pk]) for c in criteria)
    audit.record("seminars.review.score", by=by, obj=review, before=before,
                 after={"scores": {c.name: scores[c.pk] for c in criteria}, "total": review.total,
                        "comment": review.comment})
    return review

