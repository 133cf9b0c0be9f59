"""The seminar's life: created as a draft with its rubric, the call opened, the review
started once the window has closed, and the results awarded and published."""
from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit

from .. import rules as s_rules
from ..enums import Award, SeminarState, SubmissionStatus
from ..models import Criterion, Seminar
from ..queries import ranking
from .common import forbid, locked, refuse, text

MAX_CRITERIA = 10


def _criteria(rows) -> list[tuple[str, int]]:
    cleaned = []
    for name, points in rows:
        name = text(name, field=_("Criterion"), limit=50)
        if isinstance(points, bool) or not isinstance(points, int) or not 1 <= points <= 100:
            refuse(_("A criterion's maximum is a whole number of points from 1 to 100."), "criterion_points")
        cleaned.append((name, points))
    if not cleaned:
        refuse(_("The rubric needs at least one criterion."), "rubric_empty")
    if len(cleaned) > MAX_CRITERIA:
        refuse(_("The rubric has at most %(n)d criteria.") % {"n": MAX_CRITERIA}, "rubric_long")
    if len({name for name, _points in cleaned}) != len(cleaned):
        refuse(_("Each criterion of the rubric needs its own name."), "criterion_duplicate")
    return cleaned


def _dates(opens_on: datetime.date, closes_on: datetime.date, reviews_due: datetime.date) -> None:
    if closes_on < opens_on:
        refuse(_("Submissions cannot close before they open."), "window_order")
    if reviews_due < closes_on:
        refuse(_("Reviews cannot be due before submissions close."), "reviews_due_order")


@transaction.atomic
def create_seminar(*, by, title: str, theme: str, call_text: str, opens_on: datetime.date,
                   closes_on: datetime.date, reviews_due: datetime.date, criteria) -> Seminar:
    """A draft seminar with its rubric, `criteria` as (name, maximum points) in order."""
    forbid(s_rules.can_manage_seminars(by), _("Only county admins create theory seminars."))
    rows = _criteria(criteria)
    _dates(opens_on, closes_on, reviews_due)
    seminar = Seminar.objects.create(
        title=text(title, field=_("Title"), limit=200), theme=text(theme, field=_("Theme"), limit=200),
        call_text=text(call_text, field=_("Call for papers"), limit=8000), opens_on=opens_on, closes_on=closes_on,
        reviews_due=reviews_due, created_by=by,
    )
    Criterion.objects.bulk_create(Criterion(seminar=seminar, position=i, name=name, max_points=points)
                                  for i, (name, points) in enumerate(rows, start=1))
    audit.record("seminars.seminar.create", by=by, obj=seminar,
                 after=audit.jsonable({"title": seminar.title, "criteria": rows, "opens_on": opens_on,
                                       "closes_on": closes_on, "reviews_due": reviews_due}))
    return seminar


@transaction.atomic
def open_call(seminar: Seminar, *, by) -> Seminar:
    """Draft → call open; the rubric is fixed from now on."""
    forbid(s_rules.can_manage_seminars(by))
    seminar = locked(seminar)
    if seminar.state != SeminarState.DRAFT:
        refuse(_("Only a draft seminar can open its call for papers."), "state")
    if timezone.localdate() > seminar.closes_on:
        refuse(_("The submission window has already closed; the call cannot open."), "window_past")
    seminar.state = SeminarState.OPEN
    seminar.save(update_fields=["state", "updated_at"])
    audit.record("seminars.seminar.open", by=by, obj=seminar, after={"state": seminar.state})
    return seminar


@transaction.atomic
def start_review(seminar: Seminar, *, by) -> Seminar:
    """Call open → reviewing, once the submission window has closed."""
    forbid(s_rules.can_manage_seminars(by))
    seminar = locked(seminar)
    if seminar.state != SeminarState.OPEN:
        refuse(_("Only a seminar whose call is open can move to review."), "state")
    if timezone.localdate() <= seminar.closes_on:
        refuse(_("The review starts after the submission window closes on %(day)s.")
               % {"day": seminar.closes_on.isoformat()}, "window_open")
    seminar.state = SeminarState.REVIEWING
    seminar.save(update_fields=["state", "updated_at"])
    audit.record("seminars.seminar.review", by=by, obj=seminar, after={"state": seminar.state})
    return seminar


@transaction.atomic
def publish_results(seminar: Seminar, *, by, awards: dict[str, int]) -> Seminar:
    """Rank the papers (queries.ranking), give the awards in order — so many first prizes to
    the top papers, then second, third and merit — and publish the proceedings."""
    forbid(s_rules.can_manage_seminars(by))
    seminar = locked(seminar)
    if seminar.state != SeminarState.REVIEWING:
        refuse(_("Only a seminar under review can publish its results."), "state")
    counts = {award: awards.get(award, 0) for award in Award.values}
    if any(isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in counts.values()):
        refuse(_("The number of each award is a whole number, zero or more."), "award_count")
    if seminar.submissions.filter(status=SubmissionStatus.SUBMITTED).exclude(reviews__submitted_at__isnull=False) \
            .exists():
        refuse(_("Every paper needs at least one submitted review before the results are published."), "unreviewed")
    rows = ranking(seminar)
    if sum(counts.values()) > len(rows):
        refuse(_("There are more awards (%(awards)d) than ranked papers (%(papers)d).")
               % {"awards": sum(counts.values()), "papers": len(rows)}, "award_count")
    ladder = [award for award in Award.values for _i in range(counts[award])]
    for row in rows:
        paper = row.submission
        paper.rank, paper.mean_score = row.rank, row.mean
        paper.award = ladder[row.rank - 1] if row.rank <= len(ladder) else ""
        paper.save(update_fields=["rank", "mean_score", "award", "updated_at"])
    seminar.state, seminar.published_at = SeminarState.PUBLISHED, timezone.now()
    seminar.save(update_fields=["state", "published_at", "updated_at"])
    audit.record("seminars.seminar.publish", by=by, obj=seminar,
                 after={"awards": counts, "ranking": [[r.submission.number, str(r.mean)] for r in rows]})
    return seminar


@transaction.atomic
def update_seminar(seminar: Seminar, *, by, title: str, theme: str, call_text: str, opens_on: datetime.date,
                   closes_on: datetime.date, reviews_due: datetime.date, criteria=None) -> Seminar:
    """Correct the texts and dates (extend a window, move a deadline) until the results are
    out; the rubric (`criteria`, ignored when None) only while the seminar is a draft."""
    forbid(s_rules.can_manage_seminars(by), _("Only county admins change theory seminars."))
    seminar = locked(seminar)
    if seminar.state == SeminarState.PUBLISHED:
        refuse(_("The results are published; the seminar can no longer change."), "state")
    _dates(opens_on, closes_on, reviews_due)
    fields = ["title", "theme", "call_text", "opens_on", "closes_on", "reviews_due"]
    before = audit.snapshot(seminar, fields)
    seminar.title = text(title, field=_("Title"), limit=200)
    seminar.theme = text(theme, field=_("Theme"), limit=200)
    seminar.call_text = text(call_text, field=_("Call for papers"), limit=8000)
    seminar.opens_on, seminar.closes_on, seminar.reviews_due = opens_on, closes_on, reviews_due
    seminar.save(update_fields=[*fields, "updated_at"])
    after = audit.snapshot(seminar, fields)
    current = list(seminar.criteria.order_by("position").values_list("name", "max_points"))
    if criteria is not None and [tuple(c) for c in criteria] != current:
        if seminar.state != SeminarState.DRAFT:
            refuse(_("The rubric is fixed once the call for papers opens."), "rubric_fixed")
        rows = _criteria(criteria)
        seminar.criteria.all().delete()
        Criterion.objects.bulk_create(Criterion(seminar=seminar, position=i, name=name, max_points=points)
                                      for i, (name, points) in enumerate(rows, start=1))
        after["criteria"] = rows
    audit.record("seminars.seminar.update", by=by, obj=seminar, before=before, after=audit.jsonable(after))
    return seminar
