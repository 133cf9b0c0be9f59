"""Double-lead rural members (双带: 党员带头致富、带领群众共同致富): a rural party member
registered as a double-lead member, the enterprises they run, the households they help, their
yearly figures and the trainings they give.

No ID numbers anywhere: a helped household is named by its head and village only. Money is
in 10,000 yuan (万元), as the county's forms count it."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pacesetter.core.models import TimeStamped

from .enums import EnterpriseKind, HelpKind

MONEY = {"max_digits": 10, "decimal_places": 2}


class DoubleLeadMember(TimeStamped):
    member = models.OneToOneField("orgs.Member", on_delete=models.PROTECT, related_name="double_lead",
                                  verbose_name=_("member"))
    registered_on = models.DateField(_("registered on"))
    active = models.BooleanField(_("active"), default=True, db_index=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("double-lead member")
        verbose_name_plural = _("double-lead members")
        ordering = ["-registered_on", "-id"]

    def __str__(self) -> str:
        return str(self.member)

    def get_absolute_url(self) -> str:
        return reverse("doublelead:member-detail", args=[self.pk])


class Enterprise(TimeStamped):
    """A business the member runs; township and village come from the member's organisation."""

    holder = models.ForeignKey(DoubleLeadMember, on_delete=models.CASCADE, related_name="enterprises")
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=EnterpriseKind.choices)
    industry = models.CharField(_("industry"), max_length=50, db_index=True)
    founded_year = models.PositiveSmallIntegerField(_("founded in"))
    employees = models.PositiveIntegerField(_("employees"), default=0)

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["holder", "name", "id"]

    def __str__(self) -> str:
        return self.name


class HelpedHousehold(TimeStamped):
    holder = models.ForeignKey(DoubleLeadMember, on_delete=models.CASCADE, related_name="households")
    head_name = models.CharField(_("head of household"), max_length=50)
    village = models.CharField(_("village"), max_length=50)
    since_year = models.PositiveSmallIntegerField(_("helped since"))
    help_kind = models.CharField(_("how helped"), max_length=20, choices=HelpKind.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("helped household")
        verbose_name_plural = _("helped households")
        ordering = ["holder", "since_year", "id"]

    def __str__(self) -> str:
        return f"{self.head_name} ({self.village})"


class YearFigures(TimeStamped):
    holder = models.ForeignKey(DoubleLeadMember, on_delete=models.CASCADE, related_name="figures")
    year = models.PositiveSmallIntegerField(_("year"))
    own_income = models.DecimalField(_("own income (10,000 yuan)"), **MONEY)
    helped_income_increase = models.DecimalField(_("income increase of helped households (10,000 yuan)"), **MONEY)
    jobs_created = models.PositiveIntegerField(_("jobs created"))

    class Meta:
        verbose_name = _("year's figures")
        verbose_name_plural = _("year's figures")
        ordering = ["holder", "year"]
        constraints = [
            models.UniqueConstraint(fields=["holder", "year"], name="doublelead_figures_once_a_year"),
            models.CheckConstraint(condition=models.Q(own_income__gte=0, helped_income_increase__gte=0),
                                   name="doublelead_figures_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.holder} · {self.year}"


class Training(TimeStamped):
    holder = models.ForeignKey(DoubleLeadMember, on_delete=models.CASCADE, related_name="trainings")
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    attendees = models.PositiveIntegerField(_("attendees"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["holder", "-held_on", "-id"]

    def __str__(self) -> str:
        return self.title
