"""Theory seminars (理论成果研讨会): a call for papers with a scoring rubric, the papers
organisations submit, and the blind reviews assigned reviewers write.

A paper's `number` is its anonymous identity: reviewers see it, never the author or the
organisation. `rank`, `mean_score` and `award` are written once, when the results are
published; before that the ranking is computed live (queries.ranking)."""
from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pacesetter.core.models import StoredUpload, TimeStamped

from .enums import Award, SeminarState, SubmissionStatus


class Seminar(TimeStamped):
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=200)
    call_text = models.TextField(_("call for papers"), max_length=8000)
    opens_on = models.DateField(_("submissions open on"))
    closes_on = models.DateField(_("submissions close on"))
    reviews_due = models.DateField(_("reviews due by"))
    state = models.CharField(_("state"), max_length=10, choices=SeminarState.choices, default=SeminarState.DRAFT,
                             db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("theory seminar")
        verbose_name_plural = _("theory seminars")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")),
                                   name="seminar_window_order"),
            models.CheckConstraint(condition=models.Q(reviews_due__gte=models.F("closes_on")),
                                   name="seminar_reviews_after_window"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("seminars:seminar-detail", args=[self.pk])

    @property
    def max_total(self) -> int:
        return sum(c.max_points for c in self.criteria.all())


class Criterion(models.Model):
    """One line of the rubric (思想性 30, 创新性 25, …); fixed once the call opens."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("criterion"), max_length=50)
    max_points = models.PositiveSmallIntegerField(_("maximum points"))

    class Meta:
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        ordering = ["seminar", "position"]
        constraints = [
            models.UniqueConstraint(fields=["seminar", "position"], name="criterion_position_unique"),
            models.CheckConstraint(condition=models.Q(max_points__gte=1, max_points__lte=100),
                                   name="criterion_max_points_range"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.max_points})"


def paper_path(instance: Submission, filename: str) -> str:
    """A random name: the uploader's file name may carry the author's and stays in the row."""
    return f"seminars/{secrets.token_hex(16)}.{instance.extension}"


class Submission(StoredUpload, TimeStamped):
    """A paper submitted by an organisation's admin on behalf of its author."""

    seminar = models.ForeignKey(Seminar, on_delete=models.PROTECT, related_name="submissions")
    number = models.PositiveIntegerField(_("paper number"))
    title = models.CharField(_("title"), max_length=200)
    abstract = models.TextField(_("abstract"), max_length=4000)
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    member = models.ForeignKey("orgs.Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("member"))
    author_name = models.CharField(_("author"), max_length=100)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.SUBMITTED, db_index=True)
    kind = models.CharField(max_length=10)
    file = models.FileField(_("file"), upload_to=paper_path, max_length=200)
    thumbnail = models.FileField(upload_to=paper_path, max_length=200, blank=True)
    mean_score = models.DecimalField(_("mean score"), max_digits=6, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    award = models.CharField(_("award"), max_length=10, choices=Award.choices, blank=True)

    class Meta:
        verbose_name = _("paper")
        verbose_name_plural = _("papers")
        ordering = ["seminar", "number"]
        constraints = [
            models.UniqueConstraint(fields=["seminar", "number"], name="submission_number_unique"),
            models.UniqueConstraint(fields=["seminar", "rank"], name="submission_rank_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("seminars:paper-detail", args=[self.pk])

    @property
    def code(self) -> str:
        """The anonymous name reviewers know the paper by."""
        return f"paper-{self.number:03d}"


class Review(models.Model):
    """A reviewer's assignment to a paper and, once `submitted_at` is set, their scores."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="seminar_reviews",
                                 verbose_name=_("reviewer"))
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("scored at"), null=True, blank=True)
    total = models.PositiveSmallIntegerField(_("total"), null=True, blank=True)
    comment = models.TextField(_("comment"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["submission", "id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "reviewer"], name="one_review_per_reviewer_per_paper"),
        ]

    def __str__(self) -> str:
        return f"{self.submission.code} · {self.reviewer}"

    def get_absolute_url(self) -> str:
        return reverse("seminars:review-detail", args=[self.pk])


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    points = models.PositiveSmallIntegerField(_("points"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="score_once_per_criterion")]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.points}"
