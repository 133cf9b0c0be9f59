"""A Strive for Excellence campaign (创先争优活动): the frame commitments, rounds and
selections belong to. Its stages (mobilise → implement → summarise) come with the
campaign-operations work."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from pacesetter.core.models import TimeStamped

from .enums import CampaignStatus


class Campaign(TimeStamped):
    name = models.CharField(_("name"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.PLANNED, db_index=True
    )
    #: Until this day organisations and members may submit commitments for review.
    pledges_due = models.DateField(_("commitments due by"), null=True, blank=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-year", "-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="campaign_dates_order"),
        ]

    def __str__(self) -> str:
        return self.name
