"""Selections (评选): a county admin opens a selection of one honour kind for a campaign;
organisations nominate (an organisation or a member) with a statement and evidence; the
nominee's record is snapshotted at nomination and checked against the selection's
eligibility rules; townships and the county review with reasons; the ranked shortlist goes
on public notice, where the public may object; after the notice period the list is final
and the county commends it (pacesetter.honours)."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pacesetter.core.models import StoredUpload, TimeStamped
from pacesetter.linkage.enums import AffiliateKind

from .enums import (
    NominationStatus, NomineeKind, ObjectionState, QuotaBy, ReviewDecision, ReviewLevel, SelectionState,
)


class HonourKind(models.Model):
    """An honour the county gives: the five of the speech (seeded by migration) and those it adds."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=50, unique=True)
    nominee = models.CharField(_("given to"), max_length=12, choices=NomineeKind.choices)
    #: For an honour of affiliate units: only units of this kind (blank: every kind).
    affiliate_kind = models.CharField(_("affiliate kind"), max_length=20, choices=AffiliateKind.choices,
                                      blank=True, default="")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("honour kind")
        verbose_name_plural = _("honour kinds")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Selection(TimeStamped):
    """One selection of one honour kind in a campaign. `rules` holds the eligibility rules as
    data (which rules apply and their thresholds), so every nomination is checked the same way."""

    campaign = models.ForeignKey("campaigns.Campaign", verbose_name=_("campaign"), on_delete=models.PROTECT,
                                 related_name="selections")
    kind = models.ForeignKey(HonourKind, verbose_name=_("honour kind"), on_delete=models.PROTECT,
                             related_name="selections")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=SelectionState.choices,
                             default=SelectionState.DRAFT, db_index=True)
    #: The released evaluation round whose results check eligibility and rank the shortlist.
    round = models.ForeignKey("evaluation.Round", verbose_name=_("evaluation round"), on_delete=models.PROTECT,
                              null=True, blank=True, related_name="+")
    rules = models.JSONField(_("eligibility rules"), default=dict, blank=True)
    quota_by = models.CharField(_("quota"), max_length=10, choices=QuotaBy.choices, default=QuotaBy.COUNTY)
    #: Seats where the quota table names no group (and the whole quota when quota_by is county).
    default_quota = models.PositiveIntegerField(_("seats"), default=1)
    nominations_close_on = models.DateField(_("nominations close on"))
    notice_days = models.PositiveSmallIntegerField(_("notice period (working days)"), default=5)
    notice_starts_on = models.DateField(_("notice starts on"), null=True, blank=True)
    notice_ends_on = models.DateField(_("notice ends on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("selection")
        verbose_name_plural = _("selections")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("selections:selection-detail", args=[self.pk])


class Quota(models.Model):
    """Seats for one township or sector (the value of Organization.township or .sector)."""

    selection = models.ForeignKey(Selection, on_delete=models.CASCADE, related_name="quotas")
    group = models.CharField(_("township or sector"), max_length=50)
    seats = models.PositiveIntegerField(_("seats"))

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["group"]
        constraints = [models.UniqueConstraint(fields=["selection", "group"], name="quota_once_per_group")]

    def __str__(self) -> str:
        return f"{self.group}: {self.seats}"


class Nomination(TimeStamped):
    """An organisation (collective honours), a member (individual honours) or an affiliate
    unit (honours of affiliate units; `organization` is then the party organisation it is
    linked to, which its township, sector and review follow) put forward by
    `nominated_by`. `record` is the nominee's record as it stood when nominated (grade,
    composite and rank in the selection's round, open accountability cases, commitments
    fulfilment, honours, member status…); `eligibility` the result of each rule on it."""

    selection = models.ForeignKey(Selection, on_delete=models.PROTECT, related_name="nominations")
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="nominations")
    member = models.ForeignKey("orgs.Member", verbose_name=_("member"), on_delete=models.PROTECT, null=True,
                               blank=True, related_name="nominations")
    affiliate_unit = models.ForeignKey("linkage.AffiliateUnit", verbose_name=_("affiliate unit"),
                                       on_delete=models.PROTECT, null=True, blank=True, related_name="nominations")
    nominated_by = models.ForeignKey("orgs.Organization", verbose_name=_("nominated by"), on_delete=models.PROTECT,
                                     related_name="+")
    statement = models.TextField(_("deeds"), max_length=8000)
    record = models.JSONField(_("record when nominated"), default=dict)
    eligibility = models.JSONField(_("eligibility check"), default=list)
    eligible = models.BooleanField(_("eligible"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=NominationStatus.choices,
                              default=NominationStatus.SUBMITTED, db_index=True)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=3, null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["selection", "rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["selection", "organization"],
                                    condition=models.Q(member__isnull=True, affiliate_unit__isnull=True),
                                    name="nomination_once_per_organization"),
            models.UniqueConstraint(fields=["selection", "member"], condition=models.Q(member__isnull=False),
                                    name="nomination_once_per_member"),
            models.UniqueConstraint(fields=["selection", "affiliate_unit"],
                                    condition=models.Q(affiliate_unit__isnull=False),
                                    name="nomination_once_per_affiliate_unit"),
            models.CheckConstraint(condition=models.Q(member__isnull=True) | models.Q(affiliate_unit__isnull=True),
                                   name="nomination_member_or_affiliate_unit"),
        ]

    def __str__(self) -> str:
        return self.nominee_name

    @property
    def nominee_name(self) -> str:
        if self.member_id:
            return self.member.name
        if self.affiliate_unit_id:
            return self.affiliate_unit.name
        return self.organization.name

    def get_absolute_url(self) -> str:
        return reverse("selections:nomination-detail", args=[self.pk])


def _evidence_path(instance, filename: str) -> str:
    return f"selections/{instance.nomination.selection_id}/{filename}"


class NominationEvidence(StoredUpload):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10)
    file = models.FileField(_("file"), upload_to=_evidence_path, max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to=_evidence_path, max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("nomination evidence")
        verbose_name_plural = _("nomination evidence")
        ordering = ["id"]


class NominationReview(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="reviews")
    level = models.CharField(_("level"), max_length=10, choices=ReviewLevel.choices)
    decision = models.CharField(_("decision"), max_length=10, choices=ReviewDecision.choices)
    reason = models.TextField(_("reason"), max_length=2000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("nomination review")
        verbose_name_plural = _("nomination reviews")
        ordering = ["at", "id"]


class Objection(models.Model):
    """An objection from the public during the notice period. No address is stored: limits
    are counted by core.ratelimit under a keyed hash. Name and contact are optional."""

    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="objections")
    text = models.TextField(_("objection"), max_length=4000)
    name = models.CharField(_("name"), max_length=50, blank=True)
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=ObjectionState.choices,
                             default=ObjectionState.RECEIVED, db_index=True)
    answer = models.TextField(_("finding"), max_length=4000, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["created_at", "id"]
