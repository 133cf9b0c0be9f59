"""Choices of the evaluation mechanism, and the options each answer scale offers."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ACTIVE = "active", _("active")


class SchemeKind(models.TextChoices):
    GENERAL = "general", _("general")
    #: For commitment review rounds (评诺): the ballot shows each subject's commitments.
    COMMITMENT_REVIEW = "commitment_review", _("commitment review")


class IndicatorSource(models.TextChoices):
    """Where an indicator's figure comes from: ballots, or a record kept elsewhere in the
    system (read when the round is counted, 0–100, weighed into the composite)."""

    BALLOT = "ballot", _("ballots")
    COMMITMENT_FULFILMENT = "commitment_fulfilment", _("commitment fulfilment rate")
    SUPERIOR_REVIEW = "superior_review", _("superior organisation's review of commitments")
    WORK_STYLE = "work_style", _("work style: 100 minus accountability sanctions")
    ACTIVITIES = "activities", _("party activities held against the expected number")
    VANGUARD = "vanguard", _("results of members' vanguard projects")


class Scale(models.TextChoices):
    GRADE4 = "grade4", _("four grades (excellent / good / fair / poor)")
    SATISFACTION3 = "satisfaction3", _("three satisfaction levels")
    SATISFACTION5 = "satisfaction5", _("five satisfaction levels")
    SCORE100 = "score100", _("score from 0 to 100")


#: The options of each scale, best first, as (label); an answer stores the option's index.
SCALE_OPTIONS = {
    Scale.GRADE4: (_("excellent"), _("good"), _("fair"), _("poor")),
    Scale.SATISFACTION3: (_("satisfied"), _("fairly satisfied"), _("dissatisfied")),
    Scale.SATISFACTION5: (
        _("very satisfied"), _("satisfied"), _("fairly satisfied"), _("dissatisfied"), _("very dissatisfied"),
    ),
    Scale.SCORE100: (),
}

#: Points per option unless an indicator sets its own; the 0–100 score is its own points.
DEFAULT_POINTS = {
    Scale.GRADE4: (100, 80, 60, 40),
    Scale.SATISFACTION3: (100, 60, 0),
    Scale.SATISFACTION5: (100, 80, 60, 30, 0),
    Scale.SCORE100: (),
}

SCORE_MAX = 100


class GroupKind(models.TextChoices):
    MEMBERS = "members", _("party members")
    LEADERSHIP = "leadership", _("leadership team")
    PUBLIC = "public", _("the public")
    SERVICE_USERS = "service_users", _("service users")
    OUTSIDE_RATERS = "outside_raters", _("outside raters")


class RoundKind(models.TextChoices):
    DEMOCRATIC = "democratic", _("democratic evaluation")
    SATISFACTION = "satisfaction", _("satisfaction survey")
    CONDUCT = "conduct", _("conduct review")
    COMMITMENT_REVIEW = "commitment_review", _("commitment review")


class RoundState(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")
    RELEASED = "released", _("released")


class TokenStatus(models.TextChoices):
    UNUSED = "unused", _("unused")
    USED = "used", _("used")
    REVOKED = "revoked", _("revoked")
    #: The round closed: used and unused are no longer told apart (counts live in Participation).
    EXPIRED = "expired", _("expired")


class Channel(models.TextChoices):
    TOKEN = "token", _("ballot token")
    PAPER = "paper", _("paper ballots")
    OPEN = "open", _("open survey")


class Grade(models.TextChoices):
    """分类定级: the four grades a ranked subject receives."""

    ADVANCED = "advanced", _("advanced")
    GOOD = "good", _("good")
    FAIR = "fair", _("fair")
    LAGGING = "lagging", _("lagging")


class PaperStatus(models.TextChoices):
    PENDING = "pending", _("awaiting confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class TallyJobState(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("counting")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class TallyStage(models.TextChoices):
    """The steps of a count, in order, as a job's progress names them."""

    FINGERPRINT = "fingerprint", _("fingerprinting the ballot set")
    AGGREGATE = "aggregate", _("counting the answers")
    STORE = "store", _("storing the results")
    RANK = "rank", _("ranking and grading")
