"""Schemes, rounds, tokens and secret ballots.

Secrecy (DESIGN.md, docs/threat-model.md): a `BallotToken` records only that someone of a
subject's voter group may vote / has voted; a `Ballot` records what was voted and has no
column that leads back to a token, a user, an address or a time. Ballot ids are random
63-bit numbers, not a sequence.

Answer storage is chosen for the tally. One narrow `Answer` row per ballot and indicator
carries its own round, subject, group and indicator ids, the option chosen and its points
(small integers), so a tally never joins `Ballot`. The composite primary key (ballot,
indicator) makes "one answer per indicator" a constraint without a serial id (a serial
would record insertion order and cost 8 bytes and an index on tens of millions of rows).
`answer_tally_idx` leads with (round, subject, group) and holds every column a tally
reads, so a per-subject pivot (`sum(points) FILTER (WHERE indicator_id = i)`, one output
row per subject and group) runs as an index-only scan in subject order, with no sort and
no heap access once the table is vacuumed; a GROUP BY over (subject, indicator) would
have to sort or hash ten times as many groups. Storing answers as one JSON column per
ballot instead would make every tally parse JSON in Python or per row in SQL, the slow
path the issue's benchmark rules out.
"""
from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pacesetter.orgs.enums import Sector
from pacesetter.orgs.models import Member, Organization

from .enums import (
    SCALE_OPTIONS,
    Channel,
    Grade,
    GroupKind,
    IndicatorSource,
    PaperStatus,
    RoundKind,
    RoundState,
    Scale,
    SchemeKind,
    SchemeStatus,
    TallyJobState,
    TallyStage,
    TokenStatus,
)
from .fields import JSONTextField
from .validators import effective_points


class Scheme(models.Model):
    """What is asked (indicators) and who answers with what weight (voter groups)."""

    name = models.CharField(_("name"), max_length=100)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SchemeKind.choices, default=SchemeKind.GENERAL)
    status = models.CharField(_("status"), max_length=10, choices=SchemeStatus.choices, default=SchemeStatus.DRAFT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation scheme")
        verbose_name_plural = _("evaluation schemes")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField(_("order"))
    question = models.CharField(_("question"), max_length=300)
    scale = models.CharField(_("scale"), max_length=20, choices=Scale.choices)
    points = models.JSONField(_("points per option"), default=list, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight (%)"))
    #: Ballots answer the indicator, or it is a figure (0–100) read from a record at the count.
    source = models.CharField(
        _("source"), max_length=30, choices=IndicatorSource.choices, default=IndicatorSource.BALLOT
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["scheme", "order"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "order"], name="indicator_scheme_order_uniq"),
            models.CheckConstraint(condition=models.Q(weight__gte=1, weight__lte=100), name="indicator_weight_range"),
        ]

    def __str__(self) -> str:
        return self.question

    @property
    def option_labels(self) -> tuple:
        return SCALE_OPTIONS[Scale(self.scale)]

    @property
    def option_points(self) -> tuple[int, ...]:
        return effective_points(self.scale, self.points)


class VoterGroup(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="groups")
    kind = models.CharField(_("voter group"), max_length=20, choices=GroupKind.choices)
    weight = models.PositiveSmallIntegerField(_("weight (%)"))

    class Meta:
        verbose_name = _("voter group")
        verbose_name_plural = _("voter groups")
        ordering = ["scheme", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "kind"], name="votergroup_scheme_kind_uniq"),
            models.CheckConstraint(condition=models.Q(weight__gte=1, weight__lte=100), name="votergroup_weight_range"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Round(models.Model):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=RoundKind.choices)
    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("campaign"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="rounds",
    )
    scheme = models.ForeignKey(Scheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="rounds")
    state = models.CharField(_("state"), max_length=10, choices=RoundState.choices, default=RoundState.DRAFT)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    allow_open_channel = models.BooleanField(_("allow open survey ballots"), default=False)
    min_n = models.PositiveIntegerField(_("minimum ballots per subject"), default=5)
    dissatisfied_flag_share = models.DecimalField(
        _("dissatisfied share that flags a subject"), max_digits=4, decimal_places=3, default="0.333"
    )
    #: Grading rules (分类定级); empty means the defaults of `ranking.DEFAULT_GRADING`.
    grading = models.JSONField(_("grading rules"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")), name="round_window_order"),
            models.CheckConstraint(
                condition=models.Q(dissatisfied_flag_share__gt=0, dissatisfied_flag_share__lte=1),
                name="round_flag_share_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


def new_open_key() -> str:
    """The key in a subject's open-survey poster URL (/s/<key>): unguessable, so a poster
    of one subject does not lead to the others."""
    return secrets.token_urlsafe(12)


class RoundSubject(models.Model):
    """What is evaluated in a round: an organisation, or a named person of one (a branch
    secretary). Visible to whoever sees the organisation."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="subjects")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="evaluation_subjects")
    member = models.ForeignKey(
        Member, verbose_name=_("person"), on_delete=models.PROTECT, related_name="evaluation_subjects",
        null=True, blank=True,
    )
    role_title = models.CharField(_("post"), max_length=50, blank=True)
    open_key = models.CharField(max_length=24, unique=True, default=new_open_key, editable=False)

    class Meta:
        verbose_name = _("round subject")
        verbose_name_plural = _("round subjects")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organization"], condition=models.Q(member__isnull=True), name="roundsubject_uniq"
            ),
            models.UniqueConstraint(
                fields=["round", "member"], condition=models.Q(member__isnull=False), name="roundsubject_person_uniq"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The organisation's name, or "name (post, organisation)" for a person."""
        if self.member_id is None:
            return str(self.organization.name)
        post = f"{self.role_title}, " if self.role_title else ""
        return f"{self.member.name} ({post}{self.organization.name})"


class RoundGroup(models.Model):
    """A voter group taking part in a round, with the ballots it is expected to cast per subject."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="round_groups")
    voter_group = models.ForeignKey(VoterGroup, on_delete=models.PROTECT, related_name="+")
    expected = models.PositiveIntegerField(_("expected ballots per subject"), default=0)

    class Meta:
        verbose_name = _("round voter group")
        verbose_name_plural = _("round voter groups")
        constraints = [models.UniqueConstraint(fields=["round", "voter_group"], name="roundgroup_uniq")]

    def __str__(self) -> str:
        return str(self.voter_group)


class BallotToken(models.Model):
    """Who may vote: one row per token, keyed by an HMAC of it. No time of use is kept."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    subject = models.ForeignKey(RoundSubject, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(RoundGroup, on_delete=models.CASCADE, related_name="+")
    key_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=TokenStatus.choices, default=TokenStatus.UNUSED)

    class Meta:
        verbose_name = _("ballot token")
        verbose_name_plural = _("ballot tokens")
        indexes = [models.Index(fields=["subject", "group", "status"], name="token_subject_group_idx")]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.subject_id}/{self.group_id}"


class Participation(models.Model):
    """What is left of the tokens once a round closes: counts only."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participation")
    subject = models.ForeignKey(RoundSubject, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(RoundGroup, on_delete=models.CASCADE, related_name="+")
    issued = models.PositiveIntegerField(default=0)
    used = models.PositiveIntegerField(default=0)
    revoked = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participation")
        constraints = [models.UniqueConstraint(fields=["subject", "group"], name="participation_uniq")]


class Ballot(models.Model):
    """What one voter voted. Random id; nothing that leads to a token, voter, address or time."""

    id = models.BigIntegerField(primary_key=True)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    subject = models.ForeignKey(RoundSubject, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(RoundGroup, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.TOKEN)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        indexes = [models.Index(fields=["round", "channel", "subject"], name="ballot_round_channel_idx")]


class Answer(models.Model):
    """One answer of a ballot; see the module docstring for why it is laid out this way."""

    pk = models.CompositePrimaryKey("ballot", "indicator")
    # A fact table written only by cast_ballot and close_round, tens of millions of rows: no
    # foreign-key constraints in the database (each costs an index probe per answer when a
    # ballot is cast, and again for every answer when the round closes and ballots are
    # copied: 60,000 ballots closed in 16 s with them, 5 s without, on PostgreSQL here).
    # The ballot row's own constraints vouch for round, subject and group; the scheme lock
    # keeps indicators that have answers. The primary key's index serves the ballot, and
    # nothing looks answers up by indicator alone.
    ballot = models.ForeignKey(
        Ballot, on_delete=models.CASCADE, related_name="answers", db_index=False, db_constraint=False
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False)
    subject = models.ForeignKey(
        RoundSubject, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    group = models.ForeignKey(RoundGroup, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False)
    option = models.SmallIntegerField()
    points = models.SmallIntegerField()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [
            models.Index(
                fields=["round", "subject", "group", "indicator", "option", "points"], name="answer_tally_idx"
            )
        ]


class TallyResult(models.Model):
    """The stored outcome of one count of a closed round; a recount replaces it whole.

    Result pages read these rows, never ballots. `fingerprint` is the ballot-set hash
    (queries.ballot_fingerprint) at the time of the count, published so that a recount
    with the same fingerprint shows that nothing changed in between.
    """

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="tally")
    fingerprint = models.CharField(_("ballot fingerprint"), max_length=64)
    ballots = models.PositiveIntegerField(_("ballots"))
    answers = models.PositiveIntegerField(_("answers"))
    tallied_at = models.DateTimeField(_("tallied"), auto_now_add=True)

    class Meta:
        verbose_name = _("tally result")
        verbose_name_plural = _("tally results")

    def __str__(self) -> str:
        return f"{self.round} ({self.fingerprint[:12]})"


class SubjectResult(models.Model):
    """One subject's composite score, flags, ranks and grade.

    `n` and `composite` count the trusted channels (token and confirmed paper ballots);
    open-survey ballots are counted apart (`open_n`, `open_composite`) and shown as less
    trusted. `composite` is None when it has no trusted ballots. Ranks are None for a
    subject that is not ranked (insufficient sample); ties share a rank.
    """

    # Written in bulk by the tally (100,000 rows for a province), read by (tally, subject):
    # the unique constraint's index serves both, so no index or database constraint per key
    # (each costs a probe per row stored; on PostgreSQL deferred checks alone took ~30 s at
    # province scale). The tally writes ids it has just read from the round.
    tally = models.ForeignKey(
        TallyResult, on_delete=models.CASCADE, related_name="subjects", db_index=False, db_constraint=False
    )
    subject = models.ForeignKey(
        RoundSubject, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    n = models.PositiveIntegerField(_("ballots"))
    composite = models.FloatField(_("composite score"), null=True)
    dissatisfied_share = models.FloatField(_("dissatisfied share"), null=True)
    insufficient_sample = models.BooleanField(_("insufficient sample"))
    dissatisfied_flag = models.BooleanField(_("flagged for dissatisfaction"))
    open_n = models.PositiveIntegerField(_("open-survey ballots"), default=0)
    open_composite = models.FloatField(_("open-survey composite score"), null=True)
    #: Figures of the scheme's record indicators, indicator id (as text) → 0–100 or null;
    #: null for a scheme without record indicators.
    record_values = models.JSONField(_("figures from records"), null=True, blank=True)
    peer_group = models.CharField(_("peer group"), max_length=60, blank=True)
    rank_peer = models.PositiveIntegerField(_("rank in peer group"), null=True)
    peer_size = models.PositiveIntegerField(_("ranked in peer group"), null=True)
    rank_county = models.PositiveIntegerField(_("rank county-wide"), null=True)
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices, blank=True)

    class Meta:
        verbose_name = _("subject result")
        verbose_name_plural = _("subject results")
        constraints = [models.UniqueConstraint(fields=["tally", "subject"], name="subjectresult_uniq")]


class SubjectCells(models.Model):
    """One subject's indicator cells of a count, packed into one row.

    A cell is one indicator as one voter group answered it, in the trusted channels (token
    and paper ballots) or in the open survey, counted apart. `cells` lists them as
    `[group id, indicator id, open survey (0 or 1), answers, sum of points, answers per
    option best first (empty for the 0–100 score)]`, trusted cells first, then by voter
    group id and indicator order. Mean points, the good share (the two best options) with
    its 95 % Wilson interval and the dissatisfied share (the worst option) follow from those
    figures when read (`results.subject_cells`). `good` and `optioned` are the subject's
    trusted answers on option scales in the two best options and in all, from which list
    pages take the pooled good share without opening `cells`.

    One row per subject, not per cell: at ~8 µs a stored row, a county's 60,000 cells took
    half of its count, 3,000 rows take a few milliseconds.
    """

    # As SubjectResult: the unique constraint's index (tally, subject) serves every read.
    tally = models.ForeignKey(
        TallyResult, on_delete=models.CASCADE, related_name="cells", db_index=False, db_constraint=False
    )
    subject = models.ForeignKey(
        RoundSubject, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    good = models.PositiveIntegerField(_("trusted answers in the two best options"))
    optioned = models.PositiveIntegerField(_("trusted answers on option scales"))
    #: `json`, not `jsonb`, on PostgreSQL: written in bulk, read whole, never queried in SQL.
    cells = JSONTextField(_("indicator cells"), default=list)

    class Meta:
        verbose_name = _("indicator results of a subject")
        verbose_name_plural = _("indicator results of subjects")
        constraints = [models.UniqueConstraint(fields=["tally", "subject"], name="subjectcells_uniq")]


class BallotSetSeal(models.Model):
    """The fingerprint of a round's ballot set (`queries.ballot_fingerprint`), taken when the
    set is fixed: by `close_round`, and by a count that found the set changed.

    `figures` is the digest of what a count read from the ballots (`tally.figures_digest`),
    filled in by the first count after the seal. A recount whose own figures give the same
    digest publishes the sealed fingerprint instead of reading every answer again by
    ballot; any other count fingerprints the ballots afresh and seals them anew. Paper
    ballots confirmed after the close delete the seal. See docs/threat-model.md.
    """

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="ballot_seal")
    fingerprint = models.CharField(_("ballot fingerprint"), max_length=64)
    ballots = models.PositiveIntegerField(_("ballots"))
    figures = models.CharField(_("digest of the counted figures"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("ballot-set seal")
        verbose_name_plural = _("ballot-set seals")

    def __str__(self) -> str:
        return f"{self.round_id} ({self.fingerprint[:12]})"


class PaperCount(models.Model):
    """Paper ballots of a meeting, entered as counts per option by one admin and confirmed by
    another. Confirmation turns them into ballots of the paper channel (`domain.paper`).

    `counts` maps an indicator id (as a string) to the number of ballots per option, best
    first; a 0–100 score indicator maps to the list of the scores written on the ballots.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="paper_counts")
    subject = models.ForeignKey(RoundSubject, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(RoundGroup, on_delete=models.CASCADE, related_name="+")
    ballots = models.PositiveIntegerField(_("paper ballots"))
    counts = models.JSONField(_("counts per option"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=PaperStatus.choices, default=PaperStatus.PENDING)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed or rejected by"), on_delete=models.PROTECT,
        related_name="+", null=True, blank=True,
    )
    decided_at = models.DateTimeField(_("confirmed or rejected"), null=True, blank=True)

    class Meta:
        verbose_name = _("paper ballot count")
        verbose_name_plural = _("paper ballot counts")
        ordering = ["-entered_at", "-id"]

    def __str__(self) -> str:
        return f"{self.subject} / {self.group}: {self.ballots}"


class OpenLimit(models.Model):
    """How many open-survey ballots one address or one device has cast for a subject.

    `key_hash` is an HMAC of "ip:<address>" or "device:<cookie id>", never the address
    itself; there is no time and no link to a ballot. The rows go when the round closes.
    """

    subject = models.ForeignKey(RoundSubject, on_delete=models.CASCADE, related_name="+")
    key_hash = models.CharField(max_length=64)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("open-survey limit")
        verbose_name_plural = _("open-survey limits")
        constraints = [models.UniqueConstraint(fields=["subject", "key_hash"], name="openlimit_uniq")]


class TallyJob(models.Model):
    """One count of a round asked for by a county admin: run at once for a small round, by the
    background worker (`manage.py db_worker`) for a big one.

    The tally page polls `state`, `stage` and `progress` (0–100). A job that is queued or
    running blocks another for the same round (the database says so); `message` holds why a
    job failed.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="tally_jobs")
    state = models.CharField(_("state"), max_length=10, choices=TallyJobState.choices, default=TallyJobState.QUEUED)
    stage = models.CharField(_("step"), max_length=20, choices=TallyStage.choices, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    background = models.BooleanField(_("in the background"), default=False)
    message = models.CharField(_("message"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.SET_NULL, related_name="+",
        null=True, blank=True,
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Written every few seconds while the count runs (PostgreSQL); silent for JOB_HEARTBEAT_TIMEOUT: interrupted.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)

    class Meta:
        verbose_name = _("tally job")
        verbose_name_plural = _("tally jobs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="tallyjob_progress_range"),
            models.UniqueConstraint(
                fields=["round"], condition=models.Q(state__in=["queued", "running"]), name="tallyjob_one_active"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} ({self.get_state_display()})"

    @property
    def active(self) -> bool:
        return self.state in (TallyJobState.QUEUED, TallyJobState.RUNNING)

    @property
    def interrupted(self) -> bool:
        """Running without a sign of life: the worker died (the count rolled back with it)."""
        from .tasks import is_interrupted

        return is_interrupted(self)
