"""Reads of theory seminars: who sees which seminars, papers and reviews, and the ranking.

**Visibility**
- seminars: county admins (and superusers) see every seminar, drafts included; any other
  signed-in user with a role, or with a review to write, sees those past the draft;
- papers (with their authors): county admins see all; organisation admins those of the
  organisations in their subtrees (the papers they submit); nobody else — in particular a
  reviewer reads a paper only through their review, which carries no author;
- reviews: each reviewer their own, once the call is open; county admins every review;
- the proceedings (rank, award, title, author, organisation) of a published seminar are
  public.

**Ranking**: by the mean of the submitted reviews' totals, highest first; ties go to the
higher mean on the rubric's first criterion, then the second, and so on, then to the lower
paper number (the earlier submission). Papers without a submitted review are not ranked.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet

from pacesetter.orgs.enums import Role
from pacesetter.orgs.models import RoleAssignment
from pacesetter.orgs.queries import paths_q, role_paths

from .enums import SeminarState, SubmissionStatus
from .models import Review, Seminar, Submission


def _active(user) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_authenticated", False))


def _is_county_admin(user) -> bool:
    return role_paths(user, [Role.COUNTY_ADMIN]) != []


def seminars_visible_to(user) -> QuerySet[Seminar]:
    if not _active(user):
        return Seminar.objects.none()
    if _is_county_admin(user):
        return Seminar.objects.all()
    has_role = RoleAssignment.objects.filter(user_id=user.pk).exists()
    past_draft = Seminar.objects.exclude(state=SeminarState.DRAFT)
    if has_role:
        return past_draft
    return past_draft.filter(Exists(Review.objects.filter(submission__seminar=OuterRef("pk"), reviewer_id=user.pk)))


def submissions_visible_to(user) -> QuerySet[Submission]:
    paths = role_paths(user, [Role.COUNTY_ADMIN, Role.ORG_ADMIN])
    if paths is None:
        return Submission.objects.all()
    if not paths:
        return Submission.objects.none()
    return Submission.objects.filter(paths_q(paths, "organization__path"))


def reviews_visible_to(user) -> QuerySet[Review]:
    if not _active(user):
        return Review.objects.none()
    if _is_county_admin(user):
        return Review.objects.all()
    return Review.objects.filter(reviewer_id=user.pk).exclude(submission__seminar__state=SeminarState.DRAFT)


def published_seminars() -> QuerySet[Seminar]:
    return Seminar.objects.filter(state=SeminarState.PUBLISHED)


def proceedings(seminar: Seminar) -> QuerySet[Submission]:
    """The ranked papers of a published seminar, best first."""
    return (seminar.submissions.filter(rank__isnull=False).select_related("organization").order_by("rank"))


@dataclass
class Ranked:
    submission: Submission
    mean: Decimal
    reviews: int
    criterion_means: list[Fraction] = field(repr=False, default_factory=list)
    rank: int = 0


def _two_places(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def ranking(seminar: Seminar) -> list[Ranked]:
    """The ranked papers (see the module's docstring), computed from the scores; two queries."""
    criteria = [c.pk for c in seminar.criteria.order_by("position")]
    papers = list(seminar.submissions.filter(status=SubmissionStatus.SUBMITTED).select_related("organization")
                  .prefetch_related("reviews__scores"))
    rows = []
    for paper in papers:
        done = [r for r in paper.reviews.all() if r.submitted_at is not None]
        if not done:
            continue
        mean = Fraction(sum(r.total for r in done), len(done))
        per = [Fraction(sum(s.points for r in done for s in r.scores.all() if s.criterion_id == c), len(done))
               for c in criteria]
        rows.append((mean, per, paper, len(done)))
    rows.sort(key=lambda row: ([-row[0]] + [-m for m in row[1]], row[2].number))
    return [Ranked(paper, _two_places(mean), n, per, rank=i)
            for i, (mean, per, paper, n) in enumerate(rows, start=1)]



def users_named(usernames: list[str]) -> tuple[list, list[str]]:
    """The active users with these user names, in the order given, and the names not found."""
    found = {u.username: u for u in get_user_model().objects.filter(username__in=usernames, is_active=True)}
    return [found[n] for n in usernames if n in found], [n for n in usernames if n not in found]
